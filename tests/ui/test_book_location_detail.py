"""Pilot test: the notebook screen's detail line says where in the book an imported Kindle
highlight is, beside the book's title (a real notebook, a real Kindle import)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.imports import DATA, import_into
from tests.support.library_seed import frozen_clock, seed_notebook
from tests.support.reader_app import SIZE, make_app, settle
from tui.core.library import Library
from tui.core.notebook.api import Notebook
from tui.ui.screens.notebook import NotebookScreen


async def test_the_detail_line_shows_a_book_highlights_location(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with frozen_clock(monkeypatch):
        seeded = seed_notebook(tmp_path / "nb")
    import_into(seeded.path, DATA / "kindle-clippings.txt")
    app = make_app(None, library=Library(Notebook.open(seeded.path)), refresh_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NotebookScreen)
        screen.panel.set_source("kindle")
        await settle(pilot)
        seen: dict[str, str | None] = {}
        for _ in range(len(screen.shown)):
            h = screen.current
            assert h is not None
            detail = " ".join(str(screen.query_one("#detail").render()).split())
            seen[screen.titles[h.article_id]] = h.location
            assert f"{screen.titles[h.article_id]} · {h.location} · imported from kindle" in detail
            await pilot.press("down")
            await pilot.pause()
        assert seen["Die Verwandlung"] == "page 3, location 41-42"
        assert seen["围城"] == "page 3, location 40-41"
        assert len(seen) == 8
        screen.panel.set_source("opened")  # a web page's highlight: no location
        await settle(pilot)
        detail = str(screen.query_one("#detail").render())
        assert "location" not in detail
