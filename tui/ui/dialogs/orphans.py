"""The `X` list: highlights whose text is gone from this version of the article.

Orphans are never deleted; here each shows its quote, tags and note, and Enter picks one to
re-attach: the reader then asks for its new text (a selection, or the cursor's sentence).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.model import Highlight
from tui.core.text import terminal_safe
from tui.ui.dialogs.base import Dialog

QUOTE_CHARS = 200  # of each quote shown


def orphan_prompt(highlight: Highlight) -> Content:
    """One orphan as a list entry: its quote, then its tags and note, dimmed."""
    quote = " ".join(terminal_safe(highlight.quote).split())
    if len(quote) > QUOTE_CHARS:
        quote = quote[: QUOTE_CHARS - 1] + "…"
    details = [" ".join(f"#{t}" for t in highlight.tags)] if highlight.tags else []
    if highlight.note.strip():
        details.append(" ".join(highlight.note.split()))
    details.append(f"{highlight.color} · saved {highlight.created[:10]}")
    details_line = terminal_safe(" · ".join(details), multiline=False)
    return Content.assemble(f"“{quote}”\n", (details_line, "dim"))


class OrphansScreen(Dialog[str]):
    """Lists orphans; dismisses with the id of the one to re-attach (None: cancelled)."""

    DEFAULT_CSS = """
    OrphansScreen OptionList, OrphansScreen OptionList:focus {
        height: auto; max-height: 24; border: none; padding: 0; background: $surface;
    }
    """
    hint = (
        "Their text is no longer in this version of the article; they stay in the "
        "notebook. Enter picks one to re-attach to text you select · Esc closes"
    )

    def __init__(self, orphans: list[Highlight]) -> None:
        super().__init__()
        self.orphans = orphans
        count = len(orphans)
        self.heading = f"{count} highlight{'s' if count != 1 else ''} without a place"

    def compose_body(self) -> ComposeResult:
        options = [Option(orphan_prompt(h), id=h.id) for h in self.orphans]
        yield OptionList(*options, id="orphans", markup=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Re-attach the chosen one."""
        event.stop()
        self.dismiss(event.option.id)
