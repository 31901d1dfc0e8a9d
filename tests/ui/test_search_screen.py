"""Pilot tests of the search screen (issue 19): reached from the library and the notebook,
hits follow the query, Enter opens a highlight at itself and a body hit at its sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.library_seed import LONG, SEED, Seeded, frozen_clock, seed_notebook
from tests.support.reader_app import SIZE, make_app, reader, settle
from tui.core.library import Library
from tui.core.notebook.api import Notebook
from tui.ui.app import GlossApp
from tui.ui.screens.search import SearchScreen


@pytest.fixture
def seeded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Seeded:
    with frozen_clock(monkeypatch):
        return seed_notebook(tmp_path / "nb")


def app_on(path: Path) -> GlossApp:
    return make_app(None, library=Library(Notebook.open(path)), refresh_seconds=None)


def search(app: GlossApp) -> SearchScreen:
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    return screen


async def test_search_from_the_library_opens_a_body_hit_at_its_sentence(seeded: Seeded) -> None:
    app = app_on(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        screen = search(app)
        assert screen.shown == []
        await pilot.press(*"teleprinter in:articles")
        await settle(pilot)
        assert [(h.kind, h.article_id) for h in screen.shown] == [
            ("article", seeded.records[LONG].id)
        ]
        hit = screen.shown[0]
        text = seeded.articles[LONG].text
        assert hit.position is not None
        assert text[hit.position : hit.position + 11].lower() == "teleprinter"
        await pilot.press("enter", "enter")  # to the hits, then open
        await settle(pilot)
        shown = reader(app)
        assert app.screen is shown
        assert shown.article is not None and shown.article.title == seeded.articles[LONG].title
        assert shown.cursor == hit.position


async def test_search_from_the_notebook_opens_a_highlight(seeded: Seeded) -> None:
    app = app_on(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        await pilot.press(*"tag:marvel crossover")
        await settle(pilot)
        screen = search(app)
        [hit] = screen.shown
        assert (hit.kind, hit.snippet) == ("highlight", "Crossover timing.")
        await pilot.press("enter", "enter")
        await settle(pilot)
        shown = reader(app)
        assert shown.article is not None
        assert shown.article.title == seeded.articles[SEED].title
        h = next(h for h in seeded.highlights if h.note == "Crossover timing.")
        assert shown.cursor == h.target.position.start


async def test_a_bad_query_is_said_and_the_list_stays(seeded: Seeded) -> None:
    app = app_on(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        await pilot.press(*"in:videos")
        await settle(pilot)
        from tui.ui.widgets.status_bar import StatusBar

        assert search(app).query_one(StatusBar).info == (
            "in: is notes, quotes or articles, not 'videos'"
        )
