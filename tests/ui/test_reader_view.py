"""The reader view on its own: painting, decorations, the gutter, clicks and scrolling."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Offset

from tui.core.model.article import Article, Block, BlockKind, Span, SpanKind
from tui.ui.messages import LinkClicked, PositionChanged, TextClicked
from tui.ui.widgets.decorations import Decoration, DecorationLayers
from tui.ui.widgets.reader.view import GUTTER, ReaderView

LINK = "https://example.com/x"
ARTICLE = Article(
    title="T",
    blocks=(
        Block(BlockKind.HEADING, "A heading", level=2),
        Block(
            BlockKind.PARAGRAPH,
            "Plain words, then emphasis, then a link to follow, then the end of it.",
            spans=(Span(SpanKind.EMPHASIS, 18, 26), Span(SpanKind.LINK, 35, 49, LINK)),
        ),
        Block(BlockKind.PRE, "short\n" + "wide code line " * 10),
        *(Block(BlockKind.PARAGRAPH, f"Filler paragraph number {n}.") for n in range(30)),
    ),
)


class ViewApp(App[None]):
    """Just a reader view showing ARTICLE."""

    def __init__(self, article: Article = ARTICLE, measure: int = 40) -> None:
        super().__init__()
        self.article = article
        self.measure = measure
        self.seen: list[object] = []

    def compose(self) -> ComposeResult:
        yield ReaderView(measure=self.measure)

    def on_mount(self) -> None:
        self.query_one(ReaderView).show(self.article)

    def on_link_clicked(self, message: LinkClicked) -> None:
        self.seen.append(message)

    def on_text_clicked(self, message: TextClicked) -> None:
        self.seen.append(message)


def style_at(view: ReaderView, y: int, x: int):  # type: ignore[no-untyped-def]
    """The Rich style of the cell at (x, y) of the view."""
    strip = view.render_line(y)
    cell = strip.crop(x, x + 1)
    return next(iter(cell)).style


async def test_layout_centres_the_measure_with_a_gutter() -> None:
    app = ViewApp()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(ReaderView)
        assert view.wrap_width == 40
        assert view.page_left == (59 - 40) // 2
        assert view.render_line(0).text == " " * view.page_left + "A heading".ljust(59 - 9)
        assert view.page_left >= GUTTER


async def test_styles_come_from_component_classes() -> None:
    app = ViewApp()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(ReaderView)
        left = view.page_left
        heading = style_at(view, 0, left)
        assert heading.bold
        text = ARTICLE.text
        link_offset = text.index("link to")
        point = view.point_of(link_offset)
        assert point is not None
        assert style_at(view, point.y, point.x).underline
        emph = view.point_of(text.index("emphasis"))
        assert style_at(view, emph.y, emph.x).italic
        plain = view.point_of(text.index("Plain"))
        assert not style_at(view, plain.y, plain.x).italic
        # Translucent component colours are blended, so a match is not the full warning.
        match = view._component_style("reader--match").bgcolor
        current = view._component_style("reader--match-current").bgcolor
        assert match is not None and current is not None and match != current
        # A theme change restyles (the painted-line cache is dropped).
        before = style_at(view, 0, left).color
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        assert style_at(view, 0, left).color != before


async def test_decorations_paint_ranges_points_gutter_and_labels() -> None:
    app = ViewApp()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(ReaderView)
        text = ARTICLE.text
        start = text.index("then emphasis")
        view.set_decorations(
            "match", [Decoration(start, start + 4, "reader--match-current", gutter="▸")]
        )
        view.set_decorations("cursor", [Decoration(start + 6, start + 6, "reader--hint")])
        view.set_decorations("hint", [Decoration(start, start, "reader--hint", label="7")])
        await pilot.pause()
        point = view.point_of(start)
        row = view.render_line(point.y)
        assert row.text[view.page_left - GUTTER] == "▸"
        # The label goes in before the match, which moves one cell right, whole.
        assert row.text[point.x : point.x + 5] == "7then"
        match_bg = style_at(view, point.y, point.x + 3).bgcolor
        assert match_bg is not None
        assert style_at(view, point.y, point.x + 6).bgcolor != match_bg
        hint_bg = style_at(view, point.y, point.x).bgcolor
        assert style_at(view, point.y, point.x + 7).bgcolor == hint_bg  # the point decoration
        view.clear_decorations()
        await pilot.pause()
        assert view.render_line(point.y).text[point.x : point.x + 4] == "then"
        assert view.render_line(point.y).text[view.page_left - GUTTER] == " "


async def test_clicks_follow_links_and_report_offsets() -> None:
    app = ViewApp()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(ReaderView)
        text = ARTICLE.text
        link_point = view.point_of(text.index("link to"))
        await pilot.click(ReaderView, offset=link_point)
        word = text.index("Plain")
        await pilot.click(ReaderView, offset=view.point_of(word) + Offset(2, 0))
        await pilot.pause()
        assert len(app.seen) == 2
        assert isinstance(app.seen[0], LinkClicked) and app.seen[0].link.href == LINK
        assert isinstance(app.seen[1], TextClicked) and app.seen[1].offset == word + 2


async def test_offsets_and_points_round_trip_through_the_view() -> None:
    app = ViewApp()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(ReaderView)
        for offset in (0, ARTICLE.text.index("link"), ARTICLE.text.index("end of it")):
            point = view.point_of(offset)
            assert point is not None
            assert view.offset_at(point) == offset
        view.scroll_to_line(10)
        await pilot.pause()
        assert view.point_of(0) is None  # scrolled out of view
        assert view.first_line == 10
        assert view.visible_range()[0] == view.text_layout.lines[10].start


async def test_horizontal_scroll_moves_code_only() -> None:
    app = ViewApp()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(ReaderView)
        pre_line = next(i for i, line in enumerate(view.text_layout.lines) if line.scrolls)
        wide = pre_line + 1
        prose_before = view.render_line(2).text
        code_before = view.render_line(wide).text
        view.scroll_columns(8)
        await pilot.pause()
        assert view.render_line(2).text == prose_before
        assert view.render_line(wide).text != code_before
        assert view.render_line(wide).text.strip().startswith("ode line")
        view.scroll_columns(-100)
        await pilot.pause()
        assert view.render_line(wide).text == code_before


async def test_position_messages_follow_scrolling() -> None:
    positions: list[PositionChanged] = []
    app = ViewApp()
    async with app.run_test(
        size=(60, 20),
        message_hook=lambda m: positions.append(m) if isinstance(m, PositionChanged) else None,
    ) as pilot:
        await pilot.pause()
        view = app.query_one(ReaderView)
        view.scroll_to_line(5)
        await pilot.pause()
        last = positions[-1]
        total = len(view.text_layout)
        assert (last.first_line, last.total) == (5, total)
        assert last.top_offset == view.text_layout.lines[5].start
        assert last.percent == round(100 * 5 / (total - view.visible_height))


async def test_empty_view_shows_its_message() -> None:
    app = ViewApp()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(ReaderView)
        view.show_message("Nothing here [bold]yet[/]")
        await pilot.pause()
        rows = [view.render_line(y).text for y in range(view.visible_height)]
        assert [r.strip() for r in rows if r.strip()] == ["Nothing here [bold]yet[/]"]
        assert view.text_layout is None and view.links == []


def test_decoration_layers_query_in_paint_order() -> None:
    layers = DecorationLayers()
    layers.set("cursor", [Decoration(5, 5, "c")])
    layers.set("match", [Decoration(0, 3, "m"), Decoration(10, 12, "m2")])
    layers.set("mine", [Decoration(2, 20, "x")])
    assert [d.component for d in layers.touching(0, 6)] == ["m", "c", "x"]
    assert [d.component for d in layers.touching(6, 10)] == ["x"]
    assert [d.component for d in layers.touching(3, 5)] == ["x"]
    assert [d.component for d in layers.touching(3, 5, at_end=True)] == ["c", "x"]
    layers.clear("mine")
    assert layers.get("mine") == []
    assert layers.touching(13, 14) == ()
