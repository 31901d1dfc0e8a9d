"""Moving between the app's screens: library, notebook and reader, one instance of each.

The screens form a stack: the start screen at the bottom, the others pushed over it. Going
to a screen already in the stack pops back down to it, so the stack never grows without
bound and Esc always leads back the way the user came. The three screens are installed, so
a screen popped keeps its state (the reader its history, the notebook its filter).
"""

from __future__ import annotations

from textual.app import App
from textual.screen import ModalScreen, Screen

from tui.core.notebook import Notebook
from tui.core.reader import Entry
from tui.ui.screens.reader.screen import ReaderScreen

SCREEN_ACTIONS = frozenset({"library", "notebook", "export"})


class Navigation(App[int]):
    """The app's moves between its screens: which screen is shown, and how to move.

    :class:`~tui.ui.app.GlossApp` is one; it says whether there is a notebook.
    """

    @property
    def notebook(self) -> Notebook | None:
        """The notebook the library and the notebook screens list (None: none to list)."""
        raise NotImplementedError

    def named_screen(self, name: str) -> Screen[None]:
        """The installed screen ``name`` ("library", "notebook", "search"), made the first
        time."""
        if not self.is_screen_installed(name):
            from tui.ui.screens.library import LibraryScreen
            from tui.ui.screens.notebook import NotebookScreen
            from tui.ui.screens.search import SearchScreen

            kinds: dict[str, type[Screen[None]]] = {
                "library": LibraryScreen,
                "notebook": NotebookScreen,
                "search": SearchScreen,
            }
            self.install_screen(kinds[name](), name)
        return self.get_screen(name)

    @property
    def reader(self) -> ReaderScreen | None:
        """The reader screen, if there is one yet (in the stack or set aside)."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, ReaderScreen):
                return screen
        if self.is_screen_installed("reader"):
            return self.get_screen("reader", ReaderScreen)
        return None

    def _leaving_top(self) -> None:
        """The reader keeps its place (and the notebook its progress) when left."""
        if isinstance(self.screen, ReaderScreen):
            self.screen.remember_position()

    def bring(self, screen: Screen[None]) -> None:
        """Show ``screen``: pop back to it if it is in the stack, else push it."""
        if self.screen is screen:
            return
        if screen in self.screen_stack:
            while self.screen is not screen:
                self._leaving_top()
                self.pop_screen()
        else:
            self._leaving_top()
            self.push_screen(screen)

    def go_back(self) -> bool:
        """Back to the screen under this one; False on the first screen."""
        if len(self.screen_stack) <= 1:
            return False
        self._leaving_top()
        self.pop_screen()
        return True

    def screen_action_allowed(self, action: str) -> bool:
        """Screen keys wait while a dialog is open, and need a notebook."""
        if action not in SCREEN_ACTIONS:
            return True
        return not isinstance(self.screen, ModalScreen)

    def show_library(self) -> None:
        """The library."""
        if self._need_notebook():
            self.bring(self.named_screen("library"))

    def show_notebook(self) -> None:
        """The notebook: every highlight."""
        if self._need_notebook():
            self.bring(self.named_screen("notebook"))

    def show_search(self) -> None:
        """One search over highlights, notes, tags and the saved text of every article."""
        if self._need_notebook():
            self.bring(self.named_screen("search"))

    def _need_notebook(self) -> bool:
        if self.notebook is None:
            self.notify("There is no notebook in this session.", severity="warning")
            return False
        return True

    def read(
        self, entry: Entry, highlight_id: str | None = None, at: int | None = None
    ) -> None:
        """Open ``entry`` in the reader; with ``highlight_id``, scrolled to that highlight,
        with ``at``, to that place in its text."""
        reveal = highlight_id if highlight_id is not None else at
        reader = self.reader
        if reader is None:
            reader = ReaderScreen(entry.source, entry.base_url, reveal=reveal)
            self.install_screen(reader, "reader")
            self.bring(reader)
        else:
            self.bring(reader)
            reader.open(entry, reveal=reveal)
