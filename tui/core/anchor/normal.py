"""A normalised copy of a text for comparing quotes, with a map back to real offsets.

Re-anchoring and quote search compare words, not typography: every whitespace run becomes
one space, curly quotes become straight ones, every dash becomes a hyphen and loses the
spaces around it, "…" and ". . ." become "...", and zero-width characters vanish. Case is
kept. Matches are found in the normalised copy and reported in the real text through
:meth:`NormalText.real_span`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from tui.core.model import CONTEXT_CHARS

_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032"  # ‘ ’ ‚ ‛ ′
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033"  # “ ” „ ‟ ″
# ‐ ‑ ‒ – — ― − and the small and full-width hyphens
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
# One character for one character, so offsets stay put. (A regex with a callback is several
# times faster than str.translate here: the table is not ASCII, and most text needs no change.)
_ONE_TO_ONE = (
    {c: " " for c in _WHITESPACE}
    | {c: "'" for c in _SINGLE_QUOTES}
    | {c: '"' for c in _DOUBLE_QUOTES}
    | {c: "-" for c in _DASHES}
)
_ONE_TO_ONE_CHARS = re.compile("[" + re.escape("".join(_ONE_TO_ONE)) + "]")


def _one_to_one(text: str) -> str:
    return _ONE_TO_ONE_CHARS.sub(lambda m: _ONE_TO_ONE[m.group()], text)


# What changes length, looked for after the one-to-one pass: a dash with spaces around it or
# doubled ("a - b", "a -- b" and "a\u2014b" all become "a-b"), space runs, a spaced ellipsis
# (". . ." and ".  .  ." are "..."), the ellipsis character, and invisible characters
# (zero-width space and joiners, word joiner, BOM, soft hyphen).
_RESIZED = re.compile(
    r" (?: *-+ *| +)|-(?:-+ *| +)|\.(?: +\.)+|\u2026|[\u200b\u200c\u200d\u2060\ufeff\xad]+"
)


def _replacement(piece: str) -> str:
    if "-" in piece:
        return "-"
    if piece[0] == " ":
        return " "
    if piece[0] == ".":
        return "." * piece.count(".")
    if piece == "\u2026":
        return "..."
    return ""


@dataclass(frozen=True, slots=True)
class NormalText:
    """``norm`` is ``real`` normalised; the pieces record where lengths differ.

    Piece ``i`` replaced ``real[real_starts[i]:real_ends[i]]`` by
    ``norm[norm_starts[i]:norm_ends[i]]``; between pieces the two texts run in step.
    """

    real: str
    norm: str
    real_starts: tuple[int, ...]
    real_ends: tuple[int, ...]
    norm_starts: tuple[int, ...]
    norm_ends: tuple[int, ...]

    @classmethod
    def of(cls, real: str) -> NormalText:
        """Normalise ``real`` and record the pieces whose length changed."""
        stepped = _one_to_one(real)
        parts: list[str] = []
        rs: list[int] = []
        re_: list[int] = []
        ns: list[int] = []
        ne: list[int] = []
        last = 0
        norm_len = 0
        for match in _RESIZED.finditer(stepped):
            start, end = match.span()
            parts.append(stepped[last:start])
            norm_len += start - last
            new = _replacement(match.group())
            parts.append(new)
            rs.append(start)
            re_.append(end)
            ns.append(norm_len)
            norm_len += len(new)
            ne.append(norm_len)
            last = end
        parts.append(stepped[last:])
        return cls(real, "".join(parts), tuple(rs), tuple(re_), tuple(ns), tuple(ne))

    def _real_of_char(self, i: int) -> tuple[int, int]:
        """Real ``(start, end)`` of the source of normalised character ``i``."""
        k = bisect.bisect_right(self.norm_starts, i) - 1
        if k < 0:
            return i, i + 1
        if i < self.norm_ends[k]:  # inside a resized piece: it maps to the whole piece
            return self.real_starts[k], self.real_ends[k]
        real = self.real_ends[k] + (i - self.norm_ends[k])
        return real, real + 1

    def real_span(self, start: int, end: int) -> tuple[int, int]:
        """Real offsets of ``norm[start:end]`` (a non-empty span)."""
        if end <= start:
            raise ValueError(f"empty span {start}:{end}")
        return self._real_of_char(start)[0], self._real_of_char(end - 1)[1]

    def norm_offset(self, real: int, *, end: bool = False) -> int:
        """The normalised offset where real offset ``real`` falls (clamped to the text).

        Inside a resized piece it is the piece's start, or with ``end`` its end: a span
        that ends inside "--" (which normalises to "-") then keeps the whole dash.
        """
        real = min(max(real, 0), len(self.real))
        k = bisect.bisect_right(self.real_starts, real) - 1
        if k < 0:
            return real
        if real < self.real_ends[k]:
            if end and real > self.real_starts[k]:
                return self.norm_ends[k]
            return self.norm_starts[k]
        return self.norm_ends[k] + (real - self.real_ends[k])


def normalize(text: str) -> str:
    """``text`` as compared by anchoring (see the module docstring)."""
    return _RESIZED.sub(lambda m: _replacement(m.group()), _one_to_one(text))


@dataclass(frozen=True, slots=True)
class NormalQuote:
    """A quote and its context, normalised together so that their seams agree.

    (Normalised apart, a space ending the prefix and one starting the quote would stay two
    spaces, where the text they came from has one after normalising.) ``at_start`` and
    ``at_end`` say that the context was cut short by the start or end of the text.
    """

    prefix: str
    exact: str
    suffix: str
    at_start: bool = False
    at_end: bool = False

    @classmethod
    def of(cls, prefix: str, exact: str, suffix: str) -> NormalQuote:
        """Normalise ``prefix + exact + suffix`` and cut it where the real parts met."""
        joined = NormalText.of(prefix + exact + suffix)
        cut_start = joined.norm_offset(len(prefix))
        cut_end = joined.norm_offset(len(prefix) + len(exact), end=True)
        norm = joined.norm
        return cls(
            norm[:cut_start],
            norm[cut_start:cut_end],
            norm[cut_end:],
            at_start=len(prefix) < CONTEXT_CHARS,
            at_end=len(suffix) < CONTEXT_CHARS,
        )
