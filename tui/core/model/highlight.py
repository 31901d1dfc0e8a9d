"""Highlight records: where a quote sits in an Article's canonical text, and what the
reader said about it. Shared by anchoring, the notebook and export; no I/O here.

The target follows the W3C Web Annotation model: a TextQuoteSelector (exact text with up to
32 characters of context either side) and a TextPositionSelector (offsets), plus a hash of
the text they were taken from.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

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
    history: tuple[Overwritten, ...] = ()  # values concurrent writers overwrote

    def __post_init__(self) -> None:
        if not self.updated:
            object.__setattr__(self, "updated", self.created)

    @property
    def quote(self) -> str:
        """The quoted text."""
        return self.target.quote.exact

    def edited(self, **changes: Any) -> Highlight:
        """A copy with ``changes`` applied and ``updated`` set to now."""
        return replace(self, updated=now_iso(), **changes)

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
        } | ({"history": [o.to_dict() for o in self.history]} if self.history else {})

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
            history=Overwritten.read_all(data.get("history")),
        )


def normalize_tag(tag: str) -> str:
    """A tag as stored: no leading '#', lower case, inner spaces as hyphens ('' if empty).

    Obsidian and most Markdown tools read ``#tag`` up to the first space and compare tags
    case-insensitively, so this is the one form that survives an export.
    """
    return "-".join(tag.strip().lstrip("#").lower().split())


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags typed as 'a, b c': split on commas and spaces, normalised, de-duplicated."""
    seen: dict[str, None] = {}
    for part in text.replace(",", " ").split():
        tag = normalize_tag(part)
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)
