"""The line painter's shortcuts paint exactly what the plain way paints.

Two shortcuts keep a screen of highlights cheap: pieces of a line under ranges that do not
overlap are cut in one sweep (``LinePainter._apart``), and the selection meta of a line of one
fragment comes from the offsets the painter already knows (``paint_with_starts``) instead of a
walk through the columns. Each is checked here against the long way, segment for segment,
style and meta included.
"""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.segment import Segment
from rich.style import Style

from tests.support import paths
from tests.support.textgen import generate_article
from tui.core.extract.pipeline import extract
from tui.core.model.article import Article, Block, BlockKind
from tui.core.reader.layout import Layout, layout_article
from tui.ui.widgets.decorations import Decoration
from tui.ui.widgets.reader.lines import LinePainter, block_styles
from tui.ui.widgets.reader.selection import CanonicalSelection

FEATURES = paths.DATA / "reader-features.html"
TEXT = "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu."
# Each name sets a different colour, so the order styles are added in shows in the result.
PALETTE = ("red", "green", "blue", "yellow", "magenta")


def style_of(name: str) -> Style:
    """A distinct style per component name (a stand-in for the view's CSS)."""
    number = sum(map(ord, name))
    return Style(color=PALETTE[number % len(PALETTE)], bold=number % 2 == 0)


def long_way(
    painter: LinePainter, start: int, end: int, base: Style, ranges: list[tuple[int, int, str]]
) -> list[Segment]:
    """``text[start:end]`` cut at every range end inside it, each piece styled by the ranges
    over its first character, in painting order: the definition the shortcut must meet."""
    inside = [r for r in ranges if r[0] < end and r[1] > start]
    cuts = {start, end}
    for r_start, r_end, _ in inside:
        cuts |= {max(start, r_start), min(end, r_end)}
    out = []
    for a, b in itertools.pairwise(sorted(cuts)):
        style = base
        for r_start, r_end, name in inside:
            if r_start <= a < r_end:
                style = style + style_of(name)
        out.append(Segment(painter.layout.text[a:b], style))
    return out


def _painter(text: str) -> LinePainter:
    article = Article(title="Painter", blocks=(Block(BlockKind.PARAGRAPH, text),))
    layout = layout_article(article, 80)
    assert layout.text == text
    return LinePainter(layout, [], style_of)


ranges_strategy = st.lists(
    st.tuples(
        st.integers(0, len(TEXT)),
        st.integers(0, 12),
        st.sampled_from(["hl-a", "hl-b", "match", "link", "em"]),
    ).map(lambda t: (t[0], min(len(TEXT), t[0] + t[1]), t[2])),
    max_size=8,
)


@settings(max_examples=400, deadline=None)
@given(ranges=ranges_strategy, start=st.integers(0, 20), length=st.integers(1, 60))
@pytest.mark.slow
def test_fragment_matches_the_long_way(
    ranges: list[tuple[int, int, str]], start: int, length: int
) -> None:
    painter = _painter(TEXT)
    end = min(len(TEXT), start + length)
    base = Style(italic=True)
    segments, starts = painter._fragment(start, end, "reader--quote", base, ranges)
    assert segments == long_way(painter, start, end, base, ranges)
    # Each piece starts where the one before it ended.
    assert starts == [start + sum(len(s.text) for s in segments[:i]) for i in range(len(starts))]


def test_non_overlapping_ranges_are_cut_in_painting_order_of_styles() -> None:
    painter = _painter(TEXT)
    base = Style.null()
    ranges = [(6, 10, "hl-a"), (0, 5, "hl-b"), (11, 16, "match")]
    segments, starts = painter._fragment(0, 20, "", base, ranges)
    assert [s.text for s in segments] == ["Alpha", " ", "beta", " ", "gamma", " del"]
    assert starts == [0, 5, 6, 10, 11, 16]
    assert segments[0].style == style_of("hl-b")
    assert segments[2].style == style_of("hl-a")


class _Selection(CanonicalSelection):
    """The selection mixin over a bare layout (no app needed to compute meta)."""

    def __init__(self, layout: Layout) -> None:
        self.text_layout = layout


def _decorations(text: str, rng: random.Random) -> list[Decoration]:
    """Highlights, matches, a selection and a cursor scattered over ``text``."""
    out = []
    for _ in range(len(text) // 15):
        start = rng.randrange(len(text))
        end = min(len(text), start + rng.choice([0, 1, 4, 9, 40]))
        component = rng.choice(["reader--hl-yellow", "reader--match", "reader--selection"])
        out.append(Decoration(start, end, "reader--cursor" if start == end else component))
    return out


@pytest.mark.parametrize("source", ["generated", "features"])
def test_meta_from_starts_matches_the_column_walk(source: str) -> None:
    if source == "generated":
        article = generate_article(1500, seed=4)
    else:
        article = extract(FEATURES.read_text(encoding="utf-8"), "https://example.invalid/")
    layout = layout_article(article, 40)
    painter = LinePainter(layout, block_styles(article), style_of)
    selection = _Selection(layout)
    decorations = _decorations(layout.text, random.Random(7))
    base = Style(color="white", bgcolor="black")
    vouched = 0
    for index, line in enumerate(layout.lines):
        touching = [d for d in decorations if d.start <= line.end and d.end >= line.start]
        page, starts = painter.paint_with_starts(index, touching, fill=40)
        assert page == painter.paint(index, touching, fill=40)
        if starts is None:
            continue
        vouched += 1
        walked = selection.with_offsets(index, page, 0, base)
        assert selection.with_offsets(index, page, 0, base, starts) == walked
        assert [s.style.meta for s in walked] == [
            s.style.meta for s in selection.with_offsets(index, page, 0, base, starts)
        ]
    assert vouched > len(layout.lines) // 2
