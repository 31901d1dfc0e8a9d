"""The reader's search: ``/`` to type, matches as you type, ``n``/``N`` to step.

A mixin of :class:`~tui.ui.screens.reader.screen.ReaderScreen`, kept apart to keep that file short.
"""

from __future__ import annotations

from textual.widgets import Input

from tui.core.reader import SearchState
from tui.ui.screens.reader.base import ReaderBase
from tui.ui.widgets.decorations import Decoration
from tui.ui.widgets.search_bar import SearchBar

MATCH_MARK = "▸"


class SearchActions(ReaderBase):
    """Search actions and handlers; ``self`` is the reader screen."""

    def action_search(self) -> None:
        """Open the search prompt (holding the last query)."""
        if self.article is None:
            return
        self._search_origin = self.view.top_offset
        self._search_before = self.search
        self.status.set_mode("SEARCH")
        self.search_bar.open(self.search.query)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Search as you type."""
        if event.input.id != "query" or self.article is None:
            return
        event.stop()
        self.search = SearchState.run(self.article.text, event.value, self._search_origin)
        self._paint_search()
        match = self.search.match
        if match is not None:
            self.view.ensure_visible(match[0])
        else:
            self.view.scroll_to_offset(self._search_origin)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: keep the matches and go back to reading."""
        if event.input.id != "query":
            return
        event.stop()
        self._close_search_bar()

    def on_search_bar_cancelled(self, event: SearchBar.Cancelled) -> None:
        """Esc in the prompt: back to where the search started, as it was."""
        self.search = self._search_before
        self._paint_search()
        self.view.scroll_to_offset(self._search_origin)
        self._close_search_bar()

    def _close_search_bar(self) -> None:
        self.search_bar.close()
        self.view.focus()
        self._set_read_mode()
        self._show_search_status()

    def action_search_next(self) -> None:
        """The next match (from the view if the current one is out of sight)."""
        self._step_search(forward=True)

    def action_search_previous(self) -> None:
        """The previous match."""
        self._step_search(forward=False)

    def _step_search(self, *, forward: bool) -> None:
        if not self.search.query:
            self.say("No search yet: press / to search.")
            return
        if not self.search.matches:
            self.say(self.search.describe())
            return
        start, end = self.view.visible_range()
        match = self.search.match
        wrapped = False
        if match is None or not start <= match[0] < end:
            # Continue from what is on screen, not from a match scrolled far away.
            self.search.current = self.search.index_from(start if forward else end)
            if not forward:
                self.search.step(forward=False)
        else:
            wrapped = self.search.step(forward)
        self._paint_current_match()
        match = self.search.match
        if match is not None:
            self.view.ensure_visible(match[0])
        self._show_search_status(" · wrapped" if wrapped else "")
        self._show_position()

    def _paint_search(self) -> None:
        """A new query: mark every match, then the current one."""
        matches = [Decoration(s, e, "reader--match") for s, e in self.search.matches]
        self.view.set_decorations("match", matches)
        self._paint_current_match()

    def _paint_current_match(self) -> None:
        """Stepping: only the current match changes (thousands of matches stay as they are)."""
        current = self.search.match
        current_layer = []
        if current is not None:
            current_layer = [Decoration(*current, "reader--match-current", gutter=MATCH_MARK)]
        self.view.set_decorations("current-match", current_layer)
        self.search_bar.set_count(self.search.describe().rpartition(" ")[2] if current else "")
        self._show_search_status()

    def _show_search_status(self, extra: str = "") -> None:
        if self.search.query and not self.search_bar.is_open:
            self.status.set_info(self.search.describe() + extra)

    def _clear_search(self) -> None:
        self.search = SearchState()
        self.view.clear_decorations("match")
        self.view.clear_decorations("current-match")
