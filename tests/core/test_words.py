"""count_words answers what ``len(re.findall(r"\\w+", text))`` does, on any text."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.extract.clean.signals import word_count
from tui.core.text.words import count_words

WORDS = re.compile(r"\w+")


def test_word_characters_are_alphanumerics_and_underscore_everywhere() -> None:
    """The byte table's premise, over every code point."""
    word = re.compile(r"\w")
    differ = [
        code
        for code in range(sys.maxunicode + 1)
        if (word.match(chr(code)) is not None) != (chr(code).isalnum() or chr(code) == "_")
    ]
    assert differ == []


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_text(text: str) -> None:
    assert count_words(text) == len(WORDS.findall(text))


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=60))
def test_any_text(text: str) -> None:
    assert count_words(text) == len(WORDS.findall(text))


def test_examples() -> None:
    cases = {
        "": 0, " ": 0, "a": 1, "_": 1, " a ": 1, "don't": 2, "a-b c_d 42": 4,
        "\x00a\x7fb": 2, "end.\n\nStart": 2, "café au lait": 3, "a’b": 2,
    }
    assert {text: count_words(text) for text in cases} == cases


def test_the_rules_count_unspaced_scripts_as_before() -> None:
    assert word_count("Plain English words here.") == 4
    assert word_count("日本語の文章です") == 4  # eight characters, two per word
    assert word_count("Gloss 日本語") == 3
