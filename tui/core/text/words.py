"""Counting words as ``len(re.findall(r"\\w+", text))`` does, without the list of words.

The cleaning rules ask how long each block is, and a 100,000-word page is ~650 KB of text:
``findall`` builds a string for every word (~25 ms a pass). The same count comes from C
string methods: every character marked as word (``a``) or not (space) by a byte table as
the text is encoded to ASCII, then the starts of the runs of ``a`` counted. Characters
beyond ASCII are marked by an encoding error handler, one call per run of them: cheap for
English text (its curly quotes and dashes), dear for text in another script, which is
counted by the regex as before.
"""

from __future__ import annotations

import codecs
import re

_WORD = re.compile(r"\w+")
# \w is exactly str.isalnum() or "_" (checked over every code point in the tests).
_MARKS = bytes(
    ord("a") if (chr(code).isalnum() or chr(code) == "_") else ord(" ") for code in range(128)
) + b" " * 128
_HANDLER = "gloss-word-marks"
# Up to this share of extra UTF-8 bytes (two for a curly quote or a dash) per character, the
# handler's calls cost less than the regex; past it, the regex counts.
_MAX_EXTRA_BYTES = 1 / 50


def _mark_run(error: UnicodeError) -> tuple[str, int]:
    """Marks for a run of non-ASCII characters: ``a`` for a word character, else a space."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    run = error.object[error.start : error.end]
    return "".join("a" if char.isalnum() else " " for char in run), error.end


codecs.register_error(_HANDLER, _mark_run)


def count_words(text: str) -> int:
    """How many runs of word characters (``\\w+``) ``text`` holds."""
    if text.isascii():  # O(1): the string knows its widest character
        marks = text.encode("ascii")
    elif len(text.encode("utf-8", "surrogatepass")) - len(text) <= _MAX_EXTRA_BYTES * len(text):
        marks = text.encode("ascii", _HANDLER)
    else:
        return len(_WORD.findall(text))
    marks = marks.translate(_MARKS)
    return marks.count(b" a") + marks.startswith(b"a")
