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


def inks(screen: pyte.Screen) -> tuple[set[str], str, str]:
    """The highlighted sentence's backgrounds (at three places), the page's, and the one
    under "Kilgrave" (the sentence before, on the same row)."""
    first = row_of(screen, "Kilgrave. Jessica will")
    last = row_of(screen, "heroes together.")
    inked = {
        background(screen, first, "Jessica will"),
        background(screen, first + 1, "where that"),
        background(screen, last, "heroes"),
    }
    page = background(screen, row_of(screen, "wondering how"), "wondering")
    return inked, page, background(screen, first, "Kilgrave")


def marked_rows(text: str) -> list[int]:
    """The rows with a highlight mark in their gutter."""
    return [i for i, line in enumerate(text.splitlines()) if line.lstrip().startswith(MARK)]


def sentence_rows(text: str) -> list[int]:
    """The rows the highlighted sentence spans (empty while it is not on the screen)."""
    lines = text.splitlines()
    first = [i for i, line in enumerate(lines) if "Kilgrave. Jessica will" in line]
    last = [i for i, line in enumerate(lines) if "heroes together." in line]
    return list(range(first[0], last[0] + 1)) if first and last else []


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
        # The status tells of the highlight; its marks may come in a frame of their own.
        term.wait_until(
            lambda t: "yellow highlight · #defenders #casting" in t and len(marked_rows(t)) == 3
        )
        term.press("q")
        assert term.wait_exit() == 0

    (highlight,) = Notebook.open(read_only=True).highlights()
    assert (highlight.quote, highlight.tags) == (SENTENCE, ("defenders", "casting"))

    with TerminalSession([SEED], size=(110, 32), cwd=ROOT) as term:
        # The text comes first, the highlights once the notebook is read, row by row: wait
        # until the whole sentence is marked and painted, then look.
        def highlighted(text: str) -> bool:
            rows = sentence_rows(text)
            if not rows or "wondering how" not in text or marked_rows(text) != rows:
                return False
            inked, page, _ = inks(term.screen)
            return len(inked) == 1 and page not in inked

        term.wait_until(lambda t: " READ " in t and highlighted(t))
        text = term.text()
        # The mark is in the gutter of exactly the sentence's lines, nowhere else.
        assert marked_rows(text) == sentence_rows(text) == [
            row_of(term.screen, "Kilgrave. Jessica will"),
            row_of(term.screen, "Kilgrave. Jessica will") + 1,
            row_of(term.screen, "heroes together."),
        ]
        # And its cells are painted: one highlight colour, not the page's.
        inked, page, before = inks(term.screen)
        assert len(inked) == 1 and page not in inked
        assert before == page  # the sentence before: plain
        term.press("q")
        assert term.wait_exit() == 0
