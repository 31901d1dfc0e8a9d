"""Text as the reader moves through it (words, sentences, paragraphs), sanitising, typed dates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.faces import lazy_face
from tui.core.sanitize import clean_inline, clean_preformatted, strip_controls
from tui.core.text.cells import cell_widths, cells, char_at_cells, char_cells, pad, shorten
from tui.core.text.linebreak import can_break
from tui.core.text.numbers import human_size, plural
from tui.core.text.untrusted import (
    EPOCH,
    clean_article,
    clean_highlight,
    clean_saved_article,
    multi_line,
    one_line,
    safe_url,
    same_site,
    terminal_safe,
)

if TYPE_CHECKING:
    from tui.core.text.dates import HINT, parse_day
    from tui.core.text.motion import (
        next_paragraph,
        next_sentence,
        next_word,
        paragraph_at,
        prev_paragraph,
        prev_sentence,
        prev_word,
        sentence_at,
        word_at,
    )

__all__ = [
    "EPOCH",
    "HINT",
    "can_break",
    "cell_widths",
    "cells",
    "char_at_cells",
    "char_cells",
    "clean_article",
    "clean_highlight",
    "clean_inline",
    "clean_preformatted",
    "clean_saved_article",
    "human_size",
    "multi_line",
    "next_paragraph",
    "next_sentence",
    "next_word",
    "one_line",
    "pad",
    "paragraph_at",
    "parse_day",
    "plural",
    "prev_paragraph",
    "prev_sentence",
    "prev_word",
    "safe_url",
    "same_site",
    "sentence_at",
    "shorten",
    "strip_controls",
    "terminal_safe",
    "word_at",
]

# satellite -> the names this face takes when first asked for: moving through text (which
# needs the model) and typed dates are the reader's and the notebook's, not every command's.
# (``cells`` is both a satellite and a function: it stays imported above, or the import of the
# satellite would put the module where the function is looked up.)
_FROM: dict[str, tuple[str, ...]] = {
    "dates": ("HINT", "parse_day"),
    "motion": (
        "next_paragraph", "next_sentence", "next_word", "paragraph_at", "prev_paragraph",
        "prev_sentence", "prev_word", "sentence_at", "word_at",
    ),
}
if not TYPE_CHECKING:  # hidden from mypy, which would take any name of the face as Any
    __getattr__, __dir__ = lazy_face(__name__, _FROM, __all__)
