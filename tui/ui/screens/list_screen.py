"""What the library and the notebook screens share: the app, messages, writes, and leaving.

Both list notebook records in a :class:`RowList`, write through the notebook (whose errors
come back as one line), and go back, quit or show their keys the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from textual.screen import Screen
from textual.widgets import Input

from tui.core.errors import GlossError
from tui.core.notebook import Notebook
from tui.ui.host import Host, host_of
from tui.ui.keys.app import Sections, describe
from tui.ui.widgets.row_list import RowList

T = TypeVar("T")
R = TypeVar("R")  # what a row shows: a saved article, a highlight


class ListScreen(Screen[None], Generic[R]):
    """A screen of notebook records; subclasses set ``SECTIONS`` (their keys), compose, and
    keep ``shown`` (the records listed, in order) current in ``reload``."""

    SECTIONS: Sections = ()

    def __init__(self) -> None:
        super().__init__()
        self.shown: Sequence[R] = []
        self._resumed = False

    def reload(self) -> None:
        """Read the notebook again and list what it holds."""
        raise NotImplementedError

    def on_screen_resume(self) -> None:
        """Back from the reader: what is listed may have changed there."""
        if self._resumed:
            self.reload()
        self._resumed = True  # the first resume comes with the mount, which loads

    @property
    def current(self) -> R | None:
        """The record under the cursor."""
        cursor = self.rows.cursor
        return self.shown[cursor] if 0 <= cursor < len(self.shown) else None

    @property
    def gloss(self) -> Host:
        """The app, as what a screen may ask of it."""
        return host_of(self)

    @property
    def notebook(self) -> Notebook:
        """The notebook listed (these screens only exist with one)."""
        notebook = self.gloss.notebook
        assert notebook is not None
        return notebook

    @property
    def rows(self) -> RowList:
        """The list."""
        return self.query_one(RowList)

    def say(self, message: str, severity: str = "information", title: str = "") -> None:
        """A notification shown literally (titles and tags are never markup)."""
        self.notify(message, title=title, severity=severity, markup=False)  # type: ignore[arg-type]

    def write(self, change: Callable[[], T]) -> T | None:
        """Run a notebook write; a problem (read-only, full disk) is said in one line."""
        try:
            return change()
        except GlossError as exc:
            self.say(exc.message, severity="error", title="Notebook")
            return None

    def action_go_back(self) -> None:
        """Esc: out of a text field to the list, else back to the previous screen."""
        if isinstance(self.focused, Input):
            self.rows.focus()
        elif not self.gloss.go_back():
            self.say("This is the first screen: q quits.")

    def action_search_everything(self) -> None:
        """The search over everything the notebook keeps."""
        self.gloss.show_search()

    def action_show_keys(self) -> None:
        """This screen's keys, then the keys that work everywhere."""
        from tui.ui.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen(describe(self.app, self.SECTIONS)))

    def action_quit_app(self) -> None:
        """Leave Gloss."""
        self.gloss.leave()
