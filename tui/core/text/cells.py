"""How many terminal cells text takes: the one rule for the reader's layout, the lists and
the command line's aligned columns.

It is Rich's rule, to the cell. Textual places every cell of the screen by Rich's measure
(``rich.cells.cell_len``), so a layout that counted otherwise would put highlights, the
cursor and mouse selection off by the difference. Core may not import Rich, so it carries a
copy of Rich's table (:mod:`tui.core.text.cell_table`, generated; tests/ui/test_cells.py
fails when the installed Rich's differs) and follows Rich's steps:

- C0 and C1 controls and NUL take no cell; so do combining and enclosing marks, spacing
  vowel signs (Devanagari and the like), format characters (zero-width space, joiners,
  bidi marks, soft hyphen excepted: it takes one), Hangul medial and final jamo, and emoji
  skin-tone modifiers.
- East Asian wide and fullwidth characters and emoji with emoji presentation take two.
- A zero-width joiner (U+200D) joins the character after it to what came before: the joined
  character takes no cell, so a ZWJ family is as wide as its first emoji.
- VS16 (U+FE0F) after a character Rich lists as narrow-to-wide (❤, ☺, #, digits, ...) makes
  it two cells; a regional-indicator flag is two single-cell letters.
- Everything else takes one.

Where a terminal draws otherwise (many draw a ZWJ family as several emoji, or a VS16 heart
in one cell), the terminal's glyphs overflow or leave a gap, but Textual has already
placed every cell by Rich's count, and so has this: the two never disagree with each
other. Rich's ``UNICODE_VERSION`` environment variable (older tables) is not followed:
this is Rich's latest table, which is what Rich uses unless that variable is set.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from functools import lru_cache
from itertools import accumulate

from tui.core.text.cell_table import NARROW_TO_WIDE, WIDTHS

ELLIPSIS = "…"
ZWJ = "\u200d"  # zero-width joiner
VS16 = "\ufe0f"  # variation selector 16: emoji presentation

_STARTS = [start for start, _, _ in WIDTHS]


@lru_cache(maxsize=8192)
def char_cells(char: str) -> int:
    """Cells one character takes on its own: 0, 1 or 2 (see the module's rules)."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return 0
    at = bisect.bisect_right(_STARTS, code) - 1
    if at >= 0:
        _, last, width = WIDTHS[at]
        if code <= last:
            return width
    return 1


def _widths(text: str) -> Iterator[int]:
    """Each character's share of the cells ``text`` takes, in order (joins and VS16 seen)."""
    last: str | None = None  # the last character that took cells, which VS16 may widen
    joined = False
    for char in text:
        if joined:  # the character a ZWJ joins on takes no cell of its own
            joined = False
            yield 0
        elif char == ZWJ:
            joined = True
            yield 0
        elif char == VS16:
            yield 1 if last is not None and last in NARROW_TO_WIDE else 0
            last = None
        else:
            width = char_cells(char)
            if width:
                last = char
            yield width


def cell_widths(text: str) -> list[int]:
    """Each character's share of :func:`cells`: they add up to ``cells(text)``, and the first
    ``n`` of them to ``cells(text[:n])``."""
    if text.isascii() and text.isprintable():
        return [1] * len(text)
    return list(_widths(text))


def cells(text: str) -> int:
    """Cells ``text`` takes in a terminal, as Rich (and so Textual) counts them."""
    if text.isascii() and text.isprintable():
        return len(text)
    if ZWJ not in text and VS16 not in text:
        return sum(map(char_cells, text))
    return sum(_widths(text))


def char_at_cells(text: str, offset: int) -> int:
    """Cells the character at ``offset`` takes where it stands (VS16 after it seen), at
    least one: a cursor there covers that many (a line's end, a space or a zero-width mark
    still shows one cell)."""
    char = text[offset : offset + 1]
    if not char or char == "\n":
        return 1
    if text[offset + 1 : offset + 2] == VS16:
        return max(1, cells(text[offset : offset + 2]))
    return max(1, char_cells(char))


def shorten(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` cells, ending in an ellipsis when cut (and no
    space before it); reads no further than it must, so a long text costs no more."""
    if width <= 0:
        return ""
    if text.isascii() and text.isprintable():
        return text if len(text) <= width else text[: width - 1].rstrip() + ELLIPSIS
    # Without joiners each character's cells stand alone: sum them in C over a prefix
    # (a listing cuts 200,000 quotes with an accent in them). The prefix covers the width
    # unless zero-cell characters crowd it; then the loop below reads on.
    head = text[: 2 * width + 2]
    if ZWJ not in head and VS16 not in head:
        sums = list(accumulate(map(char_cells, head)))
        if sums[-1] > width:
            return _loose_end(text[: bisect.bisect_right(sums, width - 1)]) + ELLIPSIS
        if len(head) == len(text):
            return text
    used, cut = 0, 0
    for at, share in enumerate(_widths(text)):
        used += share
        if used <= width - 1:
            cut = at + 1
        elif used > width:
            return _loose_end(text[:cut]) + ELLIPSIS
    return text


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` cells (on the left if ``right``)."""
    fill = " " * max(0, width - cells(text))
    if fill and not right:
        text = text.rstrip(ZWJ)  # a joiner left at the end would join the first space on
    return fill + text if right else text + fill


def _loose_end(text: str) -> str:
    """``text`` without the spaces and dangling joiners at its end (what comes next would
    follow a space, or be joined on and take no cell)."""
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] == ZWJ):
        end -= 1
    return text[:end]
