"""Signals the cleaning rules share: words in a text, words in an element's class and id.

Class and id values are written in every naming style ("share-bar", "share_bar", "shareBar",
"c-share__bar"); splitting them into words lets one vocabulary of boilerplate names serve
them all, with no site names anywhere.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from lxml import html as lxml_html

from tui.core.text.words import count_words

_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])")
_WORD = re.compile(r"\w+")
# Scripts written without spaces between words: Han, kana, Thai, Lao, Khmer, Myanmar.
_UNSPACED = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\uf900-\ufaff]"
)
# Characters per word in those scripts (Chinese and Japanese words average about two).
_CHARS_PER_WORD = 2
# Marks that end a sentence or clause, in Latin and in CJK typography.
SENTENCE_MARKS = ".!?;:。！？；：…"


@lru_cache(maxsize=4096)  # the rules ask about the same block texts several times over
def plain_word_count(text: str) -> int:
    """Runs of word characters in ``text``: what the Article counts its words by
    (``Article.word_count``), kept so that its count can be the sum of its blocks'."""
    return count_words(text)


def clear_counts() -> None:
    """Forget the counts kept (they are shared by one page's rules, not across pages)."""
    word_count.cache_clear()
    plain_word_count.cache_clear()


@lru_cache(maxsize=4096)  # the rules ask about the same block texts several times over
def word_count(text: str) -> int:
    """Words in ``text``; runs of a script written without spaces count one per two characters.

    Splitting on spaces would read a whole Chinese or Japanese paragraph as one word, and
    every rule that tells a paragraph from a label by its length would misfire.
    """
    if text.isascii() or not _UNSPACED.search(text):
        return plain_word_count(text)
    count = 0
    for run in _WORD.findall(text):
        unspaced = len(_UNSPACED.findall(run))
        if unspaced:
            count += -(-unspaced // _CHARS_PER_WORD) + (1 if unspaced < len(run) else 0)
        else:
            count += 1
    return count


def class_words(el: lxml_html.HtmlElement) -> tuple[str, ...]:
    """The words of ``el``'s class and id, lowercased, in order ("newsCaption" -> news, caption)."""
    value = f"{el.get('class') or ''} {el.get('id') or ''}"
    if not value.strip():
        return ()
    return tuple(word.lower() for word in _SPLIT.split(value) if word)


def has_word(words: tuple[str, ...], vocabulary: frozenset[str]) -> bool:
    """Whether any single word is in ``vocabulary``."""
    return any(word in vocabulary for word in words)


def has_pair(words: tuple[str, ...], pairs: frozenset[tuple[str, str]]) -> bool:
    """Whether two adjacent words form one of ``pairs`` ("read", "more")."""
    return any(pair in pairs for pair in itertools.pairwise(words))
