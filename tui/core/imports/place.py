"""From records to what the notebook will hold: articles (with a body where the export
kept the page or the notebook has it), and highlights placed in that body.

Each quote is placed with Gloss's own anchoring (whitespace and typography ignored, then an
approximate match). A quote whose words are found is stored like one highlighted in the
reader; one found only approximately keeps the imported words and records where it sits;
one not found is an orphan, kept with its words and listed, never dropped. A book, and a web
article whose page is not here yet ("not fetched"), keeps its quotes unplaced: they are
placed when the page is fetched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from tui.core.anchor import Anchor, describe, normalize, placement, reanchor
from tui.core.errors import GlossError
from tui.core.extract import extract
from tui.core.imports.record import Parsed, Record, book_id
from tui.core.model import (
    AnchorStatus,
    Article,
    Highlight,
    SavedArticle,
    Target,
    TextPosition,
    TextQuote,
    article_id_for,
    same_words,
)
from tui.core.text import EPOCH, clean_highlight, clean_saved_article

# Outcomes of one quote.
EXACT, FUZZY, ORPHAN, BOOK, NOT_FETCHED, DUPLICATE = (
    "exact", "fuzzy", "orphan", "book", "not fetched", "duplicate",
)


@dataclass(frozen=True, slots=True)
class Placed:
    """One imported quote and what became of it."""

    record: Record
    highlight: Highlight
    outcome: str


@dataclass(slots=True)
class Plan:
    """What an import would add: new article records, bodies to save, new highlights."""

    format: str
    records: list[SavedArticle] = field(default_factory=list)
    bodies: list[Article] = field(default_factory=list)
    placed: list[Placed] = field(default_factory=list)
    articles_added: int = 0  # new articles, with a body or not
    pages_added: int = 0  # saved pages given to articles the notebook had without one
    articles_known: int = 0  # articles of the file the notebook had already
    failed: list[tuple[str, str]] = field(default_factory=list)  # (what, why)
    to_fetch: list[tuple[str, str]] = field(default_factory=list)  # (article id, url)

    @property
    def highlights(self) -> list[Highlight]:
        """The new highlights (duplicates left out)."""
        return [p.highlight for p in self.placed if p.outcome != DUPLICATE]

    def count(self, outcome: str) -> int:
        """How many quotes had ``outcome``."""
        return sum(1 for p in self.placed if p.outcome == outcome)

    def summary(self) -> dict[str, Any]:
        """The counts the report shows (and ``--json`` prints)."""
        return {
            "format": self.format,
            "articles_added": self.articles_added,
            "articles_already_saved": self.articles_known,
            "pages_added": self.pages_added,
            "highlights_added": len(self.highlights),
            "placed_exactly": self.count(EXACT),
            "placed_fuzzily": self.count(FUZZY),
            "orphaned": self.count(ORPHAN),
            "in_books": self.count(BOOK),
            "waiting_for_page": self.count(NOT_FETCHED),
            "duplicates_skipped": self.count(DUPLICATE),
            "failed": [{"what": what, "reason": why} for what, why in self.failed],
        }


# What the notebook is asked while planning: an article record by id, its saved text (None
# when it has none), and whether a highlight id is taken.
ArticleLookup = Callable[[str], SavedArticle | None]
TextLookup = Callable[[str], Article | None]
HighlightLookup = Callable[[str], bool]


def plan(
    parsed: Parsed,
    *,
    article: ArticleLookup,
    saved_text: TextLookup,
    has_highlight: HighlightLookup,
) -> Plan:
    """Plan the import of ``parsed`` into a notebook seen through the three lookups."""
    out = Plan(parsed.format)
    groups: dict[str, list[Record]] = {}
    for record in parsed.records:
        groups.setdefault(record.article_key, []).append(record)
    seen: set[str] = set()
    for records in groups.values():
        first = records[0]
        body: Article | None = None
        if first.book or not first.url:
            article_id = book_id(first.title, first.author)
        else:
            article_id = article_id_for(Article(title="", blocks=(), url=first.url))
        known = article(article_id)
        if known is not None and known.snapshot:
            body = saved_text(article_id)
        elif first.url and first.url in parsed.pages:
            try:
                body = with_id(extract(parsed.pages[first.url], first.url), article_id)
            except GlossError as exc:  # a saved page is data: one without an article is listed
                out.failed.append((first.url, f"its saved page could not be read: {exc}"))
            if body is not None:
                out.bodies.append(body)
                out.pages_added += known is not None
        if known is None and body is None:
            out.records.append(_record(article_id, first, parsed.format))
        out.articles_added += known is None
        out.articles_known += known is not None
        if body is None and known is None and first.url and not first.book:
            out.to_fetch.append((article_id, first.url))
        elif body is None and known is not None and not known.snapshot and known.url:
            out.to_fetch.append((article_id, known.url))
        for record in records:
            if record.quote:
                out.placed.append(_place(record, article_id, body, has_highlight, seen))
            elif record.note:  # a page note (Hypothesis): listed, so it is not lost unseen
                out.failed.append((
                    record.url or record.title,
                    f"a note on the whole page, not on a quote: {record.note[:60]!r}",
                ))
    return out


def with_id(article: Article, article_id: str) -> Article:
    """``article`` saved under ``article_id``: a canonical URL that names another address
    would save it apart from its highlights, so it gives way to the URL they were made on."""
    if article_id_for(article) == article_id:
        return article
    return replace(article, canonical_url=None)


def _record(article_id: str, record: Record, source: str) -> SavedArticle:
    saved = SavedArticle(
        id=article_id,
        title=record.title or record.url or article_id,
        url=None if record.book else record.url,
        byline=record.author,
        site_name=record.site,
        saved=record.created or EPOCH,
        imported_from=source,
    )
    return clean_saved_article(saved, allow_file=False)


def _place(
    record: Record,
    article_id: str,
    body: Article | None,
    has_highlight: HighlightLookup,
    seen: set[str],
) -> Placed:
    quote = record.quote
    target = Target(TextQuote(quote, record.prefix, record.suffix), TextPosition(0, len(quote)), "")
    base = Highlight(
        article_id=article_id,
        target=target,
        tags=record.tags,
        note=record.note,
        color=record.color,
        id=record.highlight_id,
        created=record.created or EPOCH,
        location=record.location,
    )
    if base.id in seen or has_highlight(base.id):
        return Placed(record, base, DUPLICATE)
    seen.add(base.id)
    if body is None:
        return Placed(record, clean_highlight(base), BOOK if record.book else NOT_FETCHED)
    return place_in(record, base, body)


def place_in(record: Record, base: Highlight, body: Article) -> Placed:
    """``base`` placed in ``body``: exact, fuzzy (the imported words kept), or an orphan."""
    highlight, outcome = place_highlight(base, body)
    return Placed(record, highlight, outcome)


def place_highlight(base: Highlight, body: Article) -> tuple[Highlight, str]:
    """An imported highlight placed in ``body``, and the outcome. The same words (whitespace
    aside) become a target in this text, as if highlighted here; other typography or an
    approximate match keep the imported words with a placement beside them; not found: an
    orphan, kept with its words."""
    text, digest = body.text, body.text_hash
    quote = base.target.quote
    if quote.prefix or quote.suffix:  # context kept (Hypothesis): the full anchoring
        anchor = reanchor(base.target, text, text_hash=digest)
    else:
        anchor = _without_context(base.quote, text)
    found = anchor.status in (AnchorStatus.EXACT, AnchorStatus.MOVED)  # the same words
    if found and same_words(text[anchor.start : anchor.end], base.quote):
        exact = replace(base, target=describe(text, anchor.start, anchor.end), placement=None)
        return clean_highlight(exact), EXACT
    placed = replace(base, placement=placement(base, anchor, text, digest))
    # Same words in other typography count as exact; the page's wording is kept beside.
    outcome = EXACT if found else FUZZY if anchor.attached else ORPHAN
    return clean_highlight(placed), outcome


# An imported quote usually comes without its context. Gloss's re-anchoring reads a missing
# prefix as "at the start of the text" and scores every other place down for it, so a quote
# with one word changed is lost. Its fuzzy search, and find_quote's regex (compiled anew for
# each quote), are also the slow part of placing thousands of quotes: without context, the
# quote alone decides, by rapidfuzz's best partial alignment (C++), accepted when at most
# this share of it differs.
_LONE_QUOTE_MIN_SCORE = 85.0
_LONE_QUOTE_MIN_CHARS = 16


def _without_context(quote: str, text: str) -> Anchor:
    """Where a quote with no context sits in ``text``: its very words (first occurrence),
    else its closest alignment if close enough, which is the same words when only spacing
    and typography differ (as anchoring compares them), else approximate; else nowhere."""
    at = text.find(quote)
    if at >= 0:
        return Anchor(at, at + len(quote), AnchorStatus.EXACT)
    if len(quote) < _LONE_QUOTE_MIN_CHARS:
        return Anchor(-1, -1, AnchorStatus.ORPHAN, 0.0)
    from rapidfuzz import fuzz

    found = fuzz.partial_ratio_alignment(quote, text, score_cutoff=_LONE_QUOTE_MIN_SCORE)
    if found is not None:
        start, end = _word_edges(text, found.dest_start, found.dest_end, quote)
        if end > start:
            if _compared(text[start:end]) == _compared(quote):
                return Anchor(start, end, AnchorStatus.MOVED)
            return Anchor(start, end, AnchorStatus.FUZZY, round(found.score / 100, 4))
    return Anchor(-1, -1, AnchorStatus.ORPHAN, 0.0)


def _compared(text: str) -> str:
    """``text`` as anchoring compares it (typography normalised), without any spaces."""
    return "".join(normalize(text).split())


def _word_edges(text: str, start: int, end: int, quote: str) -> tuple[int, int]:
    """``start:end`` widened to whole words (an alignment can cut one), without the spaces
    and punctuation around it that the quote does not have at its ends."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and (text[start].isspace() or (
        not text[start].isalnum() and quote[:1].isalnum()
    )):
        start += 1
    while end > start and (text[end - 1].isspace() or (
        not text[end - 1].isalnum() and quote[-1:].isalnum()
    )):
        end -= 1
    return start, end
