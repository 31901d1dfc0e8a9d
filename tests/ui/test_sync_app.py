"""The app syncs a synced notebook on start and on quit when the config says so, in a worker:
real git, a local bare remote, Pilot."""

from __future__ import annotations

import os
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from tests.support.library_seed import Seeded, frozen_clock, seed_notebook
from tests.support.reader_app import make_app, settle
from tests.support.syncworld import git_env
from tests.ui.test_notebook_screen import notebook_app, open_notebook
from tui.core.config import Config, ConfigError, SyncSettings, parse_config
from tui.core.library import Library
from tui.core.model import Overwritten
from tui.core.notebook import DELETED_ELSEWHERE
from tui.core.notebook.api import Notebook
from tui.core.sync import init
from tui.ui.app import GlossApp


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
