"""A row of the five highlight colours; ←/→ (or h/l) move, 1-5 pick one directly."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.core.model import COLORS, DEFAULT_COLOR
from tui.ui.widgets.inks import ink_classes, ink_rules

SWATCH = "●"


class ColorPicker(Widget, can_focus=True):
    """Shows ``1 ● yellow [2 ● green] …``: the chosen colour in brackets (seen without
    colours too) and shaded; posts Changed."""

    DEFAULT_CSS = f"""
    ColorPicker {{
        height: 1;
        width: 1fr;
        &:focus {{ background-tint: $foreground 8%; }}
        {ink_rules("picker--ink", tint=False)}
        & > .picker--chosen {{ background: $foreground 18%; text-style: bold; }}
    }}
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"picker--chosen", *ink_classes("picker--ink")}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "step(-1)", "Previous colour", show=False),
        Binding("right,l", "step(1)", "Next colour", show=False),
        *(Binding(str(n), f"pick({n})", f"Colour {n}", show=False) for n in range(1, 6)),
    ]

    color: reactive[str] = reactive(DEFAULT_COLOR)

    @dataclass
    class Changed(Message):
        """The user chose another colour."""

        picker: ColorPicker
        color: str

    def __init__(self, color: str = DEFAULT_COLOR, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(ColorPicker.color, color if color in COLORS else DEFAULT_COLOR)

    def render(self) -> Content:
        """The swatches, the chosen one reversed."""
        pieces: list[Content | str] = []
        for n, name in enumerate(COLORS, 1):
            classes = [f"picker--ink-{name}"] + (["picker--chosen"] if name == self.color else [])
            ink = self.get_visual_style(*classes, partial=True)
            label = f"[{n} {SWATCH} {name}]" if name == self.color else f" {n} {SWATCH} {name} "
            pieces += [Content.styled(label, ink), " "]
        return Content.assemble(*pieces)

    def action_step(self, delta: int) -> None:
        """The colour before or after."""
        index = (COLORS.index(self.color) + delta) % len(COLORS)
        self.choose(COLORS[index])

    def action_pick(self, number: int) -> None:
        """Colour ``number`` (1 for the first)."""
        self.choose(COLORS[number - 1])

    def choose(self, color: str) -> None:
        """Choose ``color`` as the user did (posts Changed)."""
        if color != self.color:
            self.color = color
            self.post_message(self.Changed(self, color))

    def set_quietly(self, color: str) -> None:
        """Show ``color`` without telling anyone (the dialog followed a typed tag)."""
        self.color = color
