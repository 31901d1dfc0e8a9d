"""Snapshots of the library, the notebook with a filter, and the export dialog (110×32).

The notebook is seeded from the bundled samples with the clock frozen, so dates are the same
on every run. Update after a deliberate change with
``pytest tests/looks/test_snapshots_library.py --snapshot-update`` and look at the report.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.support.library_seed import frozen_clock, seed_notebook
from tests.support.reader_app import SIZE, make_app, settle
from tui.core.library import Library
from tui.core.notebook.api import Notebook
from tui.ui.app import GlossApp


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GlossApp:
    with frozen_clock(monkeypatch):
        seed_notebook(tmp_path / "nb")
    notebook = Notebook.open(tmp_path / "nb")
    return make_app(None, library=Library(notebook), refresh_seconds=None)


async def loaded(pilot: Pilot[Any]) -> None:
    await settle(pilot)


def test_library(snap_compare: Callable[..., bool], app: GlossApp) -> None:
    """The start screen: saved articles, the second one read."""
    keys = ["down", "r", "down"]
    assert snap_compare(app, press=keys, terminal_size=SIZE, run_before=loaded)


@pytest.mark.slow
def test_notebook_with_a_filter(snap_compare: Callable[..., bool], app: GlossApp) -> None:
    """The notebook filtered to one tag, one highlight marked."""

    async def filtered(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("f", *"tv", "escape", "space")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=filtered)


@pytest.mark.slow
def test_export_dialog(snap_compare: Callable[..., bool], app: GlossApp) -> None:
    """The export dialog opened from a filtered notebook."""

    async def opened(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("slash", *"jones", "escape", "E")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=opened)
