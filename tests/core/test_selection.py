"""The cursor and selection rules: READ motions land on starts, VISUAL ones on last characters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support import paths
from tui.core.model.article import Article, Block, BlockKind
from tui.core.reader.layout import layout_article
from tui.core.reader.selection import (
    Motion,
    Selection,
    SpanIndex,
    first_word,
    innermost,
    line_home,
    move_by_lines,
    move_cursor,
    move_head,
    trim,
)

SEED = paths.SEED_TEXT.read_text(encoding="utf-8").rstrip("\n")
ROSENBERG = SEED[SEED.index("My colleagues") : SEED.index("It's working out.") + 17]


def selected(text: str, anchor: int, head: int) -> str:
    start, end = Selection(anchor, head).span(text)
    return text[start:end]


# -- the story: } then v} selects exactly the quote -------------------------------------------


def test_paragraph_motions_select_exactly_the_quote() -> None:
    cursor = move_cursor(SEED, 0, Motion.PARAGRAPH_NEXT)
    assert SEED[cursor:].startswith("My colleagues")
    head = move_head(SEED, cursor, Motion.PARAGRAPH_NEXT)
    assert SEED[head] == "." and SEED[head + 1 : head + 3] == "\n\n"
    assert selected(SEED, cursor, head) == ROSENBERG
    # The bounds are the selection itself: nothing to trim, no separator.
    assert Selection(cursor, head).bounds == (cursor, cursor + len(ROSENBERG))


def test_seven_sentences_are_the_same_paragraph() -> None:
    start = SEED.index("My colleagues")
    assert move_head(SEED, start, Motion.SENTENCE_NEXT, 7) == start + len(ROSENBERG) - 1
    assert selected(SEED, start, move_head(SEED, start, Motion.SENTENCE_NEXT)) == (
        "My colleagues Marco Ramirez and Doug Petrie, who are doing Defenders, they've shared "
        "material."
    )


@pytest.mark.parametrize(
    ("motion", "count", "expected"),
    [
        (Motion.WORD_NEXT, 1, "My"),
        (Motion.WORD_NEXT, 3, "My colleagues Marco"),
        (Motion.SENTENCE_NEXT, 2, "My colleagues Marco Ramirez and Doug Petrie, who are doing "
         "Defenders, they've shared material. We've sat down for many conversations about what "
         "are they doing, what's happening with Jessica?"),
    ],
)
def test_forward_motions_while_selecting_end_on_a_last_character(
    motion: Motion, count: int, expected: str
) -> None:
    start = SEED.index("My colleagues")
    assert selected(SEED, start, move_head(SEED, start, motion, count)) == expected


def test_a_forward_motion_from_a_units_end_goes_to_the_next_ones_end() -> None:
    start = SEED.index("So far so good.")
    end_of_so_far = start + len("So far so good.") - 1
    assert move_head(SEED, start, Motion.SENTENCE_NEXT) == end_of_so_far
    assert SEED[: move_head(SEED, end_of_so_far, Motion.SENTENCE_NEXT) + 1].endswith(
        "It's working out."
    )
    # The paragraph's last character: the next paragraph's last one (across the blank line).
    last = SEED.index("It's working out.") + 16
    following = move_head(SEED, last, Motion.PARAGRAPH_NEXT)
    assert SEED[following + 1 : following + 3] == "\n\n"
    assert SEED[:following + 1].endswith("inauspicious at best.")


def test_backward_motions_from_the_anchor_land_on_starts() -> None:
    end = SEED.index("It's working out.") + 16
    back = {
        (Motion.SENTENCE_PREV, 1): "It's working out.",
        (Motion.SENTENCE_PREV, 2): "So far so good. It's working out.",
        (Motion.PARAGRAPH_PREV, 1): ROSENBERG,
        (Motion.WORD_PREV, 1): "out.",
    }
    for (motion, count), expected in back.items():
        assert selected(SEED, end, move_head(SEED, end, motion, count, end)) == expected


def test_the_head_snaps_to_the_edges_on_its_side_of_the_selection() -> None:
    start = SEED.index("My colleagues")
    three = move_head(SEED, start, Motion.SENTENCE_NEXT, 3, start)
    assert SEED[three - 3 : three + 1] == ". . ."[-4:]
    # At the right end, ( takes a sentence off: the end of the one before, not a start.
    two = move_head(SEED, three, Motion.SENTENCE_PREV, 1, start)
    assert selected(SEED, start, two).endswith("what's happening with Jessica?")
    word = move_head(SEED, two, Motion.WORD_PREV, 1, start)
    assert selected(SEED, start, word).endswith("happening with Jessica")  # "?" is a word
    # Back across the anchor: the start of the unit it lands in.
    assert move_head(SEED, start + 5, Motion.PARAGRAPH_PREV, 1, start + 5) == start
    # At the left end, forward motions land on starts (the selection loses whole units)...
    end = start + len(ROSENBERG) - 1
    left = move_head(SEED, end, Motion.PARAGRAPH_PREV, 1, end)
    assert left == start
    shorter = move_head(SEED, left, Motion.SENTENCE_NEXT, 1, end)
    assert selected(SEED, end, shorter).startswith("We've sat down")
    # ... until they cross the anchor, and end on a last character again.
    crossed = move_head(SEED, end - 3, Motion.WORD_NEXT, 2, end - 2)
    assert SEED[crossed] == "." and crossed > end - 2


def test_read_motions_land_on_starts_and_stay_at_the_end() -> None:
    start = SEED.index("So far so good.")
    assert SEED[move_cursor(SEED, start, Motion.SENTENCE_NEXT) :].startswith("It's working")
    assert SEED[move_cursor(SEED, start, Motion.WORD_NEXT, 2) :].startswith("so good")
    assert SEED[move_cursor(SEED, start, Motion.SENTENCE_PREV) :].startswith("We're really")
    last = len(SEED) - 1  # the closing full stop, a word of its own
    assert move_cursor(SEED, last, Motion.WORD_NEXT) == last  # no word after: stays
    assert move_cursor(SEED, last, Motion.PARAGRAPH_NEXT, 5) == last
    assert move_cursor(SEED, 0, Motion.PARAGRAPH_PREV) == 0


def test_a_selection_is_inclusive_at_both_ends_in_either_direction() -> None:
    text = "one two three"
    assert Selection(4, 6).bounds == Selection(6, 4).bounds == (4, 7)
    assert selected(text, 6, 4) == "two"
    assert Selection(3, 3).span(text) == (4, 4)  # only a space: empty
    assert Selection.of_range(4, 7) == Selection(4, 6)
    assert Selection.of_range(4, 7, backward=True) == Selection(6, 4)
    assert Selection(4, 6).moved(0) == Selection(4, 0)


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [(" a b ", 0, 5, (1, 4)), ("a", 0, 1, (0, 1)), ("   ", 0, 3, (3, 3)), ("a\n\n", 0, 3, (0, 1))],
)
def test_trim(text: str, start: int, end: int, expected: tuple[int, int]) -> None:
    assert trim(text, start, end) == expected


@pytest.mark.parametrize(
    ("text", "offset", "expected"), [("  ab", 0, 2), ("ab  ", 3, 1), ("ab", 1, 1), ("", 0, 0)]
)
def test_first_word(text: str, offset: int, expected: int) -> None:
    assert first_word(text, offset) == expected


def test_innermost_prefers_the_shortest_then_the_later() -> None:
    spans = [(0, 10), (2, 5), (2, 5), (7, 9)]
    assert innermost(spans, 3) == 2
    assert innermost(spans, 8) == 3
    assert innermost(spans, 0) == 0
    assert innermost(spans, 10) is None
    assert innermost([], 0) is None


@given(
    st.lists(
        st.tuples(st.integers(0, 60), st.integers(0, 25)).map(lambda t: (t[0], t[0] + t[1])),
        max_size=30,
    ),
    st.integers(-2, 90),
)
def test_the_span_index_agrees_with_innermost(spans: list[tuple[int, int]], offset: int) -> None:
    assert SpanIndex(spans).innermost(offset) == innermost(spans, offset)


def test_the_span_index_reaches_a_long_span_that_starts_far_back() -> None:
    spans = [(0, 5000), (10, 20), (4990, 4995)]
    index = SpanIndex(spans)
    assert [index.innermost(o) for o in (4, 15, 4000, 4992, 5000)] == [0, 1, 0, 2, None]


# -- lines --------------------------------------------------------------------------------


def article() -> Article:
    return Article(
        title="T",
        blocks=(
            Block(BlockKind.PARAGRAPH, "alpha beta gamma delta epsilon zeta eta theta iota"),
            Block(BlockKind.PARAGRAPH, "kappa lambda"),
        ),
    )


def test_lines_keep_a_goal_column_and_skip_blank_lines() -> None:
    a = article()
    layout = layout_article(a, 20)
    rows = [layout.line_text(i) for i in range(len(layout))]
    assert rows == ["alpha beta gamma", "delta epsilon zeta", "eta theta iota", "", "kappa lambda"]
    text = a.text
    start = text.index("gamma") + 3  # column 14
    down, goal = move_by_lines(layout, start, 1, None)
    assert (text[down], goal) == ("z", 14)  # "delta epsilon zeta": column 14 is the z
    down2, goal = move_by_lines(layout, down, 1, goal)
    assert text[down2] == "a" and down2 == text.index("iota") + 3  # past its end: the last char
    down3, goal = move_by_lines(layout, down2, 1, goal)
    assert text[down3] == "a" and down3 == text.index("lambda") + 5  # the blank line skipped
    up, _ = move_by_lines(layout, down3, -2, goal)
    assert text[up : up + 3] == "zet"
    same, _ = move_by_lines(layout, 0, -1, None)
    assert same == 0  # nothing above


def test_line_home_finds_the_nearest_text_line() -> None:
    layout = layout_article(article(), 20)
    text = layout.text
    assert line_home(layout, 1) == text.index("delta")
    assert line_home(layout, 3) == text.index("kappa")  # the blank line: the line below
    assert line_home(layout, 3, forward=False) == text.index("eta theta")
    assert line_home(layout, 99) == text.index("kappa")
