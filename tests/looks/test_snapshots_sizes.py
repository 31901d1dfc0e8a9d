"""Every screen at the two sizes Gloss promises to be usable at: 80×24 and 110×32.

Reader, library, notebook, the keys, the export dialog and the annotate dialog, each at both
sizes, on the seed sample and a notebook seeded with the clock frozen. Update after a
deliberate change with ``pytest tests/looks/test_snapshots_sizes.py --snapshot-update`` and
look at the report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.support.library_seed import frozen_clock, seed_notebook
from tests.support.reader_app import ROOT, make_app, settle
from tui.core.library import Library
from tui.core.notebook.api import Notebook
from tui.ui.app import GlossApp

SEED = "samples/jessica-jones-season-2.html"
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((110, 32), id="110x32")]


@pytest.fixture(autouse=True)
def _from_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the status line shows the path as typed


@pytest.fixture
def notebook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    with frozen_clock(monkeypatch):
        seed_notebook(tmp_path / "nb")
    return tmp_path / "nb"


def pressing(*keys: str) -> Callable[[Pilot[Any]], Any]:
    """Wait for the load, press ``keys`` one by one, wait again."""

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run


def library_app(notebook: Path) -> GlossApp:
    return make_app(None, library=Library(Notebook.open(notebook)), refresh_seconds=None)


def reader_app(notebook: Path) -> GlossApp:
    return make_app(SEED, library=Library(Notebook.open(notebook)), refresh_seconds=None)


def check(snap_compare: Callable[..., bool], app: GlossApp, size: tuple[int, int],
          keys: Sequence[str] = ()) -> bool:
    return snap_compare(app, terminal_size=size, run_before=pressing(*keys))


@pytest.mark.parametrize("size", SIZES)
def test_reader(snap_compare: Callable[..., bool], notebook: Path, size: tuple[int, int]) -> None:
    assert check(snap_compare, reader_app(notebook), size)


@pytest.mark.parametrize("size", SIZES)
def test_library(snap_compare: Callable[..., bool], notebook: Path, size: tuple[int, int]) -> None:
    assert check(snap_compare, library_app(notebook), size, ["down", "down"])


@pytest.mark.parametrize("size", SIZES)
def test_notebook(snap_compare: Callable[..., bool], notebook: Path, size: tuple[int, int]) -> None:
    assert check(snap_compare, library_app(notebook), size, ["m", "down", "down"])


@pytest.mark.parametrize("size", SIZES)
def test_keys(snap_compare: Callable[..., bool], notebook: Path, size: tuple[int, int]) -> None:
    assert check(snap_compare, reader_app(notebook), size, ["question_mark"])


@pytest.mark.parametrize("size", SIZES)
def test_export_dialog(
    snap_compare: Callable[..., bool], notebook: Path, size: tuple[int, int]
) -> None:
    assert check(snap_compare, library_app(notebook), size, ["E"])


@pytest.mark.parametrize("size", SIZES)
def test_annotate_dialog(
    snap_compare: Callable[..., bool], notebook: Path, size: tuple[int, int]
) -> None:
    keys = ["right_curly_bracket", "v", "right_curly_bracket", "a", *"defenders"]
    assert check(snap_compare, reader_app(notebook), size, keys)
