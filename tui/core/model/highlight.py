"""Highlight records: where a quote sits in an Article's canonical text, and what the
reader said about it. Shared by anchoring, the notebook and export; no I/O here.

The target follows the W3C Web Annotation model: a TextQuoteSelector (exact text with up to
32 characters of context either side) and a TextPositionSelector (offsets), plus a hash of
the text they were taken from.

The target is what the reader highlighted and never changes on its own: when the page
changes, re-anchoring records where the quote sits now in a :class:`Placement` beside it
(with the page's new wording, if it differs), and only the user replaces the target
(:meth:`Highlight.adopted`).
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from tui.core.folding import normalize_tag

CONTEXT_CHARS = 32
COLORS = ("yellow", "green", "blue", "pink", "purple")
DEFAULT_COLOR = COLORS[0]


def now_iso() -> str:
    """The current time as an ISO 8601 UTC string with seconds, e.g. 2026-11-23T19:34:05Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class TextQuote:
    """TextQuoteSelector: the quoted text and its surroundings."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class TextPosition:
    """TextPositionSelector: ``text[start:end]`` of the canonical text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Target:
    """Where a highlight points, as stored."""

    quote: TextQuote
    position: TextPosition
    text_hash: str

    @classmethod
    def of(cls, text: str, start: int, end: int, text_hash: str) -> Target:
        """Describe ``text[start:end]`` with its context."""
        if not 0 <= start < end <= len(text):
            raise ValueError(f"bad range {start}:{end} for a text of {len(text)} characters")
        quote = TextQuote(
            exact=text[start:end],
            prefix=text[max(0, start - CONTEXT_CHARS) : start],
            suffix=text[end : end + CONTEXT_CHARS],
        )
        return cls(quote, TextPosition(start, end), text_hash)

    def same_passage(self, other: Target) -> bool:
        """Whether ``other`` marks the same words: the same offsets of the same text, or,
        taken from another version of the text, the same quote in the same context."""
        if self.text_hash == other.text_hash:
            return self.position == other.position
        return self.quote == other.quote

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "quote": {
                "exact": self.quote.exact,
                "prefix": self.quote.prefix,
                "suffix": self.quote.suffix,
            },
            "position": {"start": self.position.start, "end": self.position.end},
            "text_hash": self.text_hash,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Target:
        """Read back :meth:`to_dict`."""
        q, p = data["quote"], data["position"]
        return cls(
            TextQuote(q["exact"], q.get("prefix", ""), q.get("suffix", "")),
            TextPosition(int(p["start"]), int(p["end"])),
            data.get("text_hash", ""),
        )


@dataclass(frozen=True, slots=True)
class Overwritten:
    """A note or colour that a concurrent writer replaced without having seen it: kept so
    that the last writer winning never loses the other version (see notebook/merge.py)."""

    field: str  # "note" or "color"
    value: str
    updated: str  # when the overwritten value had been written

    def to_dict(self) -> dict[str, str]:
        """JSON-ready form."""
        return {"field": self.field, "value": self.value, "updated": self.updated}

    @classmethod
    def read_all(cls, raw: Any) -> tuple[Overwritten, ...]:
        """The history of a stored record; entries that are not well formed are skipped
        (it is a keepsake, never a reason not to open the notebook)."""
        if not isinstance(raw, list):
            return ()
        out = []
        for item in raw:
            if isinstance(item, dict):
                name, value, updated = item.get("field"), item.get("value"), item.get("updated", "")
                if isinstance(name, str) and isinstance(value, str) and isinstance(updated, str):
                    out.append(cls(name, value, updated))
        return tuple(out)


class AnchorStatus(StrEnum):
    """How a stored target re-attached to the text of today."""

    EXACT = "exact"  # found where it was
    MOVED = "moved"  # same words, elsewhere
    FUZZY = "fuzzy"  # close enough words, accepted above the floor
    ORPHAN = "orphan"  # not found: kept, listed, never deleted


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a highlight's quote sits in another version of its article's text.

    ``text[start:end]`` of the text hashed ``text_hash`` (-1, -1 for an orphan); ``current``
    is that text when its words differ from the quote the user highlighted, else ''.
    """

    start: int
    end: int
    text_hash: str
    status: AnchorStatus
    current: str = ""
    score: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        out: dict[str, Any] = {
            "start": self.start, "end": self.end, "text_hash": self.text_hash,
            "status": self.status.value,
        }
        if self.current:
            out["current"] = self.current
        if self.score != 1.0:
            out["score"] = self.score
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Placement:
        """Read back :meth:`to_dict`."""
        return cls(
            int(data["start"]), int(data["end"]), data.get("text_hash", ""),
            AnchorStatus(data["status"]), data.get("current", ""),
            float(data.get("score", 1.0)),
        )


def same_words(a: str, b: str) -> bool:
    """Whether two quotes have the same words (whitespace runs do not count)."""
    return a == b or a.split() == b.split()


@dataclass(frozen=True, slots=True)
class Highlight:
    """One highlight. ``id`` is a stable uuid string; times are ISO 8601 UTC strings."""

    article_id: str
    target: Target
    tags: tuple[str, ...] = ()
    note: str = ""
    color: str = DEFAULT_COLOR
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    created: str = field(default_factory=now_iso)
    updated: str = ""
    # Where the quote sits in a later version of the text; None: where ``target`` says.
    placement: Placement | None = None
    history: tuple[Overwritten, ...] = ()  # values concurrent writers overwrote
    # JSON text of what an imported Web Annotation had that Gloss does not show (bodies,
    # selectors, properties: see tui.core.w3c.kept), given back as it came on export.
    kept: str = ""
    # Where an imported book highlight sits in the book, as its reader said ("page 12,
    # location 170-172"); None for a web page's quote. Written only when set.
    location: str | None = None

    def __post_init__(self) -> None:
        if not self.updated:
            object.__setattr__(self, "updated", self.created)

    @property
    def quote(self) -> str:
        """The quoted text."""
        return self.target.quote.exact

    @property
    def start(self) -> int:
        """Where the quote sits now, for sorting: its placement if it has one, else where
        it was highlighted."""
        p = self.placement
        return p.start if p is not None and p.start >= 0 else self.target.position.start

    def marks(self, target: Target) -> bool:
        """Whether ``target`` marks this highlight's passage: as it was highlighted, or where
        re-anchoring last placed it in ``target``'s version of the text (the context of a
        passage changes when the words around it do, the passage does not)."""
        p = self.placement
        if p is not None and p.start >= 0 and p.text_hash == target.text_hash:
            return (p.start, p.end) == (target.position.start, target.position.end)
        return self.target.same_passage(target)

    def edited(self, **changes: Any) -> Highlight:
        """A copy with ``changes`` applied and ``updated`` set to now. A new ``target`` is
        where the highlight is now, so it drops the old placement."""
        if "target" in changes:
            changes.setdefault("placement", None)
        return replace(self, updated=now_iso(), **changes)

    def adopted(self, target: Target) -> Highlight:
        """The user takes the page's current wording (``target``) as the quote: an edit."""
        return self.edited(target=target)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "id": self.id,
            "article_id": self.article_id,
            "target": self.target.to_dict(),
            "tags": list(self.tags),
            "note": self.note,
            "color": self.color,
            "created": self.created,
            "updated": self.updated,
            **({"placement": self.placement.to_dict()} if self.placement else {}),
        } | ({"history": [o.to_dict() for o in self.history]} if self.history else {}) | (
            {"kept": self.kept} if self.kept else {}) | (
            {"location": self.location} if self.location is not None else {})

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Highlight:
        """Read back :meth:`to_dict`."""
        return cls(
            article_id=data["article_id"],
            target=Target.from_dict(data["target"]),
            tags=tuple(data.get("tags", ())),
            note=data.get("note", ""),
            color=data.get("color", DEFAULT_COLOR),
            id=data["id"],
            created=data["created"],
            updated=data.get("updated", data["created"]),
            placement=Placement.from_dict(data["placement"]) if data.get("placement") else None,
            history=Overwritten.read_all(data.get("history")),
            kept=data["kept"] if isinstance(data.get("kept"), str) else "",
            location=data["location"] if isinstance(data.get("location"), str) else None,
        )


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags typed as 'a, b c': split on commas and spaces, normalised, de-duplicated."""
    seen: dict[str, None] = {}
    for part in text.replace(",", " ").split():
        tag = normalize_tag(part)
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)


def _tag_key(text: str) -> str:
    """A tag as completion compares it: normalised, case folded, accents dropped."""
    folded = unicodedata.normalize("NFKD", normalize_tag(text).casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))


def complete_tag(typed: str, tags: Iterable[str], *, exclude: Iterable[str] = ()) -> str | None:
    """The first of ``tags`` (most used first) that ``typed`` begins, ignoring case, accents
    and a leading '#' ('resu' finds 'résumé'); None when ``typed`` is empty or already a
    whole tag and nothing longer fits. ``exclude``: tags already given, not offered again.
    """
    key = _tag_key(typed)
    if not key:
        return None
    given = set(exclude)
    for tag in tags:
        tag_key = _tag_key(tag)
        if tag_key.startswith(key) and tag_key != key and tag not in given:
            return tag
    return None
