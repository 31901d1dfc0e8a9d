"""Pure layout: wrapping, prefixes, tables, code, and the offset ↔ (line, column) maps."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.model.article import Article, Block, BlockKind, Span, SpanKind
from tui.core.reader.layout import (
    _SURELY_ONE_CELL,
    Decorative,
    count_lines,
    layout_article,
    line_texts,
    outline,
    visible_range,
    wrap,
)
from tui.core.text.cells import cells, char_cells


def art(*blocks: Block) -> Article:
    return Article(title="T", blocks=blocks)


def para(text: str) -> Block:
    return Block(BlockKind.PARAGRAPH, text)


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("", 10, [""]),
        ("short", 10, ["short"]),
        ("aaa bbb ccc", 7, ["aaa bbb", "ccc"]),
        ("aaa bbb ccc", 6, ["aaa", "bbb", "ccc"]),
        ("abcdefghij klm", 4, ["abcd", "efgh", "ij", "klm"]),  # over-long word broken
        ("exactly ten", 11, ["exactly ten"]),
        ("漢字漢字漢字", 5, ["漢字", "漢字", "漢字"]),  # wide characters take two cells
        ("café au lait", 7, ["café au", "lait"]),
    ],
)
def test_wrap(text: str, width: int, expected: list[str]) -> None:
    assert [text[a:b] for a, b, _ in wrap(text, width)] == expected


def test_wrap_ranges_continue_after_the_spaces_broken_at() -> None:
    assert wrap("aaa bbb ccc", 7) == [(0, 7, 8), (8, 11, 11)]


def test_paragraph_lines_partition_the_canonical_text() -> None:
    article = art(para("one two three four five six"), para("seven eight nine"))
    layout = layout_article(article, 12)
    assert line_texts(layout) == ["one two", "three four", "five six", "", "seven eight", "nine"]
    # Each line's end is the next line's start, and together they cover the whole text.
    assert layout.lines[0].start == 0
    for a, b in zip(layout.lines, layout.lines[1:], strict=False):
        assert a.end == b.start
    assert layout.lines[-1].end == len(article.text)
    assert [line.block for line in layout.lines] == [0, 0, 0, 1, 1, 1]
    assert layout.lines[3].kind is Decorative.BLANK


def test_a_line_shows_its_blocks_kind_or_is_decorative() -> None:
    """LineKind is BlockKind plus the decorative kinds, not a copy that could drift."""
    assert not {k.value for k in Decorative} & {k.value for k in BlockKind}
    article = art(
        Block(BlockKind.HEADING, "Title", level=1),
        para("one two three four five six"),
        Block(BlockKind.QUOTE, "a quote", level=1),
        Block(BlockKind.PRE, "x = 1\ny = 2"),
    )
    layout = layout_article(article, 12)
    for line in layout.lines:
        assert isinstance(line.kind, Decorative) or line.kind is article.blocks[line.block].kind
    assert Decorative.RULE in {line.kind for line in layout.lines}


def test_block_kinds_get_their_prefixes() -> None:
    article = art(
        Block(BlockKind.HEADING, "Title here", level=2),
        Block(BlockKind.QUOTE, "quoted words that wrap around", level=1),
        Block(BlockKind.QUOTE, "deeper", level=2),
        Block(BlockKind.LIST_ITEM, "first bullet", level=1),
        Block(BlockKind.LIST_ITEM, "nested bullet", level=2),
        Block(BlockKind.LIST_ITEM, "one", level=1, number=1),
        Block(BlockKind.LIST_ITEM, "two items wrapping", level=1, number=2),
        Block(BlockKind.IMAGE, "a cat on a mat"),
    )
    assert line_texts(layout_article(article, 16)) == [
        "Title here",
        "──────────",
        "",
        "│ quoted words",
        "│ that wrap",
        "│ around",
        "│",
        "│ │ deeper",
        "",
        "• first bullet",
        "  ◦ nested",
        "    bullet",
        "",
        "1. one",
        "2. two items",
        "   wrapping",
        "",
        "[image: a cat",
        "        on a",
        "        mat]",
    ]


def test_numbered_item_continuation_hangs_under_the_text() -> None:
    article = art(
        Block(BlockKind.LIST_ITEM, "step", level=1, number=1),
        Block(BlockKind.LIST_ITEM, "more about it", level=1),
    )
    assert line_texts(layout_article(article, 40)) == ["1. step", "   more about it"]


def test_image_is_bracketed_and_wraps_under_its_label() -> None:
    layout = layout_article(art(Block(BlockKind.IMAGE, "a cat sitting on a mat")), 20)
    assert line_texts(layout) == ["[image: a cat", "        sitting on", "        a mat]"]


def test_preformatted_lines_are_never_wrapped() -> None:
    code = "def f():\n    return 'a very long line that goes well past the measure'"
    layout = layout_article(art(Block(BlockKind.PRE, code)), 20)
    assert line_texts(layout) == [
        "  def f():",
        "      return 'a very long line that goes well past the measure'",
    ]
    assert all(line.scrolls for line in layout.lines)
    assert layout.max_width == 2 + len(code.split("\n")[1])


def test_table_columns_are_aligned_with_a_rule_under_the_first_row() -> None:
    table = Block.table([["Name", "Year"], ["lynx", "1992"], ["Gloss reader", "2024"]])
    layout = layout_article(art(table), 60)
    assert line_texts(layout) == [
        "Name         │ Year",
        "─────────────┼─────",
        "lynx         │ 1992",
        "Gloss reader │ 2024",
    ]
    assert layout.lines[0].header
    # Cells map back to their canonical text.
    frag = layout.lines[3].fragments[1]
    assert layout.text[frag.start : frag.end] == "2024"


def test_offset_to_point_and_back() -> None:
    article = art(para("alpha beta gamma delta"), Block(BlockKind.QUOTE, "quoted text", level=1))
    layout = layout_article(article, 13)
    assert line_texts(layout) == ["alpha beta", "gamma delta", "", "│ quoted text"]
    text = article.text
    assert layout.point_at(text.index("gamma")) == (1, 0)
    assert layout.point_at(text.index("delta") + 2) == (1, 8)
    assert layout.point_at(text.index("quoted")) == (3, 2)  # after the quote bar
    assert layout.offset_at(3, 2) == text.index("quoted")
    assert layout.offset_at(3, 0) == text.index("quoted")  # a click on the bar
    assert layout.offset_at(1, 99) == text.index("delta") + 5  # right of the text
    assert layout.offset_at(2, 0) == article.offsets[1]  # the blank line
    # The space a line broke at sits after that line's text.
    assert layout.point_at(text.index(" gamma")) == (0, 10)
    # The very end of the text is the end of the last line.
    assert layout.point_at(len(text)) == (3, 13)


def test_wide_characters_map_to_two_cells() -> None:
    article = art(para("漢字 and more"))
    layout = layout_article(article, 40)
    assert layout.point_at(1) == (0, 2)
    assert layout.point_at(3) == (0, 5)
    assert layout.offset_at(0, 3) == 1  # the second cell of 字 is still 字
    assert layout.offset_at(0, 4) == 2


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(
        st.text(alphabet=st.sampled_from("abcdé漢字xyz"), min_size=1, max_size=14),
        min_size=1,
        max_size=40,
    ),
    width=st.integers(min_value=12, max_value=50),
)
def test_every_offset_round_trips(words: list[str], width: int) -> None:
    article = art(para(" ".join(words)), para("tail end"))
    layout = layout_article(article, width)
    for line in layout.lines:
        for frag in line.fragments:
            assert cells(layout.text[frag.start : frag.end]) + frag.col <= max(width, 12) + 8
    for offset, char in enumerate(article.text):
        if char in " \n":
            continue
        index, col = layout.point_at(offset)
        assert layout.offset_at(index, col) == offset


def test_lines_touching_a_range() -> None:
    article = art(para("one two three four five six"))
    layout = layout_article(article, 12)
    start = article.text.index("three")
    assert list(layout.lines_touching(start, start + len("three four five"))) == [1, 2]
    assert list(layout.lines_touching(0, 3)) == [0]


def test_visible_range_and_outline() -> None:
    article = art(
        Block(BlockKind.HEADING, "Intro", level=2),
        para("body"),
        Block(BlockKind.HEADING, "End", level=3),
    )
    layout = layout_article(article, 40)
    assert visible_range(layout, 0, 2) == (0, article.offsets[1])
    assert [(h.level, h.text, h.offset) for h in outline(article)] == [
        (2, "Intro", 0),
        (3, "End", article.offsets[2]),
    ]


def test_lists_side_by_side_are_kept_apart() -> None:
    article = art(
        Block(BlockKind.LIST_ITEM, "bullet", level=1),
        Block(BlockKind.LIST_ITEM, "first", level=1, number=1),
        Block(BlockKind.LIST_ITEM, "second", level=1, number=2),
    )
    assert line_texts(layout_article(article, 40)) == ["• bullet", "", "1. first", "2. second"]


def test_spans_do_not_affect_layout() -> None:
    block = Block(BlockKind.PARAGRAPH, "see the link", spans=(Span(SpanKind.LINK, 8, 12, "https://x"),))
    assert line_texts(layout_article(art(block), 40)) == ["see the link"]


# -- the lazy layout: counted at once, built a block at a time --------------------------------


@given(
    pieces=st.lists(st.sampled_from(["a", "bb", "ccc ", " ", "  ", "\n", "long" * 6, "é", "漢"]),
                    max_size=40),
    width=st.integers(min_value=-2, max_value=40),
)
def test_counting_lines_agrees_with_wrapping(pieces: list[str], width: int) -> None:
    text = "".join(pieces)
    uniform = "漢" not in text
    assert count_lines(text, width, uniform) == len(wrap(text, width, uniform))


def test_surely_one_cell_characters_take_one_cell() -> None:
    """The fast test for one-cell text agrees with the cell rule on every character it
    passes."""
    passed = [chr(c) for c in range(0x2100) if _SURELY_ONE_CELL.fullmatch(chr(c))]
    assert len(passed) > 700
    assert all(char_cells(c) == 1 for c in passed)


def _mixed_article() -> Article:
    blocks = [
        Block(BlockKind.HEADING, "A title that is long enough to wrap at narrow widths", level=1),
        para("one two three four five six seven eight nine ten eleven twelve " * 3),
        Block(BlockKind.QUOTE, "a quoted line of some length that wraps " * 2, level=2),
        Block(BlockKind.QUOTE, "and another quote", level=1),
        Block(BlockKind.LIST_ITEM, "first item of a list that goes on " * 2, level=1, number=1),
        Block(BlockKind.LIST_ITEM, "a later paragraph of the same item", level=1),
        Block(BlockKind.LIST_ITEM, "nested bullet", level=2),
        Block(BlockKind.PRE, "code line one\n  indented code line two that is long"),
        Block(BlockKind.TABLE, "a\tb\nlonger cell\tc"),
        Block(BlockKind.IMAGE, "an image's alt text that is rather long", src="https://x/y.png"),
        para("漢字漢字漢字 かなカナ 漢字漢字漢字漢字漢字。" * 3),
        para(""),
        Block(BlockKind.HEADING, "End", level=2),
    ]
    return art(*blocks)


@pytest.mark.parametrize("width", [5, 12, 19, 30, 57, 120])
def test_blocks_built_in_any_order_are_the_lines_counted(width: int) -> None:
    article = _mixed_article()
    figures = {9: 4}
    in_order = layout_article(article, width, figures)
    lines = list(in_order.lines)  # every block, first to last
    assert len(lines) == len(in_order.lines)
    shuffled = layout_article(article, width, figures)
    order = list(range(len(article.blocks)))
    random.Random(width).shuffle(order)
    for block in order:
        shuffled.built(block)
    assert list(shuffled.lines) == lines
    assert [shuffled.line_at(o) for o in range(len(article.text) + 2)] == [
        in_order.line_at(o) for o in range(len(article.text) + 2)
    ]
    assert shuffled.lines[-1] == lines[-1] and shuffled.lines[2:5] == lines[2:5]
    # Each block's first own line, and the widest line bounded by max_width.
    assert [lines[i].block for i in in_order.block_lines] == list(range(len(article.blocks)))
    assert all(lines[i].first or lines[i].kind is BlockKind.PRE for i in in_order.block_lines)
    assert max(line.width for line in lines) <= in_order.max_width


def test_asking_for_a_line_builds_only_its_block() -> None:
    article = art(*(para(f"paragraph {n} " * 20) for n in range(200)))
    layout = layout_article(article, 30)
    assert layout._built == {}
    index = layout.line_at(article.offsets[150] + 5)
    assert layout.lines[index].block == 150
    assert list(layout._built) == [150]
