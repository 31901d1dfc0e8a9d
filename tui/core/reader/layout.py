"""Lay an Article out as lines of terminal cells for a given measure (pure, no Textual).

Every laid-out line knows which block it belongs to and which range of the canonical text
(:attr:`Article.text`) it shows, so a reader can map an offset (a highlight, a search match,
a cursor) to a screen position and back. The lines partition the text: each line's ``end``
is the next line's ``start``, a line's range includes the spaces it broke at and, for the
last line of a block, the block separator. Decorative lines (blank lines, rules) are empty
ranges at the start of the line that follows them.

Columns are terminal cells counted from the left edge of the page (the body's measure box),
prefixes included, counted by the one rule of :mod:`tui.core.text.cells` (Rich's, so the
columns here are the columns Textual paints at).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple, overload

from tui.core.config import DEFAULT_MEASURE
from tui.core.model import Article, Block, BlockKind
from tui.core.text import can_break, cell_widths, cells, char_cells

MIN_WIDTH = 12  # below this, text still wraps at this width and the view crops
BULLETS = ("•", "◦", "▪")
QUOTE_BAR = "│ "
LIST_INDENT = "  "
IMAGE_OPEN, IMAGE_CLOSE = "[image: ", "]"
TABLE_SEPARATOR = " │ "
PRE_INDENT = "  "
HEADING_RULES = {1: "━", 2: "─"}


class Decorative(StrEnum):
    """Lines that show no text of their own: a blank line between blocks, a heading's rule
    (and a table's rules), the rows a figure is drawn in (``level`` is the row's number)."""

    BLANK = "blank"
    RULE = "rule"
    FIGURE = "figure"  # a row kept for a picture under its ``[image: alt]`` line


# What a line shows: its block's kind, or a decorative line between or under blocks.
LineKind = BlockKind | Decorative


class Fragment(NamedTuple):
    """``text[start:end]`` drawn from page column ``col``."""

    col: int
    start: int
    end: int


class Line(NamedTuple):
    """One laid-out line (a named tuple: a long article has tens of thousands).

    ``prefix`` is drawn at column 0 (indent, quote bars, a bullet or number, ``[image: ``);
    ``ornaments`` are extra glyphs at given columns (table separators, rules); ``suffix``
    follows the last fragment. None of them is part of the canonical text. ``level`` is the
    block's level (heading level, list or quote depth); ``header`` marks a table's first
    row; ``scrolls`` marks lines that are never wrapped and move with horizontal scrolling.
    """

    block: int
    start: int
    end: int
    kind: LineKind
    fragments: tuple[Fragment, ...] = ()
    prefix: str = ""
    suffix: str = ""
    ornaments: tuple[tuple[int, str], ...] = ()
    width: int = 0
    level: int = 0
    header: bool = False
    scrolls: bool = False
    first: bool = False


_ONE_CELL: set[str] = set()  # characters seen to take one cell (grows as texts are seen)
# Printable ASCII and Latin, and general punctuation (dashes, quotes, ellipsis): one cell
# each (tests check every one against the cell rule). Most prose is only these: one scan in C.
_SURELY_ONE_CELL = re.compile("[\x20-\x7e\xa0-\u02ff\u2010-\u2027\u2030-\u205e]*")


def _uniform(text: str) -> bool:
    """Whether every character of ``text`` takes exactly one cell (set operations, in C)."""
    if _SURELY_ONE_CELL.fullmatch(text):
        return True
    unseen = set(text) - _ONE_CELL
    if not unseen:
        return True
    if all(char_cells(c) == 1 for c in unseen):
        _ONE_CELL.update(unseen)
        return True
    return False


def wrap(text: str, width: int, uniform: bool | None = None) -> list[tuple[int, int, int]]:
    """Greedy wrap at spaces: ``(start, end, next)`` per line, ``text[start:end]`` shown.

    ``next`` is where the following line starts (after the spaces broken at). A word longer
    than ``width`` is broken at ``width`` cells. ``uniform`` says (if known) that every
    character takes one cell.
    """
    width = max(1, width)
    n = len(text)
    if n == 0:
        return [(0, 0, 0)]
    out: list[tuple[int, int, int]] = []
    cum: list[int] | None = None
    if not (_uniform(text) if uniform is None else uniform):
        cum = [0, *itertools.accumulate(cell_widths(text))]
    p = 0
    while p < n:
        if cum is None:
            limit = p + width
        else:
            limit = bisect.bisect_right(cum, cum[p] + width) - 1
            limit = max(limit, p + 1)
        if limit >= n:
            out.append((p, n, n))
            break
        if text[limit] == " ":
            end = limit
        else:
            space = text.rfind(" ", p, limit)
            end = space if space > p else limit
            if cum is not None:  # wide text may be CJK, which breaks without spaces
                # (after the space, not at it: breaking at the space drops it)
                end = _cjk_break(text, space + 2 if space > p else p + 1, limit, end)
        nxt = end
        while nxt < n and text[nxt] == " ":
            nxt += 1
        out.append((p, end, nxt))
        p = nxt
    return out


def _cjk_break(text: str, low: int, limit: int, end: int) -> int:
    """The last place in ``[low, limit]`` where a line may break between two characters
    with no space between them (CJK text, see :mod:`tui.core.text.linebreak`), else
    ``end`` (the break at a space, or the hard break)."""
    for b in range(limit, low - 1, -1):
        if can_break(text[b - 1], text[b]):
            return b
    return end


class Layout:
    """An Article laid out at one measure, with offset ↔ (line, column) mappings.

    Lazy, so that a resize of a long article re-wraps only what is shown: laying out counts
    each block's lines at the new width (the count of a plain paragraph is one regular
    expression scan, in C), so every line's index, the length and the reading position are
    exact at once; the lines themselves are built a block at a time, the first time one of
    them is asked for (painted, searched, jumped to).

    ``max_width`` is the widest a line can be: exact for code, tables and one-line blocks;
    a wrapped block counts at its full measure (it only sizes the horizontal scroll).
    """

    def __init__(self, builder: _Builder, counts: list[int], gaps: list[int],
                 max_width: int) -> None:
        self.text = builder.text
        self.width = builder.width
        self.max_width = max_width
        self._builder = builder
        self._offsets = builder.article.offsets
        self._counts = counts
        # first line of each block, its blank line before it included
        self._firsts = [0, *itertools.accumulate(counts)]
        # first line of each block's own text (after the blank line), as callers know it
        self.block_lines = [first + gap for first, gap in zip(self._firsts, gaps, strict=False)]
        self._built: dict[int, list[Line]] = {}
        self._starts: dict[int, list[int]] = {}
        self.lines: Sequence[Line] = _Lines(self)

    def __len__(self) -> int:
        return self._firsts[-1]

    def block_of(self, index: int) -> int:
        """The block line ``index`` belongs to (its blank line before it included)."""
        return bisect.bisect_right(self._firsts, index) - 1

    def built(self, block: int) -> list[Line]:
        """Block ``block``'s lines (the blank line before it first), built now if need be."""
        lines = self._built.get(block)
        if lines is None:
            lines = self._builder.block(block)
            if len(lines) != self._counts[block]:  # the count and the lines must agree
                raise AssertionError(f"block {block}: counted {self._counts[block]} lines, "
                                     f"built {len(lines)}")
            self._built[block] = lines
        return lines

    def line(self, index: int) -> Line:
        """Line ``index`` (0 <= index < len(self))."""
        block = self.block_of(index)
        return self.built(block)[index - self._firsts[block]]

    def line_at(self, offset: int) -> int:
        """Index of the line showing canonical ``offset`` (clamped to the text)."""
        if not len(self):
            return 0
        # The last line starting at or before the offset is in the offset's block: the
        # block's first line starts at the block, the next block's lines after it.
        block = max(0, bisect.bisect_right(self._offsets, offset) - 1)
        starts = self._starts.get(block)
        if starts is None:
            starts = self._starts[block] = [line.start for line in self.built(block)]
        index = self._firsts[block] + max(0, bisect.bisect_right(starts, offset) - 1)
        # Only at the very end can the search land on a decorative line; step back to text.
        while index > 0 and self.line(index).kind in _DECORATIVE:
            index -= 1
        return index

    def point_at(self, offset: int) -> tuple[int, int]:
        """``(line, column)`` where ``offset`` is drawn.

        An offset in the spaces a line broke at, or in a block separator, sits just after
        the line's last character.
        """
        index = self.line_at(offset)
        if not self.lines:
            return 0, 0
        line = self.lines[index]
        if not line.fragments:
            return index, len(line.prefix)
        previous = line.fragments[0]
        for frag in line.fragments:
            if offset < frag.start:
                return index, previous.col + cells(self.text[previous.start : previous.end])
            if offset <= frag.end:
                return index, frag.col + cells(self.text[frag.start : offset])
            previous = frag
        return index, previous.col + cells(self.text[previous.start : previous.end])

    def offset_at(self, index: int, col: int) -> int:
        """Canonical offset drawn at ``(line, column)``; outside the text, the nearest end.

        A column inside a wide character gives that character's offset; a column right of
        a line's text gives the end of its text.
        """
        if not self.lines:
            return 0
        line = self.lines[max(0, min(index, len(self.lines) - 1))]
        if not line.fragments:
            return line.start
        for frag in line.fragments:
            if col < frag.col:
                return frag.start
            text = self.text[frag.start : frag.end]
            x = frag.col
            for i, share in enumerate(cell_widths(text)):
                x += share
                if col < x:
                    return frag.start + i
            if col == x and frag is not line.fragments[-1]:
                return frag.end
        return line.fragments[-1].end

    def lines_touching(self, start: int, end: int) -> range:
        """Indexes of the lines showing any of ``text[start:end]`` (or the point ``start``)."""
        first = self.line_at(start)
        last = self.line_at(max(start, end - 1))
        return range(first, last + 1)

    def line_text(self, index: int) -> str:
        """The line as plain text, prefix and ornaments included (for tests and copying)."""
        line = self.lines[index]
        pieces: list[tuple[int, str]] = [(0, line.prefix)]
        pieces += [(f.col, self.text[f.start : f.end]) for f in line.fragments]
        pieces += list(line.ornaments)
        if line.suffix and line.fragments:
            last = line.fragments[-1]
            pieces.append((last.col + cells(self.text[last.start : last.end]), line.suffix))
        out = ""
        for col, piece in sorted(pieces, key=lambda p: p[0]):
            have = cells(out)
            if col > have:
                out += " " * (col - have)
            out += piece
        return out.rstrip()


_DECORATIVE = frozenset(Decorative)


class _Lines(Sequence[Line]):
    """The lines of a :class:`Layout`, each block's built when first asked for."""

    __slots__ = ("_layout",)

    def __init__(self, layout: Layout) -> None:
        self._layout = layout

    def __len__(self) -> int:
        return len(self._layout)

    @overload
    def __getitem__(self, index: int) -> Line: ...

    @overload
    def __getitem__(self, index: slice) -> list[Line]: ...

    def __getitem__(self, index: int | slice) -> Line | list[Line]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        total = len(self._layout)
        if index < 0:
            index += total
        if not 0 <= index < total:
            raise IndexError("line index out of range")
        return self._layout.line(index)

    def __iter__(self) -> Iterator[Line]:
        for block in range(len(self._layout._counts)):
            yield from self._layout.built(block)


_COUNTERS: dict[int, re.Pattern[str]] = {}


def _counter(width: int) -> re.Pattern[str]:
    """A pattern that matches once per line :func:`wrap` makes of one-cell text.

    A line is the longest run of at most ``width`` characters followed by a space or the
    end, else (a word longer than the line) ``width`` characters; the spaces broken at go
    with it. Counting matches is a scan in C, where wrapping is a loop in Python.
    """
    pattern = _COUNTERS.get(width)
    if pattern is None:
        pattern = re.compile(rf"(?:.{{1,{width}}}(?= |\Z)|.{{{width}}}) *", re.DOTALL)
        _COUNTERS[width] = pattern
    return pattern


def count_lines(text: str, width: int, uniform: bool) -> int:
    """How many lines ``wrap(text, width, uniform)`` makes, without making them."""
    width = max(1, width)
    if len(text) <= width and uniform:
        return 1
    if not uniform:
        return len(wrap(text, width, False))
    return _counter(width).subn("", text)[1]


# A wrapped block's prefixes in cells: (first line's + suffix, first line's, widest, suffix).
_Margins = tuple[int, int, int, int]


@dataclass
class _Plan:
    """What of an article's layout does not depend on the measure, worked out once per
    article so that a resize only counts the wrapped blocks' lines."""

    base: list[int]  # per block: its blank line, rule, or never-wrapped lines (code, tables)
    gaps: list[int]  # per block: 1 when a blank line goes before it
    base_width: int  # the widest of those lines
    # wrapped blocks of one-cell text by their margins: (index, text, length)
    plain: dict[_Margins, list[tuple[int, str, int]]]
    # wrapped blocks with wide characters: (index, text, margins, width in cells)
    wide: list[tuple[int, str, _Margins, int]]
    images: frozenset[int]  # blocks that may keep rows for a picture under them


_PLANS: list[tuple[Article, _Plan]] = []  # the last article's, by identity


def _plan(article: Article) -> _Plan:
    """The article's :class:`_Plan` (kept for the last article: a resize reuses it)."""
    for known, plan in _PLANS:
        if known is article:
            return plan
    plan = _Builder(article, MIN_WIDTH).plan()
    _PLANS[:] = [(article, plan)]
    return plan


class _Builder:
    """Builds the lines of one Article at one width."""

    def __init__(self, article: Article, width: int,
                 figures: Mapping[int, int] | None = None) -> None:
        self.article = article
        self.figures = figures or {}
        self.text = article.text
        self.width = max(MIN_WIDTH, width)
        self.lines: list[Line] = []  # the lines of the block being built
        self._first = 0  # where its own lines start in them, after the blank line

    def block(self, index: int) -> list[Line]:
        """The lines of block ``index``: the blank line before it (if any), then its own."""
        blocks = self.article.blocks
        block = blocks[index]
        start = self.article.offsets[index]
        end = self.article.offsets[index + 1] if index + 1 < len(blocks) else len(self.text)
        self.lines = []
        if index:
            self._gap(index, blocks[index - 1], block, start)
        self._first = len(self.lines)
        self._block(index, block, start, end)
        return self.lines

    def plan(self) -> _Plan:
        """What of the article's layout does not depend on the measure (see :class:`_Plan`)."""
        blocks = self.article.blocks
        base, gaps, base_width = [], [], 0
        plain: dict[_Margins, list[tuple[int, str, int]]] = {}
        wide: list[tuple[int, str, _Margins, int]] = []
        for index, block in enumerate(blocks):
            self.lines = []
            if index:
                self._gap(index, blocks[index - 1], block, 0)
            gap = len(self.lines)
            base_width = max([base_width, *(line.width for line in self.lines)])
            gaps.append(gap)
            kind = block.kind
            if kind in (BlockKind.PRE, BlockKind.TABLE):
                lines = self.block(index)
                base.append(len(lines))
                base_width = max(base_width, *(line.width for line in lines))
                continue
            rule = kind is BlockKind.HEADING and block.level in HEADING_RULES
            base.append(gap + rule)
            first, rest, suffix = self._prefixes(index, block)
            first_col = cells(first)
            margins = (first_col + len(suffix), first_col, max(first_col, cells(rest)),
                       len(suffix))
            if _uniform(block.text):
                plain.setdefault(margins, []).append((index, block.text, len(block.text)))
            else:
                wide.append((index, block.text, margins, cells(block.text)))
        images = frozenset(i for i, b in enumerate(blocks) if b.kind is BlockKind.IMAGE)
        return _Plan(base, gaps, base_width, plain, wide, images)

    def _prefixes(self, index: int, block: Block) -> tuple[str, str, str]:
        """A wrapped block's prefix on its first line, on the others, and its suffix."""
        kind = block.kind
        if kind is BlockKind.QUOTE:
            bars = QUOTE_BAR * max(1, block.level)
            return bars, bars, ""
        if kind is BlockKind.LIST_ITEM:
            indent = LIST_INDENT * max(0, block.level - 1)
            if block.number is not None:
                marker = f"{block.number}. "
            elif self._continues_numbered(index, block):
                marker = "   "
            else:
                marker = BULLETS[(max(1, block.level) - 1) % len(BULLETS)] + " "
            return indent + marker, indent + " " * len(marker), ""
        if kind is BlockKind.IMAGE:
            return IMAGE_OPEN, " " * len(IMAGE_OPEN), IMAGE_CLOSE
        return "", "", ""

    def _gap(self, index: int, before: Block, after: Block, at: int) -> None:
        """The blank line between two blocks (none between items of one list)."""
        if (
            before.kind is BlockKind.LIST_ITEM
            and after.kind is BlockKind.LIST_ITEM
            and not self._starts_new_list(index, after)
        ):
            return
        prefix = ""
        if before.kind is BlockKind.QUOTE and after.kind is BlockKind.QUOTE:
            prefix = (QUOTE_BAR * min(before.level, after.level)).rstrip()
        self.lines.append(Line(index, at, at, Decorative.BLANK, prefix=prefix, width=len(prefix)))

    def _block(self, index: int, block: Block, start: int, end: int) -> None:
        kind = block.kind
        if kind is BlockKind.PRE:
            self._pre(index, block, start, end)
            return
        if kind is BlockKind.TABLE:
            self._table(index, block, start, end)
            return
        first, rest, suffix = self._prefixes(index, block)
        self._prose(index, block, start, end, first_prefix=first, rest_prefix=rest,
                    suffix=suffix)
        if kind is BlockKind.IMAGE:
            # Rows kept for the picture: empty ranges, so no text offset moves.
            self.lines.extend(
                Line(index, end, end, Decorative.FIGURE, level=row)
                for row in range(self.figures.get(index, 0))
            )
        rule = HEADING_RULES.get(block.level) if kind is BlockKind.HEADING else None
        if rule:
            wide = max(line.width for line in self.lines[self._first:])
            self.lines.append(
                Line(index, end, end, Decorative.RULE, ornaments=((0, rule * wide),), width=wide)
            )

    def _starts_new_list(self, index: int, block: Block) -> bool:
        """Two lists side by side (bullets then numbers, or a numbering restart) stay apart."""
        if block.number is None:
            return False
        for prev in reversed(self.article.blocks[:index]):
            if prev.kind is not BlockKind.LIST_ITEM or prev.level < block.level:
                return False
            if prev.level == block.level:
                return prev.number is None or block.number <= prev.number
        return False

    def _continues_numbered(self, index: int, block: Block) -> bool:
        """A later paragraph of a numbered item hangs under its text, without a bullet."""
        for prev in reversed(self.article.blocks[:index]):
            if prev.kind is not BlockKind.LIST_ITEM or prev.level < block.level:
                return False
            if prev.level == block.level:
                return prev.number is not None
        return False

    def _prose(
        self,
        index: int,
        block: Block,
        start: int,
        end: int,
        *,
        first_prefix: str = "",
        rest_prefix: str = "",
        suffix: str = "",
    ) -> None:
        """Wrapped text with a prefix on the first line and another on the rest."""
        kind = block.kind
        text = block.text
        uniform = _uniform(text)
        first_col, rest_col = cells(first_prefix), cells(rest_prefix)
        pieces = wrap(text, self.width - first_col - len(suffix), uniform)
        last = len(pieces) - 1
        append = self.lines.append
        level = block.level
        for n, (a, b, nxt) in enumerate(pieces):
            prefix, col = (first_prefix, first_col) if n == 0 else (rest_prefix, rest_col)
            width = col + (b - a if uniform else cells(text[a:b]))
            tail = suffix if n == last else ""
            append(
                Line(
                    index,
                    start + a,
                    end if n == last else start + nxt,
                    kind,
                    (Fragment(col, start + a, start + b),),
                    prefix,
                    tail,
                    (),
                    width + len(tail),
                    level,
                    False,
                    False,
                    n == 0,
                )
            )

    def _pre(self, index: int, block: Block, start: int, end: int) -> None:
        """One line per source line, never wrapped."""
        col = len(PRE_INDENT)
        rows = block.text.split("\n")
        pos = start
        for n, row in enumerate(rows):
            row_end = end if n == len(rows) - 1 else pos + len(row) + 1
            self.lines.append(
                Line(
                    index,
                    pos,
                    row_end,
                    BlockKind.PRE,
                    (Fragment(col, pos, pos + len(row)),),
                    prefix=PRE_INDENT,
                    width=col + cells(row),
                    scrolls=True,
                    first=n == 0,
                )
            )
            pos += len(row) + 1

    def _table(self, index: int, block: Block, start: int, end: int) -> None:
        """Rows with cells padded to their column's width; a rule under the first row."""
        rows = [row.split("\t") for row in block.text.split("\n")]
        ncols = max(len(row) for row in rows)
        widths = [0] * ncols
        for row in rows:
            for c, cell in enumerate(row):
                widths[c] = max(widths[c], cells(cell))
        cols, x = [], 0
        for w in widths:
            cols.append(x)
            x += w + len(TABLE_SEPARATOR)
        total = x - len(TABLE_SEPARATOR)
        gap = len(TABLE_SEPARATOR)
        separators = tuple((cols[c] - gap, TABLE_SEPARATOR) for c in range(1, ncols))
        pos = start
        for r, row in enumerate(rows):
            row_len = len("\t".join(row))
            row_end = end if r == len(rows) - 1 else pos + row_len + 1
            frags, cell_pos = [], pos
            for c, cell in enumerate(row):
                frags.append(Fragment(cols[c], cell_pos, cell_pos + len(cell)))
                cell_pos += len(cell) + 1
            self.lines.append(
                Line(
                    index,
                    pos,
                    row_end,
                    BlockKind.TABLE,
                    tuple(frags),
                    ornaments=separators,
                    width=total,
                    header=r == 0 and len(rows) > 1,
                    scrolls=True,
                    first=r == 0,
                )
            )
            if r == 0 and len(rows) > 1:
                rule = "─┼─".join("─" * w for w in widths)
                self.lines.append(
                    Line(
                        index,
                        row_end,
                        row_end,
                        Decorative.RULE,
                        ornaments=((0, rule),),
                        width=total,
                        scrolls=True,
                    )
                )
            pos += row_len + 1


def layout_article(article: Article, width: int = DEFAULT_MEASURE,
                   figures: Mapping[int, int] | None = None) -> Layout:
    """Lay ``article`` out with body text wrapped at ``width`` cells.

    ``figures`` maps an image block's index to the rows kept under it for its picture
    (see :func:`figure_rows`); none by default, as when images are off.
    """
    builder = _Builder(article, width, figures)
    plan = _plan(article)
    width = builder.width
    counts = plan.base.copy()
    widest = plan.base_width
    # The loops below are the whole cost of a resize: kept to a few operations a block.
    for (delta, first_col, col, suffix), group in plan.plain.items():
        room = max(1, width - delta)
        subn = _counter(room).subn
        longest = -1  # the longest block that fits on one line (-1: none)
        wrapped = False
        for index, text, length in group:
            if length <= room:
                counts[index] += 1
                longest = max(longest, length)
            else:
                counts[index] += subn("", text)[1]
                wrapped = True
        if longest >= 0:
            widest = max(widest, first_col + longest + suffix)
        if wrapped:
            widest = max(widest, col + room + suffix)
    for index, text, (delta, first_col, col, suffix), size in plan.wide:
        room = max(1, width - delta)
        lines = len(wrap(text, room, False))
        counts[index] += lines
        widest = max(widest, first_col + size + suffix if lines == 1 else col + room + suffix)
    for index, rows in (figures or {}).items():
        if index in plan.images:
            counts[index] += rows
    return Layout(builder, counts, plan.gaps, widest)


def figure_blocks(article: Article) -> list[int]:
    """Indexes of the image blocks that have a picture to fetch.

    Only an article read from the web brings its pictures: a saved file or piped text is read
    offline, and opening one must not reach out to the hosts it names (tracking pixels too).
    """
    if not (article.url or "").lower().startswith(("http://", "https://")):
        return []
    return [i for i, b in enumerate(article.blocks) if b.kind is BlockKind.IMAGE and b.src]


def figure_rows(width: int) -> int:
    """Rows kept for one figure at a measure of ``width`` cells: a fixed box the picture is
    fitted into, known before it is fetched, so the page never jumps when it arrives."""
    return max(4, min(14, width // 6))


@dataclass(frozen=True, slots=True)
class Heading:
    """An entry of the table of contents."""

    block: int
    level: int
    text: str
    offset: int


def outline(article: Article) -> list[Heading]:
    """The article's headings in order, for a table of contents."""
    return [
        Heading(i, block.level, block.text, article.offsets[i])
        for i, block in enumerate(article.blocks)
        if block.kind is BlockKind.HEADING
    ]


def visible_range(layout: Layout, first_line: int, count: int) -> tuple[int, int]:
    """Canonical ``(start, end)`` shown by ``count`` lines from ``first_line``."""
    if not layout.lines:
        return 0, 0
    first = max(0, min(first_line, len(layout.lines) - 1))
    last = max(first, min(first + count, len(layout.lines)) - 1)
    return layout.lines[first].start, layout.lines[last].end


def line_texts(layout: Layout, indexes: Sequence[int] | None = None) -> list[str]:
    """Plain text of several lines (all by default)."""
    return [layout.line_text(i) for i in (indexes if indexes is not None else range(len(layout)))]
