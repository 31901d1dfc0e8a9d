"""The shared shape of Gloss's dialogs: a centred box over the dimmed reader, Esc closes."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    """A modal box; subclasses compose the inside of ``#dialog``."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
        background: $background 60%;
        & > #dialog {
            width: 80%;
            max-width: 96;
            height: auto;
            max-height: 90%;
            border: round $primary;
            background: $surface;
            padding: 0 1;
        }
        & .dialog--title { text-style: bold; color: $primary; width: 100%; margin: 0 0 1 0; }
        & .dialog--hint { color: $foreground 60%; width: 100%; margin: 1 0 0 0; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="dialog.close"),
    ]

    def action_close(self) -> None:
        """Close without a result."""
        self.dismiss(None)
