"""Describe a quote in an Article's canonical text, and re-attach it when the text changes.

A stored :class:`~tui.core.model.highlight.Target` holds the quote, 32 characters of context either
side, its old offsets and the hash of the text it was taken from. Re-attaching tries, in
order: the old position (trivially exact while the hash is unchanged); the quote with its
whole context, nearest the old position; the quote alone, choosing among repeats by context
and nearness; an approximate match within an edit budget, scored on quote, prefix, suffix and
position and accepted only above :data:`FUZZY_FLOOR`. What is left is an orphan: kept, never
deleted. Comparison ignores whitespace runs and typography (see :mod:`tui.core.anchor.normal`);
offsets are always in the real text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from tui.core.anchor.fuzzy import Match, fuzzy_matches, is_word_edge, score
from tui.core.anchor.normal import NormalQuote, NormalText, normalize
from tui.core.model import AnchorStatus, Target, TextQuote
from tui.core.text import sentence_at

__all__ = [
    "FUZZY_FLOOR",
    "Anchor",
    "AnchorSummary",
    "describe",
    "find_quote",
    "reanchor",
    "reanchor_all",
    "sentence_at",  # widens a cursor to its sentence; lives with the other motions
    "summarize",
    "text_hash",
]

FUZZY_FLOOR = 0.7  # combined score a fuzzy match needs; below it the highlight is an orphan
MAX_ERROR_RATE = 0.3  # edit budget: at most this share of the quote's characters
FUZZY_MIN_CHARS = 8  # shorter quotes are matched exactly or not at all
MAX_OCCURRENCES = 4096  # repeats of one quote scored before giving up on the rest
_FIRST_RADIUS = 1024  # the nearest-occurrence search widens 8x from here
_REAL_RADIUS = 65536  # how far the search in the real (not normalised) text goes


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a target sits in today's text: ``text[start:end]``; an orphan has -1, -1.

    ``score`` is 1.0 for the same words (EXACT, MOVED); for FUZZY the combined score (at least
    :data:`FUZZY_FLOOR`); for ORPHAN the best score found below the floor, 0.0 if nothing came
    close.
    """

    start: int
    end: int
    status: AnchorStatus
    score: float = 1.0

    @property
    def attached(self) -> bool:
        """Whether the highlight has a place in the text (anything but an orphan)."""
        return self.status is not AnchorStatus.ORPHAN


def _orphan(score: float = 0.0) -> Anchor:
    return Anchor(-1, -1, AnchorStatus.ORPHAN, score)


@dataclass(frozen=True, slots=True)
class AnchorSummary:
    """Counts of each status, shown after a changed page is re-fetched."""

    exact: int = 0
    moved: int = 0
    fuzzy: int = 0
    orphaned: int = 0

    def __str__(self) -> str:
        return (
            f"{self.exact} exact, {self.moved} moved, {self.fuzzy} fuzzy, "
            f"{self.orphaned} orphaned"
        )


def summarize(anchors: Iterable[Anchor]) -> AnchorSummary:
    """Count ``anchors`` by status."""
    counts = dict.fromkeys(AnchorStatus, 0)
    for anchor in anchors:
        counts[anchor.status] += 1
    return AnchorSummary(
        counts[AnchorStatus.EXACT],
        counts[AnchorStatus.MOVED],
        counts[AnchorStatus.FUZZY],
        counts[AnchorStatus.ORPHAN],
    )


@lru_cache(maxsize=8)
def text_hash(text: str) -> str:
    """SHA-256 of ``text`` (the same as :attr:`Article.text_hash`), cached per text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=4)
def _normal(text: str) -> NormalText:
    """The normalised copy of ``text``, built once however many targets use it."""
    return NormalText.of(text)


def describe(text: str, start: int, end: int) -> Target:
    """The stored form of ``text[start:end]``: quote, context, offsets and text hash."""
    return Target.of(text, start, end, text_hash(text))


def reanchor(target: Target, text: str, *, text_hash: str | None = None) -> Anchor:
    """Re-attach ``target`` to ``text``; pass ``text_hash`` when it is known, to save work."""
    quote, position = target.quote, target.position
    start, end = position.start, position.end
    if not quote.exact:
        return _orphan()
    if 0 <= start < end <= len(text) and text[start:end] == quote.exact:
        same = text_hash is not None and text_hash == target.text_hash
        if same or _context_holds(text, start, end, quote):
            return Anchor(start, end, AnchorStatus.EXACT)
    # The whole context, byte for byte: the common case after edits elsewhere in the page.
    # Only nearby: further off, the normalised search below finds the same and more.
    context = quote.prefix + quote.exact + quote.suffix
    found = _nearest(text, context, start - len(quote.prefix), _REAL_RADIUS)
    if found is not None:
        at = found + len(quote.prefix)
        return _same_words(at, at + len(quote.exact), start, end)
    return _reanchor_normal(target, _normal(text))


def reanchor_all(targets: Sequence[Target], text: str) -> list[Anchor]:
    """Re-attach every target to ``text``, hashing and normalising the text only once."""
    digest = text_hash(text)
    return [reanchor(target, text, text_hash=digest) for target in targets]


def _reanchor_normal(target: Target, normal: NormalText) -> Anchor:
    """The steps that compare normalised text: context, occurrences, then fuzzy."""
    quote = NormalQuote.of(target.quote.prefix, target.quote.exact, target.quote.suffix)
    # Blank: nothing to recognise it by away from its place. The real quote is checked too:
    # spaces beside a dash normalise into the dash ("--- " is "-"), which is not the quote.
    if not quote.exact.strip() or not target.quote.exact.strip():
        return _orphan()
    norm, m = normal.norm, len(quote.exact)
    old_start, old_end = target.position.start, target.position.end
    hint = normal.norm_offset(old_start)
    found = _nearest(norm, quote.prefix + quote.exact + quote.suffix, hint - len(quote.prefix))
    if found is not None:
        at = found + len(quote.prefix)
        return _same_words(*normal.real_span(at, at + m), old_start, old_end)
    best, best_score = Match(-1, -1, 0), 0.0
    # Where the quote began (ended) on a word edge, a match inside a word is another word.
    starts_on_edge = not (quote.prefix[-1:].isalnum() and quote.exact[0].isalnum())
    ends_on_edge = not (quote.exact[-1].isalnum() and quote.suffix[:1].isalnum())
    for at in _occurrences(norm, quote.exact):
        if (starts_on_edge and not is_word_edge(norm, at)) or (
            ends_on_edge and not is_word_edge(norm, at + m)
        ):
            continue
        match = Match(at, at + m, 0)
        value = score(norm, quote, match, hint=hint)
        if (value, -abs(at - hint)) > (best_score, -abs(best.start - hint)):
            best, best_score = match, value
    if best_score >= FUZZY_FLOOR:
        return _same_words(*normal.real_span(best.start, best.end), old_start, old_end)
    if m < FUZZY_MIN_CHARS:
        return _orphan(round(best_score, 4))
    budget = int(m * MAX_ERROR_RATE)
    for match in fuzzy_matches(norm, quote, hint=hint, max_errors=budget):
        value = score(norm, quote, match, hint=hint)
        if value > best_score:
            best, best_score = match, value
    if best_score < FUZZY_FLOOR:
        return _orphan(round(best_score, 4))
    start, end = normal.real_span(*_snap(norm, quote, best.start, best.end))
    return Anchor(start, end, AnchorStatus.FUZZY, round(best_score, 4))


def _snap(norm: str, quote: NormalQuote, start: int, end: int) -> tuple[int, int]:
    """Drop a space a fuzzy match took at either end where the quote itself had none."""
    if start < end - 1 and norm[start] == " " and quote.exact[0] != " ":
        start += 1
    if start < end - 1 and norm[end - 1] == " " and quote.exact[-1] != " ":
        end -= 1
    return start, end


def _same_words(start: int, end: int, old_start: int, old_end: int) -> Anchor:
    status = AnchorStatus.EXACT if (start, end) == (old_start, old_end) else AnchorStatus.MOVED
    return Anchor(start, end, status)


def _context_holds(text: str, start: int, end: int, quote: TextQuote) -> bool:
    before = text[max(0, start - len(quote.prefix)) : start]
    return before == quote.prefix and text[end : end + len(quote.suffix)] == quote.suffix


def _nearest(text: str, needle: str, hint: int, most: int | None = None) -> int | None:
    """The occurrence of ``needle`` starting nearest ``hint`` (the earlier on a tie), looked
    for in windows widening around ``hint``, up to ``most`` characters away if given."""
    radius = _FIRST_RADIUS
    while True:
        if most is not None and radius > most:
            return None
        lo, hi = max(0, hint - radius), min(len(text), hint + radius + len(needle))
        best = None
        at = text.find(needle, lo, hi)
        while at != -1:
            if best is None or abs(at - hint) < abs(best - hint):
                best = at
            at = text.find(needle, at + 1, hi)
        if best is not None or (lo == 0 and hi == len(text)):
            return best
        radius *= 8


def _occurrences(text: str, needle: str) -> list[int]:
    found: list[int] = []
    at = text.find(needle)
    while at != -1 and len(found) < MAX_OCCURRENCES:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


_SPACE = re.compile(r"\s+")


def find_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Real ``(start, end)`` of each occurrence of a typed ``quote``, in order.

    Whitespace is ignored on both sides (so "with...." finds "with. . . ."), and so is
    typography (curly or straight quotes, any dash, "…" or "..."). Case counts, unless nothing
    matches with it, then case is ignored. A quote that starts or ends with a letter or digit
    is not found inside a longer word. Occurrences do not overlap.
    """
    chars = _SPACE.sub("", normalize(quote))
    if not chars:
        return []
    pattern = " ?".join(re.escape(char) for char in chars)
    # Whole words at the ends: "the" is not in "there" (for --occurrence N to count words).
    if chars[0].isalnum():
        pattern = r"(?<![^\W_])" + pattern
    if chars[-1].isalnum():
        pattern += r"(?![^\W_])"
    normal = _normal(text)
    for flags in (0, re.IGNORECASE):
        found = [normal.real_span(*m.span()) for m in re.finditer(pattern, normal.norm, flags)]
        if found:
            return found
    return []
