"""Properties of anchoring, checked on random texts, ranges and edits (hypothesis)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from tests.support.textgen import generate_text
from tui.core.anchor.attach import FUZZY_FLOOR, Anchor, describe, find_quote, reanchor, text_hash
from tui.core.anchor.fuzzy import edit_distances, search_window
from tui.core.anchor.normal import NormalQuote, NormalText, normalize
from tui.core.model.highlight import CONTEXT_CHARS, AnchorStatus, Target, TextPosition

# Characters that normalising treats specially, mixed with plain ones.
ALPHABET = "ab c.\n\u00a0\u2019'\u201c\"\u2014-\u2026\u200bX"
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@st.composite
def text_and_range(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=120))
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


@SETTINGS
@given(text_and_range())
@pytest.mark.slow
def test_describe_then_reanchor_on_the_same_text_is_exact(case: tuple[str, int, int]) -> None:
    text, start, end = case
    target = describe(text, start, end)
    assert reanchor(target, text) == Anchor(start, end, AnchorStatus.EXACT)
    assert reanchor(target, text, text_hash=text_hash(text)) == Anchor(
        start, end, AnchorStatus.EXACT
    )


def _words(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\S+", text)]


@st.composite
def article_quote_and_edits(
    draw: st.DrawFn,
) -> tuple[str, int, int, list[tuple[int, int, str]]]:
    """A generated text, a word-aligned quote, and edits that stay clear of its context."""
    text = generate_text(draw(st.integers(60, 400)), draw(st.integers(0, 10_000)))
    words = _words(text)
    first = draw(st.integers(0, len(words) - 1))
    last = draw(st.integers(first, min(len(words) - 1, first + 30)))
    start, end = words[first][0], words[last][1]
    lo, hi = start - CONTEXT_CHARS, end + CONTEXT_CHARS  # the zone no edit may touch
    edits = []
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        length = draw(st.integers(0, 40))
        if at <= lo:
            length = min(length, lo - at)
        elif at >= hi:
            length = min(length, len(text) - at)
        else:
            continue
        new = draw(st.text(alphabet=ALPHABET + "\n\n", max_size=40))
        edits.append((at, at + length, new))
    edits.sort()
    kept: list[tuple[int, int, str]] = []
    for edit in edits:  # disjoint, so that they apply one after another on the old offsets
        if not kept or edit[0] > kept[-1][1]:
            kept.append(edit)
    return text, start, end, kept


@SETTINGS
@given(article_quote_and_edits())
def test_edits_away_from_the_quote_never_move_it_off_its_words(
    case: tuple[str, int, int, list[tuple[int, int, str]]],
) -> None:
    text, start, end, edits = case
    target = describe(text, start, end)
    parts, last = [], 0
    for a, b, new in edits:
        parts += [text[last:a], new]
        last = b
    changed = "".join([*parts, text[last:]])
    shift = sum(len(new) - (b - a) for a, b, new in edits if b <= start)
    status = AnchorStatus.EXACT if shift == 0 else AnchorStatus.MOVED
    assert changed[start + shift : end + shift] == text[start:end]
    assert reanchor(target, changed) == Anchor(start + shift, end + shift, status)


@SETTINGS
@given(
    words=st.integers(80, 300),
    seed=st.integers(0, 10_000),
    pick=st.integers(0, 10**6),
    length=st.integers(5, 30),
    inner=st.integers(0, 10**6),
    prefix=st.text(alphabet="abcdefghij", min_size=2, max_size=8),
)
def test_one_word_replaced_inside_the_quote_attaches_fuzzily_on_the_same_span(
    words: int, seed: int, pick: int, length: int, inner: int, prefix: str
) -> None:
    text = generate_text(words, seed)
    spans = _words(text)
    assume(len(spans) > length + 2)
    first = pick % (len(spans) - length)
    last = first + length - 1
    start, end = spans[first][0], spans[last][1]
    replaced = spans[first + 1 + inner % (length - 2)]  # never the first or last word
    new_word = "zz" + prefix
    changed = text[: replaced[0]] + new_word + text[replaced[1] :]
    delta = len(new_word) - (replaced[1] - replaced[0])
    # Within the edit budget with room to spare (a bigger change may rightly be an orphan).
    assume(Levenshtein.distance(text[start:end], changed[start : end + delta]) <= (end - start) / 5)
    anchor = reanchor(describe(text, start, end), changed)
    assert (anchor.start, anchor.end, anchor.status) == (start, end + delta, AnchorStatus.FUZZY)


def _naive(pattern: str, text: str, anchored: bool) -> list[int]:
    row = list(range(len(pattern) + 1))
    out = []
    for j, char in enumerate(text):
        new = [j + 1 if anchored else 0]
        for i in range(1, len(pattern) + 1):
            new.append(min(row[i] + 1, new[i - 1] + 1, row[i - 1] + (pattern[i - 1] != char)))
        out.append(new[-1])
        row = new
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="abc ", min_size=1, max_size=90),
    st.text(alphabet="abc ", max_size=60),
    st.booleans(),
)
def test_bit_parallel_distances_equal_the_textbook_table(
    pattern: str, text: str, anchored: bool
) -> None:
    assert edit_distances(pattern, text, anchored=anchored) == _naive(pattern, text, anchored)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=".-, ", min_size=1, max_size=30), st.text(alphabet=".-, ", max_size=60))
def test_window_matches_are_as_close_as_any_substring(pattern: str, text: str) -> None:
    # No letters, so that every offset is a word edge and only the edit distance counts.
    best = min(_naive(pattern, text, anchored=False), default=len(pattern))
    quote = NormalQuote("", pattern, "")
    matches = search_window(text, quote, 0, len(text), max_errors=len(pattern))
    if not text:
        assert matches == []
        return
    assert matches
    for match in matches:
        assert match.errors == best
        assert Levenshtein.distance(pattern, text[match.start : match.end]) == best


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_the_normal_text_maps_every_character_back_to_its_source(text: str) -> None:
    normal = NormalText.of(text)
    assert normal.norm == normalize(text)
    for i, char in enumerate(normal.norm):
        a, b = normal.real_span(i, i + 1)
        assert 0 <= a < b <= len(text)
        assert char in normalize(text[a:b])
    offsets = [normal.norm_offset(r) for r in range(len(text) + 1)]
    assert offsets == sorted(offsets)
    assert (offsets[0], offsets[-1]) == (0, len(normal.norm))


def _retype(quote: str, style: int) -> str:
    """The quote as a reader might type it: spaces lost or doubled, plain punctuation."""
    plain = quote.replace("\u201c", '"').replace("\u201d", '"').replace("\u2014", " - ")
    plain = plain.replace("\u2026", "...")
    return ("".join(plain.split()), "  ".join(plain.split()), plain.replace(" ", "\n"))[style]


@SETTINGS
@given(
    seed=st.integers(0, 10_000),
    pick=st.integers(0, 10**6),
    length=st.integers(5, 20),
    style=st.integers(0, 2),
)
def test_find_quote_finds_a_retyped_passage(seed: int, pick: int, length: int, style: int) -> None:
    text = generate_text(300, seed)
    spans = _words(text)
    first = pick % (len(spans) - length)
    start, end = spans[first][0], spans[first + length - 1][1]
    assert (start, end) in find_quote(text, _retype(text[start:end], style))


@SETTINGS
@given(
    text_and_range(),
    st.text(alphabet=ALPHABET, max_size=120),
    st.integers(-5, 200),
    st.integers(-5, 200),
)
# Found by CI: a quote of one space after "---" normalised into the dash and matched "—".
@example(("--- ", 3, 4), "\u2014", 0, 0)
# And a quote ending inside "--": the whole dash is the quote's, not half of it.
@example(("X--", 0, 2), "X-", 0, 0)
@example(("- X", 1, 3), "\u2014X", 0, 0)
def test_any_target_on_any_text_gives_a_valid_anchor(
    case: tuple[str, int, int], other: str, start: int, end: int
) -> None:
    text, a, b = case
    described = describe(text, a, b)
    odd = Target(described.quote, TextPosition(start, end), "")
    for target in (described, odd):
        anchor = reanchor(target, other)
        if anchor.status is AnchorStatus.ORPHAN:
            assert (anchor.start, anchor.end) == (-1, -1)
            assert 0.0 <= anchor.score < FUZZY_FLOOR
        else:
            assert 0 <= anchor.start < anchor.end <= len(other)
            assert FUZZY_FLOOR <= anchor.score <= 1.0
        if anchor.status in (AnchorStatus.EXACT, AnchorStatus.MOVED):
            # The same words; a match on part of an ellipsis takes the whole "\u2026". Space
            # at a quote's edge is not compared: beside a dash it is part of the dash ("- X"
            # reads "-X"), and quotes Gloss makes never start or end with one.
            found = normalize(other[anchor.start : anchor.end])
            assert normalize(target.quote.exact.strip()) in found
