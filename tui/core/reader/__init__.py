"""What the reader does, minus the screen: layout, selection, links, history, search, undo."""

from __future__ import annotations

from tui.core.reader.highlights import Highlighter, Saved
from tui.core.reader.history import Entry, History
from tui.core.reader.layout import (
    MIN_WIDTH,
    Decorative,
    Heading,
    Layout,
    Line,
    LineKind,
    figure_blocks,
    figure_rows,
    layout_article,
    outline,
    visible_range,
)
from tui.core.reader.links import LinkRef, article_links, link_at, resolve_link, same_document
from tui.core.reader.search import SearchState
from tui.core.reader.selection import (
    Motion,
    Selection,
    SpanIndex,
    first_word,
    line_home,
    move_by_lines,
    move_cursor,
    move_head,
    text_end,
    trim,
)
from tui.core.reader.undo import Change, ChangedElsewhere, UndoStack, describe_step

__all__ = [
    "MIN_WIDTH",
    "Change",
    "ChangedElsewhere",
    "Decorative",
    "Entry",
    "Heading",
    "Highlighter",
    "History",
    "Layout",
    "Line",
    "LineKind",
    "LinkRef",
    "Motion",
    "Saved",
    "SearchState",
    "Selection",
    "SpanIndex",
    "UndoStack",
    "article_links",
    "describe_step",
    "figure_blocks",
    "figure_rows",
    "first_word",
    "layout_article",
    "line_home",
    "link_at",
    "move_by_lines",
    "move_cursor",
    "move_head",
    "outline",
    "resolve_link",
    "same_document",
    "text_end",
    "trim",
    "visible_range",
]
