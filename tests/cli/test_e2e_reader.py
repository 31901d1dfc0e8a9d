"""End to end: the real `gloss` command in a pseudo-terminal, read back with pyte.

Every read of the screen waits until the whole condition the test then asserts holds: the
program paints in several frames (text, then scrollbars and status), and a loaded machine
lets a read fall between two of them.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.support.pty import TerminalSession
from tests.support.reader_app import ROOT
from tui.core import locations

pytestmark = pytest.mark.e2e

SEED = "samples/jessica-jones-season-2.html"
TITLE = "How The Defenders Is Affecting Jessica Jones Season 2"
POSITION = re.compile(r"(\d+)–(\d+) of (\d+) · (\d+)%")
FOUND = (3, 30, 51, 9)  # where the third "Rosenberg" leaves the seed at 110 × 32


def position(text: str) -> tuple[int, int, int, int] | None:
    """The status line's ``first–last of total · percent%`` (None while it is not painted)."""
    found = POSITION.findall(text.splitlines()[-1])
    if not found:
        return None
    first, last, total, percent = (int(n) for n in found[-1])
    return first, last, total, percent


def wait_for_prompt(term: TerminalSession) -> None:
    """Wait until the search prompt is open: keys typed before it has the focus go to the
    reader (a race a loaded machine loses)."""
    term.wait_until(lambda t: " SEARCH " in t.splitlines()[-1])


def gutter_marks(text: str) -> list[str]:
    """The rows whose gutter marks the current search match."""
    return [row for row in text.splitlines() if row.lstrip().startswith("▸")]


def test_read_scroll_search_back_and_quit() -> None:
    with TerminalSession([SEED], size=(110, 32), cwd=ROOT) as term:
        text = term.wait_until(
            lambda t: "The first season" in t and position(t) == (1, 28, 51, 0)
        )
        assert TITLE in text
        assert "By Nick Venable · CinemaBlend · 2016-08-13 · 3 min read" in text
        assert "The first season of Netflix's Jessica Jones was as excellent as anything" in text

        term.press("j", "j", "j")
        term.wait_until(lambda t: position(t) == (4, 31, 51, 13))
        term.press("space")  # a page down from line 4 runs into the end: clamped there
        term.wait_until(lambda t: position(t) == (24, 51, 51, 100))
        term.press("g")
        term.wait_until(lambda t: position(t) == (1, 28, 51, 0))

        term.press("slash")
        wait_for_prompt(term)
        term.type("Rosenberg")
        # The box shows the query as typed, then the count of its matches.
        term.wait_until(
            lambda t: "/ Rosenberg " in t and t.splitlines()[-2].rstrip().endswith("1/5")
        )
        term.press("enter")
        term.wait_for("“Rosenberg” 1/5")
        term.press("n", "n")
        # The current match is scrolled into view and marked in the gutter, alone.
        text = term.wait_until(
            lambda t: "“Rosenberg” 3/5" in t
            and len(gutter_marks(t)) == 1
            and "Rosenberg" in gutter_marks(t)[0]
            and position(t) == FOUND
        )

        # Open another page, then go back: the seed returns where it was left.
        term.press("o")
        term.wait_for("Open a URL or a file")
        term.type("samples/short.html")
        term.press("enter")
        text = term.wait_for("Closed for the holiday")
        assert TITLE not in text
        term.press("H")
        # The title comes back before the reading position is restored: wait for both.
        term.wait_until(lambda t: TITLE in t and position(t) == FOUND)

        term.press("q")
        assert term.wait_exit() == 0
    # Both places are remembered for next time, the seed (read last) most recently.
    state = json.loads(locations.state_path().read_text())
    assert list(state["positions"]) == [
        (ROOT / "samples" / "short.html").as_uri(),
        (ROOT / SEED).as_uri(),
    ]
    assert state["positions"][(ROOT / SEED).as_uri()] > 0


def test_a_hostile_page_cannot_reach_the_terminal() -> None:
    with TerminalSession(["samples/hostile.html"], size=(110, 32), cwd=ROOT) as term:
        term.wait_until(lambda t: " READ " in t and "A Perfectly Ordinary Article" in t)
        term.press("slash")
        wait_for_prompt(term)
        term.type("Rich markup")
        term.press("enter")
        term.wait_until(
            lambda t: "“Rich markup” 1/1" in t
            and "Rich markup: [bold red]x[/] and [link=file:///etc/passwd]y[/link] and" in t
        )
        # The whole page has been painted once the end is shown.
        term.press("G")
        term.wait_until(lambda t: "That is the end of the fixture." in t and " · 100%" in t)
        term.press("q")
        assert term.wait_exit() == 0
    # The page's OSC title sequences never reached the terminal: no title was set and
    # no payload of any sequence in the page was written.
    assert term.title == ""
    for payload in (b"pwned", b"cm0gLXJmIH4K", b"SCRIPT-RAN", b"HIDDEN-SPAN"):
        assert payload not in term.raw
    assert re.search(rb"\x1b\][012];", bytes(term.raw)) is None


def test_a_missing_file_is_one_line_before_the_screen_is_taken() -> None:
    # As w3m and less do: the shell gets one line and a status; the alternate screen is
    # never entered, so the message stays in the scrollback.
    with TerminalSession(["no/such/page.html"], size=(90, 24), cwd=ROOT) as term:
        term.wait_for("gloss: no such file: no/such/page.html")
        assert term.wait_exit() == 3
        text = term.text()  # everything it wrote, read to the end
    assert [row.rstrip() for row in text.splitlines() if row.strip()] == [
        "gloss: no such file: no/such/page.html"
    ]
    assert b"\x1b[?1049h" not in term.raw  # no alternate screen
    assert b"Traceback" not in term.raw


def test_a_saved_page_opens_after_its_file_is_gone(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes((ROOT / SEED).read_bytes())
    notebook = tmp_path / "nb"
    env = {**os.environ, "GLOSS_NOTEBOOK": str(notebook)}
    with TerminalSession([str(page)], size=(110, 32), cwd=ROOT, env=env) as term:
        term.wait_until(lambda t: " of 51 · " in t)
        term.press("q")
        assert term.wait_exit() == 0
    page.unlink()
    with TerminalSession([str(page)], size=(110, 32), cwd=ROOT, env=env) as term:
        term.wait_until(lambda t: " of 51 · " in t and TITLE in t)
        term.press("q")
        assert term.wait_exit() == 0


def test_resizing_the_terminal_rewraps_the_text() -> None:
    with TerminalSession([SEED], size=(110, 32), cwd=ROOT) as term:
        term.wait_until(lambda t: " of 51 · " in t)
        # Textual redraws the old lines at the new size first, then the re-wrapped text,
        # then the status: wait for the text and the status both.
        term.resize(60, 24)
        term.wait_until(
            lambda t: position(t) == (1, 20, 70, 0)
            and "  The first season of Netflix's Jessica Jones was as" in t.splitlines()[3]
        )
        term.resize(110, 32)
        term.wait_until(
            lambda t: position(t) == (1, 28, 51, 0)
            and "The first season of Netflix's Jessica Jones was as excellent as anything" in t
        )
        term.press("q")
        assert term.wait_exit() == 0
