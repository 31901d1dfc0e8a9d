"""The data every stage passes on: Article, Block, Span; Highlight and its Target; SavedArticle."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.faces import lazy_face
from tui.core.folding import normalize_tag
from tui.core.model.article import BLOCK_SEPARATOR, Article, Block, BlockKind, Span, SpanKind

if TYPE_CHECKING:
    from tui.core.model.highlight import (
        COLORS,
        CONTEXT_CHARS,
        DEFAULT_COLOR,
        AnchorStatus,
        Highlight,
        Overwritten,
        Placement,
        Target,
        TextPosition,
        TextQuote,
        complete_tag,
        now_iso,
        parse_tags,
        same_words,
    )
    from tui.core.model.records import (
        OPENED,
        SOURCE_WORD,
        SavedArticle,
        article_id_for,
        reading_key,
        source_of,
        split_sources,
    )

__all__ = [
    "BLOCK_SEPARATOR",
    "COLORS",
    "CONTEXT_CHARS",
    "DEFAULT_COLOR",
    "OPENED",
    "SOURCE_WORD",
    "AnchorStatus",
    "Article",
    "Block",
    "BlockKind",
    "Highlight",
    "Overwritten",
    "Placement",
    "SavedArticle",
    "Span",
    "SpanKind",
    "Target",
    "TextPosition",
    "TextQuote",
    "article_id_for",
    "complete_tag",
    "normalize_tag",
    "now_iso",
    "parse_tags",
    "reading_key",
    "same_words",
    "source_of",
    "split_sources",
]

# satellite -> the names this face takes from it (the article is imported above: everything
# that reads or cleans a page needs it; highlights and records wait until they are asked for,
# so `gloss clean` never pays for them)
_FROM: dict[str, tuple[str, ...]] = {
    "highlight": (
        "COLORS", "CONTEXT_CHARS", "DEFAULT_COLOR", "AnchorStatus", "Highlight", "Overwritten",
        "Placement", "Target", "TextPosition", "TextQuote", "complete_tag",
        "now_iso", "parse_tags", "same_words",
    ),
    "records": (
        "OPENED", "SOURCE_WORD", "SavedArticle", "article_id_for", "reading_key", "source_of",
        "split_sources",
    ),
}
if not TYPE_CHECKING:  # hidden from mypy, which would take any name of the face as Any
    __getattr__, __dir__ = lazy_face(__name__, _FROM, __all__)
