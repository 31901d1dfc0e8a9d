"""A modal that shows a one-line error (never a traceback)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
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

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.title_text, classes="dialog--title", markup=False)
            yield Static(self.message, id="message", markup=False)
            yield Static(
                "Enter or Esc to close, then o to open something else",
                classes="dialog--hint",
                markup=False,
            )
