"""The cycle collector waits while the app starts (tui.ui.startup): paused from the app being
made until its first screen is painted, on again after, on every way the start can end;
a long layout made meanwhile is frozen only after that collection, so it pins no garbage;
and a caller who had turned the collector off keeps it off."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.library_seed import seed_notebook
from tests.support.reader_app import SEED, SIZE, make_app, settle
from tests.support.textgen import generate_article
from tui.core.library import Library
from tui.core.notebook.api import Notebook
from tui.ui import startup
from tui.ui.widgets.reader.view import FREEZE_LINES, _layout_without_gc


class Node:
    """A part of a reference cycle: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    gc.unfreeze()
    gc.enable()
    yield
    startup.resume_collector(collect=False)
    gc.unfreeze()  # the rest of the test run must not keep what was frozen here
    gc.enable()


async def test_paused_while_the_reader_starts_and_on_once_the_article_is_painted() -> None:
    app = make_app(SEED)
    assert not gc.isenabled() and startup.collector_paused()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.query_one("ArticleHeader") is not None
        assert gc.isenabled() and not startup.collector_paused()


async def test_on_once_a_failed_first_load_is_painted(tmp_path: Path) -> None:
    app = make_app(tmp_path / "missing.html")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert gc.isenabled() and not startup.collector_paused()


async def test_on_once_an_empty_reader_is_painted() -> None:
    app = make_app(None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert gc.isenabled() and not startup.collector_paused()


async def test_on_once_the_library_is_painted(tmp_path: Path) -> None:
    seed_notebook(tmp_path / "nb")
    app = make_app(None, library=Library(Notebook.open(tmp_path / "nb")), refresh_seconds=None)
    assert not gc.isenabled()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "LibraryScreen"
        assert gc.isenabled() and not startup.collector_paused()


def test_an_app_that_never_ran_leaves_it_paused_until_resumed() -> None:
    make_app(SEED)
    assert not gc.isenabled()
    startup.resume_collector(collect=False)
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_long_layout_made_while_paused_is_frozen_after_the_collection() -> None:
    startup.pause_collector()
    garbage = Node()
    gone = weakref.ref(garbage)
    del garbage
    long = _layout_without_gc(generate_article(60_000, seed=5), 57, first=True)
    assert len(long.lines) >= FREEZE_LINES
    assert gc.get_freeze_count() == 0 and not gc.isenabled()  # nothing before the paint
    startup.resume_collector()
    assert gone() is None  # collected, not pinned by the freeze
    assert gc.get_freeze_count() >= len(long.lines)
    assert gc.isenabled()


def test_a_short_start_collects_the_young_and_freezes_nothing() -> None:
    startup.pause_collector()
    garbage = Node()
    gone = weakref.ref(garbage)
    del garbage
    startup.resume_collector()
    assert gone() is None
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    startup.pause_collector()
    assert not startup.collector_paused()
    startup.resume_collector()
    assert not gc.isenabled()
