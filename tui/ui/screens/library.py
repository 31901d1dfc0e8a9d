"""The library: every saved article, to search, sort, open, mark read or delete.

It lists what the notebook holds (title, site, saved date, highlight count, progress) and
writes through it; a delete is confirmed first and can be undone with ``u`` for as long as
the screen stays open.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Input, Static

from tui.core.library import saved_source
from tui.core.model import SavedArticle, source_of, split_sources
from tui.core.notebook import ArticlePages, DeletedArticle, fold
from tui.core.reader import Entry

# Dialogs are imported where they open: not needed for the first screen, they would only
# slow every start (issues 14, 19; tests/ui/test_start_imports.py).
from tui.ui.dialogs.export_scope import ExportScope
from tui.ui.keys.app import LIBRARY_BINDINGS, LIBRARY_SECTIONS
from tui.ui.screens.list_screen import ListScreen
from tui.ui.startup import resume_when_painted
from tui.ui.widgets.columns import Column, fit_columns
from tui.ui.widgets.row_list import RowList, fit
from tui.ui.widgets.status_bar import StatusBar


@dataclass(frozen=True)
class Order:
    """A way to sort the library: its name, its key and whether largest comes first.

    Ties keep title order.
    """

    name: str
    key: Callable[[SavedArticle, int], Any]  # (record, highlight count) -> key
    reverse: bool = False


ORDERS: tuple[Order, ...] = (
    Order("saved date", lambda a, n: a.saved, reverse=True),
    Order("title", lambda a, n: 0),
    Order("site", lambda a, n: (not a.site_name, fold(a.site_name or ""))),
    Order("last read", lambda a, n: a.last_read or "", reverse=True),
    Order("progress", lambda a, n: (a.read, a.progress), reverse=True),
    Order("highlights", lambda a, n: n, reverse=True),
)
EMPTY = "No saved articles. Press o to open a URL or a file; what you read is kept here."
NO_MATCH = "No saved article matches the search."
SOURCES_HINT = "Sources here: {}. Type source:NAME in the search to list one."


FLAG = 2  # the read mark before the title
# The title matters most; at 80 columns the site hides first, then the saved date (the
# detail panel below the list shows every field of the article under the cursor).
COLUMNS: tuple[Column, ...] = (
    Column("Title", 36),
    Column("Site", 10, 20, priority=4),
    Column("Saved", 10, 10, priority=3),
    Column("Highlights", 10, 10, priority=2, right=True),
    Column("Progress", 8, 8, priority=1, right=True),
)


def site_of(record: SavedArticle) -> str:
    """The site to show: its name, else the host of its address."""
    if record.site_name:
        return record.site_name
    url = record.url or record.canonical_url or ""
    if url.startswith("file:"):
        return "local file"
    return url.split("://", 1)[-1].split("/", 1)[0]


def progress_text(record: SavedArticle) -> str:
    """Reading progress as shown: read, or the percentage."""
    return "read" if record.read else f"{round(record.progress * 100)}%"


class LibraryScreen(ListScreen[SavedArticle]):
    """Saved articles in a list; Enter reads one, ``/`` searches, ``s`` sorts."""

    DEFAULT_CSS = """
    LibraryScreen { background: $background; }
    LibraryScreen > #top { height: 1; background: $panel; }
    LibraryScreen #heading { width: auto; padding: 0 1; text-style: bold; color: $primary; }
    LibraryScreen #search { width: 1fr; }
    LibraryScreen > #columns { height: 1; color: $foreground 70%; text-style: bold;
                               padding: 0 0 0 0; }
    LibraryScreen > #detail {
        height: 4; padding: 0 1; border-top: solid $panel; background: $surface 40%;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = list(LIBRARY_BINDINGS)
    AUTO_FOCUS = "RowList"
    SECTIONS = LIBRARY_SECTIONS

    def __init__(self) -> None:
        super().__init__()
        self.records: Sequence[SavedArticle] = []
        self.counts: Mapping[str, int] = {}
        self.order = 0
        self.deleted: list[DeletedArticle] = []
        self._haystacks: dict[str, str] | None = None  # made at the first search
        self._columns: tuple[int, dict[str, int]] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static("Library", id="heading", markup=False)
            field = Input(placeholder="/ to search titles, addresses and sites", id="search",
                          compact=True)
            field.cursor_blink = self.gloss.cursor_blink
            yield field
        yield Static("", id="columns", markup=False)
        yield RowList(id="articles")
        yield Static("", id="detail")
        yield StatusBar()

    def on_mount(self) -> None:
        """List what the notebook holds."""
        self.query_one(StatusBar).set_mode("LIBRARY")
        self.reload()
        self.call_after_refresh(self._draw_columns)
        resume_when_painted(self)  # the app has started: see tui.ui.startup

    # -- listing ----------------------------------------------------------------------------

    def reload(self, keep: str | None = None) -> None:
        """Read the notebook again and show it, the cursor staying on article ``keep``."""
        current = self.current
        keep = keep or (current.id if current else None)
        self.notebook.refresh()
        # A page of records at a time: the first frame reads only the rows it shows.
        self.records = ArticlePages(self.notebook)
        self.counts = self.records.counts
        self._haystacks = None
        self._show(keep)

    def _haystack(self) -> dict[str, str]:
        """What the search looks in, per article: made when first searched, not at start."""
        if self._haystacks is None:
            self._haystacks = {
                a.id: fold(" ".join(filter(None, (a.title, a.url, a.canonical_url, site_of(a)))))
                for a in self.records
            }
        return self._haystacks

    def _show(self, keep: str | None = None) -> None:
        """Filter by the search, sort, and fill the list."""
        sources, words = split_sources(fold(self.query_one("#search", Input).value).split())
        if not sources and not words and self.order == 0:
            # The records come in this order (newest saved, then title): nothing to sort, and
            # no record to read but those the list paints.
            self._fill(self.records, keep)
            return
        haystacks = self._haystack() if words else {}
        shown = [
            a for a in self.records
            if (not sources or source_of(a) in sources)
            and all(w in haystacks[a.id] for w in words)
        ]
        order = ORDERS[self.order]
        shown.sort(key=lambda a: (fold(a.title), a.id))
        shown.sort(key=lambda a: order.key(a, self.counts.get(a.id, 0)), reverse=order.reverse)
        self._fill(shown, keep)

    def _fill(self, shown: Sequence[SavedArticle], keep: str | None) -> None:
        """List ``shown``, the cursor on article ``keep`` if it is there."""
        self.shown = shown
        ids = shown.ids if isinstance(shown, ArticlePages) else [a.id for a in shown]
        cursor = ids.index(keep) if keep in ids else 0
        message = NO_MATCH if self.records else EMPTY
        self.rows.set_rows(len(shown), self._paint, cursor=cursor, message=message)
        self._update_status()

    def _update_status(self) -> None:
        total, shown = len(self.records), len(self.shown)
        heading = f"Library · {total:,} article{'s' if total != 1 else ''}"
        if shown != total:
            heading += f" · {shown:,} shown"
        self.query_one("#heading", Static).update(heading)  # width: auto, so a layout
        status = self.query_one(StatusBar)
        hint = f"Sorted by {ORDERS[self.order].name} · Enter read · / search · ? keys"
        if self.deleted:
            hint = f"u: undo the delete of “{self.deleted[-1].article.title}” · " + hint
        status.set_info(hint)
        status.set_position(f"{self.rows.cursor + 1}/{shown}" if shown else "")
        self._show_detail()

    def _show_detail(self) -> None:
        """Every field of the article under the cursor, whatever columns fit."""
        record = self.current
        detail = self.query_one("#detail", Static)
        if record is None:
            detail.update("", layout=False)
            return
        count = self.counts.get(record.id, 0)
        facts = [
            site_of(record),
            f"saved {record.saved[:10]}",
            f"{count} highlight{'s' if count != 1 else ''}",
            progress_text(record),
        ]
        if record.last_read:
            facts.insert(2, f"last read {record.last_read[:10]}")
        if record.imported_from:  # cleaned to a short name when the notebook was read
            facts.insert(1, f"imported from {record.imported_from}")
        lines = [
            Content.styled(" ".join(record.title.split()), "bold"),
            Content(" · ".join(facts)).stylize("dim"),
            Content(record.canonical_url or record.url or "").stylize("dim"),
        ]
        detail.update(Content("\n").join(lines), layout=False)

    def on_row_list_cursor_moved(self, event: RowList.CursorMoved) -> None:
        """Keep the position current."""
        self._update_status()

    def on_row_list_clicked(self, event: RowList.Clicked) -> None:
        """A double click reads the article."""
        if event.chain >= 2:
            self.action_read_article()

    def on_resize(self) -> None:
        """Columns are fitted to the width."""
        self.call_after_refresh(self._draw_columns)

    # -- painting ---------------------------------------------------------------------------

    def _fit_columns(self, width: int) -> dict[str, int]:
        if self._columns is None or self._columns[0] != width:
            self._columns = (width, fit_columns(COLUMNS, width - FLAG))
            self.call_after_refresh(self._draw_columns)
        return self._columns[1]

    def _draw_columns(self) -> None:
        widths = self._fit_columns(self.rows.scrollable_content_region.width)
        cells = [fit(c.name, widths[c.name], right=c.right) for c in COLUMNS if c.name in widths]
        self.query_one("#columns", Static).update(" " * FLAG + "  ".join(cells))

    def _paint(self, index: int, width: int) -> Strip:
        record = self.shown[index]
        widths = self._fit_columns(width)
        rows = self.rows
        dim = rows.part_style("dim")
        count = self.counts.get(record.id, 0)
        values = {
            "Title": (record.title, Style(bold=not record.read)),
            "Site": (site_of(record), dim),
            "Saved": (record.saved[:10], dim),
            "Highlights": (str(count) if count else "–", Style()),
            "Progress": (progress_text(record), dim),
        }
        segments = [Segment("✓ " if record.read else "  ", rows.part_style("accent"))]
        for column in COLUMNS:
            if column.name not in widths:
                continue
            if len(segments) > 1:
                segments.append(Segment("  "))
            text, style = values[column.name]
            segments.append(Segment(fit(text, widths[column.name], right=column.right), style))
        return Strip(segments)

    # -- searching --------------------------------------------------------------------------

    def action_find_articles(self) -> None:
        """Type to narrow the list by title, address or site."""
        self.query_one("#search", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """The list follows what is typed."""
        if event.input.id == "search":
            current = self.current
            self._show(current.id if current else None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the search box: back to the list."""
        event.stop()
        self.rows.focus()

    def action_list_sources(self) -> None:
        """Say which sources the library's articles came from (for ``source:NAME``)."""
        counts: dict[str, int] = {}
        for record in self.records:
            counts[source_of(record)] = counts.get(source_of(record), 0) + 1
        names = ", ".join(f"{name} ({n})" for name, n in sorted(counts.items()))
        self.say(SOURCES_HINT.format(names or "none"))

    def action_sort_articles(self) -> None:
        """The next order."""
        self.order = (self.order + 1) % len(ORDERS)
        current = self.current
        self._show(current.id if current else None)
        self.say(f"Sorted by {ORDERS[self.order].name}.")

    # -- acting on the article --------------------------------------------------------------

    def _chosen(self) -> SavedArticle | None:
        record = self.current
        if record is None:
            self.say("No article here." if self.records else "The library is empty.")
        return record

    def action_read_article(self) -> None:
        """Read the article under the cursor, from its saved copy."""
        record = self._chosen()
        if record is None:
            return
        self.gloss.read(Entry(saved_source(record.id)))

    def action_open_source(self) -> None:
        """Ask for a URL or a path and read it."""
        from tui.ui.dialogs.open import OpenScreen

        self.app.push_screen(OpenScreen(cursor_blink=self.gloss.cursor_blink), self._open_typed)

    def _open_typed(self, value: str | None) -> None:
        if value:
            self.gloss.read(Entry(value))

    def action_toggle_read(self) -> None:
        """Mark the article read, or unread again."""
        record = self._chosen()
        if record is None:
            return
        changed = self.write(lambda: self.notebook.update_article(record.id, read=not record.read))
        if changed is None:
            return
        self.reload(record.id)
        self.say(f"Marked “{record.title}” as {'read' if changed.read else 'unread'}.")

    def action_delete_article(self) -> None:
        """Delete the article and its highlights, once confirmed."""
        record = self._chosen()
        if record is None:
            return
        count = self.counts.get(record.id, 0)
        what = f"“{record.title}”"
        if count:
            what += f" and its {count} highlight{'s' if count != 1 else ''}"
        question = f"Delete {what} from the notebook? u undoes it while the library is open."
        from tui.ui.dialogs.confirm import ConfirmDialog

        self.app.push_screen(
            ConfirmDialog("Delete the article", question, "Delete"),
            lambda yes: self._delete(record) if yes else None,
        )

    def _delete(self, record: SavedArticle) -> None:
        index = self.rows.cursor
        deleted = self.write(lambda: self.notebook.delete_article(record.id))
        if deleted is None:
            return
        self.deleted.append(deleted)
        after = self.shown[index + 1] if index + 1 < len(self.shown) else None
        before = self.shown[index - 1] if index > 0 else None
        keep = after or before
        self.reload(keep.id if keep else None)
        count = len(deleted.highlights)
        gone = f" and {count} highlight{'s' if count != 1 else ''}" if count else ""
        self.say(f"Deleted “{record.title}”{gone}. Press u to undo.")

    def export_scope(self) -> ExportScope:
        """For the export dialog: everything, or the article under the cursor."""
        return ExportScope(article=self.current, preferred="all")

    def action_undo_delete(self) -> None:
        """Put back the last article deleted here."""
        if not self.deleted:
            self.say("Nothing to undo.")
            return
        deleted = self.deleted[-1]
        if not self.write(lambda: self.notebook.restore(deleted) or True):
            return
        self.deleted.pop()
        self.reload(deleted.article.id)
        self.say(f"Restored “{deleted.article.title}”.")
