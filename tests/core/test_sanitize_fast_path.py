"""strip_controls returns text without special characters as it is, without rewriting it:
the result must be what the three rewrites give, for any text."""

from __future__ import annotations

import random
import re

from tui.core import sanitize
from tui.core.sanitize import strip_controls

# Every character class the patterns name, their neighbours, and ordinary text.
_ALPHABET = (
    [chr(c) for c in range(0x00, 0xA1)]
    + list("\u00a0\u00ad\u200a\u200b\u200c\u200d\u2027\u2028\u2029\u202a\u202e\u202f")
    + list("\u205f\u2060\u2061\u2066\u2069\u206a\ufeff\ufffd\u3000é中😀")
    + list("abc xyz[]\\;?")
)


def _three_rewrites(text: str) -> str:
    """strip_controls as it was before the fast path."""
    text = sanitize._LINE_BREAKS.sub(lambda m: "\n" * m.group().count("\n") or "\n", text)
    text = sanitize._ESCAPE_SEQUENCE.sub("", text)
    return sanitize._CONTROL.sub("", text)


def test_the_fast_path_gives_what_the_rewrites_give() -> None:
    rng = random.Random(27)
    for _ in range(20_000):
        text = "".join(rng.choices(_ALPHABET, k=rng.randint(0, 12)))
        assert strip_controls(text) == _three_rewrites(text), repr(text)


def test_every_special_character_leaves_the_fast_path() -> None:
    """A text of one character the patterns change is never returned as it is."""
    for code in range(0x110000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        changed = _three_rewrites(f"a{char}b") != f"a{char}b"
        if changed:
            assert sanitize._ANY_SPECIAL.search(char) and not char.isprintable(), hex(code)


def test_plain_and_newline_text_is_kept() -> None:
    for text in ("Plain words.", "two\n\nlines\tand a tab", "nbsp\u00a0here", ""):
        assert strip_controls(text) == text
    assert strip_controls("a\r\nb\x1b[31mc\u200bd") == "a\nbcd"
    assert re.fullmatch(r"[^\x00-\x08\x0b-\x1f]*", strip_controls("x\x07y"))
