"""What an element's class, id and ARIA attributes say it is, as plain lowercase words.

Class and id values are written in every naming style ("share-bar", "share_bar", "shareBar",
"c-share__bar"); splitting them into words lets one vocabulary of boilerplate names serve
them all, with no site names anywhere.
"""

from __future__ import annotations

import itertools
import re

from lxml import html as lxml_html

_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])")


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
