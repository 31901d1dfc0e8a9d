"""What the reader screen's parts share: the session's state, its widgets, and the few
moves one part makes on another.

The reader screen is put together from parts, one file each: search, links, the cursor and
highlighting (mixins on this base) and the loading and moving in
:mod:`~tui.ui.screens.reader.screen`. Each part is written against this base, not against
the finished screen, so that the parts do not import the screen that imports them; a part
reaches another only through the methods declared at the end of this class.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen
from textual.worker import Worker, WorkerState

from tui.core.library import Opened
from tui.core.model import Article, Highlight
from tui.core.reader import Entry, History, LinkRef, SearchState, Selection, UndoStack
from tui.ui.host import Host, host_of
from tui.ui.screens.reader.hints import LinkHints
from tui.ui.widgets.reader.view import ReaderView
from tui.ui.widgets.search_bar import SearchBar
from tui.ui.widgets.status_bar import StatusBar


class ReaderBase(Screen[None]):
    """The reader screen's session and widgets, for its parts to share."""

    # Kept by the cursor part (CursorActions) and the highlight part (HighlightActions).
    cursor: int  # canonical offset of the cursor (in VISUAL, the selection's head)
    selection: Selection | None  # VISUAL mode while set
    attaching: Highlight | None  # the orphan being given a new place (ATTACH)

    def __init__(self) -> None:
        super().__init__()
        self.history = History()
        self.search = SearchState()
        self.hints: LinkHints | None = None
        self.focused_link: LinkRef | None = None
        self.article: Article | None = None
        self.opened: Opened | None = None  # the article with its record and highlights
        self.entry: Entry | None = None  # what is shown now
        self.attempted: Entry | None = None  # what was last asked for (reload retries it)
        self._worker: Worker[None] | None = None  # the load under way, if any
        self._search_origin = 0
        self._search_before = SearchState()
        self.undo_stack = UndoStack()  # highlight changes of this session, for u and Ctrl+R

    @property
    def gloss(self) -> Host:
        """The app, as what a screen may ask of it."""
        return host_of(self)

    @property
    def view(self) -> ReaderView:
        """The reader view."""
        return self.query_one(ReaderView)

    @property
    def status(self) -> StatusBar:
        """The status line."""
        return self.query_one(StatusBar)

    @property
    def search_bar(self) -> SearchBar:
        """The search prompt."""
        return self.query_one(SearchBar)

    @property
    def is_loading(self) -> bool:
        """Whether an article is being loaded."""
        return self._worker is not None and self._worker.state in (
            WorkerState.PENDING,
            WorkerState.RUNNING,
        )

    def say(self, message: str, severity: str = "information", title: str = "") -> None:
        """A notification shown literally (page text and URLs are never markup)."""
        self.notify(message, title=title, severity=severity, markup=False)  # type: ignore[arg-type]

    # -- what one part asks of another (each is made in the part named) -------------------

    def open(
        self,
        entry: Entry,
        *,
        fresh: bool = False,
        then: Callable[[], object] | None = None,
        reveal: str | None = None,
    ) -> None:
        """Load ``entry`` and show it (the screen)."""
        raise NotImplementedError

    @property
    def shown_address(self) -> str:
        """Where the article on screen comes from, as the user would name it (the screen)."""
        raise NotImplementedError

    def _set_read_mode(self) -> None:
        """Back from a prompt or a load: the mode line (the screen)."""
        raise NotImplementedError

    def _show_position(self) -> None:
        """The position on the status line, now (the screen)."""
        raise NotImplementedError

    def place_cursor(self, offset: int, *, center: bool = False) -> None:
        """Put the cursor at ``offset`` and bring it into view (the cursor)."""
        raise NotImplementedError

    def update_status(self) -> None:
        """The mode line after a change, unless a prompt has it (the cursor)."""
        raise NotImplementedError

    def _show_mode(self) -> None:
        """The mode and what goes with it, on the status line (the cursor)."""
        raise NotImplementedError

    def _end_selection(self, *, paint: bool = True) -> None:
        """Leave VISUAL mode (the cursor)."""
        raise NotImplementedError

    def highlight_info(self) -> str:
        """The status line's words on the highlight under the cursor (the highlights)."""
        raise NotImplementedError

    def set_color(self, number: int) -> None:
        """Colour the selection or the highlight under the cursor (the highlights)."""
        raise NotImplementedError

    def attach_here(self) -> Highlight | None:
        """Give the orphan being re-attached the selected text (the highlights)."""
        raise NotImplementedError
