"""Pilot tests: the library and notebook screens show where each article came from (the
import that brought it in) and filter by it, so an import can be reviewed; on a real notebook
with the seeded articles (opened in Gloss) and a real Kindle import."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Select

from tests.support.imports import DATA, import_into
from tests.support.library_seed import Seeded, frozen_clock, seed_notebook
from tests.support.reader_app import SIZE, make_app, settle
from tui.core.library import Library
from tui.core.notebook.api import Notebook
from tui.ui.app import GlossApp
from tui.ui.screens.library import LibraryScreen
from tui.ui.screens.notebook import NotebookScreen

KINDLE = DATA / "kindle-clippings.txt"


@pytest.fixture
def imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Seeded:
    with frozen_clock(monkeypatch):
        seeded = seed_notebook(tmp_path / "nb")
    import_into(seeded.path, KINDLE)
    return seeded


def app_on(path: Path) -> GlossApp:
    return make_app(None, library=Library(Notebook.open(path)), refresh_seconds=None)


def books(path: Path) -> list[str]:
    """Titles of the Kindle books, as the library sorts them (newest first, then title)."""
    nb = Notebook.open(path, read_only=True)
    return [a.title for a in nb.articles() if a.imported_from == "kindle"]


async def test_the_library_filters_by_source_and_shows_it(imported: Seeded) -> None:
    app = app_on(imported.path)
    kindle = books(imported.path)
    assert len(kindle) == 8
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        await pilot.press("i")
        assert [str(n.message) for n in app._notifications][-1] == (
            "Sources here: kindle (8), opened (4). Type source:NAME in the search to list one."
        )
        await pilot.press("slash", *"source:Kindle")
        await pilot.pause()
        assert sorted(a.title for a in screen.shown) == sorted(kindle)
        detail = str(screen.query_one("#detail").render())
        assert "imported from kindle" in detail
        field = screen.query_one("#search", Input)
        field.value = "source:opened"
        await pilot.pause()
        assert len(screen.shown) == 4
        assert all(a.imported_from is None for a in screen.shown)
        assert "imported from" not in str(screen.query_one("#detail").render())
        field.value = "source:kindle cien"  # a source and words together
        await pilot.pause()
        assert [a.title for a in screen.shown] == ["Cien años de soledad"]
        field.value = "source:pocket"
        await pilot.pause()
        assert screen.shown == []
        assert screen.rows.message == "No saved article matches the search."


async def test_the_notebook_filters_highlights_by_source(imported: Seeded) -> None:
    app = app_on(imported.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NotebookScreen)
        assert len(screen.shown) == 14
        select = screen.query_one("#source", Select)
        assert [value for _, value in select._options if isinstance(value, str)] == [
            "kindle", "opened",
        ]
        screen.panel.set_source("kindle")
        await settle(pilot)
        assert len(screen.shown) == 8
        ids = {a.id for a in Notebook.open(imported.path, read_only=True).articles()
               if a.imported_from == "kindle"}
        assert {h.article_id for h in screen.shown} <= ids
        assert "imported from kindle" in str(screen.query_one("#detail").render())
        assert "from kindle" in screen.panel.describe()
        assert screen.export_scope().shown == frozenset(h.id for h in screen.shown)
        screen.panel.set_source("opened")
        await settle(pilot)
        assert {h.id for h in screen.shown} == {h.id for h in imported.highlights}
        assert "imported from" not in str(screen.query_one("#detail").render())
        await pilot.press("c")  # clears the filter, the source too
        await settle(pilot)
        assert len(screen.shown) == 14
        assert screen.panel.source is None
