"""Pilot tests of the library screen: start screen, listing, search, sort, read state, delete
with undo, opening in the reader and coming back, keys, palette; on real notebooks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.library_seed import LIST, LONG, SEED, SHORT, Seeded, frozen_clock, seed_notebook
from tests.support.reader_app import SIZE, make_app, settle
from tui.core import locations
from tui.core.config import Config
from tui.core.library import Library
from tui.core.loader import start_source
from tui.core.notebook.api import Notebook
from tui.ui.app import GlossApp
from tui.ui.dialogs.confirm import ConfirmDialog
from tui.ui.dialogs.help import HelpScreen
from tui.ui.dialogs.open import OpenScreen
from tui.ui.screens.library import LibraryScreen
from tui.ui.screens.reader.screen import ReaderScreen

TITLES = {
    SEED: "How The Defenders Is Affecting Jessica Jones Season 2",
    LONG: "Carriage Return: How the Teleprinter Still Shapes Your Terminal",
    LIST: "Seven Checks Before You Buy a Used Bicycle",
    SHORT: "Closed for the holiday",
}
# Saved in the same (frozen) second, so the newest-first order falls back on titles.
BY_TITLE = [TITLES[LONG], TITLES[SHORT], TITLES[SEED], TITLES[LIST]]


@pytest.fixture
def seeded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Seeded:
    with frozen_clock(monkeypatch):
        return seed_notebook(tmp_path / "nb")


def library_app(path: Path, source: str | None = None, **kwargs: object) -> GlossApp:
    """The app on the notebook at ``path``, as `gloss` starts it without a source."""
    kwargs.setdefault("refresh_seconds", None)
    notebook = Notebook.open(path, read_only=bool(kwargs.pop("read_only", False)))
    return make_app(source, library=Library(notebook), **kwargs)


def notes(app: GlossApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def library(app: GlossApp) -> LibraryScreen:
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    return screen


def titles(app: GlossApp) -> list[str]:
    return [a.title for a in library(app).shown]


def current_title(app: GlossApp) -> str:
    record = library(app).current
    assert record is not None
    return record.title


# -- starting ---------------------------------------------------------------------------------


def test_start_source_is_the_library_or_the_sample(tmp_path: Path, seeded: Seeded) -> None:
    assert start_source(None, seeded.notebook()) is None
    assert start_source("page.html", seeded.notebook()) == "page.html"
    empty = Notebook.open(tmp_path / "empty")
    assert start_source(None, empty) == str(locations.sample_path())


async def test_starts_on_the_library_listing_every_article(seeded: Seeded) -> None:
    app = library_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert titles(app) == BY_TITLE
        assert str(app.screen.query_one("#heading").content) == "Library · 4 articles"
        screen = library(app)
        painted = screen.rows.render_line(0).text
        assert painted.startswith("  Carriage Return: How the Teleprinter Still Shapes Y…")
        assert painted.split()[-3:] == ["2026-03-14", "3", "0%"]
        assert screen.rows.render_line(1).text.split()[-3:] == ["2026-03-14", "–", "0%"]


async def test_with_a_source_the_reader_starts(seeded: Seeded) -> None:
    app = library_app(seeded.path, str(Path("samples") / SEED))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)


async def test_an_empty_notebook_starts_the_reader(tmp_path: Path) -> None:
    app = library_app(tmp_path / "empty")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)


# -- finding ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("bicycle", [TITLES[LIST]]),  # title
        ("BICYCLE used", [TITLES[LIST]]),  # every word, any case
        ("long-read", [TITLES[LONG]]),  # address
        ("cinemablend", [TITLES[SEED]]),  # site
        ("local file", [TITLES[SHORT]]),  # what is shown as the site of a local page
        ("nothing like this", []),
    ],
)
@pytest.mark.slow
async def test_search_by_title_address_or_site(
    seeded: Seeded, typed: str, expected: list[str]
) -> None:
    app = library_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *typed)
        await pilot.pause()
        assert titles(app) == expected
        if not expected:
            assert library(app).rows.message == "No saved article matches the search."
        await pilot.press("enter")  # back to the list, the search kept
        assert app.focused is library(app).rows
        assert titles(app) == expected


async def test_accents_are_ignored_in_the_search(seeded: Seeded) -> None:
    app = library_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"clósed")
        await pilot.pause()
        assert titles(app) == [TITLES[SHORT]]
        await pilot.press("escape")  # out of the box; Esc again would go back
        assert app.focused is library(app).rows


async def test_sort_cycles_through_the_orders(seeded: Seeded) -> None:
    app = library_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        assert notes(app)[-1] == "Sorted by title."
        assert titles(app) == BY_TITLE
        await pilot.press("s")
        assert notes(app)[-1] == "Sorted by site."
        # Named sites A-Z, then the page without one.
        assert titles(app) == [TITLES[SEED], TITLES[LONG], TITLES[LIST], TITLES[SHORT]]
        await pilot.press("s", "s", "s")
        assert notes(app)[-1] == "Sorted by highlights."
        assert titles(app)[:2] == [TITLES[LONG], TITLES[SEED]]
        status = library(app).query_one("#info")
        assert str(status.content).startswith("Sorted by highlights · Enter read")


# -- read state, delete, undo -----------------------------------------------------------------


async def test_mark_read_and_unread(seeded: Seeded) -> None:
    app = library_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down")
        assert current_title(app) == TITLES[SEED]
        await pilot.press("r")
        assert notes(app)[-1] == f"Marked “{TITLES[SEED]}” as read."
        assert seeded.notebook().article(seeded.records[SEED].id).read is True
        row = library(app).rows.render_line(2).text
        assert row.startswith("✓ How The Defenders") and row.rstrip().endswith("read")
        assert current_title(app) == TITLES[SEED]  # the cursor stays on it
        await pilot.press("r")
        assert notes(app)[-1] == f"Marked “{TITLES[SEED]}” as unread."
        assert seeded.notebook().article(seeded.records[SEED].id).read is False


async def test_delete_asks_then_undo_restores_everything(seeded: Seeded) -> None:
    app = library_app(seeded.path)
    seed_id = seeded.records[SEED].id
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "d")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert str(dialog.query_one("#question").content) == (
            f"Delete “{TITLES[SEED]}” and its 3 highlights from the notebook? "
            "u undoes it while the library is open."
        )
        await pilot.press("y")
        await pilot.pause()
        assert notes(app)[-1] == f"Deleted “{TITLES[SEED]}” and 3 highlights. Press u to undo."
        assert titles(app) == [TITLES[LONG], TITLES[SHORT], TITLES[LIST]]
        assert current_title(app) == TITLES[LIST]  # the next one
        other = seeded.notebook()
        assert other.article(seed_id) is None and other.highlights(seed_id) == []
        info = str(library(app).query_one("#info").content)
        assert info.startswith(f"u: undo the delete of “{TITLES[SEED]}”")
        await pilot.press("u")
        assert notes(app)[-1] == f"Restored “{TITLES[SEED]}”."
        assert titles(app) == BY_TITLE and current_title(app) == TITLES[SEED]
        other = seeded.notebook()
        assert other.article(seed_id) == seeded.records[SEED]
        assert {h.id for h in other.highlights(seed_id)} == {
            h.id for h in seeded.highlights if h.article_id == seed_id
        }
        await pilot.press("u")
        assert notes(app)[-1] == "Nothing to undo."


async def test_delete_can_be_refused(seeded: Seeded) -> None:
    app = library_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert titles(app) == BY_TITLE
        assert len(seeded.notebook().articles()) == 4


async def test_writes_to_a_read_only_notebook_are_refused_in_one_line(seeded: Seeded) -> None:
    app = library_app(seeded.path, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        assert notes(app)[-1] == (
            f"the notebook {seeded.path} is open read-only; nothing can be saved"
        )
        await pilot.press("d", "y")
        await pilot.pause()
        assert titles(app) == BY_TITLE
        assert seeded.notebook().article(seeded.records[LONG].id).read is False


# -- reading and moving between screens ----------------------------------------------------------


@pytest.mark.slow
async def test_enter_reads_and_l_comes_back_with_the_progress(seeded: Seeded) -> None:
    app = library_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.article is not None and reader.article.title == TITLES[SEED]
        assert reader.opened is not None and reader.opened.offline is True
        await pilot.press("G", "l")
        await settle(pilot)
        assert app.screen_stack == [library(app)]
        assert current_title(app) == TITLES[SEED]
        assert library(app).rows.render_line(2).text.rstrip().endswith("100%")
        # The reader is kept: reading another article reuses it.
        await pilot.press("up", "enter")
        await settle(pilot)
        assert app.screen is reader and reader.article.title == TITLES[SHORT]
        assert len(reader.history) == 2


@pytest.mark.slow
async def test_escape_goes_back_and_the_first_screen_says_so(seeded: Seeded) -> None:
    app = library_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        assert notes(app)[-1] == "This is the first screen: q quits."
        await pilot.press("m")
        await settle(pilot)
        assert type(app.screen).__name__ == "NotebookScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen_stack == [library(app)]


@pytest.mark.slow
async def test_from_the_reader_l_opens_the_library_and_enter_returns(seeded: Seeded) -> None:
    app = library_app(seeded.path, str(Path("samples") / SEED))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await pilot.press("l")
        await settle(pilot)
        assert current_title(app) == BY_TITLE[0]
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen_stack == [reader]
        assert reader.article is not None and reader.article.title == TITLES[LONG]


async def test_without_a_notebook_the_screen_keys_say_so() -> None:
    app = make_app(str(Path("samples") / SEED), refresh_seconds=None)  # a throwaway reader
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l", "m", "E")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert notes(app)[-3:] == [
            "There is no notebook in this session.",
            "There is no notebook in this session.",
            "There is no notebook to export from.",
        ]


@pytest.mark.slow
async def test_o_opens_a_typed_source_in_the_reader(seeded: Seeded) -> None:
    app = library_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OpenScreen)
        await pilot.press(*str(Path("samples") / "visible-byline.html"), "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("l")
        await settle(pilot)
        assert len(titles(app)) == 5  # opening saved it


async def test_q_quits_from_the_library(seeded: Seeded) -> None:
    app = library_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_other_processes_writes_show_up(seeded: Seeded) -> None:
    app = library_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        seeded.notebook().delete_article(seeded.records[SHORT].id)
        app._look_for_changes()  # what the refresh timer runs
        await pilot.pause()
        assert titles(app) == [TITLES[LONG], TITLES[SEED], TITLES[LIST]]


@pytest.mark.slow
async def test_an_empty_library_says_how_to_fill_it(seeded: Seeded) -> None:
    app = library_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _ in range(4):
            await pilot.press("d", "y")
            await pilot.pause()
        assert titles(app) == []
        assert library(app).rows.message.startswith("No saved articles. Press o to open")
        await pilot.press("enter")
        assert notes(app)[-1] == "The library is empty."


# -- keys, help, palette ---------------------------------------------------------------------


@pytest.mark.slow
async def test_keys_can_be_remapped_and_help_lists_them(seeded: Seeded) -> None:
    app = library_app(seeded.path, config=Config(keys={"library.delete": "x", "app.notebook": "N"}))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = [str(s.content) for s in app.screen.query(".help--row")]
        sections = [str(s.content) for s in app.screen.query(".help--section")]
        assert sections == ["Library", "Other", "Screens"]
        assert "x                  Delete the article" in rows
        assert "N                  Notebook: every highlight" in rows
        assert "E                  Export highlights" in rows
        await pilot.press("escape", "x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert not [n for n in notes(app) if "no key binding" in n]


@pytest.mark.slow
async def test_the_palette_offers_the_library_actions(seeded: Seeded) -> None:
    app = library_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"mark read or unread")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert seeded.notebook().article(seeded.records[LONG].id).read is True
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"notebook: every")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "NotebookScreen"
