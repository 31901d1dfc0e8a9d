"""APA 7 wants an article's title in sentence case; pages mostly give theirs in title case.

Lowering every word would lower proper nouns too ("Jessica Jones"), and no word list knows a
show's or a person's name. The article's own text does: a word it writes with a capital in
the middle of a sentence more often than without one is a name, and keeps its capital. Without
the text (an imported article), only function words ("the", "is", "of") are lowered, so no
name is ever lost. Kept always: the first word, the first word of a subtitle (after a colon,
?, ! or a dash), acronyms and mixed case ("NASA", "iPhone"), and "I". A title that is not in
title case (the writer chose its capitals) is left as it is.
"""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"[^\W\d_][\w'’]*")
# Where a sentence (or a title's subtitle) starts: after . ! ? : or a dash, quotes allowed.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s*$")
_SUBTITLE = re.compile(r"(?:[:.!?]|\s[—–-])[\"'”’)\]]*\s*[\"'“‘(\[]*$")
_FUNCTION = (
    "a an the and but or nor for so yet as at by in of off on per to up via with from into "
    "onto over than that this these those is are was were be been being am has have had do "
    "does did can could should would shall must it its not no his her their our your my we "
    "you they he she them who what when where why how which about after before under between "
    "through against without within all"
)
FUNCTION_WORDS = frozenset(_FUNCTION.split())


def sentence_case(title: str, text: str | None = None) -> str:
    """``title`` in sentence case when it is in title case, its names kept (see the module)."""
    words = list(_WORD.finditer(title))
    if not _is_title_case([m.group() for m in words[1:]]):
        return title
    names = _name_evidence(text) if text else None
    out, end = [], 0
    for index, match in enumerate(words):
        word, gap = match.group(), title[end : match.start()]
        out.append(gap)
        end = match.end()
        starts = index == 0 or bool(_SUBTITLE.search(title[: match.start()]))
        out.append(word if starts or not _lowerable(word, names) else word.lower())
    out.append(title[end:])
    return "".join(out)


def _is_title_case(words: list[str]) -> bool:
    """Most words of three letters or more (after the first; acronyms and mixed case aside)
    capitalised: the page used title case."""
    long = [w for w in words if len(w) >= 3 and w[1:] == w[1:].lower()]
    capital = sum(1 for w in long if w[0].isupper())
    return len(long) >= 2 and capital / len(long) > 0.6


def _key(word: str) -> str:
    return re.sub(r"['’]s$", "", word).casefold()


def _lowerable(word: str, names: tuple[Counter[str], Counter[str]] | None) -> bool:
    """Whether a capitalised title word is a common word to lower (see the module)."""
    if not word[0].isupper() or word == "I" or any(c.isupper() for c in word[1:]):
        return False
    key = _key(word)
    if names is None:
        return key in FUNCTION_WORDS
    capital, lower = names
    return capital[key] <= lower[key]


def _name_evidence(text: str) -> tuple[Counter[str], Counter[str]]:
    """How often each word appears capitalised mid-sentence, and how often in lower case."""
    capital: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    end = 0
    for match in _WORD.finditer(text):
        word, gap = match.group(), text[end : match.start()]
        starts = end == 0 or "\n" in gap or bool(_SENTENCE_END.search(gap))
        end = match.end()
        if word[0].islower():
            lower[_key(word)] += 1
        elif not starts:
            capital[_key(word)] += 1
    return capital, lower
