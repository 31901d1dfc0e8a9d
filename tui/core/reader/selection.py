"""The reading cursor and the keyboard selection over an Article's canonical text (pure).

Two sets of motions, one per mode:

- READ moves the cursor like vim's normal mode: ``w`` ``)`` ``}`` go to the start of the
  next word, sentence or paragraph; ``b`` ``(`` ``{`` to the start of this one if the cursor
  is past it, else of the one before (see :mod:`tui.core.text.motion`).
- VISUAL extends a selection from an anchor to the cursor (the *head*), inclusive of the
  character under each, as in vim. The head snaps to the edges of words, sentences and
  paragraphs on its side of the selection: at the right end, on *last* characters (vim's
  ``e`` for all three), so that ``v}`` selects exactly a paragraph and ``v)`` a sentence,
  without the space or blank line after it, and ``(`` after ``)))`` takes one sentence
  back off; at the left end, on first characters. A motion that crosses the anchor takes
  the edge of the side it lands on.

Lines (``j``/``k``) depend on the layout, so those motions take a :class:`Layout` and keep
a goal column, as vim does. Offsets are into :attr:`Article.text` throughout.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from tui.core.reader.layout import Layout, Line
from tui.core.text import (
    next_paragraph,
    next_sentence,
    next_word,
    paragraph_at,
    prev_paragraph,
    prev_sentence,
    prev_word,
    sentence_at,
    word_at,
)

Span = tuple[int, int]


class Motion(StrEnum):
    """A motion by words, sentences or paragraphs, forward or back."""

    WORD_NEXT = "word_next"
    WORD_PREV = "word_prev"
    SENTENCE_NEXT = "sentence_next"
    SENTENCE_PREV = "sentence_prev"
    PARAGRAPH_NEXT = "paragraph_next"
    PARAGRAPH_PREV = "paragraph_prev"

    @property
    def forward(self) -> bool:
        """Whether the motion goes towards the end of the text."""
        return self.value.endswith("_next")


_STARTS: dict[Motion, Callable[[str, int], int]] = {
    Motion.WORD_NEXT: next_word,
    Motion.WORD_PREV: prev_word,
    Motion.SENTENCE_NEXT: next_sentence,
    Motion.SENTENCE_PREV: prev_sentence,
    Motion.PARAGRAPH_NEXT: next_paragraph,
    Motion.PARAGRAPH_PREV: prev_paragraph,
}
_UNITS: dict[Motion, tuple[Callable[[str, int], Span], Callable[[str, int], int]]] = {
    Motion.WORD_NEXT: (word_at, next_word),
    Motion.SENTENCE_NEXT: (sentence_at, next_sentence),
    Motion.PARAGRAPH_NEXT: (paragraph_at, next_paragraph),
}


def move_cursor(text: str, offset: int, motion: Motion, count: int = 1) -> int:
    """Where a READ-mode motion takes the cursor (it stays put at the end of the text)."""
    step = _STARTS[motion]
    for _ in range(max(1, count)):
        moved = step(text, offset)
        if moved >= len(text):
            break
        offset = moved
    return offset


def move_head(
    text: str, head: int, motion: Motion, count: int = 1, anchor: int | None = None
) -> int:
    """Where a VISUAL-mode motion takes the selection's head, given the ``anchor`` (None:
    the head is the right end): last characters on the right, first ones on the left."""
    right = anchor is None or head >= anchor
    if right and not motion.forward:
        moved = last_char_before(text, head, motion, count)
        if moved is not None and (anchor is None or moved >= anchor):
            return moved
        return move_cursor(text, head, motion, count)  # back across the anchor: a start
    if not right and motion.forward:
        moved = move_cursor(text, head, motion, count)
        if anchor is not None and moved <= anchor:
            return moved
    if not motion.forward:
        return move_cursor(text, head, motion, count)
    unit_at, next_start = _UNITS[motion]
    for _ in range(max(1, count)):
        head = last_char_after(text, head, unit_at, next_start)
    return head


def last_char_before(text: str, offset: int, motion: Motion, count: int = 1) -> int | None:
    """The last character of the ``count``-th unit ending before the one holding
    ``offset`` (``motion`` is a backward one: it names the unit); None if there is none."""
    previous = _STARTS[motion]
    start = previous(text, min(len(text), offset + 1))  # the start of the unit holding it
    for _ in range(max(1, count) - 1):
        start = previous(text, start)
    at = start - 1
    while at >= 0 and text[at].isspace():
        at -= 1
    return at if at >= 0 else None


def last_char_after(
    text: str,
    offset: int,
    unit_at: Callable[[str, int], Span],
    next_start: Callable[[str, int], int],
) -> int:
    """The last character of the first unit (word, sentence, paragraph) that ends after
    ``offset``; ``offset`` itself if no unit does."""
    at = offset
    while at < len(text):
        start, end = unit_at(text, at)
        if end > start and end - 1 > offset:
            return end - 1
        following = next_start(text, at)
        if following <= at:
            break
        at = following
    return offset


def first_word(text: str, offset: int) -> int:
    """The first non-space character at or after ``offset`` (else the last one before it)."""
    at = max(0, min(offset, len(text)))
    while at < len(text) and text[at].isspace():
        at += 1
    if at < len(text):
        return at
    at = min(offset, len(text)) - 1
    while at > 0 and text[at].isspace():
        at -= 1
    return max(0, at)


def trim(text: str, start: int, end: int) -> Span:
    """``(start, end)`` without the whitespace at either end (empty if it was all space)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass(frozen=True, slots=True)
class Selection:
    """A selection from ``anchor`` to ``head``, both characters included (as in vim)."""

    anchor: int
    head: int

    @classmethod
    def of_range(cls, start: int, end: int, *, backward: bool = False) -> Selection:
        """The selection of ``text[start:end]`` (a mouse drag); ``backward`` puts the head
        (the end the keys move) at the start."""
        last = max(start, end - 1)
        return cls(last, start) if backward else cls(start, last)

    @property
    def bounds(self) -> Span:
        """``(start, end)`` of the characters selected, ``end`` exclusive."""
        return min(self.anchor, self.head), max(self.anchor, self.head) + 1

    def span(self, text: str) -> Span:
        """What highlighting the selection takes: its bounds within the text, without the
        whitespace at either end (empty if there is only whitespace)."""
        start, end = self.bounds
        return trim(text, max(0, start), min(end, len(text)))

    def moved(self, head: int) -> Selection:
        """The same anchor with the head at ``head``."""
        return Selection(self.anchor, head)


def innermost(spans: Sequence[Span], offset: int) -> int | None:
    """Index of the shortest span holding ``offset`` (the later one on a tie), if any."""
    best: int | None = None
    for index, (start, end) in enumerate(spans):
        if start <= offset < end and (
            best is None or end - start <= spans[best][1] - spans[best][0]
        ):
            best = index
    return best


class SpanIndex:
    """Spans sorted by start, so :meth:`innermost` looks at the few near an offset.

    The reader asks which highlight holds the cursor on every key press; scanning thousands
    of highlights each time cost more than painting the screen.
    """

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = list(spans)
        self.order = sorted(range(len(self.spans)), key=lambda i: self.spans[i][0])
        self.starts = [self.spans[i][0] for i in self.order]
        self.longest = max((end - start for start, end in self.spans), default=0)

    def innermost(self, offset: int) -> int | None:
        """What :func:`innermost` gives for ``offset``: the shortest span holding it, the
        later one (in the order given) on a tie."""
        lo = bisect.bisect_left(self.starts, offset - self.longest)
        hi = bisect.bisect_right(self.starts, offset)
        best: int | None = None
        best_length = 0
        for index in self.order[lo:hi]:
            start, end = self.spans[index]
            if start <= offset < end:
                length = end - start
                if best is None or length < best_length or (length == best_length and index > best):
                    best, best_length = index, length
        return best


# -- lines (they need the layout) --------------------------------------------------------


def text_end(line: Line) -> int:
    """The canonical offset just after a line's last character of text."""
    return line.fragments[-1].end if line.fragments else line.start


def line_home(layout: Layout, index: int, *, forward: bool = True) -> int:
    """The first character of text on line ``index``, or on the nearest text line beyond it
    (below when ``forward``, else above)."""
    lines = layout.lines
    if not lines:
        return 0
    index = max(0, min(index, len(lines) - 1))
    step = 1 if forward else -1
    probe = index
    while 0 <= probe < len(lines) and not lines[probe].fragments:
        probe += step
    if not 0 <= probe < len(lines):
        probe = index
        while 0 <= probe < len(lines) and not lines[probe].fragments:
            probe -= step
        if not 0 <= probe < len(lines):
            return lines[index].start
    line = lines[probe]
    return first_word(layout.text, line.fragments[0].start) if line.fragments else line.start


def move_by_lines(layout: Layout, offset: int, lines: int, goal: int | None) -> tuple[int, int]:
    """The offset ``lines`` text lines below (negative: above) ``offset``, at column ``goal``
    (the column of ``offset`` if None), and the goal kept for the next move.

    Decorative lines (blank lines, rules) are skipped; the result is on a character of the
    line, never past its last one.
    """
    if not layout.lines:
        return offset, goal or 0
    index, col = layout.point_at(offset)
    goal = col if goal is None else goal
    step = 1 if lines > 0 else -1
    target = index
    for _ in range(abs(lines)):
        probe = target + step
        while 0 <= probe < len(layout.lines) and not layout.lines[probe].fragments:
            probe += step
        if not 0 <= probe < len(layout.lines):
            break
        target = probe
    line = layout.lines[target]
    if not line.fragments:
        return offset, goal
    moved = layout.offset_at(target, goal)
    start, end = line.fragments[0].start, text_end(line)
    return max(start, min(moved, end - 1)) if end > start else start, goal
