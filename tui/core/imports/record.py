"""The common record every import format is read into, and the one place its text is cleaned.

A parser turns a file into :class:`Record` values (one per highlight, or one per article saved
without a highlight) and, where the export kept it, the article's saved HTML. Everything in an
import file is untrusted: each field passes the notebook's cleaners (built on
:mod:`tui.core.sanitize`) as the record is built, so no parser can forget to.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from tui.core.errors import GlossError
from tui.core.model import COLORS, DEFAULT_COLOR, normalize_tag
from tui.core.text import multi_line, one_line, safe_url

# Highlight ids are uuid5 in this namespace: the same source record gives the same id on
# every import, so importing a file twice adds nothing.
_NAMESPACE = uuid.UUID("5b0c6a51-7d0e-4f43-9a55-1f3c0a9b2e15")

# Colour names the services use, to the nearest of Gloss's five.
_COLOR_NAMES = {
    "yellow": "yellow", "orange": "yellow", "gray": "yellow", "grey": "yellow",
    "green": "green", "olive": "green", "blue": "blue", "cyan": "blue",
    "pink": "pink", "red": "pink", "purple": "purple", "violet": "purple",
}


class ImportFileError(GlossError):
    """A file to import is not in the format it was read as (one line: where and why)."""

    exit_code = 6


def clean_color(value: object) -> str:
    """One of Gloss's colours for a service's colour name ('' or unknown: the default)."""
    name = one_line(value).lower() if isinstance(value, str) else ""
    color = _COLOR_NAMES.get(name, name)
    return color if color in COLORS else DEFAULT_COLOR


def clean_tags(values: object) -> tuple[str, ...]:
    """Tags as Gloss stores them, de-duplicated, from a list of names."""
    seen: dict[str, None] = {}
    if isinstance(values, list | tuple):
        for value in values:
            tag = normalize_tag(value) if isinstance(value, str) else ""
            if tag:
                seen.setdefault(tag, None)
    return tuple(seen)


def iso_time(value: datetime | None) -> str | None:
    """ISO 8601 UTC with seconds; a time without a zone is taken as UTC (exports drop it)."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(value: object) -> str | None:
    """An ISO 8601 time (``2024-03-03 21:14:02+00:00``, ``...Z``) as Gloss stores it."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return iso_time(datetime.fromisoformat(value.strip().replace("Z", "+00:00")))
    except ValueError:
        return None


def parse_epoch(value: object) -> str | None:
    """Unix seconds (a number or its digits) as an ISO time."""
    try:
        seconds = int(str(value).strip())
    except ValueError:
        return None
    if not 0 < seconds < 32503680000:  # before 3000: anything else is not a save time
        return None
    return iso_time(datetime.fromtimestamp(seconds, UTC))


@dataclass(frozen=True, slots=True)
class Record:
    """One highlight (or, with an empty ``quote``, one article saved without any) as read
    from an export. Build it with :meth:`of`, which cleans every field.

    ``record_id`` is the source's own id for the record when it has one; ``book`` marks
    something with no web page (a Kindle book): it becomes an article without a body.
    ``prefix``/``suffix`` are context the source kept (Hypothesis), a help for placing.
    """

    format: str
    record_id: str
    url: str | None
    title: str
    author: str | None = None
    site: str | None = None
    quote: str = ""
    note: str = ""
    tags: tuple[str, ...] = ()
    color: str = DEFAULT_COLOR
    created: str | None = None
    location: str | None = None
    book: bool = False
    prefix: str = ""
    suffix: str = ""

    @classmethod
    def of(
        cls,
        format: str,
        *,
        record_id: str = "",
        url: object = None,
        title: object = "",
        author: object = None,
        site: object = None,
        quote: object = "",
        note: object = "",
        tags: object = (),
        color: object = "",
        created: str | None = None,
        location: object = None,
        book: bool = False,
        prefix: object = "",
        suffix: object = "",
    ) -> Record:
        """A record with every field cleaned: one-line metadata, web URLs only, quotes and
        notes without controls (their line breaks kept), tags normalised."""
        clean_url = safe_url(url) if isinstance(url, str) else None
        return cls(
            format=format,
            record_id=_line(record_id),
            url=clean_url,
            title=_line(title) or clean_url or "",
            author=_line(author) or None,
            site=_line(site) or None,
            quote=_block(quote),
            note=_block(note),
            tags=clean_tags(tags),
            color=clean_color(color),
            created=created,
            location=_line(location) or None,
            book=book,
            prefix=multi_line(prefix) if isinstance(prefix, str) else "",
            suffix=multi_line(suffix) if isinstance(suffix, str) else "",
        )

    @property
    def article_key(self) -> str:
        """What names this record's article: its URL, or a book's title and author."""
        if self.url and not self.book:
            return self.url
        return "book:" + "\n".join((self.title.casefold(), (self.author or "").casefold()))

    @property
    def highlight_id(self) -> str:
        """A stable id: from the source's record id, else from the article, quote and date."""
        key = self.record_id or "\n".join((self.article_key, self.quote, self.created or ""))
        return str(uuid.uuid5(_NAMESPACE, f"{self.format}\n{key}"))


@dataclass(frozen=True, slots=True)
class Parsed:
    """What one import file holds: its records, and the saved HTML of articles it kept
    (by URL), which places their quotes with no fetch."""

    format: str
    records: tuple[Record, ...]
    pages: dict[str, str] = field(default_factory=dict)


def book_id(title: str, author: str | None) -> str:
    """The article id of a book: from its title and author (case ignored)."""
    key = "book:" + "\n".join((title.casefold(), (author or "").casefold()))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _line(value: object) -> str:
    return one_line(value) if isinstance(value, str) else ""


def _block(value: object) -> str:
    if not isinstance(value, str):
        return ""
    # Keep the paragraphs a quote or note had; trim the ends and spaces around line breaks.
    lines = [" ".join(line.split()) for line in multi_line(value).split("\n")]
    return "\n".join(lines).strip("\n")
