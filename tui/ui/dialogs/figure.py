"""A figure at the size the screen allows, drawn with the terminal's own graphics when it has
them (kitty's protocol, sixel) and as half-block cells otherwise: textual-image picks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Static

from tui.ui.dialogs.base import Dialog

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage


class FigureDialog(Dialog[None]):
    """The picture of one ``[image: alt]`` line, with its alt text under it."""

    DEFAULT_CSS = """
    FigureDialog > #dialog { max-width: 120; width: 90%; height: 90%; max-height: 90%; }
    FigureDialog #figure-box { height: 1fr; align: center middle; }
    FigureDialog #figure { width: auto; height: 1fr; }
    FigureDialog #alt { color: $foreground 70%; text-style: italic; margin: 1 0 0 0; }
    """
    hint = "Esc closes"

    def __init__(self, image: PILImage, alt: str) -> None:
        super().__init__()
        self.heading = "Figure"
        self.image = image
        self.alt = alt

    def compose_body(self) -> ComposeResult:
        from textual.containers import Center
        from textual_image.widget import Image  # the terminal was asked before the app ran

        with Center(id="figure-box"):
            yield Image(self.image, id="figure")
        yield Static(self.alt, id="alt", markup=False)
