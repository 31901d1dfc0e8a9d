"""Painting ahead: once the reader view is still, the pages either side of it are painted
into its line cache, so a page down shows rows that are already painted."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from tests.support.textgen import generate_article
from tui.ui.widgets.decorations import Decoration
from tui.ui.widgets.reader.view import ReaderView

SIZE = (70, 20)


@pytest.fixture(autouse=True)
def _prefetch_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The timer never fires on its own here: on a loaded machine one pause can outlast the
    50 ms delay and paint ahead before a test looks. ``prefetch_now`` runs it instead."""
    monkeypatch.setattr("tui.ui.widgets.reader.paint.PREFETCH_DELAY", 3600.0)


class LongApp(App[None]):
    """A reader view showing a long generated article."""

    def compose(self) -> ComposeResult:
        yield ReaderView(measure=50)

    def on_mount(self) -> None:
        self.query_one(ReaderView).show(generate_article(3000, seed=2))


def count_paints(view: ReaderView) -> list[int]:
    """The indexes of the lines ``view`` paints from now on (cache misses), in order."""
    painted: list[int] = []
    paint = view._paint

    def counting(index: int, *args: Any) -> Any:
        painted.append(index)
        return paint(index, *args)

    view._paint = counting  # type: ignore[method-assign]
    return painted


async def prefetch_now(pilot: Pilot[None], view: ReaderView, rows: int) -> None:
    """Run the pending prefetch at once (not on its timer) and let its turns finish."""
    assert view._prefetch_timer is not None  # scrolling asked for one
    view._prefetch_timer.stop()
    view._prefetch()
    for _ in range(rows):  # one turn of the message loop per few rows
        await pilot.pause()


async def test_the_pages_around_the_view_are_painted_ahead() -> None:
    app = LongApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ReaderView)
        await pilot.pause()
        painted = count_paints(view)
        view.scroll_to_line(40)
        await pilot.pause()
        first, height = view.first_line, view.visible_height
        assert first == 40
        assert sorted(painted) == list(range(first, first + height))  # what is shown
        painted.clear()
        await prefetch_now(pilot, view, height)
        below = list(range(first + height, first + 2 * height))
        above = list(range(first - 1, first - height - 1, -1))
        assert painted == below + above  # the next page first, then the one above
        painted.clear()
        view.scroll_to_line(first + height)
        await pilot.pause()
        assert painted == []  # a page down: every row was there already
        view.scroll_to_line(first - height)
        await pilot.pause()
        assert painted == []  # and back up past where it started
        view.scroll_to_line(first + 6 * height)
        await pilot.pause()
        assert len(painted) == height  # far away, nothing was painted ahead


async def test_prefetching_paints_the_decorations_set_since() -> None:
    app = LongApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ReaderView)
        await pilot.pause()
        height = view.visible_height
        assert view.text_layout is not None
        line = view.text_layout.lines[height + 2]  # on the next page
        view.set_decorations("highlight", [Decoration(line.start, line.end, "reader--hl-blue")])
        await pilot.pause()
        painted = count_paints(view)
        await prefetch_now(pilot, view, height)
        assert height + 2 in painted
        painted.clear()
        view.scroll_to_line(height)
        await pilot.pause()
        assert painted == []
        row = view.render_line(2)
        blue = view._component_style("reader--hl-blue").bgcolor
        assert any(s.style is not None and s.style.bgcolor == blue for s in row)


async def test_a_newer_request_stops_an_older_run() -> None:
    app = LongApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ReaderView)
        await pilot.pause()
        painted = count_paints(view)
        turn = view._prefetch_turn
        view.prefetch_soon()  # a scroll, say, since that run began
        view._prefetch_rows([60, 61, 62], turn)
        assert painted == []
        view._prefetch_rows([60, 61, 62], view._prefetch_turn)
        assert painted == [60, 61, 62]
