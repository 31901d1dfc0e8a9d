"""The Article: metadata, ordered blocks with inline spans, and one canonical plain text.

Highlights anchor to character offsets in :attr:`Article.text`, so its shape is a contract:
block texts joined by a blank line, whitespace normalised (except in preformatted blocks),
NFC. Block texts are expected to be clean already (see :mod:`tui.core.sanitize`).
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

BLOCK_SEPARATOR = "\n\n"
WORDS_PER_MINUTE = 230
_WORD = re.compile(r"\w+")


class BlockKind(StrEnum):
    """What a block is; the reader draws each kind its own way."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    QUOTE = "quote"
    LIST_ITEM = "list_item"
    PRE = "pre"
    IMAGE = "image"
    CAPTION = "caption"
    TABLE = "table"


class SpanKind(StrEnum):
    """Inline styling over part of a block's text."""

    EMPHASIS = "emphasis"
    STRONG = "strong"
    CODE = "code"
    LINK = "link"


@dataclass(frozen=True, slots=True)
class Span:
    """Inline style over ``text[start:end]`` of its block; links carry an absolute href."""

    kind: SpanKind
    start: int
    end: int
    href: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the article body.

    ``level`` is the heading level (1-6), the list depth (1 = top level) or the block-quote
    depth; ``number`` is an ordered list item's number (None for bullets). A table's text is
    its rows joined by newlines, cells by tabs, and ``rows`` holds the same cells. An image's
    text is its alt text and ``src`` its absolute http(s) URL (None when it has none).
    """

    kind: BlockKind
    text: str
    spans: tuple[Span, ...] = ()
    level: int = 0
    number: int | None = None
    rows: tuple[tuple[str, ...], ...] = ()
    src: str | None = None

    @classmethod
    def table(cls, rows: list[list[str]]) -> Block:
        """A table block from its cells (already clean, one line each)."""
        width = max((len(row) for row in rows), default=0)
        cells = tuple(tuple(row) + ("",) * (width - len(row)) for row in rows)
        return cls(BlockKind.TABLE, "\n".join("\t".join(row) for row in cells), rows=cells)


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article. ``text`` and ``offsets`` are derived from ``blocks``."""

    title: str
    blocks: tuple[Block, ...]
    byline: str | None = None
    site_name: str | None = None
    published: str | None = None
    language: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    source: str | None = None
    text: str = field(init=False, repr=False, compare=False)
    offsets: tuple[int, ...] = field(init=False, repr=False, compare=False)
    # The word count once asked for (-1: not yet). A field, so that it travels with a
    # pickled Article: the child cleaning the start page counts, not the starting parent.
    _words: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        offsets, position = [], 0
        for block in self.blocks:
            offsets.append(position)
            position += len(block.text) + len(BLOCK_SEPARATOR)
        object.__setattr__(self, "offsets", tuple(offsets))
        object.__setattr__(self, "text", BLOCK_SEPARATOR.join(b.text for b in self.blocks))
        object.__setattr__(self, "_words", -1)

    @property
    def text_hash(self) -> str:
        """SHA-256 of the canonical text: tells whether anchors can be trusted as they are."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def knows_word_count(self, words: int) -> None:
        """Take ``words`` as the body's count, worked out by whoever built the blocks (the
        cleaner's rules count each block's words): the sum of the blocks' counts is the
        text's, since the separator between blocks holds no word character."""
        object.__setattr__(self, "_words", words)

    @property
    def word_count(self) -> int:
        """Words in the body (counted once: a long article's count is tens of ms)."""
        if self._words < 0:
            object.__setattr__(self, "_words", len(_WORD.findall(self.text)))
        return self._words

    @property
    def reading_minutes(self) -> int:
        """Estimated reading time, at least one minute."""
        return max(1, round(self.word_count / WORDS_PER_MINUTE))

    def block_at(self, offset: int) -> int:
        """Index of the block holding ``offset`` (a separator belongs to the block before)."""
        return max(0, bisect.bisect_right(self.offsets, offset) - 1)

    def block_range(self, index: int) -> tuple[int, int]:
        """``(start, end)`` of block ``index`` in the canonical text."""
        start = self.offsets[index]
        return start, start + len(self.blocks[index].text)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; :meth:`from_dict` reads it back to an equal Article."""
        return {
            "title": self.title,
            "byline": self.byline,
            "site_name": self.site_name,
            "published": self.published,
            "language": self.language,
            "url": self.url,
            "canonical_url": self.canonical_url,
            "source": self.source,
            "blocks": [_block_to_dict(block) for block in self.blocks],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Rebuild an Article written by :meth:`to_dict`."""
        blocks = tuple(_block_from_dict(item) for item in data.get("blocks", ()))
        fields = ("byline", "site_name", "published", "language", "url", "canonical_url", "source")
        return cls(title=data.get("title") or "", blocks=blocks, **{k: data.get(k) for k in fields})


def _block_to_dict(block: Block) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": block.kind.value, "text": block.text}
    if block.spans:
        out["spans"] = [
            {
                "kind": s.kind.value,
                "start": s.start,
                "end": s.end,
                **({"href": s.href} if s.href else {}),
            }
            for s in block.spans
        ]
    if block.level:
        out["level"] = block.level
    if block.number is not None:
        out["number"] = block.number
    if block.rows:
        out["rows"] = [list(row) for row in block.rows]
    if block.src:
        out["src"] = block.src
    return out


def _block_from_dict(data: dict[str, Any]) -> Block:
    spans = tuple(
        Span(SpanKind(s["kind"]), int(s["start"]), int(s["end"]), s.get("href"))
        for s in data.get("spans", ())
    )
    return Block(
        kind=BlockKind(data["kind"]),
        text=data["text"],
        spans=spans,
        level=int(data.get("level", 0)),
        number=data.get("number"),
        rows=tuple(tuple(row) for row in data.get("rows", ())),
        src=data.get("src") or None,
    )
