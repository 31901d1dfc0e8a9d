"""The table of contents: the article's headings; Enter jumps to one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.core.reader import Heading
from tui.ui.dialogs.base import Dialog


class ContentsScreen(Dialog[int]):
    """Lists ``Top`` and every heading, indented by level; dismisses with an offset."""

    DEFAULT_CSS = """
    ContentsScreen OptionList, ContentsScreen OptionList:focus {
        height: auto; max-height: 24; border: none; padding: 0; background: $surface;
    }
    """
    heading = "Contents"
    hint = "Enter to jump · Esc to close"

    def __init__(self, title: str, headings: list[Heading], current: int = 0) -> None:
        super().__init__()
        self.article_title = title
        self.headings = headings
        self.current = current  # canonical offset now at the top of the reader

    def compose_body(self) -> ComposeResult:
        top = min((h.level for h in self.headings), default=1)
        options = [Option(Content("↑ " + self.article_title), id="0")]
        for heading in self.headings:
            indent = "\u00a0\u00a0" * (heading.level - top)  # no-break: kept when drawn
            options.append(Option(Content(indent + heading.text), id=str(heading.offset)))
        yield OptionList(*options, id="headings", markup=False)
        if not self.headings:
            yield Static("This article has no headings.", classes="dialog--hint", markup=False)

    def on_mount(self) -> None:
        """Start on the section being read."""
        options = self.query_one(OptionList)
        passed = [i for i, h in enumerate(self.headings, 1) if h.offset <= self.current]
        options.highlighted = passed[-1] if passed else 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Jump to the chosen heading."""
        event.stop()
        self.dismiss(int(event.option.id or 0))
