"""Decorations: styles the reader paints over ranges of the canonical text.

Search matches, the focused link, link hints, and later highlights, the selection and the
cursor are all decorations: a range, the component class that styles it, and optionally a
gutter mark or a label drawn over its first cells. They live in named layers painted in a
fixed order, so a selection shows over a highlight and the cursor over both.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# Painting order, bottom first. Layers not named here are painted after these, in the
# order they were first set.
LAYER_ORDER = ("highlight", "match", "current-match", "link-focus", "selection", "cursor", "hint")


@dataclass(frozen=True, slots=True)
class Decoration:
    """Style ``text[start:end]`` with COMPONENT_CLASSES entry ``component``.

    ``start == end`` paints the one cell at that point (a cursor). ``gutter`` is a mark
    shown left of every line the decoration touches, in the colour of ``gutter_component``
    (default: the background of ``component``); ``label`` is drawn over its first cells (a
    link hint).
    """

    start: int
    end: int
    component: str
    gutter: str = ""
    label: str = ""
    gutter_component: str = ""
    _hash: int = field(default=0, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Painted lines are cached by the decorations over them: hashed on every repaint.
        fields = (self.start, self.end, self.component, self.gutter, self.label)
        object.__setattr__(self, "_hash", hash((*fields, self.gutter_component)))

    def __hash__(self) -> int:
        return self._hash


class _Layer:
    """One layer's decorations sorted by start, with what a range query needs."""

    __slots__ = ("decorations", "longest", "starts")

    def __init__(self, decorations: Iterable[Decoration]) -> None:
        self.decorations = sorted(decorations, key=lambda d: (d.start, d.end))
        self.starts = [d.start for d in self.decorations]
        self.longest = max((d.end - d.start for d in self.decorations), default=0)

    def touching(self, start: int, end: int, *, at_end: bool) -> list[Decoration]:
        """Decorations overlapping ``[start, end)``; with ``at_end``, also points at ``end``."""
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_right(self.starts, end)
        out = []
        for d in self.decorations[lo:hi]:
            if d.start == d.end:
                if start <= d.start < end or (at_end and d.start == end):
                    out.append(d)
            elif d.start < end and d.end > start:
                out.append(d)
        return out


class DecorationLayers:
    """Named layers of decorations with range queries in painting order."""

    def __init__(self) -> None:
        self._layers: dict[str, _Layer] = {}
        self._order: list[str] = list(LAYER_ORDER)

    def set(self, layer: str, decorations: Sequence[Decoration]) -> None:
        """Replace everything in ``layer``."""
        if layer not in self._order:
            self._order.append(layer)
        if decorations:
            self._layers[layer] = _Layer(decorations)
        else:
            self._layers.pop(layer, None)

    def clear(self, layer: str | None = None) -> None:
        """Empty one layer, or all of them."""
        if layer is None:
            self._layers.clear()
        else:
            self._layers.pop(layer, None)

    def get(self, layer: str) -> list[Decoration]:
        """The decorations of ``layer``, sorted by start."""
        found = self._layers.get(layer)
        return list(found.decorations) if found else []

    def touching(self, start: int, end: int, *, at_end: bool = False) -> tuple[Decoration, ...]:
        """Every decoration overlapping ``[start, end)``, bottom layer first."""
        if not self._layers:
            return ()
        out: list[Decoration] = []
        for name in self._order:
            layer = self._layers.get(name)
            if layer is not None:
                out += layer.touching(start, end, at_end=at_end)
        return tuple(out)
