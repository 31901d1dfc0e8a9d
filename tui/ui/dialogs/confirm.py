"""A yes-or-no question before something hard to take back (deleting, replacing a file)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Button, Static

from tui.ui.dialogs.base import Dialog


class ConfirmDialog(Dialog[bool]):
    """``question`` with a button for ``yes`` and one for No; dismisses True, or None.

    ``y`` answers yes, ``n`` or Esc no; Tab and Enter work the buttons. No is focused
    first, so an Enter pressed out of habit changes nothing.
    """

    DEFAULT_CSS = """
    ConfirmDialog > #dialog { max-width: 72; }
    ConfirmDialog #buttons { height: auto; margin: 1 0 0 0; align-horizontal: right; }
    ConfirmDialog Button { margin: 0 0 0 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "confirm", "Yes", id="confirm.yes"),
        Binding("n", "close", "No", id="confirm.no"),
    ]
    hint = "y: yes · n or Esc: no"

    def __init__(self, title: str, question: str, yes: str = "Yes") -> None:
        super().__init__()
        self.heading = title
        self.question = question
        self.yes = yes

    def compose_body(self) -> ComposeResult:
        yield Static(self.question, id="question", markup=False)
        with Horizontal(id="buttons"):
            yield Button(self.yes, id="yes", variant="error", compact=True)
            yield Button("No", id="no", compact=True)

    def on_mount(self) -> None:
        """No has the focus."""
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Yes confirms; No closes."""
        event.stop()
        if event.button.id == "yes":
            self.action_confirm()
        else:
            self.action_close()

    def action_confirm(self) -> None:
        """Yes."""
        self.dismiss(True)
