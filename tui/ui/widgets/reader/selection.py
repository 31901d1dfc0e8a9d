"""Textual's mouse selection on the reader view, in canonical offsets.

Dragging, auto-scrolling at the view's edges and Ctrl+C are Textual's; what this adds is the
mapping. Every painted segment carries Textual's ``offset`` meta as ``(canonical offset,
line)``, so the selection Textual computes is already in the coordinate highlights are stored
in (:meth:`CanonicalSelection.selection_span` clamps it to the lines), and it is reported up
as :class:`~tui.ui.messages.MouseSelection`. The view paints no selection of its own: the
screen draws it as a decoration, the same one keyboard selection uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Offset
from textual.selection import Selection
from textual.strip import Strip

from tui.core.reader import text_end
from tui.core.text import cells
from tui.ui.messages import MouseSelection
from tui.ui.widgets.reader.base import ReaderViewBase

MAX_BASED = 1024  # styles kept over one base; more means a theme churned through many


@lru_cache(maxsize=8192)
def offset_meta(offset: int, line: int) -> Style:
    """The style that tells Textual's selection where a segment starts (cached: a screen
    asks for the same few hundred again at every repaint)."""
    return Style.from_meta({"offset": (offset, line)})


class CanonicalSelection(ReaderViewBase):
    """Selection methods of :class:`~tui.ui.widgets.reader.view.ReaderView`."""

    _press: tuple[Offset, int | None] | None = None  # where a mouse button went down
    _based: tuple[Style, dict[Style | None, Style]] | None = None  # see _over

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Remember where a press began: a drag is not a click, and its direction counts."""
        point = event.get_content_offset(self)
        self._press = (event.screen_offset, self.offset_at(point) if point else None)

    def with_offsets(
        self,
        index: int,
        page: Strip,
        scroll_x: int,
        base: Style,
        starts: Sequence[int | None] | None = None,
    ) -> list[Segment]:
        """The segments of ``page`` (line ``index`` from page column ``scroll_x``) over
        ``base``, with Textual's selection meta: ``offset = (canonical offset, line)``.

        Textual finds the offset under the pointer as the segment's ``x`` plus the characters
        before the pointer in it. Text segments therefore carry their first character's
        offset; cells left of the text carry an offset so low, and cells right of it one so
        high, that :meth:`selection_span` clamps them to the line's start and end; glyphs
        between fragments (table rules) are split into cells that each carry their own.
        Painting is what this costs: it is done once per painted line, cached with it.

        ``starts``, when the painter could give them (see
        :meth:`~tui.ui.widgets.reader.lines.LinePainter.paint_with_starts`), are the offsets
        the text segments start at, which saves walking the columns.
        """
        layout = self.text_layout
        assert layout is not None
        line = layout.lines[index]
        if starts is not None and not scroll_x:
            return self._with_starts(index, page, base, starts)
        text = layout.text
        bounds = [(f.col, f.col + cells(text[f.start : f.end])) for f in line.fragments]
        end = text_end(line)
        out: list[Segment] = []
        col = scroll_x
        inside = 0  # the fragment the column is in, or the next one
        at: int | None = None  # the offset at `col` while in a fragment
        over = self._over(base)
        for segment in page:
            chars, style, _ = segment
            if style not in over:
                over[style] = base + style
            style = over[style]
            while inside < len(bounds) and col >= bounds[inside][1]:
                inside += 1
                at = None
            if inside < len(bounds) and col >= bounds[inside][0]:
                if at is None:  # entering a fragment (or scrolled into one)
                    at = layout.offset_at(index, col)
                out.append(Segment(chars, style + offset_meta(at, index)))
                at += len(chars)
            elif inside == 0 or not bounds:
                out.append(Segment(chars, style + offset_meta(line.start - len(chars), index)))
            elif inside == len(bounds):
                out.append(Segment(chars, style + offset_meta(end, index)))
            else:
                for char in chars:
                    meta = offset_meta(layout.offset_at(index, col), index)
                    out.append(Segment(char, style + meta))
                    col += cells(char)
                continue
            col += segment.cell_length
        return out

    def _with_starts(
        self, index: int, page: Strip, base: Style, starts: Sequence[int | None]
    ) -> list[Segment]:
        """:meth:`with_offsets` for a line of at most one fragment whose segments' starts
        are known: cells before the text clamp to its start, cells after it to its end."""
        assert self.text_layout is not None
        line = self.text_layout.lines[index]
        end = text_end(line)
        over = self._over(base)
        out = []
        seen = False  # whether the text has begun
        for (chars, style, _), start in zip(page, starts, strict=True):
            combined = over.get(style)
            if combined is None:
                combined = over[style] = base + style
            if start is not None:
                seen = True
                at = start
            else:
                at = end if seen else line.start - len(chars)
            out.append(Segment(chars, combined + offset_meta(at, index)))
        return out

    def _over(self, base: Style) -> dict[Style | None, Style]:
        """``base + style`` for the styles lines are painted in, kept from line to line (a
        screen repeats a few dozen) until the base changes."""
        kept = self._based
        if kept is None or kept[0] != base or len(kept[1]) > MAX_BASED:
            kept = self._based = (base, {None: base})
        over = kept[1]
        return over

    def selection_span(self, selection: Selection) -> tuple[int, int] | None:
        """The canonical ``(start, end)`` of a Textual selection of this view (None: empty).

        An open end (the pointer left the view, or a select-all) stops at the edge of what
        is on screen: what the user sees selected is what is selected.
        """
        layout = self.text_layout
        if layout is None or not layout.lines:
            return None
        lines = layout.lines
        top = min(self.first_line, len(lines) - 1)
        bottom = min(len(lines), top + self.visible_height) - 1

        def canonical(point: Offset | None, default: int) -> int:
            if point is None:
                return default
            line = lines[max(0, min(point.y, len(lines) - 1))]
            start = line.fragments[0].start if line.fragments else line.start
            return max(start, min(point.x, text_end(line)))

        start = canonical(selection.start, lines[top].start)
        end = canonical(selection.end, text_end(lines[bottom]))
        start, end = min(start, end), max(start, end)
        return (start, end) if end > start else None

    def selection_updated(self, selection: Selection | None) -> None:
        """Textual's selection changed: report a non-empty one in canonical offsets."""
        if selection is None:
            return
        span = self.selection_span(selection)
        if span is None:
            return
        pressed = self._press[1] if self._press is not None else None
        backward = pressed is not None and pressed > span[0]
        self.post_message(MouseSelection(*span, backward=backward))

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The canonical text under a selection (what Ctrl+C copies)."""
        span = self.selection_span(selection)
        if span is None or self.article is None:
            return None
        return self.article.text[span[0] : span[1]], "\n"

    def text_select_all(self) -> None:
        """A double-click selects a word, not the article (the screen does it)."""
