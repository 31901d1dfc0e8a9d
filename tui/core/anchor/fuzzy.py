"""Approximate quote search in bounded windows of a normalised text.

A full edit-distance table over a 600 KB article per highlight is far too slow, so the
search looks only where the quote is likely to be: around its old position, and where
exact fragments of it (its head, tail and middle) or of its context still occur. In each
window Myers' bit-parallel algorithm (Python integers as bit vectors) finds where the quote
ends with the fewest edits, and a second, anchored pass finds where that match starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.anchor.normal import NormalQuote
from tui.core.model import CONTEXT_CHARS

FRAGMENT_CHARS = 16  # long enough to be rare in prose, short enough to survive an edit
MAX_FRAGMENT_HITS = 8  # a fragment found more often than this says nothing about position
MAX_WINDOWS = 6  # most-supported windows searched, besides the one at the old position
MAX_RUNS_PER_WINDOW = 4  # separate equally good matches in one window worth a look
HINT_SLACK = 64  # extra room either side of the old position
LOCAL_RADIUS = 8192  # fragments are looked for this near the old position before everywhere
# A quote shorter than its context proves less by itself: its weight shrinks in proportion.
SHORT_QUOTE_CHARS = 32
# Position is nearly a tie-break: after edits a highlight can move far and still be right.
QUOTE_WEIGHT, PREFIX_WEIGHT, SUFFIX_WEIGHT, POSITION_WEIGHT = 0.7, 0.12, 0.12, 0.06


@dataclass(frozen=True, slots=True)
class Match:
    """``text[start:end]`` is ``errors`` edits away from the quote."""

    start: int
    end: int
    errors: int


def edit_distances(pattern: str, text: str, *, anchored: bool) -> list[int]:
    """Edit distance between ``pattern`` and the text ending at each position of ``text``.

    Entry ``j`` is for ``text[:j + 1]`` when ``anchored`` (the match must start at 0), else for
    the best ``text[i:j + 1]`` over every ``i`` (Myers 1999, as written by Hyyrö 2003).
    """
    m = len(pattern)
    if m == 0:
        return [j + 1 if anchored else 0 for j in range(len(text))]
    peq: dict[str, int] = {}
    for i, char in enumerate(pattern):
        peq[char] = peq.get(char, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    carry = 1 if anchored else 0  # row 0 costs j when anchored, nothing when searching
    pv, mv, score = mask, 0, m
    out = []
    for char in text:
        eq = peq.get(char, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | carry) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        out.append(score)
    return out


def prefix_likeness(text: str, quote: NormalQuote, start: int) -> float:
    """How much the text before ``start`` looks like the quote's prefix (0.0-1.0).

    When the prefix was cut short by the start of the text, more of the text before is
    compared, so that a candidate that does not start the text scores less.
    """
    want = len(quote.prefix) + (CONTEXT_CHARS if quote.at_start else 0)
    if not want:
        return 1.0
    from rapidfuzz.distance import Levenshtein  # here: only re-anchoring needs it, not start

    return Levenshtein.normalized_similarity(quote.prefix, text[max(0, start - want) : start])


def suffix_likeness(text: str, quote: NormalQuote, end: int) -> float:
    """How much the text after ``end`` looks like the quote's suffix (0.0-1.0)."""
    want = len(quote.suffix) + (CONTEXT_CHARS if quote.at_end else 0)
    if not want:
        return 1.0
    from rapidfuzz.distance import Levenshtein  # here: only re-anchoring needs it, not start

    return Levenshtein.normalized_similarity(quote.suffix, text[end : end + want])


def is_word_edge(text: str, at: int) -> bool:
    """Whether offset ``at`` splits no word (letters and digits on both sides)."""
    return not (0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum())


def score(text: str, quote: NormalQuote, match: Match, *, hint: int) -> float:
    """Combined score (0.0-1.0) of a candidate: quote, prefix and suffix likeness, nearness."""
    m = len(quote.exact)
    weight = QUOTE_WEIGHT * min(1.0, m / SHORT_QUOTE_CHARS)
    total = weight + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT
    return (
        weight * (1.0 - match.errors / m)
        + PREFIX_WEIGHT * prefix_likeness(text, quote, match.start)
        + SUFFIX_WEIGHT * suffix_likeness(text, quote, match.end)
        + POSITION_WEIGHT * (1.0 - min(1.0, abs(match.start - hint) / max(1, len(text))))
    ) / total


def search_window(
    text: str, quote: NormalQuote, lo: int, hi: int, *, max_errors: int
) -> list[Match]:
    """The best matches of ``quote.exact`` in ``text[lo:hi]`` within ``max_errors`` edits.

    The fewest edits find where a match ends. Its start, then its end again, are then chosen
    by edits and context together: "Out if method" edited to "Out zz method" is as few edits
    from "zz method" as from the whole, but only the whole has the quote's prefix before it.
    A quote that began or ended on a word edge keeps to word edges: the edit distance does not
    care whether a match takes "creat" or "creator", but a reader does.
    """
    pattern = quote.exact
    m = len(pattern)
    scores = edit_distances(pattern, text[lo:hi], anchored=False)
    best = min(scores, default=max_errors + 1)
    if best > max_errors:
        return []
    runs: list[list[int]] = []  # runs of consecutive best ends
    for j, value in enumerate(scores):
        if value == best:
            if runs and runs[-1][-1] == lo + j:
                runs[-1].append(lo + j + 1)
            else:
                runs.append([lo + j + 1])
    reverse = pattern[::-1]
    # A quote that began (ended) on a word edge gets a match that does too, where one will do.
    starts_on_edge = not (quote.prefix[-1:].isalnum() and pattern[0].isalnum())
    ends_on_edge = not (pattern[-1].isalnum() and quote.suffix[:1].isalnum())
    matches = []
    for run in runs[:MAX_RUNS_PER_WINDOW]:
        end = run[0]
        first = max(lo, end - m - max_errors)
        back = edit_distances(reverse, text[first:end][::-1], anchored=True)
        lengths = [n for n in range(1, len(back) + 1) if back[n - 1] <= max_errors]
        if starts_on_edge:
            lengths = [n for n in lengths if is_word_edge(text, end - n)] or lengths
        length = max(
            lengths,
            key=lambda n: (
                QUOTE_WEIGHT * (1 - back[n - 1] / m)
                + PREFIX_WEIGHT * prefix_likeness(text, quote, end - n),
                -abs(n - m),
            ),
        )
        start = end - length
        ahead = edit_distances(pattern, text[start : min(hi, start + m + max_errors)],
                               anchored=True)
        lengths = [n for n in range(1, len(ahead) + 1) if ahead[n - 1] <= max_errors]
        if ends_on_edge:
            lengths = [n for n in lengths if is_word_edge(text, start + n)] or lengths
        length = max(
            lengths,
            key=lambda n: (
                QUOTE_WEIGHT * (1 - ahead[n - 1] / m)
                + SUFFIX_WEIGHT * suffix_likeness(text, quote, start + n),
                -abs(n - m),
            ),
        )
        matches.append(Match(start, start + length, ahead[length - 1]))
    return matches


def _hits(text: str, fragment: str, lo: int, hi: int) -> list[int]:
    """Where ``fragment`` occurs in ``text[lo:hi]``, or [] when too often to place anything."""
    found: list[int] = []
    at = text.find(fragment, lo, hi)
    while at != -1:
        if len(found) == MAX_FRAGMENT_HITS:
            return []
        found.append(at)
        at = text.find(fragment, at + 1, hi)
    return found


def _estimates(text: str, quote: NormalQuote, lo: int, hi: int) -> list[int]:
    """Likely quote starts implied by exact fragments of the quote and its context found in
    ``text[lo:hi]``."""
    exact = quote.exact
    m = len(exact)
    size = min(FRAGMENT_CHARS, m)
    offsets = sorted({0, m - size, (m - size) // 3, 2 * (m - size) // 3})
    starts = []
    for offset in offsets:
        starts += [at - offset for at in _hits(text, exact[offset : offset + size], lo, hi)]
    if len(quote.prefix) >= size // 2:
        tail = quote.prefix[-FRAGMENT_CHARS:]
        starts += [at + len(tail) for at in _hits(text, tail, lo, hi)]
    if len(quote.suffix) >= size // 2:
        head = quote.suffix[:FRAGMENT_CHARS]
        starts += [at - m for at in _hits(text, head, lo, hi)]
    return starts


def windows(
    text: str, quote: NormalQuote, *, hint: int, max_errors: int
) -> list[tuple[int, int]]:
    """Disjoint ``(lo, hi)`` windows of ``text`` worth searching for ``quote``, in order."""
    m, n = len(quote.exact), len(text)
    margin = max_errors + 4
    # Near the old position first: a whole-text scan per fragment is the slow part.
    near = (max(0, hint - LOCAL_RADIUS), min(n, hint + m + LOCAL_RADIUS))
    estimates = _estimates(text, quote, *near) or _estimates(text, quote, 0, n)
    clusters: list[list[int]] = []
    for start in sorted(estimates):
        if clusters and start - clusters[-1][-1] <= margin + FRAGMENT_CHARS:
            clusters[-1].append(start)
        else:
            clusters.append([start])
    # Most fragments agreeing first, then nearest the old position.
    clusters.sort(key=lambda c: (-len(c), abs(c[0] - hint)))
    spans = [(c[0] - margin, c[-1] + m + margin) for c in clusters[:MAX_WINDOWS]]
    spans.append((hint - margin - HINT_SLACK, hint + m + margin + HINT_SLACK))
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted((max(0, lo), min(n, hi)) for lo, hi in spans):
        if hi <= lo:
            continue
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def fuzzy_matches(
    text: str, quote: NormalQuote, *, hint: int, max_errors: int
) -> list[Match]:
    """Candidate matches of ``quote.exact`` in ``text`` within ``max_errors`` edits."""
    found = {
        match
        for lo, hi in windows(text, quote, hint=hint, max_errors=max_errors)
        for match in search_window(text, quote, lo, hi, max_errors=max_errors)
    }
    return sorted(found, key=lambda match: (match.errors, abs(match.start - hint), match.start))
