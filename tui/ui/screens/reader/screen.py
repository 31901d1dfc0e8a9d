"""The reader screen: the article, its header and status line, and every reading key.

The screen owns the keys and the session (what is open, history, search, link focus, the
cursor, the selection and the highlights); the :class:`ReaderView` only draws. Loading runs
in a worker; its errors come back through ``on_worker_state_changed`` as one line, never a
traceback. Search, links, the cursor and highlighting are mixins, one file each, on
:class:`~tui.ui.screens.reader.base.ReaderBase` (what the parts share).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.geometry import Size
from textual.worker import Worker, WorkerState

from tui.core.errors import GlossError
from tui.core.fetch import is_remote
from tui.core.library import SAVED_PREFIX, Opened
from tui.core.model import Article, now_iso, reading_key
from tui.core.reader import Entry, line_home, outline

# Dialogs are imported where they open: not needed for the first screen, they would only
# slow every start (issues 14, 19; tests/ui/test_start_imports.py).
from tui.ui.keys.reader import READER_BINDINGS, keys_for
from tui.ui.messages import ArticleShown, PositionChanged
from tui.ui.screens.reader.cursor import CursorActions
from tui.ui.screens.reader.highlights import REFRESH_SECONDS, HighlightActions
from tui.ui.screens.reader.links import LinkActions
from tui.ui.screens.reader.search import SearchActions
from tui.ui.startup import resume_when_painted
from tui.ui.widgets.article_header import ArticleHeader
from tui.ui.widgets.reader.view import ReaderView
from tui.ui.widgets.search_bar import SearchBar
from tui.ui.widgets.status_bar import StatusBar

STDIN = "-"  # the source that names standard input
EMPTY_MESSAGE = "Nothing to read.\nPress o to open a URL or a file, ? for keys, q to quit."
HSCROLL_STEP = 8


def article_key(article: Article) -> str | None:
    """What a reading position is remembered under (stdin articles too: see core)."""
    return reading_key(article)


def error_line(error: BaseException | None) -> str:
    """A failed load as one line: Gloss's own message, or the kind of bug it was."""
    if isinstance(error, GlossError):
        return error.message
    if error is None:
        return "unknown error"
    return " ".join(f"internal error: {type(error).__name__}: {error}".split())


class ReaderScreen(SearchActions, LinkActions, CursorActions, HighlightActions):
    """Reads one article at a time, with history, search, links, a table of contents, a
    cursor, keyboard and mouse selection, and highlights."""

    DEFAULT_CSS = """
    ReaderScreen > #footer { dock: bottom; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = list(READER_BINDINGS)
    AUTO_FOCUS = "ReaderView"

    def __init__(
        self,
        source: str | None = None,
        base_url: str | None = None,
        *,
        reveal: str | int | None = None,
    ) -> None:
        super().__init__()
        self.initial = Entry(source, base_url) if source else None
        # What to show once the next article is loaded: a highlight id, or a text offset.
        self._reveal = reveal
        self._cursor_before_search = 0

    def compose(self) -> ComposeResult:
        yield ArticleHeader()
        with Vertical(id="footer"):
            yield SearchBar(cursor_blink=self.gloss.cursor_blink)
            yield StatusBar()
        reader = self.gloss.config.reader
        yield ReaderView(measure=reader.measure, images=reader.images != "off")

    def on_mount(self) -> None:
        """Start loading what the command line named."""
        self.view.position_listener = self._show_position_text
        self.query_one(ArticleHeader).show(None)
        help_key = next(b for b in READER_BINDINGS if b.id == "reader.help")
        self.status.set_keys(f"{keys_for(self.app, help_key)[0]} keys")  # as other screens
        self.view.show_message("" if self.initial else EMPTY_MESSAGE)
        self.set_interval(REFRESH_SECONDS, self.look_for_highlights)
        if self.initial:
            self.open(self.initial, reveal=self._reveal)
        else:
            resume_when_painted(self)  # the app has started: see tui.ui.startup

    # -- loading --------------------------------------------------------------------------

    def open(
        self,
        entry: Entry,
        *,
        fresh: bool = False,
        then: Callable[[], object] | None = None,
        reveal: str | int | None = None,
    ) -> None:
        """Load ``entry`` in a worker; ``then`` runs once it is shown (history moves).

        ``reveal`` names a highlight (its id) or a place in the text (an offset: a search
        hit) to show, centred with the cursor on it, instead of where it was last read.
        """
        self._reveal = reveal
        self.remember_position()
        self._end_hints()
        self.attempted = entry
        self.view.loading = True
        self.status.set_mode("LOADING")
        self.status.set_info(f"Loading {entry.source} · Esc to stop")
        self._worker = self._load(entry, fresh, then)

    @work(exclusive=True, group="load", exit_on_error=False)
    async def _load(self, entry: Entry, fresh: bool, then: Callable[[], object] | None) -> None:
        opened = await self.gloss.loader.load(entry.source, entry.base_url, fresh=fresh)
        self._shown(entry, opened, then)

    def _shown(self, entry: Entry, opened: Opened, then: Callable[[], object] | None) -> None:
        article = opened.article
        self.view.loading = False
        self.opened = opened
        self.article = article
        self.entry = entry
        if then is not None:
            then()
        else:
            self.history.visit(entry)
        self._clear_search()
        self._clear_link_focus()
        reveal, self._reveal = self._reveal, None
        if isinstance(reveal, int):
            shown_at: int | None = min(max(0, reveal), len(article.text))
        else:
            shown_at = self._revealed_offset(opened, reveal) if reveal else None
        top = self.gloss.state.position(article_key(article)) or 0
        self.view.show(article, top_offset=top if shown_at is None else shown_at)
        expected = self.view.expected_position(self.app.size)  # before the first layout only
        if expected is not None:
            self._show_position_text(expected)
        self.query_one(ArticleHeader).show(article)
        self._reset_cursor()
        self.load_highlights()
        if shown_at is not None:
            # Centring needs the view's size, which a freshly pushed screen gets on refresh.
            self.call_after_refresh(self.place_cursor, shown_at, center=True)
        self._set_read_mode()
        if opened.summary is not None:
            # A re-fetch changed the text: say how the highlights fared.
            lost = opened.summary.orphaned
            self.say(
                f"Highlights after the re-fetch: {opened.summary}"
                + (" · X lists the orphans to re-attach" if lost else ""),
                severity="warning" if lost else "information",
            )
        self.post_message(ArticleShown(article, entry.source))
        resume_when_painted(self)  # the app has started: see tui.ui.startup

    def _revealed_offset(self, opened: Opened, highlight_id: str) -> int | None:
        """Where highlight ``highlight_id`` sits now, or None (saying why) if nowhere."""
        anchor = next((p.anchor for p in opened.placed if p.highlight.id == highlight_id), None)
        if anchor is None:
            self.say("That highlight is no longer in the notebook.", severity="warning")
            return None
        if not anchor.attached:
            self.say(
                "This highlight is an orphan: its text is no longer in the saved article. "
                "It stays in the notebook; X lists the orphans to re-attach.",
                severity="warning",
            )
            return None
        return anchor.start

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A load failed or was stopped: say so in one line and stay usable."""
        if event.worker is not self._worker:
            return
        if event.state is WorkerState.ERROR:
            self._load_failed(event.worker.error)
        elif event.state is WorkerState.CANCELLED:
            self.view.loading = False
            self._set_read_mode()
            self.say("Stopped loading.")

    def _load_failed(self, error: BaseException | None) -> None:
        resume_when_painted(self)  # the app has started: see tui.ui.startup
        self.view.loading = False
        self._set_read_mode()
        source = self.attempted.source if self.attempted else ""
        message = error_line(error)
        if self.article is None:
            self.view.show_message(EMPTY_MESSAGE)
            from tui.ui.dialogs.error import ErrorScreen

            self.app.push_screen(ErrorScreen(f"Could not open {source}", message))
        else:
            self.say(message, severity="error", title="Could not open the page")

    def remember_position(self) -> None:
        """Note where the current article is being read, for when it is opened again.

        The exact place goes to the UI state; the progress and the time, which the library
        lists, go to the notebook record of a saved article.
        """
        if self.article is None or self.view.text_layout is None:
            return
        self.gloss.state.remember(article_key(self.article), self.view.top_offset)
        notebook = self.gloss.notebook
        if notebook is None or notebook.read_only or self.opened is None:
            return
        record = notebook.article(self.opened.record.id)
        if record is None:
            return
        try:
            notebook.update_article(
                record.id, progress=self.view.position().percent / 100, last_read=now_iso()
            )
        except GlossError as exc:  # the notebook says why in one line; reading goes on
            self.say(exc.message, severity="error", title="Notebook")

    @property
    def shown_address(self) -> str:
        """Where the article on screen comes from, as the user would name it (a saved
        article opened by id shows its address rather than the id)."""
        if self.entry is None:
            return ""
        record = self.opened.record if self.opened is not None else None
        if self.entry.source.startswith(SAVED_PREFIX) and record is not None:
            return record.url or record.canonical_url or record.title
        article = self.article
        if article is not None:
            if self.entry.source == STDIN:
                return article.url or article.title  # --url, else the title, never "-"
            if is_remote(self.entry.source) and article.url:
                return article.url  # where a redirect led, not what was typed
        return self.entry.source

    def _set_read_mode(self) -> None:
        """Back from a prompt or a load: READ (or VISUAL, ATTACH) and what goes with it."""
        self._show_mode()

    def prepare_resize(self, size: Size, old_size: Size) -> None:
        """The terminal is being resized from ``old_size`` to ``size``: the view lays its
        text out for the new width before Textual lays the screen out (see
        ReaderView.prepare_width)."""
        if self.article is not None:  # nothing to lay out (and, at the start, no view yet)
            self.view.prepare_width(size.width, old_size.width)
            self.view.prepaint(size, old_size)

    # -- moving ---------------------------------------------------------------------------

    def _scroll_by(self, lines: int, *, page: bool = False) -> None:
        """Scroll (the cursor follows if it would leave the view); selecting, the selection's
        head moves instead, and a page key scrolls with it. A count multiplies it (``5j``)."""
        lines *= self._take_count()
        if self.selection is not None:
            if page:
                self.view.scroll_to_line(self.view.first_line + lines)
            self.move_head_by_lines(lines)
            return
        self.view.scroll_to_line(self.view.first_line + lines)
        self._show_position()

    def action_scroll_down(self) -> None:
        """One line down."""
        self._scroll_by(1)

    def action_scroll_up(self) -> None:
        """One line up."""
        self._scroll_by(-1)

    def action_page_down(self) -> None:
        """A page down, keeping one line of the last page."""
        self._scroll_by(max(1, self.view.visible_height - 1), page=True)

    def action_page_up(self) -> None:
        """A page up."""
        self._scroll_by(-max(1, self.view.visible_height - 1), page=True)

    def action_top(self) -> None:
        """The start of the article (the cursor on its first word)."""
        self._take_count()  # vim's 5G goes to a line; here a count is not a line number
        if self.selection is not None:
            self.move_head_to_end(end=False)
            return
        self.view.scroll_to_line(0)
        if self.view.text_layout is not None:
            self.place_cursor(line_home(self.view.text_layout, 0))
        self._show_position()

    def action_bottom(self) -> None:
        """The end of the article (the cursor on its last line)."""
        self._take_count()
        if self.selection is not None:
            self.move_head_to_end(end=True)
            return
        layout = self.view.text_layout
        self.view.scroll_to_line(len(layout or ()))
        if layout is not None and layout.lines:
            self.place_cursor(line_home(layout, len(layout.lines) - 1, forward=False))
        self._show_position()

    def action_scroll_left(self) -> None:
        """Code blocks and wide tables, left."""
        self.view.scroll_columns(-HSCROLL_STEP)

    def action_scroll_right(self) -> None:
        """Code blocks and wide tables, right."""
        self.view.scroll_columns(HSCROLL_STEP)

    def action_contents(self) -> None:
        """The table of contents."""
        if self.article is None:
            return
        headings = outline(self.article)
        from tui.ui.dialogs.contents import ContentsScreen

        screen = ContentsScreen(self.article.title, headings, self.view.top_offset)
        self.app.push_screen(screen, self._jump)

    def _jump(self, offset: int | None) -> None:
        if offset is not None:
            self.view.scroll_to_offset(offset)

    def on_position_changed(self, event: PositionChanged) -> None:
        """Keep the status line's position and progress current (mouse scrolling, resizes).

        The view's position now, not the message's: a message can be older than the frame
        already painted (the empty view's, posted before the article was laid out).
        """
        self._show_position()

    def _show_position(self) -> None:
        """Update the position now, so that it is drawn in the same frame as the text (and
        the cursor with it)."""
        self.keep_cursor_in_view()
        self._show_position_text(self.view.position())

    def _show_position_text(self, where: PositionChanged) -> None:
        """The status line's position part: ``1–28 of 51 · 0%``. The view calls this in
        the layout pass that sizes it, so the frame after that pass shows it."""
        text = ""
        if where.total:
            text = f"{where.first_line + 1}–{where.last_line + 1} of {where.total}"
            text += f" · {where.percent}%"
        self.status.set_position(text)

    # -- pages ----------------------------------------------------------------------------

    def action_back(self) -> None:
        """The previous article in history."""
        entry = self.history.peek_back()
        if entry is None:
            self.say("Nothing to go back to.")
            return
        self.open(entry, then=self.history.back)

    def action_forward(self) -> None:
        """The next article in history."""
        entry = self.history.peek_forward()
        if entry is None:
            self.say("Nothing to go forward to.")
            return
        self.open(entry, then=self.history.forward)

    def action_open(self) -> None:
        """Ask for a URL or a path, then open it."""
        from tui.ui.dialogs.open import OpenScreen

        self.app.push_screen(OpenScreen(cursor_blink=self.gloss.cursor_blink), self._open_typed)

    def _open_typed(self, value: str | None) -> None:
        if value:
            self.open(Entry(value))

    def action_reload(self) -> None:
        """Fetch the article again, keeping the place."""
        entry = self.entry or self.attempted
        if entry is None:
            self.say("Nothing to reload.")
            return
        if entry.source == STDIN:
            self.say(
                "This article was read from standard input: there is nothing to fetch again.",
                severity="warning",
            )
            return
        self.open(entry, fresh=True, then=lambda: None)

    def action_browser(self) -> None:
        """Open the article's page in the system's web browser."""
        url = (self.article.canonical_url or self.article.url) if self.article else None
        if not url:
            self.say("This article has no address to open.", severity="warning")
            return
        problem = self.gloss.open_in_browser(url)
        if problem:
            self.say(problem, severity="error")
        else:
            self.say(f"Opened {url} in your browser.")

    # -- other ----------------------------------------------------------------------------

    def action_help(self) -> None:
        """Every key."""
        from tui.ui.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_cancel(self) -> None:
        """Esc: stop loading, else end re-attaching or the selection, else clear the search,
        else drop the link selection."""
        if self.is_loading and self._worker is not None:
            self._worker.cancel()
        elif self.cancel_attaching():
            self.say("The highlight stays without a place (X lists it).")
        elif self.selection is not None:
            self._end_selection()
        elif self.search.query:
            self._clear_search()
            self.search_bar.set_count("")
            self._set_read_mode()
        elif self.focused_link is not None:
            self._clear_link_focus()
            self._set_read_mode()

    def action_quit(self) -> None:
        """Remember the place and leave."""
        self.remember_position()
        self.gloss.quit_reader()

    # -- what the mixins share ------------------------------------------------------------

    def action_search(self) -> None:
        """Open the search prompt; Esc in it brings the cursor back here."""
        self._cursor_before_search = self.cursor
        super().action_search()

    def _paint_current_match(self) -> None:
        """The current match is painted: the cursor goes to it (back, if cancelled)."""
        super()._paint_current_match()
        if self.search is self._search_before and self.search_bar.is_open:
            self.place_cursor(self._cursor_before_search)  # Esc in the prompt
        elif self.search.match is not None:
            self.place_cursor(self.search.match[0])

    def text_select_all(self) -> None:
        """A triple click selects a sentence (the cursor mixin), not the whole screen."""
