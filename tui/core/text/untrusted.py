"""The one boundary for untrusted text: what enters the notebook, and what leaves for a terminal.

Everything Gloss stores came from somewhere it does not control: a web page, an import file,
a command-line argument, a notebook folder written by hand or synced from elsewhere. A
terminal acts on some of the characters it is sent (ESC sequences retitle it, write to the
clipboard, move the cursor; bidi overrides make text read in another order than it is
stored), so:

* on the way in, :func:`one_line`, :func:`multi_line` and :func:`safe_url` clean each field
  (:func:`clean_saved_article` and :func:`clean_highlight` apply them to whole records);
* on the way out, :func:`terminal_safe` is the last step before a byte reaches a terminal,
  whatever was stored (defence in depth: a notebook written by an older Gloss is data too).

Numbers are checked here as well (:func:`safe_progress`, :func:`safe_position`): a NaN or a
1e308 in a record must be repaired, not carried to a screen that cannot draw it.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from tui.core.model import Article, Block
from tui.core.sanitize import strip_controls
from tui.core.text.terminal import (
    UNSAFE,
    multi_line,
    one_line,
    terminal_safe,  # noqa: F401  (the way out: named here too)
)

if TYPE_CHECKING:
    # Highlights and records are imported where they are cleaned: reading a page (`gloss
    # clean`) uses this module's strings and URLs only, and need not load them.
    from tui.core.model import Highlight, SavedArticle

# Offsets past this are no position in any text Gloss could hold (and would overflow the
# 64-bit integers of the JSON readers and writers downstream).
MAX_POSITION = 2**31
WEB_SCHEMES = ("http", "https")
EPOCH = "1970-01-01T00:00:00Z"  # the time of a record whose own time is unreadable
# The terminal side lives in .terminal: every command needs it at start, and the model
# that the cleaning here needs is for the commands that write.
_UNSAFE = UNSAFE


def safe_url(url: str | None, *, allow_file: bool = False) -> str | None:
    """An http(s) URL (or file: when ``allow_file``), controls and spaces removed; else None.

    javascript:, data:, vbscript: and every other scheme are refused: what Gloss keeps as a
    page's address is something it may open in a browser and print in a citation.
    """
    if not isinstance(url, str):
        return None
    url = "".join(strip_controls(url).split())
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # an unbalanced IPv6 bracket and the like
        return None
    allowed = (*WEB_SCHEMES, "file") if allow_file else WEB_SCHEMES
    if parts.scheme.lower() not in allowed:
        return None
    if parts.scheme.lower() in WEB_SCHEMES and not parts.hostname:
        return None
    return url


def same_site(url: str, other: str) -> bool:
    """Whether two http(s) URLs are on the same site: the same registrable domain
    (``news.example.co.uk`` and ``www.example.co.uk``; never ``a.github.io`` and
    ``b.github.io``), or the same host when it has none (an IP address, ``localhost``).

    The public suffix list is the copy bundled with tldextract: nothing is fetched.
    """
    a, b = urlsplit(url), urlsplit(other)
    if a.scheme.lower() not in WEB_SCHEMES or b.scheme.lower() not in WEB_SCHEMES:
        return False
    host_a, host_b = a.hostname or "", b.hostname or ""
    if not host_a or not host_b:
        return False
    if host_a == host_b:
        return True
    site_a, site_b = _registrable(host_a), _registrable(host_b)
    return bool(site_a) and site_a == site_b


@cache
def _registrable(host: str) -> str:
    """``host``'s registrable domain ('' for an IP address, a bare name or a public suffix)."""
    return str(_suffix_list()(host).top_domain_under_public_suffix)


@cache
def _suffix_list() -> Any:
    import tldextract  # loaded only when a page names a canonical URL

    # suffix_list_urls=() and no cache: the bundled list only, no network, no files written.
    # Private suffixes count (github.io, blogspot.com): each user's site there is its own.
    return tldextract.TLDExtract(
        cache_dir=None, suffix_list_urls=(), include_psl_private_domains=True
    )


# The times Gloss writes; anything else takes the slower full check of safe_time.
_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?(?:Z|[+-]\d\d:\d\d)")
_ONE_LINE_UNSAFE = re.compile(_UNSAFE.pattern[:-1] + r"\t\n]")


def _is_time(value: object) -> bool:
    return type(value) is str and (_TIME.fullmatch(value) is not None or safe_time(value) == value)


def _article_is_clean(r: SavedArticle) -> bool:
    """Whether :func:`clean_saved_article` would find nothing to do (checked cheaply)."""
    texts = [r.title, r.url, r.canonical_url, r.byline, r.site_name, r.published, r.language]
    if type(r.title) is not str or not r.title:
        return False
    if not all(t is None or (type(t) is str and t) for t in texts):
        return False
    if _ONE_LINE_UNSAFE.search("".join(t for t in texts if t)):
        return False
    if r.url is not None and safe_url(r.url, allow_file=r.url.startswith("file:")) != r.url:
        return False
    if r.canonical_url is not None and safe_url(r.canonical_url) != r.canonical_url:
        return False
    progress = r.progress
    return (
        type(progress) in (int, float) and 0.0 <= progress <= 1.0
        and type(r.read) is bool
        and _is_time(r.saved)
        and (r.last_read is None or _is_time(r.last_read))
        and (r.imported_from is None or safe_source(r.imported_from) == r.imported_from)
    )


# An import source is a format's name: a short lowercase word, nothing a terminal acts on.
_SOURCE = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")


def safe_source(value: object) -> str | None:
    """``value`` if it names an import source (``kindle``, ``pocket``...), else None."""
    if type(value) is not str:
        return None
    return value if _SOURCE.fullmatch(value) else None


# A book location is a short label ("page 12, location 170-172"): longer is no location.
MAX_LOCATION = 80


def safe_location(value: object) -> str | None:
    """A book highlight's location as stored: one line, at most :data:`MAX_LOCATION`
    characters (cut at a word), None when ``value`` is no text or blank."""
    if type(value) is not str:
        return None
    text = one_line(value)
    if len(text) > MAX_LOCATION:
        cut = text[: MAX_LOCATION + 1]
        text = (cut.rsplit(" ", 1)[0] if " " in cut else cut[:MAX_LOCATION]).rstrip(" ,;·")
    return text or None


def _highlight_is_clean(h: Highlight) -> bool:
    """Whether :func:`clean_highlight` would find nothing to do (checked cheaply)."""
    target = h.target
    quote, position = target.quote, target.position
    texts = (quote.exact, quote.prefix, quote.suffix, h.note)
    if not all(type(t) is str for t in texts) or not all(type(t) is str and t for t in h.tags):
        return False
    if _UNSAFE.search("".join(texts)) or _ONE_LINE_UNSAFE.search("".join(h.tags)):
        return False
    from tui.core.model import COLORS

    start, end = position.start, position.end
    return (
        type(start) is int and type(end) is int and 0 <= start < end <= MAX_POSITION
        and type(target.text_hash) is str
        and type(h.kept) is str
        and (h.location is None or safe_location(h.location) == h.location)
        and h.color in COLORS
        and _is_time(h.created) and _is_time(h.updated)
    )


def safe_progress(value: object) -> float:
    """A reading progress in 0..1; anything else (NaN, 1e308, text) becomes 0 or 1."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    number = float(value)
    if math.isnan(number):
        return 0.0
    return min(1.0, max(0.0, number))


def safe_position(value: object) -> int | None:
    """An offset in 0..MAX_POSITION, or None when ``value`` is no such integer."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 0 <= value <= MAX_POSITION else None


def safe_time(value: object) -> str | None:
    """``value`` if it is an ISO 8601 date and time, else None."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value


def _optional(text: object) -> str | None:
    return (one_line(text) or None) if isinstance(text, str) else None


def clean_article(article: Article) -> Article:
    """A stored Article (a snapshot, which may have been written by hand) made safe: its
    metadata one-line and its URLs web ones, its block texts and link targets free of
    controls. A clean article comes back as it is (the common case costs one scan)."""
    blocks = tuple(_clean_block(b) for b in article.blocks)
    source = article.url or ""
    changes: dict[str, Any] = dict(
        title=one_line(article.title) if isinstance(article.title, str) else "",
        byline=_optional(article.byline),
        site_name=_optional(article.site_name),
        published=_optional(article.published),
        language=_optional(article.language),
        url=safe_url(article.url, allow_file=source.startswith("file:")),
        canonical_url=safe_url(article.canonical_url),
        source=_optional(article.source),
    )
    changed = {k: v for k, v in changes.items() if v != getattr(article, k)}
    if any(new is not old for new, old in zip(blocks, article.blocks, strict=True)):
        changed["blocks"] = blocks
    return replace(article, **changed) if changed else article


def _clean_block(block: Block) -> Block:
    if not _UNSAFE.search(block.text) and not any(
        s.href and _UNSAFE.search(s.href) for s in block.spans
    ):
        return block
    text = multi_line(block.text)
    if len(text) != len(block.text):
        # Offsets of spans and highlights would no longer fit the text: keep it plain.
        return replace(block, text=text, spans=(), rows=tuple(
            tuple(one_line(c) for c in row) for row in block.rows))
    spans = tuple(
        replace(s, href="".join(strip_controls(s.href).split()) or None) if s.href else s
        for s in block.spans
    )
    return replace(block, text=text, spans=spans)


def clean_saved_article(record: SavedArticle, *, allow_file: bool = True) -> SavedArticle:
    """``record`` with every field safe: one-line text, web URLs only, progress in 0..1.

    ``allow_file``: a file: URL may stay (a page saved from a local file); an import file
    names no local file Gloss should open (it could be anyone's), so imports pass False.
    """
    if _article_is_clean(record) and (allow_file or not (record.url or "").startswith("file:")):
        return record  # the common case, every record Gloss wrote: one scan, nothing built
    source = record.url or ""
    url = safe_url(record.url, allow_file=allow_file and source.startswith("file:"))
    title = one_line(record.title) if isinstance(record.title, str) else ""
    cleaned = replace(
        record,
        title=title or (url or record.id),
        url=url,
        canonical_url=safe_url(record.canonical_url),
        byline=_optional(record.byline),
        site_name=_optional(record.site_name),
        published=_optional(record.published),
        language=_optional(record.language),
        saved=safe_time(record.saved) or EPOCH,
        last_read=safe_time(record.last_read),
        progress=safe_progress(record.progress),
        read=record.read if isinstance(record.read, bool) else False,
        imported_from=safe_source(record.imported_from),
    )
    return record if cleaned == record else cleaned


def clean_highlight(highlight: Highlight) -> Highlight:
    """``highlight`` with safe text (quote, context, note, tags) and a known colour.

    The quote keeps its newlines and tabs (they are part of the text it anchors to); a
    position out of range is dropped to 0..len(quote) so the quote alone anchors it.
    """
    if _highlight_is_clean(highlight):
        return highlight  # the common case: one scan, nothing built
    from tui.core.model import COLORS, DEFAULT_COLOR, Target, TextPosition, TextQuote, normalize_tag

    target = highlight.target
    quote = TextQuote(
        multi_line(target.quote.exact),
        multi_line(target.quote.prefix),
        multi_line(target.quote.suffix),
    )
    start, end = safe_position(target.position.start), safe_position(target.position.end)
    position = target.position
    text_hash = target.text_hash if isinstance(target.text_hash, str) else ""
    if start is None or end is None or not start < end:
        position, text_hash = TextPosition(0, max(1, len(quote.exact))), ""
    tags: dict[str, None] = {}
    for tag in highlight.tags:
        clean = normalize_tag(one_line(tag)) if isinstance(tag, str) else ""
        if clean:
            tags.setdefault(clean, None)
    created = safe_time(highlight.created) or EPOCH
    cleaned = replace(
        highlight,
        target=Target(quote, position, text_hash),
        tags=tuple(tags),
        note=multi_line(highlight.note) if isinstance(highlight.note, str) else "",
        color=highlight.color if highlight.color in COLORS else DEFAULT_COLOR,
        kept=highlight.kept if isinstance(highlight.kept, str) else "",
        location=safe_location(highlight.location),
        created=created,
        updated=safe_time(highlight.updated) or created,
    )
    return highlight if cleaned == highlight else cleaned
