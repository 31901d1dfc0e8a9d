"""End to end: highlight a sentence in the real `gloss`, quit, start again, still highlighted.

The notebook lives under the test's own XDG data folder (tests/conftest.py), which the
program inherits. The highlight is checked as a user sees it: the gutter mark in the screen
text, and the background colour pyte recorded on the highlighted cells.
"""

from __future__ import annotations

import pyte
import pytest

from tests.support.pty import TerminalSession
from tests.support.reader_app import ROOT
from tui.core.notebook.api import Notebook

pytestmark = pytest.mark.e2e

SEED = "samples/jessica-jones-season-2.html"
SENTENCE = (
    "Jessica will be moving on in Season 2, though we're not quite sure where that will be, "
    "since it isn't scheduled to premiere until after The Defenders brings the street-level "
    "heroes together."
)
MARK = "▌"


def row_of(screen: pyte.Screen, needle: str) -> int:
    rows = [i for i, line in enumerate(screen.display) if needle in line]
    assert rows, "\n".join(screen.display)
    return rows[0]


def background(screen: pyte.Screen, row: int, needle: str) -> str:
    """The background pyte recorded under the first character of ``needle`` on ``row``."""
    col = screen.display[row].index(needle)
    return screen.buffer[row][col].bg


def test_a_tagged_highlight_survives_a_restart() -> None:
    with TerminalSession([SEED], size=(110, 32), cwd=ROOT) as term:
        term.wait_until(lambda t: " READ " in t and "The first season" in t)
        term.press(")")  # the cursor to "Jessica will"
        term.press("v", ")")
        term.wait_for(" VISUAL ")
        term.wait_for(f"{len(SENTENCE)} characters")
        term.press("a")
        term.wait_for("New highlight")
        term.type("defenders casting")
        term.press("enter")
        text = term.wait_for("yellow highlight · #defenders #casting")
        marked = [line for line in text.splitlines() if line.lstrip().startswith(MARK)]
        assert len(marked) == 3
        term.press("q")
        assert term.wait_exit() == 0

    (highlight,) = Notebook.open(read_only=True).highlights()
    assert (highlight.quote, highlight.tags) == (SENTENCE, ("defenders", "casting"))

    with TerminalSession([SEED], size=(110, 32), cwd=ROOT) as term:
        text = term.wait_until(lambda t: " READ " in t and "The first season" in t)
        term.settle()
        screen = term.screen
        lines = screen.display
        first = row_of(screen, "Kilgrave. Jessica will")
        last = row_of(screen, "heroes together.")
        # The mark is in the gutter of exactly the sentence's lines, nowhere else.
        assert [i for i, line in enumerate(lines) if line.lstrip().startswith(MARK)] == list(
            range(first, last + 1)
        )
        # And its cells are painted: one highlight colour, not the page's.
        page = background(screen, row_of(screen, "wondering how"), "wondering")
        inked = {
            background(screen, first, "Jessica will"),
            background(screen, first + 1, "where that"),
            background(screen, last, "heroes"),
        }
        assert len(inked) == 1 and page not in inked
        assert background(screen, first, "Kilgrave") == page  # the sentence before: plain
        term.press("q")
        assert term.wait_exit() == 0
