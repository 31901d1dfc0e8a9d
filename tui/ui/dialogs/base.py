"""The shared shape of Gloss's dialogs: a centred box over the dimmed reader, Esc closes.

Every dialog is a title line, its own widgets, and a hint line saying which keys do what;
the box, the two lines and Esc are here, each dialog composes only what is between.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    """A modal box; subclasses set ``heading`` and ``hint`` (on the class, or in
    ``__init__`` when they depend on what is shown) and compose the inside in ``compose_body``."""

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
    /* 80x24: the box takes the width, and blank lines go so every field stays on screen. */
    Dialog.-narrow > #dialog { width: 100%; }
    Dialog.-short {
        & > #dialog { max-height: 100%; }
        & .dialog--title, & .dialog--hint { margin: 0; }
    }
    """
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-narrow"), (100, "-wide")
    ]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-short"), (28, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="dialog.close"),
    ]

    heading: str  # the title line (shown literally, never as markup)
    hint: str  # the last line: the keys that work here

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.heading, classes="dialog--title", markup=False)
            yield from self.compose_body()
            yield Static(self.hint, classes="dialog--hint", markup=False)

    def compose_body(self) -> ComposeResult:
        """The dialog's own widgets, between the title and the hint."""
        raise NotImplementedError

    def action_close(self) -> None:
        """Close without a result."""
        self.dismiss(None)
