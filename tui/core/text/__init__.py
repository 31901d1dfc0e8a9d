"""Text as the reader moves through it (words, sentences, paragraphs), sanitising, typed dates.

This face loads each satellite on first use of one of its names (PEP 562, as
:mod:`tui.core.notebook` does): a command that only cleans its arguments and output for the
terminal never imports the reader's motion, the cell-width table or the model. ``_FROM``
says where each name lives; the imports below are the same, for type checkers and readers.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING

from tui.core.faces import lazy_face

# Small, and what every other part needs: imported now.
from tui.core.sanitize import clean_inline, clean_preformatted, strip_controls

if TYPE_CHECKING:
    from tui.core.text.cells import (
        cell_widths,
        cells,
        char_at_cells,
        char_cells,
        pad,
        shorten,
    )
    from tui.core.text.dates import HINT, parse_day
    from tui.core.text.linebreak import can_break
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
    from tui.core.text.numbers import human_size, plural
    from tui.core.text.terminal import holds_controls, multi_line, one_line, terminal_safe
    from tui.core.text.untrusted import (
        EPOCH,
        clean_article,
        clean_highlight,
        clean_saved_article,
        safe_url,
        same_site,
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
    "holds_controls",
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

# satellite -> the names this face takes from it
_FROM: dict[str, tuple[str, ...]] = {
    "cells": ("cell_widths", "cells", "char_at_cells", "char_cells", "pad", "shorten"),
    "dates": ("HINT", "parse_day"),
    "linebreak": ("can_break",),
    "motion": (
        "next_paragraph", "next_sentence", "next_word", "paragraph_at", "prev_paragraph",
        "prev_sentence", "prev_word", "sentence_at", "word_at",
    ),
    "numbers": ("human_size", "plural"),
    "terminal": ("holds_controls", "multi_line", "one_line", "terminal_safe"),
    "untrusted": (
        "EPOCH", "clean_article", "clean_highlight", "clean_saved_article", "safe_url",
        "same_site",
    ),
}
if not TYPE_CHECKING:  # hidden from mypy, which would take any name of the face as Any
    __getattr__, __dir__ = lazy_face(__name__, _FROM, __all__)


class _Face(ModuleType):
    """This package, whose function ``cells`` shares its satellite's name: loading the module
    tui.core.text.cells (as any import of it does) would set the package's attribute
    ``cells`` to that module, and ``from tui.core.text import cells`` would then give the
    module. The attribute is left unset instead, so the face gives the function."""

    def __setattr__(self, name: str, value: object) -> None:
        if name == "cells" and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Face
