"""A long list of one-line rows drawn with the Line API: only the rows in view are painted.

The library (2,000 articles) and the notebook (50,000 highlights) both list with it, so
filling it is one assignment, never one widget per row. The screen that owns it paints a
row (``paint(index, width) -> Strip``); the list adds the cursor and the marked look, moves
the cursor and keeps it in view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.text import pad, shorten, terminal_safe
from tui.ui.keys.app import LIST_BINDINGS

RowPainter = Callable[[int, int], Strip]
RowTest = Callable[[int], bool]


def fit(text: str, width: int, *, right: bool = False) -> str:
    """``text`` on one line in exactly ``width`` cells: cut with an ellipsis, or padded."""
    if width <= 0:
        return ""
    text = terminal_safe(text, multiline=False)  # rows show stored data: never an escape
    return pad(shorten(" ".join(text.split()), width), width, right=right)


class RowList(ScrollView, can_focus=True):
    """Rows ``0..count-1`` painted by the owner; a cursor; rows the owner says are marked."""

    DEFAULT_CSS = """
    RowList {
        height: 1fr;
        background: $surface 30%;
        & > .row-list--cursor { background: $primary 30%; }
        & > .row-list--marked { color: $accent; text-style: bold; }
        & > .row-list--message { color: $foreground 60%; }
        & > .row-list--dim { color: $foreground 60%; }
        & > .row-list--accent { color: $accent; }
        & > .row-list--warning { color: $warning; }
    }
    RowList:focus > .row-list--cursor { background: $primary 55%; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "row-list--cursor",
        "row-list--marked",
        "row-list--message",
        "row-list--dim",
        "row-list--accent",
        "row-list--warning",
    }
    BINDINGS: ClassVar[list[BindingType]] = list(LIST_BINDINGS)

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False, init=False)

    @dataclass
    class CursorMoved(Message):
        """The cursor is on another row (``index`` -1: the list is empty)."""

        row_list: RowList
        index: int

    @dataclass
    class Clicked(Message):
        """Row ``index`` was clicked (``chain`` 2: a double click)."""

        row_list: RowList
        index: int
        chain: int

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.count = 0
        self.message = ""
        self._paint: RowPainter = lambda index, width: Strip.blank(width)
        self._marked: RowTest = lambda index: False
        self._styles: dict[str, Style] = {}
        # Painted rows by (index, width, cursor here, marked, focused): moving the cursor
        # repaints two rows, and scrolling back finds the rest ready.
        self._strips: LRUCache[tuple[int, int, bool, bool, bool], Strip] = LRUCache(1024)

    def set_rows(
        self,
        count: int,
        paint: RowPainter,
        *,
        marked: RowTest | None = None,
        cursor: int = 0,
        message: str = "",
    ) -> None:
        """Show ``count`` rows painted by ``paint``, the cursor on row ``cursor``.

        ``marked(index)`` says which rows look marked; ``message`` shows when there are none.
        """
        self.count = count
        self._paint = paint
        self._marked = marked or (lambda index: False)
        self.message = message
        self._strips.clear()
        self.virtual_size = Size(self.size.width, count)
        self.cursor = max(0, min(cursor, count - 1))
        self.refresh()

    def repaint(self) -> None:
        """Paint every row again (what they show changed, not how many there are)."""
        self._strips.clear()
        self.refresh()

    # -- the cursor -----------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self.count - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        """Keep the cursor in view, repaint the two rows, tell the owner."""
        top = round(self.scroll_y)
        self._keep_in_view(new)
        if round(self.scroll_y) == top:
            self.refresh_line(old)  # a scroll repaints everything by itself
            self.refresh_line(new)
        self.post_message(self.CursorMoved(self, new if self.count else -1))

    def _keep_in_view(self, index: int) -> None:
        top = round(self.scroll_y)
        height = max(1, self.scrollable_content_region.height)
        if index < top:
            self.scroll_to(y=index, animate=False, immediate=True, force=True)
        elif index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False, immediate=True, force=True)

    @property
    def page(self) -> int:
        """Rows in a page (one kept in view when paging)."""
        return max(1, self.scrollable_content_region.height - 1)

    def action_cursor_down(self) -> None:
        """One row down."""
        self.cursor += 1

    def action_cursor_up(self) -> None:
        """One row up."""
        self.cursor -= 1

    def action_page_down(self) -> None:
        """A page down."""
        self.cursor += self.page

    def action_page_up(self) -> None:
        """A page up."""
        self.cursor -= self.page

    def action_first(self) -> None:
        """The first row."""
        self.cursor = 0

    def action_last(self) -> None:
        """The last row."""
        self.cursor = self.count - 1

    def on_click(self, event: events.Click) -> None:
        """A click moves the cursor there; the owner decides what a double click does."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = round(self.scroll_y) + offset.y
        if 0 <= index < self.count:
            self.cursor = index
            self.post_message(self.Clicked(self, index, event.chain))

    def on_focus(self) -> None:
        """The cursor row looks different with the focus."""
        self.refresh()

    def on_blur(self) -> None:
        """Likewise without it."""
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        """A new width: rows are painted to it."""
        self.virtual_size = Size(event.size.width, self.count)
        self._keep_in_view(self.cursor)

    # -- painting -------------------------------------------------------------------------

    def part_style(self, part: str) -> Style:
        """The style of component ``row-list--<part>``, for painters, without a background.

        Colours come from the full style: Textual leaves a partial style's translucent
        colours unblended (``$foreground 60%`` would paint at full strength).
        """
        style = self._styles.get(part)
        if style is None:
            name = f"row-list--{part}"  # subclasses may add components of their own
            partial = self.get_component_rich_style(name, partial=True)
            full = self.get_component_rich_style(name)
            style = partial + Style(color=full.color if partial.color is not None else None)
            self._styles[part] = style
        return style

    def notify_style_update(self) -> None:
        """A theme or CSS change: the styles kept are stale."""
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        """Paint the view's row ``y``."""
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = round(self.scroll_y) + y
        if self.count == 0:
            return self._message_line(y, width, base)
        if index >= self.count:
            return Strip.blank(width, base)
        marked, here = self._marked(index), index == self.cursor
        key = (index, width, here, marked, self.has_focus)
        strip = self._strips.get(key)
        if strip is None:
            style = base
            if marked:
                style += self.get_component_rich_style("row-list--marked")
            if here:
                style += self.get_component_rich_style("row-list--cursor")
            strip = self._paint(index, width).adjust_cell_length(width).apply_style(style)
            self._strips[key] = strip
        return strip

    def _message_line(self, y: int, width: int, base: Style) -> Strip:
        """The empty list's message from its second row, wrapped (never cut off)."""
        room = max(1, width - 4)
        lines = Content(terminal_safe(self.message, multiline=False)).wrap(room)
        if not 1 <= y <= len(lines) or not self.message:
            return Strip.blank(width, base)
        style = base + self.get_component_rich_style("row-list--message")
        return Strip([Segment("  " + fit(lines[y - 1].plain, room), style)])
