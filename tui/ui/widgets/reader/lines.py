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

from tui.core.model import Article, BlockKind, SpanKind
from tui.core.reader import Decorative, Layout, Line
from tui.core.text import cells, char_at_cells
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
    BlockKind.QUOTE: "reader--quote",
    BlockKind.PRE: "reader--pre",
    BlockKind.IMAGE: "reader--image",
    BlockKind.CAPTION: "reader--caption",
    BlockKind.TABLE: "reader--table",
    Decorative.RULE: "reader--rule",
}
PREFIX_COMPONENT = {
    BlockKind.QUOTE: "reader--quote-bar",
    Decorative.BLANK: "reader--quote-bar",
    BlockKind.LIST_ITEM: "reader--bullet",
    BlockKind.IMAGE: "reader--image",
    BlockKind.PRE: "reader--pre",
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
    if line.kind is BlockKind.HEADING:
        return f"reader--heading-{min(3, max(1, line.level))}"
    if line.kind is BlockKind.TABLE and line.header:
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
        # (text component, component names) -> their styles added up: a screen of
        # highlights repeats a handful of combinations, so each is built once, not per piece.
        self._combined: dict[tuple[str, tuple[str, ...]], Style] = {}

    def forget_styles(self) -> None:
        """Drop the combined styles (a theme or CSS change restyled the components)."""
        self._combined.clear()

    def _style(self, name: str) -> Style:
        return self.style_of(name) if name else Style.null()

    def paint(self, index: int, decorations: Sequence[Decoration], fill: int) -> Strip:
        """The line at ``index`` from page column 0, padded to at least ``fill`` cells."""
        return self.paint_with_starts(index, decorations, fill)[0]

    def paint_with_starts(
        self, index: int, decorations: Sequence[Decoration], fill: int
    ) -> tuple[Strip, list[int | None] | None]:
        """:meth:`paint`, and where it can vouch for them, the canonical offset each segment
        starts at (None: not text): given when the line has at most one fragment, whose
        characters take one cell each, and nothing was drawn over it (the prefix is
        measured by core's rule, which is Rich's). Selection meta then needs no second
        walk through the columns."""
        line = self.layout.lines[index]
        text_name = text_component(line)
        text_style = self._style(text_name)
        text = self.layout.text
        simple = len(line.fragments) < 2 and not (line.fragments and line.ornaments)
        # (column, cells, segments, their starts): the cells are known from the layout.
        items: list[tuple[int, int, list[Segment], Sequence[int | None]]] = []
        if line.prefix:
            prefix_name = PREFIX_COMPONENT.get(line.kind, "")
            prefix = [Segment(line.prefix, self._style(prefix_name))]
            items.append((0, cells(line.prefix), prefix, [None]))
        ranges = self._ranges(line, decorations)
        for frag in line.fragments:
            chars = text[frag.start : frag.end]
            simple = simple and chars.isascii() and chars.isprintable() and bool(chars)
            pieces, starts = self._fragment(frag.start, frag.end, text_name, text_style, ranges)
            items.append((frag.col, cells(chars), pieces, starts))
        ornament_style = self._style("reader--table-rule" if line.kind is BlockKind.TABLE else "")
        for col, glyphs in line.ornaments:
            style = text_style if line.kind is Decorative.RULE else ornament_style
            items.append((col, cells(glyphs), [Segment(glyphs, style)], [None]))
        if line.suffix and line.fragments:
            last = line.fragments[-1]
            col = last.col + cells(text[last.start : last.end])
            suffix = [Segment(line.suffix, self._style(PREFIX_COMPONENT[line.kind]))]
            items.append((col, cells(line.suffix), suffix, [None]))
        segments: list[Segment] = []
        offsets: list[int | None] = []
        x = 0
        pad_style = text_style if line.kind is BlockKind.PRE else Style.null()
        for col, width, pieces, starts in sorted(items, key=lambda item: item[0]):
            if col > x:
                segments.append(Segment(" " * (col - x), pad_style))
                offsets.append(None)
                x = col
            segments += pieces
            offsets += starts
            x += width
        if x < fill and line.kind is BlockKind.PRE:
            segments.append(Segment(" " * (fill - x), pad_style))
            offsets.append(None)
            x = fill
        strip = Strip(segments, x)
        painted = self._overlays(index, strip, decorations)
        return painted, offsets if simple and painted is strip else None

    def _ranges(self, line: Line, decorations: Sequence[Decoration]) -> list[StyledRange]:
        """Spans then decorations over this line, in painting order (later wins)."""
        ranges: list[StyledRange] = []
        if line.fragments and 0 <= line.block < len(self.spans):
            ranges = [r for r in self.spans[line.block] if r[0] < line.end and r[1] > line.start]
        ranges += [(d.start, d.end, d.component) for d in decorations if d.end > d.start]
        return ranges

    def _fragment(
        self, start: int, end: int, text_name: str, base: Style, ranges: Sequence[StyledRange]
    ) -> tuple[list[Segment], list[int]]:
        """``text[start:end]`` (whose own style is ``base``, of ``text_name``) split where
        styles change, and where each piece starts."""
        text = self.layout.text
        inside = [r for r in ranges if r[0] < end and r[1] > start]
        if not inside:
            return [Segment(text[start:end], base)], [start]
        if len(inside) > 1:  # inside is in painting order; the sweep wants them by start
            ordered = sorted(inside)
            if all(r[1] <= n[0] for r, n in itertools.pairwise(ordered)):
                return self._apart(start, end, text_name, base, ordered)
        else:
            return self._apart(start, end, text_name, base, inside)
        cuts = {start, end}
        for a, b, _ in inside:
            if a > start:
                cuts.add(a)
            if b < end:
                cuts.add(b)
        bounds = sorted(cuts)
        bounds.pop()
        combined = self._combined
        out = []
        for a, b in itertools.pairwise([*bounds, end]):
            names = tuple([name for r_start, r_end, name in inside if r_start <= a < r_end])
            style = combined.get((text_name, names)) if names else base
            if style is None:
                style = self._combine(text_name, base, names)
            out.append(Segment(text[a:b], style))
        return out, bounds

    def _apart(
        self, start: int, end: int, text_name: str, base: Style, inside: list[StyledRange]
    ) -> tuple[list[Segment], list[int]]:
        """:meth:`_fragment` when no two ranges overlap (one-word highlights, say): each
        piece is under one range or none, so no piece needs the ranges searched."""
        text = self.layout.text
        combined = self._combined
        out = []
        starts = []
        at = start
        for r_start, r_end, name in inside:
            a = max(r_start, start)
            b = min(r_end, end)
            if a > at:
                out.append(Segment(text[at:a], base))
                starts.append(at)
            if a < b:  # an empty span only cuts the text where it is
                style = combined.get((text_name, (name,)))
                if style is None:
                    style = self._combine(text_name, base, (name,))
                out.append(Segment(text[a:b], style))
                starts.append(a)
            at = b
        if at < end:
            out.append(Segment(text[at:end], base))
            starts.append(at)
        return out, starts

    def _combine(self, text_name: str, base: Style, names: tuple[str, ...]) -> Style:
        """``base`` with each of ``names``' styles added in turn (later wins), kept."""
        style = base
        for name in names:
            style = style + self._style(name)
        self._combined[text_name, names] = style
        return style

    def _overlays(self, index: int, strip: Strip, decorations: Sequence[Decoration]) -> Strip:
        """Point decorations (one cell, e.g. a cursor) on top; labels (link hints) put in
        before their text, which moves aside rather than being hidden (``[10]Jeph``, never
        ``10ph``, and never half a wide character)."""
        labels: list[tuple[int, Decoration]] = []
        for d in decorations:
            if d.start == d.end or d.label:
                at, col = self.layout.point_at(d.start)
                if at != index:
                    continue
                if d.label:
                    labels.append((col, d))
                    continue
                # A point covers the whole character there: both cells of a wide one
                # (one cell of it would crop the character to a space).
                width = char_at_cells(self.layout.text, d.start)
                strip = overlay(strip, col, None, self._style(d.component), width)
        # From the right, so that putting one in does not move the places of the others.
        for col, d in sorted(labels, key=lambda item: item[0], reverse=True):
            strip = insert(strip, col, d.label, self._style(d.component))
        return strip


def insert(strip: Strip, col: int, text: str, style: Style) -> Strip:
    """``strip`` with ``text`` in ``style`` put in at cell ``col``, what follows moved right."""
    if strip.cell_length < col:
        strip = strip.extend_cell_length(col)
    before = strip.crop(0, col)
    after = strip.crop(col, strip.cell_length)
    base = next(iter(after), Segment(" ")).style or Style.null()
    return Strip.join([before, Strip([Segment(text, base + style)], cells(text)), after])


def overlay(
    strip: Strip, col: int, text: str | None, style: Style, cover: int = 1
) -> Strip:
    """``strip`` with ``text`` (or, if None, the ``cover`` cells already there) drawn at
    ``col`` in ``style``, laid over what is underneath."""
    width = cells(text) if text is not None else cover
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
