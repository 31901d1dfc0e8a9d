"""Omnivore's export zip: ``metadata_*.json`` (one object per saved article: slug, title,
author, url, labels, savedAt), ``content/<slug>.html`` (the saved page) and
``highlights/<slug>.md`` (its highlights as Markdown quotes, each note the paragraphs after
its quote). Highlights carry no positions, ids or colours: the quote is placed in the saved
content."""

from __future__ import annotations

import json
import re
from typing import Any

from tui.core.imports.archive import Archive
from tui.core.imports.record import ImportFileError, Parsed, Record, parse_iso

FORMAT = "omnivore"
# Omnivore ends a quote with a link back to it: ' [⤴️](https://omnivore.app/me/slug#id)'.
_BACKLINK = re.compile(r"\s*\[[^\]]*\]\(https?://omnivore\.app/[^)]*\)\s*$")


def parse(archive: Archive) -> Parsed:
    """Every article in the metadata, its saved page, and its highlights."""
    metadata = [n for n in archive.names() if re.fullmatch(r"(?:.*/)?metadata_[^/]*\.json", n)]
    if not metadata:
        raise ImportFileError(f"{FORMAT}: no metadata_*.json in the export")
    by_slug: dict[tuple[str, str], str] = {}
    for name in archive.names():
        folder, _, base = name.rpartition("/")
        if folder.endswith("content") and base.endswith(".html"):
            by_slug.setdefault(("content", base[: -len(".html")]), name)
        if folder.endswith("highlights") and base.endswith(".md"):
            by_slug.setdefault(("highlights", base[: -len(".md")]), name)
    records: list[Record] = []
    pages: dict[str, str] = {}
    for name in metadata:
        for n, item in enumerate(_items(archive.read(name), name), start=1):
            records += _article(item, f"{name}: item {n}", archive, by_slug, pages)
    return Parsed(FORMAT, tuple(records), pages)


def _items(data: bytes, name: str) -> list[Any]:
    try:
        items = json.loads(data)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise ImportFileError(f"{FORMAT}: {name}: not JSON") from None
    if not isinstance(items, list):
        raise ImportFileError(f"{FORMAT}: {name}: expected a list of articles")
    return items


def _article(
    item: Any, where: str, archive: Archive, by_slug: dict[tuple[str, str], str],
    pages: dict[str, str],
) -> list[Record]:
    if not isinstance(item, dict) or not isinstance(item.get("url"), str):
        raise ImportFileError(f"{FORMAT}: {where}: no 'url'")
    slug = str(item["slug"]) if isinstance(item.get("slug"), str) else ""
    labels = item.get("labels") if isinstance(item.get("labels"), list) else []
    assert isinstance(labels, list)
    tags = [label.get("name") if isinstance(label, dict) else label for label in labels]
    common: dict[str, Any] = dict(
        url=item["url"], title=item.get("title", ""), author=item.get("author"),
        site=item.get("siteName"), tags=tags,
    )
    article = Record.of(FORMAT, record_id=slug, created=parse_iso(item.get("savedAt")), **common)
    if article.url is None:
        raise ImportFileError(f"{FORMAT}: {where}: not an http(s) URL: {item['url'][:80]!r}")
    content = by_slug.get(("content", slug))
    if content:
        pages[article.url] = archive.read(content).decode("utf-8", "replace")
    notes = by_slug.get(("highlights", slug))
    quotes = _quotes(archive.read(notes).decode("utf-8", "replace")) if notes else []
    if not quotes:
        return [article]
    return [
        Record.of(FORMAT, record_id=f"{slug}\n{quote}", quote=quote, note=note,
                  created=parse_iso(item.get("updatedAt") or item.get("savedAt")), **common)
        for quote, note in quotes
    ]


def _quotes(markdown: str) -> list[tuple[str, str]]:
    """(quote, note) pairs: each run of '> ' lines is a quote; the paragraphs after it, up
    to the next quote, its note."""
    out: list[tuple[list[str], list[str]]] = []
    in_quote = False
    for line in markdown.replace("\r\n", "\n").split("\n"):
        if line.startswith(">"):
            text = line[1:].removeprefix(" ")
            if not in_quote:
                out.append(([], []))
                in_quote = True
            out[-1][0].append(text)
        else:
            in_quote = False
            if out:
                out[-1][1].append(line)
    pairs = []
    for quote_lines, note_lines in out:
        quote = _BACKLINK.sub("", "\n".join(quote_lines)).strip()
        if quote:
            pairs.append((quote, "\n".join(note_lines).strip()))
    return pairs


def looks_like(names: list[str]) -> bool:
    """Whether a zip's member names are an Omnivore export's."""
    return any(re.fullmatch(r"(?:.*/)?metadata_[^/]*\.json", n) for n in names)
