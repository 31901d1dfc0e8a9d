"""The meaning of a query, record by record: a plain scan of highlights and articles.

This is the reference the index's answers are held to (tests), and how Gloss searches
where SQLite has no FTS5. It reads every record, so it is for small notebooks and checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from tui.core.folding import fold
from tui.core.search.parse import Query, Term, words
from tui.core.search.text import host_of

if TYPE_CHECKING:
    from tui.core.model import Highlight, SavedArticle


def _text_ok(q: Query, columns: list[list[str]]) -> bool:
    def found(term: Term) -> bool:
        return any(term.found_in(c) for c in columns)

    return all(found(t) for t in q.terms) and not any(found(t) for t in q.excluded)


def _place_ok(q: Query, record: SavedArticle | None, day: str) -> bool:
    if q.sites or q.authors:
        if record is None:
            return False
        site = fold(f"{record.site_name or ''} {host_of(record)}".strip())
        author = fold(record.byline or "")
        if not all(s in site for s in q.sites) or not all(a in author for a in q.authors):
            return False
    if q.after and not day >= q.after:
        return False
    return not (q.before and not day < q.before)


def is_orphan(h: Highlight, record: SavedArticle | None) -> bool:
    """Whether the highlight is known to be orphaned in its article's saved text."""
    from tui.core.anchor import QuoteStatus, state_of  # only is:orphan needs anchoring

    if record is None:
        return False
    state = state_of(h, record.text_hash)
    return state is not None and state.status is QuoteStatus.ORPHAN


def highlight_matches(q: Query, h: Highlight, record: SavedArticle | None) -> bool:
    """Whether highlight ``h`` (of article ``record``) answers ``q``."""
    if not q.wants_highlights:
        return False
    if q.needs_note and not h.note:
        return False
    if any(t not in h.tags for t in q.tags):
        return False
    if not _place_ok(q, record, h.created):
        return False
    if q.orphan and not is_orphan(h, record):
        return False
    fields = {"quote": h.quote, "note": h.note, "tags": " ".join(h.tags)}
    return _text_ok(q, [words(fields[c]) for c in q.highlight_columns])


def article_matches(q: Query, record: SavedArticle, body: str) -> bool:
    """Whether article ``record`` (its saved text ``body``) answers ``q``."""
    if not q.wants_articles or not _place_ok(q, record, record.saved):
        return False
    site = f"{record.site_name or ''} {host_of(record)}"
    columns = [record.title, record.byline or "", site, body]
    return _text_ok(q, [words(c) for c in columns])


def scan(
    q: Query,
    highlights: Iterable[Highlight],
    articles: Mapping[str, SavedArticle],
    body: Callable[[SavedArticle], str],
) -> set[tuple[str, str]]:
    """(kind, id) of everything answering ``q``: kind "highlight" or "article"."""
    out = {("highlight", h.id) for h in highlights
           if highlight_matches(q, h, articles.get(h.article_id))}
    if q.wants_articles:
        out |= {("article", a.id) for a in articles.values() if article_matches(q, a, body(a))}
    return out
