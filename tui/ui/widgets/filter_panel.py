"""The notebook's filter: the controls beside the list, read as a :class:`HighlightFilter`.

The same filter ``gloss notebook list`` builds from its options: every tag in "all of", one
of "any of", an article, colours, a date range (both ends inclusive, at the precision typed:
``2026``, ``2026-03``, ``2026-03-14``, or relative: ``today``, ``yesterday``, ``7d``, ``2w``),
and words to find in quotes, notes and tags (case and accents ignored). "Only orphans" and
"only flagged by sync" are the screen's own, applied on top.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.validation import Function
from textual.widgets import Checkbox, Input, Select, SelectionList, Static
from textual.widgets.select import NoSelection

from tui.core.model import COLORS, parse_tags
from tui.core.notebook import HighlightFilter, HighlightSort
from tui.core.text import parse_day
from tui.ui.widgets.tag_suggester import TagSuggester

# How each highlight colour is drawn in lists (the reader has its own, themed, styles).
COLOR_INK: dict[str, str] = {
    "yellow": "#e5c07b",
    "green": "#98c379",
    "blue": "#61afef",
    "pink": "#e78fb3",
    "purple": "#b48ee6",
}
SORT_NAMES: dict[HighlightSort, str] = {
    HighlightSort.NEWEST: "Newest first",
    HighlightSort.OLDEST: "Oldest first",
    HighlightSort.EDITED: "Last edited",
    HighlightSort.ARTICLE: "By article",
    HighlightSort.QUOTE: "By quote",
}
def _is_day(text: str) -> bool:
    try:
        parse_day(text)
    except ValueError:
        return False
    return True


class FilterPanel(VerticalScroll):
    """Text, tags (all of / any of), article, colours, dates, sort, "only orphans" and
    "only flagged by sync"."""

    DEFAULT_CSS = """
    FilterPanel {
        width: 34;
        height: 1fr;
        padding: 0 1;
        background: $panel 40%;
        scrollbar-size-vertical: 1;
        & .filter--label { color: $foreground 70%; margin: 1 0 0 0; }
        & Input, & Select { width: 100%; }
        & #dates { height: 1; }
        & #dates Input { width: 1fr; }
        & #dates Static { width: 3; content-align: center middle; }
        & SelectionList { height: auto; max-height: 5; padding: 0; }
        & Checkbox { margin: 1 0 0 0; }
        /* A pair with "only orphans", shown for synced notebooks only (offer_flagged). */
        & #flagged { margin: 0; display: none; }
        & #flagged.-offered { display: block; }
    }
    """

    @dataclass
    class Changed(Message):
        """A control of the filter changed."""

        panel: FilterPanel

    def __init__(self, *, cursor_blink: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cursor_blink = cursor_blink
        self._tags = TagSuggester(())
        self._offered: dict[str, list[tuple[str, str]]] = {}  # what each Select offers

    def _input(self, id: str, placeholder: str, **kwargs: object) -> Input:
        field = Input(placeholder=placeholder, id=id, compact=True, **kwargs)  # type: ignore[arg-type]
        field.cursor_blink = self.cursor_blink
        return field

    def compose(self) -> ComposeResult:
        day = [Function(_is_day, "use 2026-03-14, 2026-03, today or 7d")]
        yield Static("Search quotes, notes, tags", classes="filter--label", markup=False)
        yield self._input("text", "words…")
        yield Static("All of these tags", classes="filter--label", markup=False)
        yield self._input("all-tags", "tag, tag…", suggester=self._tags)
        yield Static("Any of these tags", classes="filter--label", markup=False)
        yield self._input("any-tags", "tag, tag…", suggester=self._tags)
        yield Static("Article", classes="filter--label", markup=False)
        yield Select[str]([], prompt="Any article", id="article", compact=True)
        yield Static("Imported from", classes="filter--label", markup=False)
        yield Select[str]([], prompt="Any source", id="source", compact=True)
        yield Static("Colours (none: all)", classes="filter--label", markup=False)
        yield SelectionList[str](
            *((Content.styled(f"● {c}", COLOR_INK[c]), c) for c in COLORS),
            id="colors",
            compact=True,
        )
        yield Static("From – to (2026-03, 7d, today…)", classes="filter--label", markup=False)
        with Horizontal(id="dates"):
            yield self._input("since", "from", validators=day, valid_empty=True)
            yield Static("–", markup=False)
            yield self._input("until", "to", validators=day, valid_empty=True)
        yield Static("Sort", classes="filter--label", markup=False)
        yield Select[HighlightSort](
            [(name, value) for value, name in SORT_NAMES.items()],
            value=HighlightSort.NEWEST,
            allow_blank=False,
            id="sort",
            compact=True,
        )
        yield Checkbox("Only orphans and changed", id="orphans", compact=True)
        yield Checkbox("Only flagged by sync", id="flagged", compact=True)

    # -- what the controls say --------------------------------------------------------------

    def highlight_filter(self) -> HighlightFilter:
        """The filter the controls describe (a date that is not one is left out)."""
        article = self.query_one("#article", Select).value
        sort = self.query_one("#sort", Select).value
        return HighlightFilter(
            all_tags=parse_tags(self._value("all-tags")),
            any_tags=parse_tags(self._value("any-tags")),
            article_ids=() if isinstance(article, NoSelection) else (str(article),),
            colors=tuple(self.query_one("#colors", SelectionList).selected),
            since=self._day("since"),
            until=self._day("until"),
            text=self._value("text").strip(),
            sort=HighlightSort.NEWEST if isinstance(sort, NoSelection) else HighlightSort(sort),
        )

    @property
    def source(self) -> str | None:
        """The source chosen (an import's format, or ``opened``), or None: every source."""
        value = self.query_one("#source", Select).value
        return None if isinstance(value, NoSelection) else str(value)

    @property
    def orphans_only(self) -> bool:
        """Whether only orphans are listed."""
        return self.query_one("#orphans", Checkbox).value

    @property
    def flagged_only(self) -> bool:
        """Whether only highlights sync kept something aside in are listed (a deletion
        elsewhere they survived, another machine's note or colour)."""
        return self.query_one("#flagged", Checkbox).value

    @property
    def problems(self) -> list[str]:
        """What is wrong with what was typed (dates), one line each."""
        out = []
        for name in ("since", "until"):
            try:
                parse_day(self._value(name))
            except ValueError as exc:
                out.append(str(exc))
        return out

    def describe(self) -> str:
        """The filter in a few words, for the status line and the export dialog."""
        f = self.highlight_filter()
        parts = []
        if f.text:
            parts.append(f"“{f.text}”")
        if f.all_tags:
            parts.append("tags " + " and ".join(f"#{t}" for t in f.all_tags))
        if f.any_tags:
            parts.append("any of " + " ".join(f"#{t}" for t in f.any_tags))
        if f.article_ids:
            parts.append("one article")
        if self.source is not None:
            parts.append(f"from {self.source}")
        if f.colors:
            parts.append(" or ".join(f.colors))
        if f.since or f.until:
            parts.append(f"{f.since or '…'} to {f.until or '…'}")
        if self.orphans_only:
            parts.append("orphans and changed")
        if self.flagged_only:
            parts.append("flagged by sync")
        return ", ".join(parts)

    def _value(self, id: str) -> str:
        return self.query_one(f"#{id}", Input).value

    def _day(self, id: str) -> str | None:
        try:
            return parse_day(self._value(id))
        except ValueError:
            return None

    # -- setting the controls ---------------------------------------------------------------

    def set_choices(
        self,
        articles: Iterable[tuple[str, str]],
        tags: Iterable[str],
        sources: Iterable[str] = (),
    ) -> None:
        """The articles (title, id) the article control offers; the tags typed ones complete;
        the sources (import formats, ``opened``) the source control offers."""
        self._tags.tags = list(tags)
        offered = {"article": list(articles), "source": [(name, name) for name in sources]}
        for name, options in offered.items():
            # The same again (a reload after a write that changed no title) is left as it
            # is: 10,000 articles' options take a tenth of a second to set.
            if self._offered.get(name) != options:
                _offer(self.query_one(f"#{name}", Select), options)
                self._offered[name] = options

    def set_source(self, source: str | None) -> None:
        """Show only highlights of articles from ``source`` (None: from anywhere)."""
        select = self.query_one("#source", Select)
        if source is None:
            select.clear()
        else:
            select.value = source

    def set_article(self, article_id: str | None) -> None:
        """Show only this article's highlights (None: every article's)."""
        select = self.query_one("#article", Select)
        if article_id is None:
            select.clear()
        else:
            select.value = article_id

    def set_sort(self, order: HighlightSort) -> None:
        """Sort by ``order``."""
        self.query_one("#sort", Select).value = order

    def offer_flagged(self, offered: bool) -> None:
        """Show "only flagged by sync" (for a synced notebook), or hide it and let go of it."""
        box = self.query_one("#flagged", Checkbox)
        box.set_class(offered, "-offered")
        if not offered and box.value:
            box.value = False  # a Changed message: the list follows

    def rename_tag(self, old: str, new: str) -> None:
        """A tag was renamed in the notebook: the tag fields follow."""
        for id in ("all-tags", "any-tags"):
            field = self.query_one(f"#{id}", Input)
            tags = parse_tags(field.value)
            if old in tags:
                field.value = ", ".join(dict.fromkeys(new if t == old else t for t in tags))

    def toggle_orphans(self) -> None:
        """Only orphans, or everything again."""
        self.query_one("#orphans", Checkbox).toggle()

    def clear(self) -> None:
        """Back to every highlight, newest first (one Changed message)."""
        with self.prevent(Input.Changed, Select.Changed, SelectionList.SelectedChanged,
                          Checkbox.Changed):
            for field in self.query(Input):
                field.value = ""
            self.query_one("#article", Select).clear()
            self.query_one("#source", Select).clear()
            self.query_one("#colors", SelectionList).deselect_all()
            self.query_one("#sort", Select).value = HighlightSort.NEWEST
            self.query_one("#orphans", Checkbox).value = False
            self.query_one("#flagged", Checkbox).value = False
        self.post_message(self.Changed(self))

    def focus_first(self) -> None:
        """Focus the search field."""
        self.query_one("#text", Input).focus()

    # -- telling the screen -----------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a field: on to the next one (Esc goes back to the list)."""
        event.stop()
        self.screen.focus_next()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self))

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        self.post_message(self.Changed(self))

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self))


def _offer(select: Select[str], options: list[tuple[str, str]]) -> None:
    """``options`` in ``select``, its choice kept if still offered (quietly: no Changed)."""
    current = select.value
    with select.prevent(Select.Changed):
        select.set_options(options)
        if not isinstance(current, NoSelection) and any(i == current for _, i in options):
            select.value = current
