"""The search prompt: ``/`` opens it, matches update as you type."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static


class SearchBar(Horizontal):
    """A one-line prompt docked above the status bar; hidden until searching."""

    DEFAULT_CSS = """
    SearchBar {
        height: 1;
        display: none;
        background: $surface;
        &.-open { display: block; }
        & > #slash { width: 2; padding: 0 0 0 1; color: $accent; text-style: bold; }
        & > Input, & > Input:focus {
            width: 1fr; height: 1; border: none; padding: 0 1; background: $surface;
        }
        & > #count { width: auto; padding: 0 1; color: $foreground 70%; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel search", show=False)
    ]

    @dataclass
    class Cancelled(Message):
        """Esc in the prompt."""

    def __init__(self, *, cursor_blink: bool = True) -> None:
        super().__init__()
        self._cursor_blink = cursor_blink

    def compose(self) -> ComposeResult:
        yield Static("/", id="slash", markup=False)
        yield Input(placeholder="search", id="query", select_on_focus=True)
        yield Static("", id="count", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = self._cursor_blink

    @property
    def input(self) -> Input:
        """The text box."""
        return self.query_one(Input)

    def open(self, query: str = "") -> None:
        """Show the prompt holding ``query`` (selected, so typing replaces it)."""
        self.add_class("-open")
        self.input.value = query
        self.input.focus()
        self.input.select_all()

    def close(self) -> None:
        """Hide the prompt."""
        self.remove_class("-open")

    @property
    def is_open(self) -> bool:
        """Whether the prompt is showing."""
        return self.has_class("-open")

    def set_count(self, text: str) -> None:
        """The ``2/7`` beside the prompt."""
        self.query_one("#count", Static).update(text)

    def action_cancel(self) -> None:
        """Esc: tell the screen."""
        self.post_message(self.Cancelled())
