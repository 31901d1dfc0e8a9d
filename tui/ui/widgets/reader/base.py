"""What the reader view's parts share: the view's state, and what one part asks of another.

The reader view is put together from parts: painting rows (:mod:`.paint`), Textual's mouse
selection in canonical offsets (:mod:`.selection`) and the view itself (:mod:`.view`:
content, geometry, scrolling). The painting and selection parts are written against this
base, not against the finished view, so that they do not import the view that imports them.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Offset
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.model import Article
from tui.core.reader import Layout
from tui.ui.widgets.decorations import DecorationLayers
from tui.ui.widgets.reader.lines import LinePainter


class ReaderViewBase(ScrollView):
    """The reader view's state (set in :class:`~tui.ui.widgets.reader.view.ReaderView`)
    and the methods its parts call across."""

    article: Article | None  # the article shown (None: a message instead)
    text_layout: Layout | None  # its lines at the current width
    decorations: DecorationLayers  # search matches, links, the cursor, highlights...
    _painter: LinePainter | None  # paints a line of text_layout with decorations
    _cache: LRUCache[tuple, Strip]  # painted rows, by what changes their look
    _styles: dict[str, Style]  # component styles, blended (see PaintedLines)
    _message: str  # shown when there is no article
    _page_left: int  # column where the text column starts

    # -- made by the view ----------------------------------------------------------------

    @property
    def first_line(self) -> int:
        """Index of the line at the top of the view."""
        raise NotImplementedError

    @property
    def visible_height(self) -> int:
        """Lines the view shows at once."""
        raise NotImplementedError

    @property
    def _view_width(self) -> int:
        """The width rows are painted at."""
        raise NotImplementedError

    def wrap_width_for(self, view_width: int) -> int:
        """The width text is wrapped at in a view ``view_width`` cells wide."""
        raise NotImplementedError

    def offset_at(self, point: Offset) -> int | None:
        """Canonical offset under a point in the view's content coordinates (None: none)."""
        raise NotImplementedError

    def _figure_strip(self, index: int, width: int, base: Style) -> Strip:
        """Row ``index`` (a row kept for a figure) painted ``width`` cells wide."""
        raise NotImplementedError

    # -- made by the selection part (CanonicalSelection) ---------------------------------

    def with_offsets(
        self,
        index: int,
        page: Strip,
        scroll_x: int,
        base: Style,
        starts: Sequence[int | None] | None = None,
    ) -> list[Segment]:
        """The segments of a painted line, with Textual's selection meta."""
        raise NotImplementedError
