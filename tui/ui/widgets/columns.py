"""Fitting a list's columns to its width: each shrinks to its least, then the least
important hide, so the column that matters keeps a readable width at 80 columns.

The library and the notebook describe their columns once (:class:`Column`) and ask
:func:`fit_columns` for the widths at the list's width; a hidden column's value is still
shown in the screen's detail panel for the row under the cursor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

GAP = 2  # cells between two columns


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its heading, its least and its most width, how much it matters.

    ``priority`` 0 is never hidden; larger numbers hide first when the width runs out.
    ``most`` None: the column takes whatever is left (the title, the quote).
    """

    name: str
    least: int
    most: int | None = None
    priority: int = 0
    right: bool = False


def fit_columns(columns: Sequence[Column], width: int) -> dict[str, int]:
    """Widths (by column name) of the columns shown at ``width``, in their order.

    Columns that do not fit at their least width hide, least important first; the room left
    goes to the fixed-range columns (most important first, up to their most), then to the
    open-ended ones.
    """
    shown = list(columns)

    def need(cols: Sequence[Column]) -> int:
        return sum(c.least for c in cols) + GAP * max(0, len(cols) - 1)

    while len(shown) > 1 and need(shown) > width:
        shown.remove(max(shown, key=lambda c: c.priority))
    widths = {c.name: c.least for c in shown}
    room = max(0, width - need(shown))
    for column in sorted(shown, key=lambda c: c.priority):
        if column.most is not None and room:
            grow = min(room, column.most - column.least)
            widths[column.name] += grow
            room -= grow
    open_ended = [c for c in shown if c.most is None]
    for i, column in enumerate(open_ended):
        share = room // (len(open_ended) - i)
        widths[column.name] += share
        room -= share
    if open_ended:
        return widths
    if shown:  # nothing open-ended: the last column takes the rest, the row stays full
        widths[shown[-1].name] += room
    return widths
