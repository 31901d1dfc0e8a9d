"""The `a` dialog: a highlight's tags, note and colour.

Tags are typed separated by commas or spaces and completed from the notebook's tags, most
used first (→ takes the completion). The colour and the tags follow the config's bindings
both ways: picking a colour bound to a tag adds the tag; typing a bound tag picks its colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Input, Static, TextArea

from tui.core.config import HighlightSettings
from tui.core.model import Highlight, parse_tags
from tui.core.text import multi_line
from tui.ui.dialogs.base import Dialog
from tui.ui.widgets.color_picker import ColorPicker
from tui.ui.widgets.tag_suggester import TagSuggester

QUOTE_CHARS = 160  # of the quote shown at the top of the dialog


@dataclass(frozen=True, slots=True)
class HighlightEdit:
    """What the dialog returns: the highlight's new tags, note and colour."""

    tags: tuple[str, ...]
    note: str
    color: str


def tags_text(tags: tuple[str, ...]) -> str:
    """Tags as the field shows them."""
    return " ".join(tags)


class HighlightDialog(Dialog[HighlightEdit]):
    """Edits one highlight; dismisses with a :class:`HighlightEdit`, None if cancelled."""

    DEFAULT_CSS = """
    HighlightDialog #quote { color: $foreground 70%; text-style: italic; margin: 0 0 1 0; }
    HighlightDialog .field { height: auto; margin: 0 0 1 0; }
    HighlightDialog .label { width: 8; color: $foreground 80%; padding: 0 1 0 0; }
    HighlightDialog Input, HighlightDialog TextArea {
        width: 1fr; border: none; padding: 0 1; background: $panel;
        &:focus { border: none; background-tint: $foreground 8%; }
    }
    HighlightDialog Input { height: 1; }
    HighlightDialog TextArea { height: 4; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="highlight.save", priority=True),
    ]
    hint = "Ctrl+S or Enter in Tags saves · Tab moves · → completes a tag · Esc cancels"

    def __init__(
        self,
        highlight: Highlight,
        known_tags: list[str],
        settings: HighlightSettings,
        *,
        cursor_blink: bool = True,
        new: bool = False,
    ) -> None:
        super().__init__()
        self.highlight = highlight
        self.known_tags = known_tags
        self.settings = settings
        self.cursor_blink = cursor_blink
        self.new = new
        self.heading = "New highlight" if new else "Highlight"

    def compose_body(self) -> ComposeResult:
        quote = " ".join(self.highlight.quote.split())
        if len(quote) > QUOTE_CHARS:
            quote = quote[: QUOTE_CHARS - 1] + "…"
        yield Static(f"“{quote}”", id="quote", markup=False)
        with Horizontal(classes="field"):
            yield Static("Tags", classes="label", markup=False)
            tags = Input(
                tags_text(self.highlight.tags),
                placeholder="tags, separated by spaces or commas",
                id="tags",
                suggester=TagSuggester(self.known_tags),
            )
            tags.cursor_blink = self.cursor_blink
            yield tags
        with Horizontal(classes="field"):
            yield Static("Note", classes="label", markup=False)
            note = TextArea(self.highlight.note, id="note", soft_wrap=True)
            note.cursor_blink = self.cursor_blink
            yield note
        with Horizontal(classes="field"):
            yield Static("Colour", classes="label", markup=False)
            yield ColorPicker(self.highlight.color, id="color")

    def on_mount(self) -> None:
        """Start in the tags, at the end of what is there."""
        field = self.query_one("#tags", Input)
        field.focus()
        field.cursor_position = len(field.value)

    @property
    def edit(self) -> HighlightEdit:
        """What the fields hold now."""
        return HighlightEdit(
            tags=parse_tags(self.query_one("#tags", Input).value),
            note=multi_line(self.query_one("#note", TextArea).text).strip(),
            color=self.query_one(ColorPicker).color,
        )

    def action_save(self) -> None:
        """Close with the fields' values."""
        self.dismiss(self.edit)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the tags field saves."""
        event.stop()
        self.action_save()

    def on_input_changed(self, event: Input.Changed) -> None:
        """A tag bound to a colour picks that colour."""
        event.stop()
        color = self.settings.color_of(parse_tags(event.value))
        if color is not None:
            self.query_one(ColorPicker).set_quietly(color)

    def on_color_picker_changed(self, event: ColorPicker.Changed) -> None:
        """A colour bound to a tag adds the tag (and drops the other colours' tags)."""
        field = self.query_one("#tags", Input)
        bound = set(self.settings.tags.values())
        new_tag = self.settings.tag_of(event.color)
        tags = [t for t in parse_tags(field.value) if t not in bound or t == new_tag]
        if new_tag and new_tag not in tags:
            tags.append(new_tag)
        text = tags_text(tuple(tags))
        if parse_tags(text) != parse_tags(field.value):
            with field.prevent(Input.Changed):
                field.value = text
