"""The notebook: every highlight across articles, filtered, sorted, tagged in bulk.

The filter beside the list is a :class:`HighlightFilter` (the one ``gloss notebook list``
uses); queries and the orphan check run in worker threads, so typing stays responsive on a
notebook of 50,000 highlights. A query gives the ids in the filter's order (from the query
index when the app reads from it: issue 19) and a row's highlight is read with its page
(:class:`HighlightPages`), so 200,000 highlights are listed without building each one.
Enter shows a highlight in its article; ``space`` marks highlights, ``t`` / ``T`` tag or
untag the marked ones, ``R`` renames or merges a tag, ``e`` edits a highlight, ``d`` deletes
it or the marked ones, ``u`` / ``Ctrl+R`` undo and redo (see
:mod:`tui.ui.screens.notebook_changes`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import get_current_worker

from tui.core.library import saved_source
from tui.core.model import OPENED, Highlight
from tui.core.notebook import HighlightFilter, HighlightPages, HighlightSort, conflict_notes
from tui.core.orphans import OrphanFinder, Orphans, adopt_wording
from tui.core.reader import Entry
from tui.core.text import plural
from tui.ui.dialogs.export_scope import ExportScope
from tui.ui.keys.app import NOTEBOOK_BINDINGS, NOTEBOOK_SECTIONS
from tui.ui.screens.notebook_changes import NotebookChanges, hashtags
from tui.ui.sync import is_synced
from tui.ui.widgets.columns import Column, fit_columns
from tui.ui.widgets.filter_panel import COLOR_INK, SORT_NAMES, FilterPanel
from tui.ui.widgets.row_list import RowList, fit
from tui.ui.widgets.status_bar import StatusBar

EMPTY = "The notebook has no highlights yet. Select text in the reader to make one."
NO_MATCH = "No highlight matches the filter (c clears it)."


LEAD = 4  # the mark and the colour swatch
# The quote matters most; as the width runs out the date hides, then the article, then the
# tags (the detail panel below the list shows them all for the highlight under the cursor).
COLUMNS: tuple[Column, ...] = (
    Column("Date", 10, 10, priority=3),
    Column("Quote", 40),
    Column("Article", 14, 24, priority=2),
    Column("Tags", 10, 18, priority=1),
)
NARROW = 110  # below this many columns the filter panel shows only while it is in use


@dataclass(frozen=True)
class Choices:
    """What a reload reads beside the list: the articles' titles and sources, how many
    highlights there are, what the filter offers, and marked highlights deleted since."""

    titles: dict[str, str]
    sources: dict[str, str]
    total: int
    articles: list[tuple[str, str]]  # (title, id) of the articles with highlights
    held_sources: list[str]  # the sources of those articles
    tags: list[str]  # most used first: what typed tags complete to
    gone: frozenset[str]


class NotebookScreen(NotebookChanges):
    """Every highlight, with the filter on the left and the one under the cursor below."""

    DEFAULT_CSS = """
    NotebookScreen { background: $background; }
    NotebookScreen > #top { height: 1; background: $panel; }
    NotebookScreen #heading { width: 1fr; padding: 0 1; text-style: bold; color: $primary; }
    NotebookScreen #body { height: 1fr; }
    NotebookScreen #main { width: 1fr; }
    NotebookScreen #columns { height: 1; color: $foreground 70%; text-style: bold; }
    NotebookScreen.-narrow FilterPanel { display: none; }
    NotebookScreen.-narrow.-filtering FilterPanel { display: block; }
    NotebookScreen #detail {
        height: 6; padding: 0 1; border-top: solid $panel; background: $surface 40%;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = list(NOTEBOOK_BINDINGS)
    AUTO_FOCUS = "RowList"
    SECTIONS = NOTEBOOK_SECTIONS
    # Narrow: the filter hides while the list has the focus, so the list keeps the width.
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-narrow"), (NARROW, "-wide")
    ]

    def __init__(self) -> None:
        super().__init__()
        self.marked: set[str] = set()
        self.titles: dict[str, str] = {}
        self.sources: dict[str, str] = {}  # article id -> where it came from (source_of)
        self.total = 0
        self._ids: list[str] = []  # the ids of the highlights shown, in order
        self.orphans: Orphans | None = None  # None until the check has run
        self._finder: OrphanFinder | None = None
        self._serial = 0  # the latest query; older answers are dropped
        # The latest filter asked: the panel's filter, only orphans, the source chosen,
        # only flagged by sync.
        self._asked: tuple[HighlightFilter, bool, str | None, bool] | None = None
        self._orphans_due = False
        self._choices_due = True
        self._columns: tuple[int, dict[str, int]] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static("Notebook", id="heading", markup=False)
        with Horizontal(id="body"):
            yield FilterPanel(cursor_blink=self.gloss.cursor_blink)
            with Vertical(id="main"):
                yield Static("", id="columns", markup=False)
                yield RowList(id="highlights")
                yield Static("", id="detail")
        yield StatusBar()

    @property
    def panel(self) -> FilterPanel:
        """The filter."""
        return self.query_one(FilterPanel)

    def on_mount(self) -> None:
        """Load the choices, run the first query, start looking for orphans."""
        self.query_one(StatusBar).set_mode("NOTEBOOK")
        self._finder = OrphanFinder(self.notebook)
        self.reload()
        self.call_after_refresh(self._draw_columns)

    # -- querying ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the notebook again: choices, the list, and the orphan check. The choices are
        read with the list, in the query's worker (at 10,000 articles and 200,000
        highlights, a few hundred milliseconds the screen would otherwise stop for)."""
        self.notebook.refresh()
        self._choices_due = True  # until a query's answer brings them
        self._orphans_due = True  # once the list is shown: it comes first
        self.run_query()

    def _read_choices(self, marked: frozenset[str]) -> Choices:
        """What the filter offers and the heading counts, from the index where the app
        reads from it (no record read whole); which of ``marked`` are no longer saved."""
        notebook = self.notebook
        facts = notebook.titles_and_sources()
        counts = notebook.highlight_counts()
        held = [i for i in facts if counts.get(i)]  # the articles with highlights
        return Choices(
            titles={i: title for i, (title, _) in facts.items()},
            sources={i: source for i, (_, source) in facts.items()},
            total=sum(counts.values()),
            articles=sorted((facts[i][0], i) for i in held),
            held_sources=sorted({facts[i][1] for i in held}),
            tags=list(notebook.tags()),
            gone=marked - notebook.saved_highlights(marked) if marked else frozenset(),
        )

    def _take_choices(self, read: Choices) -> None:
        self.titles, self.sources, self.total = read.titles, read.sources, read.total
        self.panel.set_choices(read.articles, read.tags, read.held_sources)
        self.panel.offer_flagged(is_synced(self.notebook.path))  # only sync flags highlights
        self.marked -= read.gone
        self._choices_due = False

    def on_filter_panel_changed(self, event: FilterPanel.Changed) -> None:
        """A control changed: query again, if the filter did."""
        self.run_query(again=False)

    def run_query(self, *, again: bool = True) -> None:
        """Query the notebook with the panel's filter, in a worker thread.

        ``again=False`` skips a filter already asked for (fields report their first values
        as changes, and a keystroke may not change what it means, e.g. a trailing comma).
        """
        asked = (
            self.panel.highlight_filter(),
            self.panel.orphans_only,
            self.panel.source,
            self.panel.flagged_only,
        )
        if not again and asked == self._asked:
            self._update_status()  # a date typed wrong (or put right) is still said
            return
        self._asked = asked
        self._serial += 1
        current = self.current
        problems = self.panel.problems
        if problems:
            self.query_one(StatusBar).set_info(problems[0])
        # While choices are due every query reads them: a newer one cancels an older.
        marked = frozenset(self.marked) if self._choices_due else None
        self._query(*asked, self._serial, current.id if current else None, marked)

    @work(thread=True, exclusive=True, group="notebook-query")
    def _query(
        self,
        f: HighlightFilter,
        orphans_only: bool,
        source: str | None,
        flagged_only: bool,
        serial: int,
        keep: str | None,
        marked: frozenset[str] | None,
    ) -> None:
        notebook = self.notebook
        read = None if marked is None else self._read_choices(marked)
        # Where an article came from is on its record (read with the choices).
        sources = self.sources if read is None else read.sources
        articles = None if source is None else [i for i, its in sources.items() if its == source]
        ids = notebook.highlight_ids(f, articles)  # in the filter's order, no record read
        if orphans_only:
            # Orphans and changed quotes: the ones whose words the page no longer has.
            flagged = self.orphans.flagged if self.orphans is not None else frozenset()
            ids = [i for i in ids if i in flagged]
        if flagged_only:
            # What the detail says sync kept aside: the same test, so the two agree. Only
            # highlights with a history can be: the few the notebook reads for it.
            kept = {h.id for h in notebook.highlights_with_history() if conflict_notes(h)}
            ids = [i for i in ids if i in kept]
        cursor = ids.index(keep) if keep is not None and keep in ids else 0
        items = HighlightPages(notebook, ids)
        if ids:
            items[cursor]  # the cursor's page read here, not by the first paint
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, items, serial, cursor, read)

    def _show(
        self, items: HighlightPages, serial: int, cursor: int, read: Choices | None = None
    ) -> None:
        if serial != self._serial:
            return  # a newer query is on its way
        if read is not None:
            self._take_choices(read)
        self.shown = items
        self._ids = items.ids
        message = NO_MATCH if self.total else EMPTY
        self.rows.set_rows(len(items), self._paint, marked=self._is_marked, cursor=cursor,
                           message=message)
        self._update_status()
        if self._orphans_due:
            self._orphans_due = False
            # Once the rows are painted: the check would otherwise share the interpreter
            # with the first frame (at 200,000 highlights, a second later on screen).
            self.call_after_refresh(self._check_orphans)

    @work(thread=True, exclusive=True, group="notebook-orphans")
    def _check_orphans(self) -> None:
        assert self._finder is not None
        worker = get_current_worker()
        found = self._finder.find(cancelled=lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._orphans_found, found)

    def _orphans_found(self, found: Orphans) -> None:
        changed = self.orphans is None or self.orphans.flagged != found.flagged
        self.orphans = found
        if found.unreadable:
            self.say(f"{plural(len(found.unreadable), 'article')} could not be read to check "
                     "for orphans (their saved copy is damaged or gone).", severity="warning")
        if changed and self.panel.orphans_only:
            self.run_query()
        else:
            self.rows.repaint()
            self._update_status()

    # -- showing ----------------------------------------------------------------------------

    def _is_marked(self, index: int) -> bool:
        return self._ids[index] in self.marked

    def _is_orphan(self, h: Highlight) -> bool:
        return self.orphans is not None and h.id in self.orphans.ids

    def _now_reads(self, h: Highlight) -> str | None:
        """The page's wording now, if it changed the words of ``h``'s quote."""
        return None if self.orphans is None else self.orphans.changed.get(h.id)

    def _update_status(self) -> None:
        parts = [f"Notebook · {plural(self.total, 'highlight')}"]
        if len(self.shown) != self.total:
            parts.append(f"{len(self.shown):,} shown")
        if self.marked:
            parts.append(f"{len(self.marked):,} marked")
        if self.orphans is None:
            parts.append("checking for orphans…")
        else:
            if self.orphans.ids:
                parts.append(plural(len(self.orphans.ids), "orphan"))
            if self.orphans.changed:
                parts.append(f"{len(self.orphans.changed):,} changed at the source")
        # Fixed heights: no layout pass (on 50,000 rows a cursor move must stay cheap).
        self.query_one("#heading", Static).update(" · ".join(parts), layout=False)
        status = self.query_one(StatusBar)
        problems = self.panel.problems
        if problems:
            status.set_info(problems[0])
        else:
            described = self.panel.describe()
            order = SORT_NAMES[self.panel.highlight_filter().sort].lower()
            filtered = f"Filter: {described} · " if described else ""
            keys = "f filter" if self.has_class("-narrow") else "space mark"
            status.set_info(f"{filtered}{order} · Enter show · {keys} · t tag · ? keys")
        shown = len(self.shown)
        status.set_position(f"{self.rows.cursor + 1:,}/{shown:,}" if shown else "")
        self._show_detail()

    def _show_detail(self) -> None:
        h = self.current
        detail = self.query_one("#detail", Static)
        if h is None:
            detail.update("", layout=False)
            return
        facts = [self.titles.get(h.article_id, "(article gone)"), h.created[:10], h.color]
        source = self.sources.get(h.article_id)
        if source is not None and source != OPENED:
            facts.insert(1, f"imported from {source}")
        if h.location:  # where in the book, beside its title (Kindle's "location 1234")
            facts.insert(1, h.location)
        if h.tags:
            facts.append(hashtags(h.tags))
        # A long quote takes two lines at most, so the note, article and tags stay in view.
        width = max(20, detail.content_region.width)
        wrapped = [line.plain for line in Content(" ".join(h.quote.split())).wrap(width)]
        if len(wrapped) > 2:
            wrapped[1] = fit(wrapped[1].rstrip() + " …", width).rstrip()
        lines = [Content.styled(" ".join(wrapped[:2]), "italic")]
        if h.note:
            lines.append(Content.assemble(("Note: ", "bold"), h.note))
        lines.append(Content(" · ".join(facts)).stylize("dim"))
        if self._is_orphan(h):
            lines.append(Content.styled(
                "Orphan: this text is no longer in the saved article (kept, never deleted)",
                "$warning",
            ))
        lines += [Content.styled(line, "$warning") for line in conflict_notes(h)]
        now = self._now_reads(h)
        if now is not None:
            lines.append(Content.styled(
                f"Changed at the source: the page now reads “{' '.join(now.split())}”",
                "$warning",
            ))
        detail.update(Content("\n").join(lines), layout=False)

    def on_row_list_cursor_moved(self, event: RowList.CursorMoved) -> None:
        """The position and the detail follow the cursor."""
        self._update_status()

    def on_row_list_clicked(self, event: RowList.Clicked) -> None:
        """A double click shows the highlight in its article."""
        if event.chain >= 2:
            self.action_jump_to_highlight()

    def on_resize(self) -> None:
        """Columns are fitted to the width."""
        self.call_after_refresh(self._draw_columns)

    def _fit(self, width: int) -> dict[str, int]:
        if self._columns is None or self._columns[0] != width:
            self._columns = (width, fit_columns(COLUMNS, width - LEAD))
            self.call_after_refresh(self._draw_columns)  # the filter opened or closed
        return self._columns[1]

    def _draw_columns(self) -> None:
        widths = self._fit(self.rows.scrollable_content_region.width)
        cells = [fit(c.name, widths[c.name]) for c in COLUMNS if c.name in widths]
        self.query_one("#columns", Static).update(" " * LEAD + "  ".join(cells))

    def _paint(self, index: int, width: int) -> Strip:
        h = self.shown[index]
        widths = self._fit(width)
        rows = self.rows
        dim, accent = rows.part_style("dim"), rows.part_style("accent")
        segments = [
            Segment("● " if h.id in self.marked else "  ", accent),
            Segment("▌ ", Style(color=COLOR_INK.get(h.color))),
        ]
        for column in COLUMNS:
            size = widths.get(column.name)
            if size is None:
                continue
            if len(segments) > 2:
                segments.append(Segment("  "))
            if column.name == "Quote":
                segments += self._quote_cells(h, size)
            elif column.name == "Date":
                segments.append(Segment(fit(h.created[:10], size), dim))
            elif column.name == "Article":
                segments.append(Segment(fit(self.titles.get(h.article_id, ""), size), dim))
            else:
                segments.append(Segment(fit(hashtags(h.tags), size), accent))
        return Strip(segments)

    def _quote_cells(self, h: Highlight, size: int) -> list[Segment]:
        """The quote, after a mark when it lost its place (⚠) or its words changed (≠)."""
        quote = " ".join(h.quote.split())
        mark = "⚠ " if self._is_orphan(h) else "≠ " if self._now_reads(h) is not None else ""
        if not mark:
            return [Segment(fit(quote, size))]
        return [Segment(mark, self.rows.part_style("warning")), Segment(fit(quote, size - 2))]

    # -- filter keys ------------------------------------------------------------------------

    def action_find_highlights(self) -> None:
        """Type words to find."""
        self._open_filter(self.panel.focus_first)

    def action_edit_filter(self) -> None:
        """Into the filter (Tab moves on, Esc comes back)."""
        self._open_filter(self.panel.query_one("#all-tags").focus)

    def _open_filter(self, focus: Callable[[], object]) -> None:
        """Show the filter (hidden on a narrow screen) and focus one of its fields."""
        self.add_class("-filtering")
        self.call_after_refresh(focus)  # once it is displayed: a hidden field takes no focus

    def focus_next(self, selector: str | type[Widget] = "*") -> Widget | None:
        """Tab from the list goes into the filter, also while a narrow screen hides it."""
        if self.has_class("-narrow") and not self.has_class("-filtering"):
            self._open_filter(self.panel.focus_first)
            return None
        return super().focus_next(selector)  # type: ignore[arg-type]

    def focus_previous(self, selector: str | type[Widget] = "*") -> Widget | None:
        """Shift+Tab likewise."""
        if self.has_class("-narrow") and not self.has_class("-filtering"):
            self._open_filter(self.panel.focus_first)
            return None
        return super().focus_previous(selector)  # type: ignore[arg-type]

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The filter shows while one of its fields has the focus."""
        self.set_class(self.panel in event.widget.ancestors_with_self, "-filtering")

    def action_go_back(self) -> None:
        """Esc: from any control of the filter (a checkbox, a choice, not only a text field)
        back to the list; from the list, back to the previous screen."""
        if self.focused is not None and self.panel in self.focused.ancestors_with_self:
            self.rows.focus()
        else:
            super().action_go_back()

    def action_clear_filter(self) -> None:
        """Every highlight again."""
        self.panel.clear()
        self.say("Filter cleared.")

    def action_toggle_orphans(self) -> None:
        """Only orphans and changed quotes, or everything."""
        self.panel.toggle_orphans()
        if self.panel.orphans_only and self.orphans is None:
            self.say("Still checking for orphans; the list fills in when that is done.")

    def action_sort_highlights(self) -> None:
        """The next order."""
        orders = list(HighlightSort)
        now = self.panel.highlight_filter().sort
        order = orders[(orders.index(now) + 1) % len(orders)]
        self.panel.set_sort(order)
        self.say(f"Sorted: {SORT_NAMES[order].lower()}.")

    # -- acting on highlights ---------------------------------------------------------------

    def action_adopt_wording(self) -> None:
        """The quote under the cursor takes the page's current wording: only when asked, as
        the quote is otherwise always the words highlighted."""
        h = self.current
        if h is None:
            self.say("No highlight here.")
            return
        if self._now_reads(h) is None:
            self.say("Only a quote flagged ≠ (the page's words changed) can take the page's "
                     "wording.")
            return
        adopted = self.write(lambda: adopt_wording(self.notebook, h))
        if adopted is None:
            return
        self.reload()
        self.say(f"The quote now reads as the page does: “{' '.join(adopted.quote.split())}”")

    def action_jump_to_highlight(self) -> None:
        """Open the article at this highlight."""
        h = self.current
        if h is None:
            self.say("No highlight here.")
            return
        self.gloss.read(Entry(saved_source(h.article_id)), highlight_id=h.id)

    def action_toggle_mark(self) -> None:
        """Mark or unmark this highlight, then move on."""
        h = self.current
        if h is None:
            return
        self.marked.symmetric_difference_update({h.id})
        self.rows.cursor += 1
        self.rows.repaint()
        self._update_status()

    def action_mark_all(self) -> None:
        """Mark every highlight the filter shows."""
        self.marked.update(self._ids)  # no record read
        self.rows.repaint()
        self._update_status()
        self.say(f"{plural(len(self.marked), 'highlight')} marked.")

    def action_unmark_all(self) -> None:
        """No highlight marked."""
        self.marked.clear()
        self.rows.repaint()
        self._update_status()

    def renamed(self, old: str, new: str) -> None:
        """The filter follows a renamed tag, so the list shows the same highlights."""
        self.panel.rename_tag(old, new)

    def export_scope(self) -> ExportScope:
        """For the export dialog: what the filter shows (else everything), or the current
        highlight's article."""
        current = self.current
        article = self.notebook.article(current.article_id) if current else None
        described = self.panel.describe()
        f = self.panel.highlight_filter()
        return ExportScope(
            article=article,
            shown=frozenset(self._ids) if described else None,
            shown_label=described,
            tags=(*f.all_tags, *f.any_tags),
            preferred="shown" if described else "all",
        )
