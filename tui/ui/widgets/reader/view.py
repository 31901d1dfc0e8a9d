"""The reader view: an Article drawn with Textual's Line API, fast on very long texts.

Only the visible lines are painted. The layout is counted once per width and kept, and
only the lines shown are wrapped (see :class:`~tui.core.reader.layout.Layout`), so a resize
of a long article costs little more than a repaint. Painted lines are cached by what changes
their look: the line, the decorations over it and, for code and tables, the horizontal
scroll. Styles come from COMPONENT_CLASSES, so a theme (or the user's CSS) restyles every
part.

Coordinates: a *line* is an index into :attr:`text_layout.lines`; a *page column* counts cells
from the left of the text column (the centred measure box); an *offset* is a position in
the canonical text ``article.text``, the coordinate highlights are stored in.

Painting the rows, and painting the pages around the view ahead of time, is in
:mod:`tui.ui.widgets.reader.paint`. Mouse selection is Textual's own, mapped to canonical
offsets (see :mod:`tui.ui.widgets.reader.selection`). Both are parts on
:class:`~tui.ui.widgets.reader.base.ReaderViewBase`, which says what they need of the view.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Offset, Size
from textual.strip import Strip

from tui.core.config import DEFAULT_MEASURE
from tui.core.model import Article
from tui.core.reader import (
    MIN_WIDTH,
    Layout,
    LinkRef,
    article_links,
    figure_blocks,
    figure_rows,
    layout_article,
    link_at,
    visible_range,
)
from tui.ui.messages import LinkClicked, PositionChanged, TextClicked
from tui.ui.startup import collector_paused, freeze_when_started
from tui.ui.widgets.decorations import Decoration, DecorationLayers
from tui.ui.widgets.inks import ink_classes, ink_rules
from tui.ui.widgets.reader.figures import Figures, can_draw
from tui.ui.widgets.reader.lines import LinePainter, block_styles
from tui.ui.widgets.reader.paint import GUTTER, PaintedLines
from tui.ui.widgets.reader.selection import CanonicalSelection

__all__ = ["GUTTER", "ReaderView"]
# Rows of a reader screen that are not the view (header, rule, status line), as a guess:
# see ReaderView.expected_position.
EXPECTED_CHROME_ROWS = 4
LAYOUTS_KEPT = 3  # widths whose layout is kept, so resizing back and forth is instant
FREEZE_LINES = 5_000  # after laying out an article this long, the heap is frozen (see below)


def _position_of(first_line: int, height: int, total: int, scroll_y: float, max_y: float,
                 top_offset: int) -> PositionChanged:
    """The position of a view ``height`` lines tall showing ``first_line`` of ``total``."""
    first = min(first_line, max(0, total - 1))
    last = max(first, min(total, first + height) - 1)
    percent = 100 if max_y <= 0 else round(100 * min(scroll_y, max_y) / max_y)
    return PositionChanged(first, last, total, percent, top_offset)


def _layout_without_gc(article: Article, width: int, *, first: bool = False,
                       figures: Sequence[int] = ()) -> Layout:
    """Lay out with the cyclic garbage collector paused; after a long article's layout, the
    heap is kept out of its walks.

    A layout counts the lines of every block and builds none (see
    :class:`~tui.core.reader.layout.Layout`), so it allocates little; the pause keeps a
    collection from being set off in the middle of it. A long article means a big heap (its
    blocks, the lines built as it is read, the app around it): a full collection set off
    while painting the next frames would walk all of it (tens of ms, in the middle of a
    resize), so after its layout everything alive is frozen (``gc.freeze``). Refcounting
    still frees what is dropped. Freezing also pins whatever cyclic garbage is waiting, so
    the first layout of an article (``first``: a load, slow anyway) collects it first; a
    resize pins at most the little garbage made since.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        rows = figure_rows(max(MIN_WIDTH, width))
        layout = layout_article(article, width, dict.fromkeys(figures, rows))
        if len(layout.lines) >= FREEZE_LINES:
            if collector_paused():
                # The app is starting: collected and frozen once it has painted, not before.
                freeze_when_started()
            else:
                if first:
                    gc.collect()
                gc.freeze()
        return layout
    finally:
        if enabled:
            gc.enable()


class ReaderView(CanonicalSelection, PaintedLines, can_focus=True, inherit_bindings=False):
    """Shows one Article; the screen around it owns the keys and calls these methods."""

    ALLOW_SELECT = True  # Textual's mouse selection, mapped to canonical offsets
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader--heading-1",
        "reader--heading-2",
        "reader--heading-3",
        "reader--quote",
        "reader--quote-bar",
        "reader--bullet",
        "reader--pre",
        "reader--image",
        "reader--caption",
        "reader--table",
        "reader--table-header",
        "reader--table-rule",
        "reader--rule",
        "reader--emphasis",
        "reader--strong",
        "reader--code",
        "reader--link",
        "reader--link-focus",
        "reader--match",
        "reader--match-current",
        "reader--hint",
        "reader--gutter",
        "reader--message",
        "reader--cursor",
        "reader--cursor-selecting",
        "reader--selection",
        *ink_classes("reader--hl"),
        *ink_classes("reader--mark"),
    }
    DEFAULT_CSS = """
    ReaderView {
        background: $background;
        color: $foreground;
        scrollbar-size-vertical: 1;
        scrollbar-size-horizontal: 1;
        &:focus { background-tint: transparent; }
        & > .reader--heading-1 { text-style: bold; color: $primary; }
        & > .reader--heading-2 { text-style: bold; color: $primary; }
        & > .reader--heading-3 { text-style: bold; color: $secondary; }
        & > .reader--quote { color: $foreground 80%; text-style: italic; }
        & > .reader--quote-bar { color: $accent; }
        & > .reader--bullet { color: $accent; }
        & > .reader--pre { background: $surface; color: $foreground 90%; }
        & > .reader--image { color: $foreground 60%; text-style: italic; }
        & > .reader--caption { color: $foreground 70%; text-style: italic; }
        & > .reader--table { }
        & > .reader--table-header { text-style: bold; }
        & > .reader--table-rule { color: $foreground 50%; }
        & > .reader--rule { color: $primary 60%; }
        & > .reader--emphasis { text-style: italic; }
        & > .reader--strong { text-style: bold; }
        & > .reader--code { background: $surface; }
        & > .reader--link { color: $primary; text-style: underline; }
        & > .reader--link-focus { background: $primary; color: $background; }
        & > .reader--match { background: $warning 40%; }
        & > .reader--match-current { background: $warning; color: $background; }
        & > .reader--hint { background: $accent; color: $background; text-style: bold; }
        & > .reader--gutter { color: $warning; }
        & > .reader--message { color: $foreground 60%; }
        & > .reader--cursor { text-style: reverse; }
        /* Reverse video, not a hue: a tinted background looked like the blue highlight
           (both colour 23 in 256 colours), and only attributes survive 16 colours or none.
           The head of a selection is underlined and bold over it. */
        & > .reader--selection { text-style: reverse; }
        & > .reader--cursor-selecting { text-style: bold underline; }
    }
    """ + (  # the highlighter inks (see inks.py): a tint for the text, full ink for the mark
        f"ReaderView {{ {ink_rules('reader--hl', tint=True)}"
        f" {ink_rules('reader--mark', tint=False)} }}"
    )

    def __init__(
        self,
        *,
        measure: int = DEFAULT_MEASURE,
        images: bool = True,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._measure = measure
        self._images_on = images
        self.figures: Figures | None = None
        self.article: Article | None = None
        self.text_layout: Layout | None = None
        self.links: list[LinkRef] = []
        self.decorations = DecorationLayers()
        self._link_starts: list[int] = []
        self._spans: list = []
        self._layouts: dict[int, Layout] = {}
        self._painter: LinePainter | None = None
        self._cache: LRUCache[tuple, Strip] = LRUCache(2048)
        self._styles: dict[str, Style] = {}
        self._message = ""
        self._pending_top: int | None = None
        self._last_position: tuple[int, ...] | None = None
        self._page_left = GUTTER
        # Told the position within a layout pass, before its frame is painted (the screen's
        # status line): the message that follows comes a frame or more later.
        self.position_listener: Callable[[PositionChanged], object] | None = None

    # -- content --------------------------------------------------------------------------

    def show(self, article: Article, *, top_offset: int = 0) -> None:
        """Display ``article`` with canonical ``top_offset`` at the top of the view."""
        self.article = article
        self.links = article_links(article)
        self._link_starts = [link.start for link in self.links]
        self._spans = block_styles(article)
        self.workers.cancel_group(self, "figures")  # the last article's pictures are not wanted
        self.figures = self._new_figures(article)
        self._layouts.clear()
        self._cache.clear()  # rows are cached per width, not per article
        self.text_layout = None
        self.decorations.clear()
        self._message = ""
        self._pending_top = top_offset
        self._relayout()

    def show_message(self, message: str) -> None:
        """Show ``message`` instead of an article (an empty or failed reader)."""
        self.article = None
        self.text_layout = None
        self.links = []
        self._link_starts = []
        self._layouts.clear()
        self.decorations.clear()
        self._message = message
        self._cache.clear()
        self.virtual_size = Size(0, 0)
        self.scroll_to(0, 0, animate=False, force=True)
        self.refresh()
        self._post_position()

    @property
    def message(self) -> str:
        """The text shown when there is no article."""
        return self._message

    @property
    def measure(self) -> int:
        """The preferred width of the text column, in cells."""
        return self._measure

    @measure.setter
    def measure(self, value: int) -> None:
        self._measure = max(MIN_WIDTH, value)
        self._relayout()

    @property
    def wrap_width(self) -> int:
        """The width text is wrapped at now: the measure, or less in a narrow terminal."""
        return self.wrap_width_for(self._wrap_room)

    def wrap_width_for(self, view_width: int) -> int:
        """The width text is wrapped at in a view ``view_width`` cells wide (its vertical
        scrollbar left out)."""
        return max(MIN_WIDTH, min(self._measure, view_width - GUTTER - 1))

    @property
    def _wrap_room(self) -> int:
        """The view's width less the vertical scrollbar's column, whether it shows yet or not.

        A long article shows the scrollbar only once its layout has set the view's virtual
        size, and its appearing sends no Resize: wrapping for the width without it made a
        reader started at a size one column wider than one resized to that size.
        """
        return self.content_region.width - self._scrollbar_columns

    @property
    def _scrollbar_columns(self) -> int:
        """Columns the vertical scrollbar takes (shown or not yet)."""
        styles = self.styles
        return styles.scrollbar_size_vertical if styles.overflow_y != "hidden" else 0

    @property
    def page_left(self) -> int:
        """Column of the view where the text column starts (the gutter is just left of it)."""
        return self._page_left

    @property
    def _view_width(self) -> int:
        return self.scrollable_content_region.width

    # -- decorations ----------------------------------------------------------------------

    def set_decorations(self, layer: str, decorations: Sequence[Decoration]) -> None:
        """Replace the decorations of ``layer`` and repaint what they touch."""
        self.decorations.set(layer, decorations)
        self.refresh()
        self.prefetch_soon()

    def clear_decorations(self, layer: str | None = None) -> None:
        """Remove one layer's decorations (or all) and repaint."""
        self.decorations.clear(layer)
        self.refresh()
        self.prefetch_soon()

    # -- geometry -------------------------------------------------------------------------

    @property
    def first_line(self) -> int:
        """Index of the line at the top of the view."""
        return round(self.scroll_y)

    @property
    def visible_height(self) -> int:
        """Lines the view shows at once."""
        return max(1, self.scrollable_content_region.height)

    @property
    def top_offset(self) -> int:
        """Canonical offset of the first line in view (what a reading position is)."""
        if self.text_layout is None or not self.text_layout.lines:
            return self._pending_top or 0
        return self.text_layout.lines[min(self.first_line, len(self.text_layout.lines) - 1)].start

    def visible_range(self) -> tuple[int, int]:
        """Canonical ``(start, end)`` of the text in view."""
        if self.text_layout is None:
            return 0, 0
        return visible_range(self.text_layout, self.first_line, self.visible_height)

    def visible_links(self) -> list[LinkRef]:
        """The links whose start is in view, in reading order."""
        start, end = self.visible_range()
        return [link for link in self.links if start <= link.start < end]

    def link_at(self, offset: int) -> LinkRef | None:
        """The link covering canonical ``offset``."""
        return link_at(self.links, offset, self._link_starts)

    def offset_at(self, point: Offset) -> int | None:
        """Canonical offset under a point in the view's content coordinates (None: none)."""
        if self.text_layout is None or not self.text_layout.lines:
            return None
        index = self.first_line + point.y
        if not 0 <= index < len(self.text_layout.lines):
            return None
        line = self.text_layout.lines[index]
        col = point.x - self._page_left + (round(self.scroll_x) if line.scrolls else 0)
        return self.text_layout.offset_at(index, col)

    def point_of(self, offset: int) -> Offset | None:
        """Where canonical ``offset`` is drawn in the view, or None when it is out of view."""
        if self.text_layout is None:
            return None
        index, col = self.text_layout.point_at(offset)
        y = index - self.first_line
        if not 0 <= y < self.visible_height:
            return None
        line = self.text_layout.lines[index]
        return Offset(col + self._page_left - (round(self.scroll_x) if line.scrolls else 0), y)

    # -- scrolling ------------------------------------------------------------------------

    def scroll_to_line(self, index: int) -> None:
        """Put line ``index`` at the top of the view (clamped)."""
        self._scroll_to_point(None, max(0, index))

    def scroll_columns(self, delta: int) -> None:
        """Scroll code blocks and wide tables sideways (prose never moves)."""
        self._scroll_to_point(max(0, round(self.scroll_x) + delta), None)

    def _scroll_to_point(self, x: int | None, y: int | None) -> None:
        # force: the scrollbar may not be shown yet for a layout that was just set.
        self.scroll_to(x, y, animate=False, immediate=True, force=True)

    def scroll_to_offset(self, offset: int, *, center: bool = False) -> None:
        """Bring canonical ``offset`` into view: at the top, or a third of the way down."""
        if self.text_layout is None:
            self._pending_top = offset
            return
        index, col = self.text_layout.point_at(offset)
        y = index - self.visible_height // 3 if center else index
        self.scroll_to_line(y)
        self._scroll_column_into_view(index, col)

    def ensure_visible(self, offset: int) -> None:
        """Scroll only if ``offset`` is out of view, then put it a third of the way down."""
        if self.text_layout is None:
            return
        index, col = self.text_layout.point_at(offset)
        if not self.first_line <= index < self.first_line + self.visible_height:
            self.scroll_to_line(index - self.visible_height // 3)
        self._scroll_column_into_view(index, col)

    def _scroll_column_into_view(self, index: int, col: int) -> None:
        assert self.text_layout is not None
        if not self.text_layout.lines[index].scrolls:
            return
        room = self._view_width - self._page_left
        if col < self.scroll_x or col >= self.scroll_x + room:
            self._scroll_to_point(max(0, col - room // 2), None)

    # -- layout ---------------------------------------------------------------------------

    def _relayout(self) -> None:
        """Wrap the article for the current width (if it changed), keeping the position."""
        if self.article is None or self._view_width <= 0:
            return
        wrap = self.wrap_width
        self._page_left = max(GUTTER, (self._view_width - wrap) // 2)
        if self.text_layout is not None and self.text_layout.width == max(MIN_WIDTH, wrap):
            self._update_virtual_size()
            return
        top = self._pending_top if self._pending_top is not None else self.top_offset
        self._pending_top = None
        layout = self._layouts.pop(wrap, None) or _layout_without_gc(
            self.article, wrap, first=not self._layouts,
            figures=self.figures.blocks if self.figures else (),
        )
        self._layouts[wrap] = layout
        while len(self._layouts) > LAYOUTS_KEPT:
            self._layouts.pop(next(iter(self._layouts)))
        self.text_layout = layout
        self._painter = LinePainter(layout, self._spans, self._component_style)
        # The painted rows stay: their keys hold the layout's width, so going back to a
        # width seen before finds its rows painted (a new article or figure clears them).
        self._update_virtual_size()
        self._scroll_to_point(0, layout.line_at(top) if top else 0)
        self.refresh()
        self._post_position()

    def prepare_width(self, screen_width: int, old_screen_width: int) -> None:
        """The terminal is becoming ``screen_width`` cells wide (from ``old_screen_width``,
        which the view is laid out for): lay the article out for that width now, so that
        the frame at the new size only picks the layout up.

        Textual waits a moment (1/120 s) after a resize before it lays the screen out
        again; the app calls this as the resize arrives, so the layout is made in that
        idle moment instead of inside the first frame. The view keeps its margins to the
        screen (a scrollbar, say) across a resize; if it does not, the layout made here is
        only one more kept width, and :meth:`_relayout` makes the right one.
        """
        if self.article is None or self.text_layout is None or not self.is_attached:
            return
        view_width = screen_width - (old_screen_width - self._wrap_room)
        if view_width <= 0:
            return
        wrap = self.wrap_width_for(view_width)
        if wrap == self.text_layout.width or wrap in self._layouts:
            return
        self._layouts[wrap] = _layout_without_gc(
            self.article, wrap, figures=self.figures.blocks if self.figures else ()
        )

    def prepaint(self, screen_size: Size, old_screen_size: Size) -> None:
        """Paint, into the row cache, the rows the view will show once the terminal is
        ``screen_size`` (from ``old_screen_size``), with the layout :meth:`prepare_width`
        made or kept: in Textual's wait after a resize, so the frame at the new size finds
        them painted. A width seen before costs only this, and often not even this (its
        rows are still cached). Rows painted for a guess that turns out wrong (a scrollbar
        coming or going) are only cache entries nobody asks for.
        """
        layout, painter = self.text_layout, self._painter
        if self.article is None or layout is None or painter is None or not self.is_attached:
            return
        width = screen_size.width - (old_screen_size.width - self._view_width)
        height = screen_size.height - (old_screen_size.height - self.visible_height)
        room = screen_size.width - (old_screen_size.width - self._wrap_room)
        if width <= 0 or height <= 0 or room <= 0:
            return
        wrap = max(MIN_WIDTH, self.wrap_width_for(room))
        if wrap == layout.width:
            first = self.first_line  # no new layout: the view stays on the same line
        else:
            new = self._layouts.get(wrap)
            if new is None:
                return
            # Where _relayout will put the view: the line holding the top offset.
            top = self._pending_top if self._pending_top is not None else self.top_offset
            layout, first = new, new.line_at(top) if top else 0
            painter = LinePainter(layout, self._spans, self._component_style)
            first = max(0, min(first, len(layout.lines) - height))  # scrolling is clamped
        # The painting methods read the view's layout, painter and margin: lend them the
        # new ones for this synchronous moment, and give the old ones back whatever happens.
        kept = self.text_layout, self._painter, self._page_left
        self.text_layout, self._painter = layout, painter
        try:
            base = self._base_style()
            for index in range(first, min(len(layout.lines), first + height)):
                self._line_strip(index, width, base)
        finally:
            self.text_layout, self._painter, self._page_left = kept

    # -- figures --------------------------------------------------------------------------

    def _new_figures(self, article: Article) -> Figures | None:
        """The article's pictures, when images are on and it has any."""
        blocks = figure_blocks(article) if self._images_on and can_draw() else []
        if not blocks:
            return None
        srcs = {i: article.blocks[i].src or "" for i in blocks}
        return Figures(srcs, on_ready=self._figure_ready, on_failed=self._figure_failed)

    def _figure_strip(self, index: int, width: int, base: Style) -> Strip:
        """A row kept for a figure: its slice of the picture once here, blank till then.
        Asking for it is what fetches it: a picture is fetched when first drawn."""
        assert self.text_layout is not None
        line = self.text_layout.lines[index]
        figures = self.figures
        strip = None
        if figures is not None:
            if figures.wanted(line.block):
                self.run_worker(figures.load(line.block), group="figures")
            layout_width = self.text_layout.width
            strip = figures.row(line.block, line.level, layout_width,
                                figure_rows(layout_width), self.app.console, base)
        margin = Segment(" " * self._page_left, base)
        if strip is None:
            return Strip([margin], self._page_left).adjust_cell_length(width, base)
        return Strip([margin, *strip], self._page_left + strip.cell_length).adjust_cell_length(
            width, base)

    def _figure_ready(self) -> None:
        self.refresh()

    def _figure_failed(self, block: int, reason: str) -> None:
        """A picture that cannot be had: lay the page out again without its rows, the view
        kept on the same text; ``[image: alt]`` is what remains."""
        self.log.warning(f"figure {block}: {reason}")
        if self.article is None or self.text_layout is None:
            return
        self._pending_top = self.top_offset
        self._layouts.clear()
        self._cache.clear()
        self.text_layout = None
        self._relayout()

    def _update_virtual_size(self) -> None:
        assert self.text_layout is not None
        # Only code and tables can be wider than the view; otherwise no horizontal scrollbar.
        width = self._page_left + self.text_layout.max_width
        self.virtual_size = Size(width, len(self.text_layout.lines))

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size,
                      layout: bool = True) -> bool:
        """Textual sets the new size here, just before it paints the frame at that size:
        re-wrap now (a layout only counts lines: see Layout), so that this very frame shows
        the text at its new width, not the old lines re-centred and then a second frame."""
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        if changed and self.article is not None:
            self._relayout()
            if self.position_listener is not None:
                self.position_listener(self.position())
        return changed

    def on_resize(self, event: events.Resize) -> None:
        """A new width may need a new wrap (done already, as a rule, by _size_updated).

        Painted rows stay cached: their keys hold the width and the page margin, and a new
        layout clears them. Clearing here would paint every row a second time, in the frame
        after the one that showed the new size.
        """
        self._relayout()
        self._post_position()

    def watch_show_horizontal_scrollbar(self) -> None:
        """A scrollbar coming or going changes how many lines fit (no Resize is sent)."""
        self.call_after_refresh(self._post_position)

    def watch_show_vertical_scrollbar(self) -> None:
        """Likewise for the width (the text is re-centred as it is painted)."""
        self.call_after_refresh(self._post_position)

    def notify_style_update(self) -> None:
        """A theme or CSS change: painted lines are stale."""
        super().notify_style_update()
        self._cache.clear()
        self._styles.clear()
        if self._painter is not None:
            self._painter.forget_styles()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Scrolling repaints (ScrollView) and tells the screen the new position."""
        super().watch_scroll_y(old_value, new_value)
        self._post_position()
        self.prefetch_soon()

    def position(self) -> PositionChanged:
        """Where the view is now (the same facts :class:`PositionChanged` carries)."""
        layout = self.text_layout
        total = len(layout.lines) if layout is not None else 0
        return _position_of(self.first_line, self.visible_height, total, self.scroll_y,
                            self.max_scroll_y, self.top_offset)

    def expected_position(self, screen: Size) -> PositionChanged | None:
        """Where the view will be once a screen of ``screen`` size lays it out, guessed
        before its first layout (None after it, or with no article).

        The status line's position part is as wide as its text: told a guess of the right
        length before the first layout, it is laid out wide enough, and the first frame
        shows the true position (see :attr:`position_listener`) instead of the frame after.
        The guess takes the whole screen's width and all but a few rows of its height; the
        layout made for it is kept, so the first layout at that width only picks it up.
        """
        article = self.article
        if article is None or self.size.width:
            return None
        room = screen.width - self.styles.gutter.width - self._scrollbar_columns
        if room <= 0:
            return None
        wrap = max(MIN_WIDTH, self.wrap_width_for(room))
        layout = self._layouts.get(wrap)
        if layout is None:
            layout = self._layouts[wrap] = _layout_without_gc(
                article, wrap, first=not self._layouts,
                figures=self.figures.blocks if self.figures else (),
            )
        total = len(layout.lines)
        height = max(1, screen.height - EXPECTED_CHROME_ROWS)
        top = self._pending_top or 0
        first = min(layout.line_at(top) if top else 0, max(0, total - height))
        return _position_of(first, height, total, first, total - height, top)

    def _post_position(self) -> None:
        position = self.position()
        key = (position.first_line, position.last_line, position.total, position.percent)
        if key != self._last_position:
            self._last_position = key
            self.post_message(position)

    # -- mouse ----------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        """A click on a link follows it; a click elsewhere reports the offset.

        Textual sends a Click after any press and release on the view, a drag too; a drag
        is a selection, not a click.
        """
        if self._press is not None and self._press[0] != event.screen_offset:
            return
        point = event.get_content_offset(self)
        if point is None:
            return
        offset = self.offset_at(point)
        if offset is None:
            return
        link = self.link_at(offset)
        if link is not None and self._on_text(point, offset):
            self.post_message(LinkClicked(link))
        else:
            self.post_message(TextClicked(offset, event.chain))

    def _on_text(self, point: Offset, offset: int) -> bool:
        """Whether the click landed on the character at ``offset`` (not right of a line)."""
        drawn = self.point_of(offset)
        return drawn is not None and drawn.y == point.y and abs(drawn.x - point.x) <= 1
