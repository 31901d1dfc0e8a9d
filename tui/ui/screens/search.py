"""Search: one query over highlights, notes, tags, titles, authors, sites and the saved text
of every article (the query language of `gloss search`), best match first; Enter opens the
article at the passage: the highlight, or the sentence of the body that matched.

Queries run on the notebook's query index, in a thread so typing never waits (the first
search may build the index); where there is none, on the open notebook.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.strip import Strip
from textual.widgets import Input, Static

from tui.core.errors import GlossError
from tui.core.library import saved_source
from tui.core.notebook import open_index
from tui.core.reader import Entry
from tui.core.search import Hit, Results, parse_query, search_index, search_notebook
from tui.ui.keys.app import SEARCH_BINDINGS, SEARCH_SECTIONS
from tui.ui.screens.list_screen import ListScreen
from tui.ui.widgets.row_list import RowList, fit
from tui.ui.widgets.status_bar import StatusBar

LIMIT = 200  # hits listed: the best ones; refine the query for others
HINT = 'words, "a phrase", -word, tag:T, site:S, author:A, in:notes|quotes|articles, after:D'
EMPTY = "Type a query above: words, \"a phrase\", -word, tag:, site:, in:notes… (? keys)"
NO_MATCH = "Nothing matches."
KIND = {"highlight": "❝ ", "article": "¶ "}


class SearchScreen(ListScreen[Hit]):
    """A query field over a ranked list of hits."""

    DEFAULT_CSS = """
    SearchScreen { background: $background; }
    SearchScreen > #top { height: 1; background: $panel; }
    SearchScreen #heading { width: auto; padding: 0 1; text-style: bold; color: $primary; }
    SearchScreen #query { width: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = list(SEARCH_BINDINGS)
    AUTO_FOCUS = "#query"
    SECTIONS = SEARCH_SECTIONS

    def __init__(self) -> None:
        super().__init__()
        self.total = 0
        self.asked = ""  # the query the list shows the hits of

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static("Search", id="heading", markup=False)
            field = Input(placeholder=HINT, id="query", compact=True)
            field.cursor_blink = self.gloss.cursor_blink
            yield field
        yield RowList(id="hits")
        yield StatusBar()

    def on_mount(self) -> None:
        """An empty list, waiting for a query."""
        self.query_one(StatusBar).set_mode("SEARCH")
        self.rows.set_rows(0, self._paint, message=EMPTY)
        self._update_status()

    def reload(self) -> None:
        """Back from the reader: run the query again (a highlight may have changed)."""
        self._search(self.query_one("#query", Input).value)

    # -- searching --------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        """The hits follow what is typed."""
        if event.input.id == "query":
            self._search(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the query: to the hits."""
        event.stop()
        self.rows.focus()

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, text: str) -> None:
        try:
            query = parse_query(text)
        except GlossError as error:
            self.app.call_from_thread(self._show, text, None, error.message)
            return
        if query.empty:
            self.app.call_from_thread(self._show, text, Results([], 0), None)
            return
        notebook = self.notebook
        index = open_index(notebook.path)
        if index is None:  # no FTS5, or a notebook the index cannot read as it is
            results = search_notebook(notebook, query, LIMIT)
        else:
            with index:
                results = search_index(index, query, LIMIT)
        self.app.call_from_thread(self._show, text, results, None)

    def _show(self, text: str, results: Results | None, problem: str | None) -> None:
        if problem is not None:
            self.query_one(StatusBar).set_info(problem)
            return
        assert results is not None
        current = self.current
        self.asked, self.shown, self.total = text, results.hits, results.total
        keys = [(h.kind, h.id) for h in self.shown]
        keep = (current.kind, current.id) if current else None
        cursor = keys.index(keep) if keep in keys else 0
        self.rows.set_rows(
            len(self.shown), self._paint, cursor=cursor,
            message=NO_MATCH if text.strip() else EMPTY,
        )
        self._update_status()

    def _update_status(self) -> None:
        shown = len(self.shown)
        heading = "Search"
        if self.asked.strip():
            heading += f" · {self.total:,} hit{'s' if self.total != 1 else ''}"
            if self.total > shown:
                heading += f" · best {shown:,}"
        self.query_one("#heading", Static).update(heading)
        status = self.query_one(StatusBar)
        status.set_info("Enter open at the passage · / edit the query · Esc back · ? keys")
        status.set_position(f"{self.rows.cursor + 1}/{shown}" if shown else "")

    def on_row_list_cursor_moved(self, event: RowList.CursorMoved) -> None:
        """Keep the position current."""
        self._update_status()

    def on_row_list_clicked(self, event: RowList.Clicked) -> None:
        """A double click opens the hit."""
        if event.chain >= 2:
            self.action_open_hit()

    # -- painting ---------------------------------------------------------------------------

    def _paint(self, index: int, width: int) -> Strip:
        hit = self.shown[index]
        rows = self.rows
        dim, accent = rows.part_style("dim"), rows.part_style("accent")
        title = min(28, max(8, width // 4))
        snippet = max(0, width - title - 2 - 12 - 4)
        return Strip([
            Segment(KIND.get(hit.kind, "  "), accent),
            Segment(fit(hit.snippet, snippet)),
            Segment("  "),
            Segment(fit(hit.title, title), dim),
            Segment("  "),
            Segment(fit(hit.date[:10], 10), dim),
        ])

    # -- acting -----------------------------------------------------------------------------

    def action_edit_query(self) -> None:
        """Back to the query field."""
        self.query_one("#query", Input).focus()

    def action_open_hit(self) -> None:
        """Open the hit's article at the passage: the highlight, or the matching sentence."""
        hit = self.current
        if hit is None:
            self.say("No hit here.")
            return
        entry = Entry(saved_source(hit.article_id))
        if hit.kind == "highlight":
            self.gloss.read(entry, highlight_id=hit.id)
        else:
            self.gloss.read(entry, at=hit.position)
