"""Counting words as ``len(re.findall(r"\\w+", text))`` does, without the list of words.

The cleaning rules ask how long each block is, and a 100,000-word page is ~650 KB of text:
``findall`` builds a string for every word (~25 ms a pass). For ASCII text (most blocks of
English pages) the same count comes from C string methods: every character marked as word
(``a``) or not (space) by one byte table, then the starts of the runs of ``a`` counted.
Other text is counted by the regex, as before.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
# \w is exactly str.isalnum() or "_" (checked over every code point in the tests).
_MARKS = bytes(
    ord("a") if (chr(code).isalnum() or chr(code) == "_") else ord(" ") for code in range(128)
) + b" " * 128


def count_words(text: str) -> int:
    """How many runs of word characters (``\\w+``) ``text`` holds."""
    if not text.isascii():  # O(1): the string knows its widest character
        return len(_WORD.findall(text))
    marks = text.encode("ascii").translate(_MARKS)
    return marks.count(b" a") + marks.startswith(b"a")
