"""The `?` screen: every key, as the user's keymap has it now.

The reader's keys by default; the library and the notebook pass their own. The keys that
work on every screen (library, notebook, export) come last either way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.ui.dialogs.base import Dialog
from tui.ui.keys.app import APP_SECTIONS, describe
from tui.ui.keys.reader import describe_keys

KEY_COLUMN = 18  # the longest, "Space PgDn Ctrl+F", and a space


class HelpScreen(Dialog[None]):
    """A scrollable list of keys by section; ``?``, ``q`` or Esc closes it."""

    DEFAULT_CSS = """
    /* The list scrolls between the title and the hint, which stay in view. */
    HelpScreen > #dialog { height: 90%; }
    HelpScreen.-short > #dialog { height: 100%; }
    HelpScreen VerticalScroll { height: 1fr; }
    HelpScreen .dialog--title { margin: 0; }
    HelpScreen .help--section { text-style: bold; color: $accent; margin: 1 0 0 0; }
    HelpScreen .help--row { width: 100%; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,q", "close", "Close", id="help.close"),
        Binding("j,down", "scroll('down')", "Scroll down", id="help.down", show=False),
        Binding("k,up", "scroll('up')", "Scroll up", id="help.up", show=False),
        Binding("space,pagedown", "scroll('page_down')", "Page down", id="help.page_down",
                show=False),
        Binding("b,pageup", "scroll('page_up')", "Page up", id="help.page_up", show=False),
        Binding("g,home", "scroll('home')", "Top", id="help.top", show=False),
        Binding("G,end", "scroll('end')", "End", id="help.bottom", show=False),
    ]
    heading = "Keys"
    hint = "j k Space scroll · change keys in the config file ([keys]) · ? or Esc closes"

    def __init__(self, rows: Iterable[tuple[str, str, str]] | None = None) -> None:
        """``rows``: ``(section, keys, description)`` to list (default: the reader's)."""
        super().__init__()
        self.rows = list(rows) if rows is not None else None

    def compose_body(self) -> ComposeResult:
        own = self.rows if self.rows is not None else describe_keys(self.app)
        rows = [*own, *describe(self.app, APP_SECTIONS)]
        with VerticalScroll():
            section = None
            for name, keys, description in rows:
                if name != section:
                    section = name
                    yield Static(name, classes="help--section", markup=False)
                row = Content.assemble(
                    (keys.ljust(KEY_COLUMN), "bold"), " ", description
                )
                yield Static(row, classes="help--row")

    def action_scroll(self, how: str) -> None:
        """Scroll the list the way the reader scrolls (``j``, ``k``, Space, ``g``, ``G``)."""
        scroll = self.query_one(VerticalScroll)
        moves = {
            "down": scroll.scroll_down,
            "up": scroll.scroll_up,
            "page_down": scroll.scroll_page_down,
            "page_up": scroll.scroll_page_up,
            "home": scroll.scroll_home,
            "end": scroll.scroll_end,
        }
        moves[how](animate=False)
