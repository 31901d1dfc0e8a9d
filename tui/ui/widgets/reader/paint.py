"""Painting the reader view's rows: the Line API's ``render_line``, its cache, and painting
the pages either side of the view ahead of time.

A painted row is cached by what changes its look (the line, the decorations over it, the
horizontal scroll for code and tables, the width and the page margin), so scrolling back,
or moving the cursor, repaints only the rows whose decorations changed. Once the view has
been still for a moment, the page below and the page above are painted into the cache a few
rows at a time, so a page down shows rows already painted instead of painting them while
the reader waits.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.timer import Timer

from tui.core.reader import Decorative
from tui.ui.widgets.decorations import Decoration
from tui.ui.widgets.reader.base import ReaderViewBase
from tui.ui.widgets.reader.selection import offset_meta

GUTTER = 2  # cells left of the text for marks (highlights, the current match)
PREFETCH_DELAY = 0.05  # seconds the view stays still before the pages around it are painted
BASE_STYLE = "\0base"  # the key of the view's own style among the component styles
PREFETCH_ROWS = 8  # rows painted ahead per turn of the event loop: a key never waits long


class PaintedLines(ReaderViewBase):
    """Painting methods of :class:`~tui.ui.widgets.reader.view.ReaderView`."""

    _prefetch_timer: Timer | None = None
    _prefetch_turn = 0  # bumped by every new request: a stale run of prefetching stops

    def _component_style(self, name: str) -> Style:
        """The attributes a component sets, with translucent colours already blended.

        A partial style layers (a match over a link keeps the link's underline), but
        Textual leaves its colours unblended (``$warning 40%`` would paint at full
        strength), so colours come from the full style.
        """
        style = self._styles.get(name)
        if style is None:
            partial = self.get_component_rich_style(name, partial=True)
            full = self.get_component_rich_style(name)
            style = partial + Style(
                color=full.color if partial.color is not None else None,
                bgcolor=full.bgcolor if partial.bgcolor is not None else None,
            )
            self._styles[name] = style
        return style

    def _base_style(self) -> Style:
        """The view's own style (:attr:`rich_style`), worked out once per style change.

        Textual computes ``rich_style`` afresh from every ancestor's styles at each call
        (about 0.1 ms), and a new layout paints every row shown: kept here, it is cleared
        with the painted rows that hold it (``notify_style_update``).
        """
        style = self._styles.get(BASE_STYLE)
        if style is None:
            style = self._styles[BASE_STYLE] = self.rich_style
        return style

    def _ink(self, mark: Decoration) -> Style:
        """A gutter mark's style: its gutter component's colour, else the colour (the
        background, for a highlight) of its decoration's component."""
        key = f"ink:{mark.gutter_component or mark.component}"
        ink = self._styles.get(key)
        if ink is None:
            if mark.gutter_component:
                ink = Style(color=self._component_style(mark.gutter_component).color, bold=True)
            else:
                style = self._component_style(mark.component)
                ink = Style(color=style.bgcolor or style.color, bold=True)
            self._styles[key] = ink
        return ink

    def render_line(self, y: int) -> Strip:
        """Paint the view's row ``y``."""
        width = self._view_width
        layout = self.text_layout
        if layout is None or self._painter is None:
            return self._message_line(y, width, self._base_style())
        index = self.first_line + y
        if index >= len(layout.lines):
            # Below the article: a drag that ends here selects to the end.
            end = offset_meta(len(layout.text), len(layout.lines) - 1)
            return Strip.blank(width, self._base_style() + end)
        return self._line_strip(index, width)

    def _line_strip(self, index: int, width: int, base: Style | None = None) -> Strip:
        """Line ``index`` painted for a view ``width`` cells wide, from the cache if it can;
        painted over ``base`` (by default the view's style, worked out only if it paints:
        Textual computes it afresh from every ancestor's styles at each call)."""
        assert self.text_layout is not None
        layout = self.text_layout
        # A scrollbar appearing narrows the view without a resize: re-centre on the fly.
        self._page_left = max(GUTTER, (width - layout.width) // 2)
        line = layout.lines[index]
        if line.kind is Decorative.FIGURE:
            return self._figure_strip(index, width, self._base_style() if base is None else base)
        last = index == len(layout.lines) - 1
        decorations = self.decorations.touching(line.start, line.end, at_end=last)
        scroll_x = round(self.scroll_x) if line.scrolls else 0
        key = (layout.width, index, decorations, scroll_x, width, self._page_left)
        strip = self._cache.get(key)
        if strip is None:
            base = self._base_style() if base is None else base
            strip = self._paint(index, decorations, scroll_x, width, base)
            self._cache[key] = strip
        return strip

    def _paint(
        self,
        index: int,
        decorations: tuple[Decoration, ...],
        scroll_x: int,
        width: int,
        base: Style,
    ) -> Strip:
        assert self._painter is not None and self.text_layout is not None
        fill = self.text_layout.width  # lines are filled to the width they were wrapped at
        page, starts = self._painter.paint_with_starts(index, decorations, fill)
        room = max(0, width - self._page_left)
        if scroll_x or page.cell_length > room:
            page = page.crop(scroll_x, scroll_x + room)
            starts = None  # the crop may have cut a segment: they no longer say
        mark = next((d for d in reversed(decorations) if d.gutter), None)
        if mark is not None:
            ink, glyph = self._ink(mark), mark.gutter[:1]
        else:
            ink, glyph = self._component_style("reader--gutter"), " "
        # Left of the text, a drag selects from the start of the line (see with_offsets).
        # The base style goes on each segment as it is made: one pass less over them.
        line_start = self.text_layout.lines[index].start if self.text_layout else 0
        margin = base + offset_meta(line_start - self._page_left, index)
        segments = [
            Segment(" " * (self._page_left - GUTTER), margin),
            Segment(glyph, margin + ink),
            Segment(" " * (GUTTER - 1), margin),
            *self.with_offsets(index, page, scroll_x, base, starts),
        ]
        length = self._page_left + page.cell_length
        if length < width:  # what Strip.adjust_cell_length does, without a Strip between
            segments.append(Segment(" " * (width - length), base))
            return Strip(segments, width)
        return Strip(segments, length).adjust_cell_length(width, base)

    def _message_line(self, y: int, width: int, base: Style) -> Strip:
        """The empty-state message, centred a third of the way down."""
        lines = self._message.splitlines()
        row = y - self.visible_height // 3
        if not 0 <= row < len(lines):
            return Strip.blank(width, base)
        text = lines[row][:width]
        left = max(0, (width - len(text)) // 2)
        style = base + self._component_style("reader--message")
        strip = Strip([Segment(" " * left, base), Segment(text, style)])
        return strip.adjust_cell_length(width, base)

    # -- painting ahead -------------------------------------------------------------------

    def prefetch_soon(self) -> None:
        """Paint the pages below and above the view once it has been still a moment (each
        new call, a scroll or new decorations, puts that moment off again)."""
        self._prefetch_turn += 1
        if self._prefetch_timer is not None:
            self._prefetch_timer.stop()
        self._prefetch_timer = self.set_timer(PREFETCH_DELAY, self._prefetch)

    def _prefetch(self) -> None:
        """Start painting ahead: the next page first (reading goes down), then the last."""
        self._prefetch_timer = None
        layout = self.text_layout
        if layout is None or self._painter is None:
            return
        first, height = self.first_line, self.visible_height
        below = range(first + height, min(len(layout.lines), first + 2 * height))
        above = range(first - 1, max(0, first - height) - 1, -1)
        self._prefetch_rows([*below, *above], self._prefetch_turn)

    def _prefetch_rows(self, rows: list[int], turn: int) -> None:
        """Paint a few of ``rows`` now and leave the rest to the next turn of the loop,
        unless a newer request (or a new layout) has made them stale."""
        if turn != self._prefetch_turn or self.text_layout is None or self._painter is None:
            return
        width, base = self._view_width, self._base_style()
        lines = len(self.text_layout.lines)
        for index in rows[:PREFETCH_ROWS]:
            if index < lines:
                self._line_strip(index, width, base)
        if len(rows) > PREFETCH_ROWS:
            self.call_later(self._prefetch_rows, rows[PREFETCH_ROWS:], turn)
