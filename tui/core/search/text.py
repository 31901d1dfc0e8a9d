"""Small text helpers of the search: an article's host, and snippets around a hit."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from tui.core.folding import fold
from tui.core.search.parse import Term

if TYPE_CHECKING:
    from tui.core.model import SavedArticle

_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?…](?=\s)|\n")


def host_of(record: SavedArticle) -> str:
    """The host name of the article's address ("" for none)."""
    url = record.canonical_url or record.url or ""
    try:
        return (urlsplit(url).hostname or "") if url.startswith(("http:", "https:")) else ""
    except ValueError:
        return ""


def first_hit(text: str, terms: tuple[Term, ...]) -> tuple[int, int] | None:
    """(start, end) in ``text`` of the first place a term occurs (a phrase: all its words).

    Reads ``text`` word by word and stops at the first hit: a long body costs only as much
    as the words before it.
    """
    spans: list[tuple[int, int, str]] = []  # each folded word with the span it came from
    for m in _WORD.finditer(text):
        for word in _WORD.findall(fold(m.group())):
            spans.append((m.start(), m.end(), word))
            j = len(spans) - 1
            for term in terms:
                k, last = len(term.tokens), term.tokens[-1]
                if j + 1 < k or not (word.startswith(last) if term.prefix else word == last):
                    continue
                if all(spans[j - k + 1 + i][2] == term.tokens[i] for i in range(k - 1)):
                    return spans[j - k + 1][0], m.end()
    return None


def around(text: str, start: int, end: int, width: int = 160) -> str:
    """About ``width`` characters of ``text`` around [start, end), cut at word gaps."""
    if len(text) <= width:
        return text
    left = max(0, start - (width - (end - start)) // 3)
    right = min(len(text), left + width)
    left = max(0, right - width)
    if left > 0:
        gap = text.find(" ", left)
        left = gap + 1 if 0 <= gap < start else left
    if right < len(text):
        gap = text.rfind(" ", end, right)
        right = gap if gap > end else right
    return ("…" if left > 0 else "") + text[left:right] + ("…" if right < len(text) else "")


def sentence(text: str, start: int, end: int, width: int = 240) -> tuple[str, int]:
    """The sentence of ``text`` holding [start, end) (cut to ``width``), and where it starts."""
    begin = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        begin = m.end()
    stop = _SENTENCE_END.search(text, end)
    finish = stop.end() if stop else len(text)
    while begin < start and text[begin].isspace():
        begin += 1
    piece = text[begin:finish].strip()
    if len(piece) > width:
        return around(text[begin:finish], start - begin, end - begin, width), begin
    return piece, begin
