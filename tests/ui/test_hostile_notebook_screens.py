"""The library and notebook screens show a hostile notebook without an escape reaching the
terminal: what is checked is the exact text Textual would write to the terminal for the
whole screen (notifications included), not the widgets' idea of it."""

from __future__ import annotations

import re
from pathlib import Path

from textual.app import App

from tests.support.reader_app import SIZE, make_app, settle
from tui.core.library import Library
from tui.core.model.highlight import Highlight, Target, TextPosition, TextQuote
from tui.core.model.records import SavedArticle
from tui.core.notebook.api import Notebook
from tui.ui.screens.library import LibraryScreen
from tui.ui.screens.notebook import NotebookScreen
from tui.ui.widgets.row_list import fit

OSC52 = "\x1b]52;c;ZWNobyBQV05FRA==\x07"
OSC0 = "\x1b]0;Owned\x07"
# Textual's own output is CSI sequences (cursor moves, colours) and nothing else here: any
# OSC, DCS, APC or PM, any BEL, C1 control or bidi override comes from the data.
FOREIGN = re.compile(r"\x1b[\]P_^X]|[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9f]"
                     r"|[\u202a-\u202e\u2066-\u2069]")


def terminal_output(app: App[object]) -> str:
    """What the app would write to a real terminal to draw its whole screen now."""
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens
    )
    return update.render_segments(app.console)  # type: ignore[union-attr]


def hostile_notebook(path: Path) -> None:
    """A notebook written as by hand: every field a terminal could act on, stored raw."""
    nb = Notebook.open(path)
    nb.add_articles([SavedArticle(
        id="0123456789abcdef",
        title=f"Title{OSC0}\u202eevil",
        url=f"https://example.com/{OSC52}",
        canonical_url="javascript:alert(1)",
        byline=f"By \x9b2J{OSC52}",
        site_name="Site\x1b[2J\x1bP1$r\x1b\\",
        progress=1e308,
    )])
    quote = f"quoted{OSC52} words"
    nb.add_highlights([Highlight(
        article_id="0123456789abcdef",
        target=Target(TextQuote(quote, f"pre{OSC0}", ""), TextPosition(0, len(quote)), ""),
        tags=(f"tag{OSC0}",),
        note="note\x1b]8;;https://evil.example\x1b\\ link",
    )])


async def test_library_and_notebook_draw_no_escape_from_the_data(tmp_path: Path) -> None:
    hostile_notebook(tmp_path / "nb")
    app = make_app(None, library=Library(Notebook.open(tmp_path / "nb")), refresh_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        drawn = terminal_output(app)
        assert "Title" in drawn and "evil" in drawn  # the row is there, cleaned
        assert FOREIGN.search(drawn) is None, FOREIGN.search(drawn)
        assert "100%" in drawn  # a progress of 1e308 shows as read to the end, not a crash
        # A notification quotes the title.
        await pilot.press("r")
        await settle(pilot)
        assert any("Title" in str(n.message) for n in app._notifications)
        drawn = terminal_output(app)
        assert FOREIGN.search(drawn) is None, FOREIGN.search(drawn)
        for text in (app.title, app.sub_title, *(str(n.message) for n in app._notifications)):
            assert FOREIGN.search(text) is None
        # The notebook screen: quote, article title, tags.
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, NotebookScreen)
        drawn = terminal_output(app)
        assert "quoted words" in drawn and "#tag" in drawn
        assert FOREIGN.search(drawn) is None, FOREIGN.search(drawn)


def test_rows_are_terminal_safe_whatever_they_are_given() -> None:
    """Defence in depth: a row painted from a record nobody cleaned is still safe."""
    assert fit(f"a{OSC52}b\u202ec\x9b2Jd", 8) == "abcd    "
