"""Messages the reader's widgets and screens send up (attributes down, messages up)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from tui.core.model import Article
from tui.core.reader import LinkRef


@dataclass
class PositionChanged(Message):
    """The reader view scrolled or was laid out again.

    ``first_line``/``last_line`` are the visible lines (0-based), ``total`` the line count,
    ``percent`` how far through the article the viewport is, ``top_offset`` the canonical
    offset at the top of the view.
    """

    first_line: int
    last_line: int
    total: int
    percent: int
    top_offset: int


@dataclass
class LinkClicked(Message):
    """A link in the reader view was clicked."""

    link: LinkRef


@dataclass
class TextClicked(Message):
    """Text (not a link) in the reader view was clicked, at canonical ``offset``."""

    offset: int
    chain: int = 1


@dataclass
class MouseSelection(Message):
    """The mouse selected ``text[start:end]`` in the reader view (a drag, as it goes).

    ``backward``: the drag went towards the start, so the start is the end that moves.
    """

    start: int
    end: int
    backward: bool = False


@dataclass
class ArticleShown(Message):
    """The reader screen is now showing ``article`` (loaded from ``source``)."""

    article: Article
    source: str
