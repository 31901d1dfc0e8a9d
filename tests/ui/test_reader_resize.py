"""A resize of the reader: the text is laid out for the new width while Textual waits to lay
the screen out (GlossApp.on_resize), and the rows painted after it look exactly as those of
a reader started at that size; the view's own style, kept between frames, follows a theme
change; search marks and highlights set after a resize are painted."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from tests.support.reader_app import SEED, make_app, screen_text, settle, view, view_rows
from tests.support.textgen import generate_article
from tui.ui.screens.reader.screen import ReaderScreen
from tui.ui.widgets.decorations import Decoration
from tui.ui.widgets.reader.view import ReaderView

ARTICLE = generate_article(3_000, seed=5)


class ViewApp(App[None]):
    """A reader view alone, showing ARTICLE."""

    def compose(self) -> ComposeResult:
        yield ReaderView(measure=76)

    def on_mount(self) -> None:
        self.query_one(ReaderView).show(ARTICLE)


async def test_the_layout_for_the_new_width_is_made_as_the_resize_arrives() -> None:
    app = make_app(SEED)
    async with app.run_test(size=(110, 32)) as pilot:
        await settle(pilot)
        reader_view = view(app)
        made: list[tuple[int, int]] = []
        prepared: list[object] = []
        prepare = reader_view.prepare_width

        def spy(width: int, old_width: int) -> None:
            made.append((width, old_width))
            prepare(width, old_width)
            prepared.append(reader_view._layouts.get(70 - 2 - 1 - 1))

        reader_view.prepare_width = spy  # type: ignore[method-assign]
        await pilot.resize_terminal(70, 32)
        await pilot.pause()
        await pilot.pause()
        assert made == [(70, 110)]
        layout = reader_view.text_layout
        assert layout is not None
        assert layout.width == 70 - 2 - 1 - 1  # gutter, margin, scrollbar
        assert prepared == [layout]  # made before the screen was laid out at 70, and used
        # The same width again is taken from the kept layouts, not laid out once more.
        await pilot.resize_terminal(90, 32)
        await pilot.pause()
        await pilot.resize_terminal(70, 32)
        await pilot.pause()
        await pilot.pause()
        assert reader_view.text_layout is layout


async def resized_screen(widths: tuple[int, ...]) -> tuple[str, list[str]]:
    """The screen and the view's rows after resizing the reader on SEED to each width."""
    app = make_app(SEED)
    async with app.run_test(size=(110, 32)) as pilot:
        await settle(pilot)
        for width in widths:
            await pilot.resize_terminal(width, 28)
            await pilot.pause()
            await pilot.pause()
        return screen_text(app), view_rows(app)


async def test_the_screen_after_a_resize_is_the_same_with_the_layout_made_early(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    widths = (61, 47, 61, 83)
    early = [await resized_screen(widths[: n + 1]) for n in range(len(widths))]
    monkeypatch.setattr(ReaderScreen, "prepare_resize", lambda self, size, old: None)
    late = [await resized_screen(widths[: n + 1]) for n in range(len(widths))]
    assert early == late
    assert "1–24 of" in early[0][0]  # the status line is there, with the position


async def test_a_theme_change_repaints_rows_in_the_new_theme() -> None:
    app = ViewApp()
    async with app.run_test(size=(90, 24)) as pilot:
        await pilot.pause()
        reader_view = app.query_one(ReaderView)
        before = reader_view.render_line(0)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        await pilot.pause()
        after = reader_view.render_line(0)
        background = reader_view.rich_style.bgcolor
        assert background != next(iter(before)).style.bgcolor  # type: ignore[union-attr]
        assert all(s.style is not None and s.style.bgcolor == background
                   for s in after if not s.control)


async def test_search_marks_and_highlights_set_after_a_resize_are_painted() -> None:
    app = ViewApp()
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        reader_view = app.query_one(ReaderView)
        for y in range(reader_view.visible_height):
            reader_view.render_line(y)  # rows painted and cached at the old width
        await pilot.resize_terminal(66, 24)
        await pilot.pause()
        await pilot.pause()
        layout = reader_view.text_layout
        assert layout is not None and layout.width == 66 - 2 - 1 - 1
        line = layout.lines[2]
        match = Decoration(line.start, line.start + 4, "reader--match")
        mark = Decoration(line.start + 5, line.start + 9, "reader--hl-yellow", gutter="▌")
        reader_view.set_decorations("search", [match])
        reader_view.set_decorations("highlights", [mark])
        await pilot.pause()
        for decoration in (match, mark):
            point = reader_view.point_of(decoration.start)
            assert point is not None and point.y == 2
            strip = reader_view.render_line(point.y)
            ink = reader_view._component_style(decoration.component)
            cells = list(strip.crop(point.x, point.x + 4))
            assert "".join(s.text for s in cells) == ARTICLE.text[
                decoration.start : decoration.start + 4]
            assert all(s.style is not None and s.style.bgcolor == ink.bgcolor for s in cells)
        assert reader_view.render_line(2).text[reader_view.page_left - 2] == "▌"


async def started_screen(size: tuple[int, int],
                         resized_from: tuple[int, int] | None = None) -> tuple[str, int]:
    """The screen and the wrap width of a reader on SEED shown at ``size``: started at it,
    or started at ``resized_from`` and then resized to it."""
    app = make_app(SEED)
    async with app.run_test(size=resized_from or size) as pilot:
        await settle(pilot)
        if resized_from is not None:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
        layout = view(app).text_layout
        assert layout is not None
        return screen_text(app), layout.width


@pytest.mark.parametrize(("width", "other"), [(80, 110), (60, 47), (74, 90)])
async def test_starting_at_a_size_shows_what_resizing_to_it_shows(width: int, other: int) -> None:
    # The vertical scrollbar takes a column: a reader started at a width used to wrap one
    # column wider (the scrollbar was not there yet) than after a resize to that width.
    started, started_wrap = await started_screen((width, 24))
    resized, resized_wrap = await started_screen((width, 24), resized_from=(other, 30))
    assert started_wrap == resized_wrap == min(76, width - 2 - 1 - 1)
    assert started == resized


async def test_rows_are_painted_as_the_resize_arrives_and_kept_for_a_width_seen_again() -> None:
    app = make_app(SEED)
    async with app.run_test(size=(110, 32)) as pilot:
        await settle(pilot)
        reader_view = view(app)
        height = reader_view.visible_height
        in_frame: list[bool] = [False]
        painted: list[tuple[int, int, bool]] = []  # (layout width, line, inside render_line)
        paint, render_line = reader_view._paint, reader_view.render_line

        def paint_spy(index: int, *args: object) -> object:
            assert reader_view.text_layout is not None
            painted.append((reader_view.text_layout.width, index, in_frame[0]))
            return paint(index, *args)  # type: ignore[arg-type]

        def render_spy(y: int) -> object:
            in_frame[0] = True
            try:
                return render_line(y)
            finally:
                in_frame[0] = False

        reader_view._paint = paint_spy  # type: ignore[method-assign,assignment]
        reader_view.render_line = render_spy  # type: ignore[method-assign,assignment]
        await pilot.resize_terminal(70, 32)
        await pilot.pause()
        await pilot.pause()
        assert reader_view.text_layout is not None and reader_view.text_layout.width == 66
        # Every row shown at 70 was painted before the frame, none by the frame itself.
        shown = [(66, i) for i in range(reader_view.first_line, reader_view.first_line + height)]
        assert [(w, i) for w, i, _ in painted[: len(shown)]] == shown
        assert not any(frame for _, _, frame in painted)
        painted.clear()
        # Back to 110: its rows are still painted (kept per width), nothing is painted again.
        await pilot.resize_terminal(110, 32)
        await pilot.pause()
        await pilot.pause()
        assert reader_view.text_layout.width == 76
        assert not [p for p in painted if p[0] == 76 and p[1] < height]
        assert view_rows(app)[0].strip()  # and they are drawn
