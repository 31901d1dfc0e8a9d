"""The cleaning rules: over the page, over readability's tree, over the article's blocks."""

from __future__ import annotations

from tui.core.extract.clean.blocks import clean_blocks
from tui.core.extract.clean.fallback import narrow_fallback
from tui.core.extract.clean.page import clean_page
from tui.core.extract.clean.signals import SENTENCE_MARKS, word_count
from tui.core.extract.clean.tree import clean_tree

__all__ = [
    "SENTENCE_MARKS",
    "clean_blocks",
    "clean_page",
    "clean_tree",
    "narrow_fallback",
    "word_count",
]
