"""The `o` prompt: a URL or a path to open."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input

from tui.ui.dialogs.base import Dialog


class OpenScreen(Dialog[str]):
    """Asks for a URL or a file path; dismisses with it (None if cancelled or empty)."""

    DEFAULT_CSS = """
    OpenScreen Input { width: 100%; }
    """
    heading = "Open a URL or a file"
    hint = "Enter to open · Esc to cancel"

    def __init__(self, value: str = "", *, cursor_blink: bool = True) -> None:
        super().__init__()
        self.value = value
        self.cursor_blink = cursor_blink

    def compose_body(self) -> ComposeResult:
        field = Input(self.value, placeholder="https://… or ~/saved/page.html", id="source")
        field.cursor_blink = self.cursor_blink
        yield field

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Open what was typed (nothing if it is blank)."""
        event.stop()
        value = event.value.strip()
        self.dismiss(value or None)
