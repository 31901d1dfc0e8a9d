"""Text as the reader moves through it (words, sentences, paragraphs), sanitising, typed dates."""

from __future__ import annotations

from tui.core.sanitize import clean_inline, clean_preformatted, strip_controls
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
    "HINT",
    "clean_inline",
    "clean_preformatted",
    "next_paragraph",
    "next_sentence",
    "next_word",
    "paragraph_at",
    "parse_day",
    "prev_paragraph",
    "prev_sentence",
    "prev_word",
    "sentence_at",
    "strip_controls",
    "word_at",
]
