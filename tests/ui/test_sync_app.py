"""The app syncs a synced notebook on start and on quit when the config says so, in a worker:
real git, a local bare remote, Pilot."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Static

import tui.core.sync as core_sync
from tests.support.library_seed import Seeded, frozen_clock, seed_notebook
from tests.support.reader_app import make_app, settle
from tests.support.syncworld import git_env
from tests.ui.test_notebook_screen import notebook_app, open_notebook
from tui.core.config import Config, ConfigError, SyncSettings, parse_config
from tui.core.library import Library
from tui.core.model import Overwritten
from tui.core.notebook import DELETED_ELSEWHERE
from tui.core.notebook.api import Notebook
from tui.core.sync import Outcome, init, sync
from tui.ui import sync as ui_sync
from tui.ui.app import GlossApp
from tui.ui.screens.notebook import NotebookScreen
from tui.ui.widgets.status_bar import StatusBar


@pytest.fixture
def synced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Seeded:
    for name in ("GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM", "GIT_TERMINAL_PROMPT"):
        monkeypatch.setenv(name, os.environ.get(name, ""))
    git_env()
    monkeypatch.setenv("GLOSS_MACHINE", "app")
    with frozen_clock(monkeypatch):
        seeded = seed_notebook(tmp_path / "nb")
    init(tmp_path / "nb", str(tmp_path / "remote.git"))
    return seeded


def app_on(path: Path, **sync: bool) -> GlossApp:
    notebook = Notebook.open(path)
    return make_app(
        library=Library(notebook), refresh_seconds=None, config=Config(sync=SyncSettings(**sync))
    )


def remote_head(tmp_path: Path) -> str:
    return subprocess.run(
        ["git", "--git-dir", str(tmp_path / "remote.git"), "log", "-1", "--format=%s", "main"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()


async def test_the_app_syncs_on_start_in_a_worker(tmp_path: Path, synced: Seeded) -> None:
    app = app_on(tmp_path / "nb", on_start=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.sub_title == "synced"
        assert [str(n.message) for n in app._notifications] == ["up to date"]


async def test_the_app_syncs_on_quit_then_quits(tmp_path: Path, synced: Seeded) -> None:
    app = app_on(tmp_path / "nb", on_quit=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        notebook = Notebook.open(tmp_path / "nb")
        h = notebook.highlights()[0]
        notebook.delete_highlight(h.id)
        await pilot.press("q")
        await settle(pilot)
    assert app.return_code == 0
    assert remote_head(tmp_path) == "highlights: 1 deleted"


async def test_no_sync_without_the_setting(tmp_path: Path, synced: Seeded) -> None:
    app = app_on(tmp_path / "nb")
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.sub_title != "synced"


def test_the_sync_settings_are_checked() -> None:
    assert parse_config({"sync": {"on_start": True}}).sync == SyncSettings(on_start=True)
    with pytest.raises(ConfigError, match=r"'sync\.on_quit' must be true or false"):
        parse_config({"sync": {"on_quit": "yes"}})


@pytest.fixture
def flagged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A notebook whose newest highlight sync kept aside; its id."""
    with frozen_clock(monkeypatch):
        seeded = seed_notebook(tmp_path / "nb")
    nb = seeded.notebook()
    newest = max(nb.highlights(), key=lambda h: (h.created, h.id))
    kept = (
        Overwritten("note", "the other\x1b[31m machine's note", "2026-03-01T00:00:00Z"),
        Overwritten(DELETED_ELSEWHERE, "", "2026-03-02T00:00:00Z"),
    )
    nb.update_highlight(replace(newest, history=kept), base=newest)
    return newest.id


async def test_the_notebook_screen_shows_what_sync_kept_aside(
    tmp_path: Path, flagged: str
) -> None:
    app = notebook_app(tmp_path / "nb")
    async with app.run_test() as pilot:
        screen = await open_notebook(app, pilot)
        screen.rows.cursor = [h.id for h in screen.shown].index(flagged)
        await settle(pilot)
        detail = str(screen.query_one("#detail").render())
        assert "Kept by sync: deleted on another machine while edited on this one" in detail
        assert "Other note kept (2026-03-01): the other machine's note" in detail


# -- the status line's sync indicator -----------------------------------------------------


@pytest.fixture
def at_10_42(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's clock says 10:42 when a sync ends."""
    monkeypatch.setattr(ui_sync, "clock", lambda: datetime(2026, 3, 14, 10, 42, 5))


def indicator(app: GlossApp) -> str:
    """What the sync part of the current screen's status line shows ('' when hidden)."""
    bar = app.screen.query_one(StatusBar)
    part = bar.query_one("#sync", Static)
    assert part.display == bool(bar.sync)  # hidden exactly when it has nothing to say
    return bar.sync


async def test_the_status_line_says_syncing_while_the_sync_runs_then_when_it_ended(
    tmp_path: Path, synced: Seeded, at_10_42: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    go_on = threading.Event()

    def held_sync(root: Path) -> Outcome:  # the real sync, once the test has looked
        go_on.wait()
        return sync(root)

    # The app imports the engine when it first syncs (not at start), from tui.core.sync.
    monkeypatch.setattr(core_sync, "sync", held_sync)
    app = app_on(tmp_path / "nb", on_start=True)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert indicator(app) == "⟳ syncing"
            go_on.set()
            await settle(pilot)
            assert indicator(app) == "synced 10:42"
            await pilot.press("m")  # another screen's status line says the same
            await settle(pilot)
            assert isinstance(app.screen, NotebookScreen)
            assert indicator(app) == "synced 10:42"
    finally:
        go_on.set()


async def test_the_status_line_says_offline_when_the_remote_cannot_be_reached(
    tmp_path: Path, synced: Seeded, at_10_42: None
) -> None:
    (tmp_path / "remote.git").rename(tmp_path / "away.git")  # the shared drive is unplugged
    app = app_on(tmp_path / "nb", on_start=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert indicator(app) == "offline"
    (tmp_path / "away.git").rename(tmp_path / "remote.git")  # plugged in again: caught up
    app = app_on(tmp_path / "nb", on_start=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert indicator(app) == "synced 10:42"


async def test_the_status_line_says_when_the_sync_failed(
    tmp_path: Path, synced: Seeded
) -> None:
    shutil.rmtree(tmp_path / "nb" / ".git" / "objects")  # the notebook's history is gone
    app = app_on(tmp_path / "nb", on_start=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert indicator(app) == "sync failed"
        assert [n.title for n in app._notifications] == ["Sync failed"]


async def test_no_sync_indicator_without_the_setting(tmp_path: Path, synced: Seeded) -> None:
    app = app_on(tmp_path / "nb")
    async with app.run_test() as pilot:
        await settle(pilot)
        assert indicator(app) == ""


async def test_the_notebook_filter_lists_only_what_sync_flagged(
    tmp_path: Path, flagged: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    nb = Notebook.open(tmp_path / "nb")
    oldest = min(nb.highlights(), key=lambda h: (h.created, h.id))
    other_colour = (Overwritten("color", "pink", "2026-03-03T00:00:00Z"),)
    nb.update_highlight(replace(oldest, history=other_colour), base=oldest)
    total = len(nb.highlights())
    app = notebook_app(tmp_path / "nb")
    async with app.run_test(size=(110, 32)) as pilot:
        screen = await open_notebook(app, pilot)
        assert not screen.query_one("#flagged", Checkbox).display  # not synced: not offered
    for name in ("GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM", "GIT_TERMINAL_PROMPT"):
        monkeypatch.setenv(name, os.environ.get(name, ""))
    git_env()
    init(tmp_path / "nb", str(tmp_path / "remote.git"))
    app = notebook_app(tmp_path / "nb")
    async with app.run_test(size=(110, 32)) as pilot:
        screen = await open_notebook(app, pilot)
        assert len(screen.shown) == total > 2
        box = screen.query_one("#flagged", Checkbox)
        assert box.display
        assert str(box.label) == "Only flagged by sync"
        box.focus()  # the last control of the filter: Tab's way there, in one step
        await pilot.press("space")
        await settle(pilot)
        assert [h.id for h in screen.shown] == [flagged, oldest.id]  # newest first
        assert screen.query_one(StatusBar).info.startswith("Filter: flagged by sync · ")
        await pilot.press("escape")  # from the checkbox back to the list, not off the screen
        assert app.screen is screen and app.focused is screen.rows
        await pilot.press("c")  # the filter cleared
        await settle(pilot)
        assert not box.value and len(screen.shown) == total
