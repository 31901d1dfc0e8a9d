"""Snapshots of highlighting (pytest-textual-snapshot): 110×32, no cursor blink.

The five colours with their gutter marks in the dark and the paper theme, a selection in
progress, the `a` dialog and the orphans list. Update after a deliberate change with
``pytest tests/looks/test_snapshots_highlight.py --snapshot-update`` and look at the report.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.support.reader_app import ROOT, SIZE, make_app, reader, settle
from tui.core.anchor.attach import describe
from tui.core.config import Config
from tui.core.library import Library
from tui.core.model.highlight import Highlight
from tui.core.notebook.api import Notebook
from tui.ui.app import GlossApp

SEED = "samples/jessica-jones-season-2.html"
# One sentence in each colour (READ mode: c and a digit highlight the cursor's sentence), then
# the cursor back on the green one.
FIVE_COLOURS = [
    "c", "1", "right_parenthesis", "c", "2", "right_parenthesis", "right_parenthesis", "c", "3",
    "right_curly_bracket", "c", "4", "right_parenthesis", "right_parenthesis", "c", "5",
    "g", "right_parenthesis",
]  # fmt: skip


@pytest.fixture(autouse=True)
def _from_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def app_in(tmp_path: Path, **kwargs: Any) -> GlossApp:
    return make_app(SEED, library=Library(Notebook.open(tmp_path / "nb")), **kwargs)


async def loaded(pilot: Pilot[Any]) -> None:
    await settle(pilot)


@pytest.mark.slow
def test_five_colours_and_the_cursor_on_one(
    snap_compare: Callable[..., bool], tmp_path: Path
) -> None:
    """Each colour inline with its gutter mark; the status line describes the green one."""
    app = app_in(tmp_path)
    assert snap_compare(app, press=FIVE_COLOURS, terminal_size=SIZE, run_before=loaded)


def test_five_colours_on_paper(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    """The same on the light theme: every colour readable under dark ink."""
    app = app_in(tmp_path, config=Config(theme="gloss-paper"))
    assert snap_compare(app, press=FIVE_COLOURS, terminal_size=SIZE, run_before=loaded)


def test_selecting(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    """VISUAL mode: the quote selected with } v }, the head on its last character."""
    keys = ["right_curly_bracket", "v", "right_curly_bracket"]
    assert snap_compare(app_in(tmp_path), press=keys, terminal_size=SIZE, run_before=loaded)


# From the third word of the yellow sentence to the end of the purple one: the selection over
# part of each colour (issue 13, finding 5: it must not look like a highlight).
OVER_FIVE = [*FIVE_COLOURS, "g", "w", "w", "v", "right_curly_bracket", "right_curly_bracket",
             "right_curly_bracket", "right_parenthesis", "e", "e", "e"]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("theme", ["textual-dark", "gloss-paper"])
def test_selecting_over_the_five_colours(
    snap_compare: Callable[..., bool], tmp_path: Path, theme: str
) -> None:
    """Reverse video over every highlight colour; the head bold and underlined."""
    app = app_in(tmp_path, config=Config(theme=theme))
    assert snap_compare(app, press=OVER_FIVE, terminal_size=SIZE, run_before=loaded)


@pytest.mark.slow
def test_the_highlight_dialog(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    """`a` on a new highlight: tags being typed, a note, the colour row."""
    keys = ["right_curly_bracket", "v", "right_curly_bracket", "a", *"collaboration", "tab",
            *"Rosenberg", "tab", "right"]  # fmt: skip
    assert snap_compare(app_in(tmp_path), press=keys, terminal_size=SIZE, run_before=loaded)


def test_the_orphans_list(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    """X: a highlight whose text is gone, with its tags and note."""

    async def with_an_orphan(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        screen = reader(pilot.app)
        notebook = pilot.app.notebook
        gone = "Krysten Ritter will return as the title character, the network confirmed."
        notebook.add_highlight(
            Highlight(
                screen.opened.record.id,
                describe(gone, 0, len(gone)),
                tags=("casting",),
                note="Was in the first version of the page.",
                color="blue",
                id="orphan-1",
                created="2026-01-02T03:04:05Z",
            )
        )
        screen.look_for_highlights()
        await pilot.pause()

    app = app_in(tmp_path)
    assert snap_compare(app, press=["X"], terminal_size=SIZE, run_before=with_an_orphan)
