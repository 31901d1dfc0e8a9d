"""Dialogs that ask for tags: which to add or remove, and a tag's new name.

Tags are typed as the CLI takes them ("ux, method" or "ux method"); the last word is
completed from the notebook's tags (→ or End accepts the suggestion).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.widgets import Input, Static

from tui.core.model import normalize_tag, parse_tags
from tui.ui.dialogs.base import Dialog
from tui.ui.widgets.tag_suggester import TagSuggester


def tag_input(value: str, tags: Iterable[str], *, id: str, placeholder: str,
              cursor_blink: bool = True) -> Input:
    """An input for tags with completion from ``tags``."""
    field = Input(value, placeholder=placeholder, id=id, suggester=TagSuggester(tags))
    field.cursor_blink = cursor_blink
    return field


class TagsDialog(Dialog[tuple[str, ...]]):
    """Asks for tags to add to (or remove from) some highlights; dismisses with them."""

    DEFAULT_CSS = """
    TagsDialog Input { width: 100%; }
    """
    hint = "Commas or spaces between tags · → completes · Enter to apply · Esc to cancel"

    def __init__(self, title: str, known: Iterable[str], *, cursor_blink: bool = True) -> None:
        super().__init__()
        self.heading = title
        self.known = list(known)
        self.cursor_blink = cursor_blink

    def compose_body(self) -> ComposeResult:
        yield tag_input("", self.known, id="tags", placeholder="tags, e.g. method, to-read",
                        cursor_blink=self.cursor_blink)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Apply the tags typed (nothing if none)."""
        event.stop()
        tags = parse_tags(event.value)
        self.dismiss(tags or None)


class RenameTagDialog(Dialog[tuple[str, str]]):
    """Asks for a tag and its new name; dismisses with ``(old, new)``, normalised.

    A new name that is already a tag merges the two, which the hint says.
    """

    DEFAULT_CSS = """
    RenameTagDialog Input { width: 100%; }
    RenameTagDialog .rename--label { margin: 1 0 0 0; }
    RenameTagDialog #problem { color: $error; }
    """
    heading = "Rename or merge a tag"
    hint = (
        "Renames it on every highlight in the notebook; if the new name is already a "
        "tag, the two are merged. Enter to rename · Esc to cancel"
    )

    def __init__(
        self, known: Iterable[str], old: str = "", *, cursor_blink: bool = True
    ) -> None:
        super().__init__()
        self.known = list(known)
        self.old = old
        self.cursor_blink = cursor_blink

    def compose_body(self) -> ComposeResult:
        yield Static("Tag", markup=False)
        yield tag_input(self.old, self.known, id="old", placeholder="the tag to rename",
                        cursor_blink=self.cursor_blink)
        yield Static("New name", classes="rename--label", markup=False)
        yield tag_input("", self.known, id="new", placeholder="its new name",
                        cursor_blink=self.cursor_blink)
        yield Static("", id="problem", markup=False)

    def on_mount(self) -> None:
        """Start where there is something to type."""
        self.query_one("#new" if self.old else "#old", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter on the first field moves on; on the second, rename."""
        event.stop()
        old = normalize_tag(self.query_one("#old", Input).value)
        new = normalize_tag(self.query_one("#new", Input).value)
        problem = self.query_one("#problem", Static)
        if event.input.id == "old" and not new:
            self.query_one("#new", Input).focus()
        elif not old or not new:
            problem.update("Both the tag and its new name are needed.")
        elif old not in self.known:
            problem.update(f"No highlight has the tag {old}.")
        elif old == new:
            problem.update("The new name is the same as the old one.")
        else:
            self.dismiss((old, new))
