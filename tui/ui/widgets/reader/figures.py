"""The reader's pictures: fetched once each, when their rows first come into view, drawn in
the rows core's layout keeps for them, as half-block cells by textual-image.

Core decides where a figure sits (:func:`~tui.core.reader.figure_rows`) and fetches its
bytes within limits (:func:`~tui.core.fetch.fetch_image`); this module only decodes and
draws. A picture that cannot be had (an HTTP error, too large, not an image, undecodable)
is given up: the view then lays the page out without its rows and ``[image: alt]`` stays.
"""

from __future__ import annotations

import asyncio
import io
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui.core.errors import FetchError
from tui.core.fetch import fetch_image

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

_terminal = {"asked": False}  # whether prepare_terminal ran in this process

# Decoding a bitmap bigger than this many pixels is refused (a decompression bomb).
MAX_PIXELS = 40_000_000
# What is kept of a picture once decoded: more than any terminal shows, a few MB at most.
KEPT_SIZE = (1600, 1600)


def prepare_terminal() -> None:
    """Ask the terminal its cell size once, before Textual takes it (textual-image caches
    the answer; it cannot ask once the app is running). A terminal that does not answer
    gets the defaults; the library's log of that (a traceback) is kept off the screen."""
    import logging

    _terminal["asked"] = True
    logging.getLogger("textual_image").addHandler(logging.NullHandler())
    import textual_image.renderable  # noqa: F401  (detects kitty / sixel support on import)
    from textual_image._terminal import get_cell_size

    get_cell_size()


def can_draw() -> bool:
    """Whether pictures may be drawn: the terminal was asked before the app ran, or output
    is no terminal at all (tests, a recording) and nothing would be asked."""
    stdout = sys.__stdout__
    return _terminal["asked"] or stdout is None or not stdout.isatty()


def decode(data: bytes) -> PILImage:
    """The picture in ``data`` as RGB pixels; raises ValueError when it cannot be read."""
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.seek(0)  # an animation shows its first frame
            opened.draft("RGB", KEPT_SIZE)  # a JPEG decodes straight to a smaller scale
            image = opened.convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, EOFError) as exc:
        raise ValueError(f"cannot decode the image: {exc}") from exc
    image.thumbnail(KEPT_SIZE)
    return image


def fit(size: tuple[int, int], cols: int, rows: int) -> tuple[int, int]:
    """Cells ``(width, height)`` that show a ``size`` picture whole inside ``cols`` x ``rows``:
    a half-block cell is one pixel wide and two high, and cells are about twice as high as
    wide, so pixels stay square. Never enlarged: a tracking pixel stays one cell."""
    width, height = size
    scale = min(cols / width, 2 * rows / height, 1.0)
    return max(1, min(cols, int(width * scale))), max(1, min(rows, int(height * scale / 2)))


def render_rows(image: PILImage, cols: int, rows: int, console: Console) -> list[Strip]:
    """The picture fitted into ``cols`` x ``rows`` cells, one Strip per row, centred."""
    from textual_image.renderable.halfcell import Image as Halfcell

    width, height = fit(image.size, cols, rows)
    options = console.options.update_dimensions(width, height)
    lines = console.render_lines(Halfcell(image, width=width, height=height), options, pad=False)
    left = (cols - width) // 2
    return [Strip([Segment(" " * left), *line], left + width) for line in lines[:rows]]


class Figures:
    """One article's pictures by block index: each fetched at most once, then drawn."""

    def __init__(self, srcs: dict[int, str], *, on_ready: Callable[[], None],
                 on_failed: Callable[[int, str], None]) -> None:
        self.srcs = dict(srcs)
        self._images: dict[int, PILImage] = {}
        self._rows: dict[tuple[int, int, int], list[Strip]] = {}
        self._asked: set[int] = set()
        self._on_ready = on_ready
        self._on_failed = on_failed

    @property
    def blocks(self) -> list[int]:
        """The blocks that still have rows kept (those given up are gone)."""
        return sorted(self.srcs)

    def image(self, block: int) -> PILImage | None:
        """``block``'s decoded picture, once it has arrived."""
        return self._images.get(block)

    def wanted(self, block: int) -> bool:
        """Whether ``block``'s picture should be fetched now (first time in view)."""
        if block in self._asked or block not in self.srcs:
            return False
        self._asked.add(block)
        return True

    async def load(self, block: int) -> None:
        """Fetch and decode ``block``'s picture; on failure give it up with the reason."""
        try:
            data = await fetch_image(self.srcs[block])
            image = await asyncio.to_thread(decode, data)
        except (FetchError, ValueError) as exc:
            self.srcs.pop(block, None)
            self._on_failed(block, str(exc))
            return
        self._images[block] = image
        self._on_ready()

    def row(self, block: int, row: int, cols: int, rows: int, console: Console,
            style: Style) -> Strip | None:
        """Row ``row`` of ``block``'s picture in a ``cols`` x ``rows`` box, or None when it is
        not here yet (or the row is below the picture)."""
        image = self._images.get(block)
        if image is None:
            return None
        key = (block, cols, rows)
        strips = self._rows.get(key)
        if strips is None:
            strips = render_rows(image, cols, rows, console)
            self._rows[key] = strips
        if row >= len(strips):
            return None
        return strips[row].apply_style(style)
