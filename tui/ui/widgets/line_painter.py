"""Paint one laid-out line as Rich segments: roles, inline spans, then decorations.

Article text only ever becomes ``Segment(text, style)``: it is never parsed as markup, so
``[bold]`` in a page shows as the characters ``[bold]``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui.core.article import Article, SpanKind
from tui.core.layout import Layout, Line, LineKind, cells
from tui.ui.widgets.decorations import Decoration

StyleOf = Callable[[str], Style]
# A style over canonical text[start:end]: (start, end, component class).
StyledRange = tuple[int, int, str]

SPAN_COMPONENT = {
    SpanKind.EMPHASIS: "reader--emphasis",
    SpanKind.STRONG: "reader--strong",
    SpanKind.CODE: "reader--code",
    SpanKind.LINK: "reader--link",
}
TEXT_COMPONENT = {
    LineKind.QUOTE: "reader--quote",
    LineKind.PRE: "reader--pre",
    LineKind.IMAGE: "reader--image",
    LineKind.CAPTION: "reader--caption",
    LineKind.TABLE: "reader--table",
    LineKind.RULE: "reader--rule",
}
PREFIX_COMPONENT = {
    LineKind.QUOTE: "reader--quote-bar",
    LineKind.BLANK: "reader--quote-bar",
    LineKind.LIST_ITEM: "reader--bullet",
    LineKind.IMAGE: "reader--image",
    LineKind.PRE: "reader--pre",
}


def block_styles(article: Article) -> list[list[StyledRange]]:
    """Each block's inline spans as canonical ranges with their component class."""
    out = []
    for index, block in enumerate(article.blocks):
        base = article.offsets[index]
        out.append([(base + s.start, base + s.end, SPAN_COMPONENT[s.kind]) for s in block.spans])
    return out


def text_component(line: Line) -> str:
    """The component class of a line's text, from its kind (and heading level)."""
    if line.kind is LineKind.HEADING:
        return f"reader--heading-{min(3, max(1, line.level))}"
    if line.kind is LineKind.TABLE and line.header:
        return "reader--table-header"
    return TEXT_COMPONENT.get(line.kind, "")


class LinePainter:
    """Turns a Layout's lines into segments, given a way to look up component styles."""

    def __init__(
        self, layout: Layout, spans: Sequence[Sequence[StyledRange]], style_of: StyleOf
    ) -> None:
        self.layout = layout
        self.spans = spans
        self.style_of = style_of

    def _style(self, name: str) -> Style:
        return self.style_of(name) if name else Style.null()

    def paint(self, index: int, decorations: Sequence[Decoration], fill: int) -> Strip:
        """The line at ``index`` from page column 0, padded to at least ``fill`` cells."""
        line = self.layout.lines[index]
        text_style = self._style(text_component(line))
        text = self.layout.text
        # (column, cells, segments): the cells are known from the layout, not re-measured.
        items: list[tuple[int, int, list[Segment]]] = []
        if line.prefix:
            prefix_name = PREFIX_COMPONENT.get(line.kind, "")
            prefix = [Segment(line.prefix, self._style(prefix_name))]
            items.append((0, cells(line.prefix), prefix))
        ranges = self._ranges(line, decorations)
        for frag in line.fragments:
            pieces = self._fragment(frag.start, frag.end, text_style, ranges)
            items.append((frag.col, cells(text[frag.start : frag.end]), pieces))
        ornament_style = self._style("reader--table-rule" if line.kind is LineKind.TABLE else "")
        for col, glyphs in line.ornaments:
            style = text_style if line.kind is LineKind.RULE else ornament_style
            items.append((col, cells(glyphs), [Segment(glyphs, style)]))
        if line.suffix and line.fragments:
            last = line.fragments[-1]
            col = last.col + cells(text[last.start : last.end])
            suffix = [Segment(line.suffix, self._style(PREFIX_COMPONENT[line.kind]))]
            items.append((col, cells(line.suffix), suffix))
        segments: list[Segment] = []
        x = 0
        pad_style = text_style if line.kind is LineKind.PRE else Style.null()
        for col, width, pieces in sorted(items, key=lambda item: item[0]):
            if col > x:
                segments.append(Segment(" " * (col - x), pad_style))
                x = col
            segments += pieces
            x += width
        if x < fill and line.kind is LineKind.PRE:
            segments.append(Segment(" " * (fill - x), pad_style))
            x = fill
        strip = Strip(segments, x)
        return self._overlays(index, strip, decorations)

    def _ranges(self, line: Line, decorations: Sequence[Decoration]) -> list[StyledRange]:
        """Spans then decorations over this line, in painting order (later wins)."""
        ranges: list[StyledRange] = []
        if line.fragments and 0 <= line.block < len(self.spans):
            ranges = [r for r in self.spans[line.block] if r[0] < line.end and r[1] > line.start]
        ranges += [(d.start, d.end, d.component) for d in decorations if d.end > d.start]
        return ranges

    def _fragment(
        self, start: int, end: int, base: Style, ranges: Sequence[StyledRange]
    ) -> list[Segment]:
        """``text[start:end]`` split where styles change."""
        text = self.layout.text
        inside = [r for r in ranges if r[0] < end and r[1] > start]
        if not inside:
            return [Segment(text[start:end], base)]
        cuts = {start, end}
        for a, b, _ in inside:
            cuts.add(max(start, a))
            cuts.add(min(end, b))
        bounds = sorted(cuts)
        out = []
        styles: dict[tuple[str, ...], Style] = {}  # a line repeats few combinations
        for a, b in itertools.pairwise(bounds):
            names = tuple([name for r_start, r_end, name in inside if r_start <= a < r_end])
            style = styles.get(names)
            if style is None:
                style = base
                for name in names:
                    style = style + self._style(name)
                styles[names] = style
            out.append(Segment(text[a:b], style))
        return out

    def _overlays(self, index: int, strip: Strip, decorations: Sequence[Decoration]) -> Strip:
        """Point decorations (one cell, e.g. a cursor) and labels (link hints) on top."""
        for d in decorations:
            if d.start == d.end or d.label:
                at, col = self.layout.point_at(d.start)
                if at == index:
                    strip = overlay(strip, col, d.label or None, self._style(d.component))
        return strip


def overlay(strip: Strip, col: int, text: str | None, style: Style) -> Strip:
    """``strip`` with ``text`` (or, if None, the cell already there) drawn at ``col`` in
    ``style``, laid over what is underneath."""
    width = cells(text) if text is not None else 1
    if strip.cell_length < col + width:
        strip = strip.extend_cell_length(col + width)
    before = strip.crop(0, col)
    under = strip.crop(col, col + width)
    after = strip.crop(col + width, strip.cell_length)
    if text is None:
        middle = Strip([Segment(s.text, (s.style or Style.null()) + style) for s in under], width)
    else:
        base = next(iter(under), Segment(" ")).style or Style.null()
        middle = Strip([Segment(text, base + style)], width)
    return Strip.join([before, middle, after])
