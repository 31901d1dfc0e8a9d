"""A modal that shows a one-line error (never a traceback)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from tui.ui.dialogs.base import Dialog


class ErrorScreen(Dialog[None]):
    """``title`` and ``message``, shown literally; Enter or Esc closes it."""

    DEFAULT_CSS = """
    ErrorScreen > #dialog { border: round $error; }
    ErrorScreen .dialog--title { color: $error; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,q", "close", "Close", id="error.close"),
    ]
    hint = "Enter or Esc to close, then o to open something else"

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.heading = title
        self.message = message

    def compose_body(self) -> ComposeResult:
        yield Static(self.message, id="message", markup=False)
