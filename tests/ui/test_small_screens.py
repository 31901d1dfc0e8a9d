"""Gloss at 80×24: the library's and the notebook's columns shrink by priority and hide (never
``How T…`` or ``#mar…``), a panel shows every field of the row under the cursor, the notebook's
filter steps aside until it is used, empty lists say their whole hint, dialogs keep every field
on screen. Real notebooks in tmp dirs, Pilot at the terminal's size."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.content import Content

from tests.support.library_seed import LONG, Seeded, frozen_clock, mark, seed_notebook
from tests.support.reader_app import make_app, screen_text, settle
from tui.core.library import Library
from tui.core.notebook.api import Notebook
from tui.ui.app import GlossApp
from tui.ui.dialogs.export import ExportDialog
from tui.ui.screens.library import COLUMNS as LIBRARY_COLUMNS
from tui.ui.screens.library import LibraryScreen
from tui.ui.screens.notebook import COLUMNS as NOTEBOOK_COLUMNS
from tui.ui.screens.notebook import EMPTY, NotebookScreen
from tui.ui.widgets.columns import Column, fit_columns
from tui.ui.widgets.filter_panel import FilterPanel

SMALL = (80, 24)


@pytest.fixture
def seeded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Seeded:
    with frozen_clock(monkeypatch):
        return seed_notebook(tmp_path / "nb")


def app_on(path: Path) -> GlossApp:
    return make_app(None, library=Library(Notebook.open(path)), refresh_seconds=None)


@pytest.mark.parametrize(
    ("width", "shown"),
    [
        (108, {"Title": 52, "Site": 20, "Saved": 10, "Highlights": 10, "Progress": 8}),
        (78, {"Title": 44, "Saved": 10, "Highlights": 10, "Progress": 8}),
        (60, {"Title": 38, "Highlights": 10, "Progress": 8}),
        (40, {"Title": 40}),
        (20, {"Title": 36}),  # the title never hides; the row is cut at the edge
    ],
)
def test_library_columns_hide_least_important_first(width: int, shown: dict[str, int]) -> None:
    assert fit_columns(LIBRARY_COLUMNS, width) == shown


@pytest.mark.parametrize(
    ("width", "shown"),
    [
        (106, {"Date": 10, "Quote": 48, "Article": 24, "Tags": 18}),
        (76, {"Quote": 40, "Article": 14, "Tags": 18}),
        (42, {"Quote": 42}),
    ],
)
def test_notebook_columns_keep_the_quote_readable(width: int, shown: dict[str, int]) -> None:
    assert fit_columns(NOTEBOOK_COLUMNS, width) == shown


def test_columns_share_the_room_left_and_fill_the_row() -> None:
    columns = (Column("a", 5, 10, priority=1), Column("b", 5, 6, priority=2))
    assert fit_columns(columns, 30) == {"a": 10, "b": 18}  # no open-ended column: b fills


async def test_library_at_80_columns(seeded: Seeded) -> None:
    app = app_on(seeded.path)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("G")
        await settle(pilot)
        text = screen_text(app)
        lines = text.splitlines()
        assert lines[1].split() == ["Title", "Saved", "Highlights", "Progress"]
        assert "  Seven Checks Before You Buy a Used Bicycle  " in text
        assert "How The Defenders Is Affecting Jessica Jone…" in text
        # The cursor's article in full below the list: the site the row had no room for.
        detail = str(app.screen.query_one("#detail").render())
        assert detail.splitlines()[0] == app.screen.shown[-1].title
        assert "The Commuter" in detail and "saved 2026-03-14" in detail
        assert all(len(line) == 80 for line in lines)


async def test_notebook_at_80_columns_hides_the_filter_until_used(seeded: Seeded) -> None:
    app = app_on(seeded.path)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NotebookScreen)
        panel = screen.query_one(FilterPanel)
        assert not panel.display
        text = screen_text(app)
        assert text.splitlines()[1].split() == ["Quote", "Article", "Tags"]
        assert "  ▌ Melissa Rosenberg" in text and "How The Defen…  #people" in text
        assert "#marvel #tv" in text and "#mar…" not in text and "How T… " not in text
        detail = str(screen.query_one("#detail").render())
        assert "2026-02-14" in detail or "2026-03-10" in detail  # the hidden date is here
        await pilot.press("f")
        await settle(pilot)
        assert panel.display and screen.focused is screen.query_one("#all-tags")
        await pilot.press(*"tv", "escape")
        await settle(pilot)
        assert not panel.display and len(screen.shown) == 2
        assert "Filter: tags #tv" in screen_text(app)
        await pilot.press("slash")
        await settle(pilot)
        assert panel.display and screen.focused is screen.query_one("#text")
        await pilot.press("escape")
        await settle(pilot)
        assert not panel.display
        await pilot.press("tab")  # Tab reaches the filter, hidden or not
        await settle(pilot)
        assert panel.display and screen.focused is screen.query_one("#text")


async def test_empty_notebook_hint_is_whole_at_80_columns(tmp_path: Path) -> None:
    app = app_on(tmp_path / "empty")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, NotebookScreen)
        rows = [line.strip() for line in screen_text(app).splitlines()[3:6]]
        assert " ".join(r for r in rows if r) == EMPTY


async def test_export_dialog_keeps_every_field_at_80x24(seeded: Seeded) -> None:
    app = app_on(seeded.path)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("E")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        text = screen_text(app)
        # The hint's last words: the whole hint is on screen, not cut at the edge.
        for words in ("Clipboard", "Path ", "Export", "Close", "Esc closes"):
            assert words in text, words


async def test_notebook_detail_keeps_note_and_facts_under_a_long_quote(seeded: Seeded) -> None:
    long, record = seeded.articles[LONG], seeded.records[LONG]
    paragraph = next(b.text for b in long.blocks if len(b.text) > 400)
    seeded.notebook().add_highlight(
        mark(long, record, paragraph, note="Keep this.", tags=("deep",),
             created="2026-03-13T10:00:00Z")
    )
    app = app_on(seeded.path)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NotebookScreen) and screen.current.note == "Keep this."
        panel = screen.query_one("#detail")
        quote, note, facts = str(panel.render()).splitlines()
        assert quote.endswith("…") and " ".join(paragraph.split()).startswith(quote[:-1].rstrip())
        assert len(Content(quote).wrap(panel.content_region.width)) == 2
        assert note == "Note: Keep this." and facts.endswith("2026-03-13 · yellow · #deep")
        assert "#deep" in screen_text(app).splitlines()[-2]  # the facts' end is on screen
