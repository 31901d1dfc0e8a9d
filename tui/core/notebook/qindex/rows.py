"""Notebook records as index rows: what is stored of each, and its folded, searchable text."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from tui.core.folding import fold
from tui.core.model import Highlight, SavedArticle
from tui.core.notebook.files import ArticleVersion, article_doc


def highlight_doc(h: Highlight) -> str:
    """The stored form of ``h``, as its shard holds it."""
    return json.dumps(h.to_dict(), ensure_ascii=False, separators=(",", ":"))


def highlight_row(h: Highlight) -> tuple[Any, ...]:
    """(id, article_id, created, updated, color, start, doc) of the highlights table."""
    return (
        h.id, h.article_id, h.created, h.updated, h.color, h.target.position.start,
        highlight_doc(h),
    )


def highlight_text(h: Highlight) -> tuple[str, str, str]:
    """(quote, note, tags), folded: the FTS columns, and what `notebook search` looks in."""
    return fold(h.quote), fold(h.note), fold(" ".join(h.tags))


def host(record: SavedArticle) -> str:
    """The host name of the article's address ("" for none)."""
    url = record.canonical_url or record.url or ""
    try:
        return (urlsplit(url).hostname or "") if url.startswith(("http:", "https:")) else ""
    except ValueError:
        return ""


def site_key(record: SavedArticle) -> str:
    """What ``site:`` looks in: the site's name and the address's host, folded."""
    return fold(f"{record.site_name or ''} {host(record)}".strip())


def author_key(record: SavedArticle) -> str:
    """What ``author:`` looks in: the byline, folded."""
    return fold(record.byline or "")


def article_row(record: SavedArticle, versions: tuple[ArticleVersion, ...]) -> tuple[Any, ...]:
    """(id, saved, title_key, site_key, author_key, snapshot, doc) of the articles table."""
    doc = json.dumps(article_doc(record, versions), ensure_ascii=False, separators=(",", ":"))
    return (
        record.id, record.saved, fold(record.title), site_key(record), author_key(record),
        record.snapshot, doc,
    )


def article_text(record: SavedArticle, body: str) -> tuple[str, str, str, str]:
    """(title, author, site, body), folded: the article FTS columns."""
    return fold(record.title), author_key(record), site_key(record), fold(body)
