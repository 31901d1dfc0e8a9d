"""Snapshots of the reader's looks (pytest-textual-snapshot): 110×32, no cursor blink.

Paths are relative to the repository (the tests run from it), so the status line shows the
same text on every machine. Update after a deliberate change with
``pytest tests/looks/test_snapshots_reader.py --snapshot-update`` and look at the report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.support.reader_app import ROOT, SIZE, make_app, settle
from tui.core.config import Config

SEED = "samples/jessica-jones-season-2.html"
FEATURES = "tests/data/reader-features.html"


@pytest.fixture(autouse=True)
def _from_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


async def loaded(pilot: Pilot[Any]) -> None:
    await settle(pilot)


def test_reader_on_the_seed(snap_compare: Callable[..., bool]) -> None:
    """The seed article as a new user first sees it."""
    assert snap_compare(make_app(SEED), terminal_size=SIZE, run_before=loaded)


@pytest.mark.slow
def test_reader_on_the_paper_theme(snap_compare: Callable[..., bool]) -> None:
    """The same page in Gloss's paper theme, scrolled to the block quote."""
    app = make_app(SEED, config=Config(theme="gloss-paper"))
    assert snap_compare(app, press=["j"] * 9, terminal_size=SIZE, run_before=loaded)


@pytest.mark.slow
def test_reader_blocks(snap_compare: Callable[..., bool]) -> None:
    """Headings, quotes, lists, code, a table and an image, scrolled to the code."""
    app = make_app(FEATURES)
    assert snap_compare(app, press=["j"] * 22, terminal_size=SIZE, run_before=loaded)


@pytest.mark.slow
def test_search_with_matches(snap_compare: Callable[..., bool]) -> None:
    """Searching for Rosenberg: every match marked, the second one current."""
    keys = ["slash", *"Rosenberg", "enter", "n"]
    assert snap_compare(make_app(SEED), press=keys, terminal_size=SIZE, run_before=loaded)


@pytest.mark.slow
def test_search_prompt_open(snap_compare: Callable[..., bool]) -> None:
    """The search prompt while typing, with its count."""
    keys = ["slash", *"Jessica"]
    assert snap_compare(make_app(SEED), press=keys, terminal_size=SIZE, run_before=loaded)


def test_link_hints(snap_compare: Callable[..., bool]) -> None:
    """Links in view numbered after f."""
    app = make_app(FEATURES)
    assert snap_compare(app, press=["f"], terminal_size=SIZE, run_before=loaded)


def test_help_screen(snap_compare: Callable[..., bool]) -> None:
    """Every key, from ?."""
    keys = ["question_mark"]
    assert snap_compare(make_app(SEED), press=keys, terminal_size=SIZE, run_before=loaded)


def test_contents(snap_compare: Callable[..., bool]) -> None:
    """The table of contents of a page with headings."""
    assert snap_compare(make_app(FEATURES), press=["t"], terminal_size=SIZE, run_before=loaded)


def test_error(snap_compare: Callable[..., bool]) -> None:
    """A source that cannot be opened: a one-line message in a modal."""
    assert snap_compare(make_app("missing.html"), terminal_size=SIZE, run_before=loaded)
