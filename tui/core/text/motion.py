"""Words, sentences and paragraphs of a canonical text, for keyboard selection motions.

Offsets are into :attr:`Article.text`, where blocks are joined by a blank line ("\\n\\n"); a
paragraph here is a block, and no sentence crosses a blank line. The motions follow vim:
``next_word`` is ``w`` (start of the next word), ``prev_word`` is ``b`` (start of this word,
or of the one before), ``next_sentence``/``prev_sentence`` are ``)``/``(`` and
``next_paragraph``/``prev_paragraph`` are ``}``/``{`` landing on a block's first character.
A word is a run of letters and digits (apostrophes inside it included, so "isn't" is one
word) or a run of other non-space characters, as in vim.

A sentence ends at ".", "!", "?", "…" or a spaced ellipsis (". . ."), with any closing
quotes or brackets, before a space or the end of its block; but not after a title or
abbreviation ("Mr.", "e.g."), a lone initial ("J."), a number's abbreviation before a digit
("No. 5"), nor before a lower-case word. Decimals ("3.5") have no space and never end one.
"""

from __future__ import annotations

import re

from tui.core.model import BLOCK_SEPARATOR

_WORD = re.compile(r"\w+(?:['\u2019]\w+)*|[^\w\s]+")
_END = re.compile(
    r"[.!?\u2026]+"  # the terminator
    r"(?:[ \u00a0][.\u2026]+)*"  # ... and the rest of a spaced ellipsis ". . ."
    r"[\"'\u201d\u2019\u00bb)\]]*"  # closing quotes and brackets (_CLOSERS)
    r"(?=\s|$)"
)
# Abbreviations whose full stop never ends a sentence (compared without the stop).
_NEVER_ENDS = frozenset(
    re.findall(
        r"\S+",
        "mr mrs ms mx dr prof sr jr st mt rev fr gen col lt sgt capt cmdr adm gov sen rep pres "
        "hon messrs e.g i.e cf vs viz approx ca",
    )
)
# Abbreviations that do not end a sentence when a number follows ("No. 5", "p. 12").
_BEFORE_NUMBER = frozenset(
    re.findall(
        r"\S+",
        "no nos vol vols p pp fig figs ch sec art jan feb mar apr jun jul aug sep sept oct nov dec",
    )
)
_OPENERS = "\"'([\u201c\u2018\u00ab"
_CLOSERS = "\"'\u201d\u2019\u00bb)]"


def paragraph_at(text: str, offset: int) -> tuple[int, int]:
    """``(start, end)`` of the block holding ``offset``.

    Blocks are separated by a run of two or more newlines, which belongs to the block before
    it (as in :meth:`Article.block_at`); an empty block between two blank lines is skipped.
    """
    at = min(max(offset, 0), len(text))
    if at < len(text) and text[at] == "\n":
        first, last = _newlines_around(text, at)
        if last - first >= len(BLOCK_SEPARATOR):
            at = first
    start = text.rfind(BLOCK_SEPARATOR, 0, at)
    end = text.find(BLOCK_SEPARATOR, at)
    return (0 if start == -1 else start + len(BLOCK_SEPARATOR)), (len(text) if end == -1 else end)


def _newlines_around(text: str, at: int) -> tuple[int, int]:
    """The run of newlines touching ``at``, as ``(start, end)``."""
    first = last = at
    while first > 0 and text[first - 1] == "\n":
        first -= 1
    while last < len(text) and text[last] == "\n":
        last += 1
    return first, last


def _next_block(text: str, end: int) -> tuple[int, int] | None:
    """The block after the one ending at ``end``, if any."""
    start = _newlines_around(text, end)[1]
    return paragraph_at(text, start) if start < len(text) else None


def _prev_block(text: str, start: int) -> tuple[int, int] | None:
    """The block before the one starting at ``start``, if any."""
    end = _newlines_around(text, start)[0]
    return paragraph_at(text, end) if end > 0 else None


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` (one block), without their surrounding spaces."""
    spans = []
    begin = start
    for match in _END.finditer(text, start, end):
        if _ends_sentence(text, match, start, end):
            spans.append((begin, match.end()))
            begin = match.end()
    spans.append((begin, end))
    out = []
    for first, last in spans:
        lead = len(text[first:last]) - len(text[first:last].lstrip())
        trail = len(text[first:last]) - len(text[first:last].rstrip())
        if first + lead < last - trail:
            out.append((first + lead, last - trail))
    return out


def _ends_sentence(text: str, match: re.Match[str], start: int, end: int) -> bool:
    """Whether the terminator ``match`` ends a sentence (see the module docstring)."""
    after = match.end()
    while after < end and text[after].isspace():
        after += 1
    following = text[after] if after < end else ""
    if following.islower():
        return False
    if match.group().rstrip(_CLOSERS) != ".":
        return True  # "!", "?" or an ellipsis: only the lower-case rule applies
    before = match.start()
    while before > start and not text[before - 1].isspace():
        before -= 1
    word = text[before : match.start()].lstrip(_OPENERS)
    if word.lower() in _NEVER_ENDS:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "J. K. Rowling"
    return not (word.lower() in _BEFORE_NUMBER and following.isdigit())


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """``(start, end)`` of the sentence at ``offset``: between two sentences, the next one;
    past the last sentence of its block, that last one; an empty span if the block has none."""
    at = min(max(offset, 0), len(text))
    spans = sentences(text, *paragraph_at(text, at))
    for first, last in spans:
        if at < last:
            return first, last
    return spans[-1] if spans else (at, at)


def next_sentence(text: str, offset: int) -> int:
    """Start of the next sentence after ``offset`` (``)``), or the end of the text."""
    block: tuple[int, int] | None = paragraph_at(text, offset)
    while block is not None:
        for first, _ in sentences(text, *block):
            if first > offset:
                return first
        block = _next_block(text, block[1])
    return len(text)


def prev_sentence(text: str, offset: int) -> int:
    """Start of the sentence holding ``offset`` if past it, else of the one before (``(``)."""
    block: tuple[int, int] | None = paragraph_at(text, offset)
    while block is not None:
        for first, _ in reversed(sentences(text, *block)):
            if first < offset:
                return first
        block = _prev_block(text, block[0])
    return 0


def next_paragraph(text: str, offset: int) -> int:
    """Start of the next block (``}``), or the end of the text."""
    following = _next_block(text, paragraph_at(text, offset)[1])
    return following[0] if following else len(text)


def prev_paragraph(text: str, offset: int) -> int:
    """Start of the block holding ``offset`` if past it, else of the block before (``{``)."""
    start, _ = paragraph_at(text, offset)
    if offset > start:
        return start
    before = _prev_block(text, start)
    return before[0] if before else 0


def _run(text: str, offset: int) -> tuple[int, int]:
    """The non-space characters around ``offset``: those just before it, and from it on.

    Words never hold a space, so tokenising from the start of this run splits them right.
    """
    start = end = min(max(offset, 0), len(text))
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def word_at(text: str, offset: int) -> tuple[int, int]:
    """``(start, end)`` of the word at ``offset``; on a space, the next word in the block,
    else the one before; an empty span if the block has none."""
    at = min(max(offset, 0), len(text))
    start, end = _run(text, at)
    for match in _WORD.finditer(text, start, end):
        if match.start() <= at < match.end():
            return match.span()
    block_start, block_end = paragraph_at(text, at)
    following = _WORD.search(text, at, block_end)
    if following:
        return following.span()
    before = [m.span() for m in _WORD.finditer(text, block_start, at)]
    return before[-1] if before else (at, at)


def next_word(text: str, offset: int) -> int:
    """Start of the next word after ``offset`` (``w``), or the end of the text."""
    start, _ = _run(text, offset)
    for match in _WORD.finditer(text, start):
        if match.start() > offset:
            return match.start()
    return len(text)


def prev_word(text: str, offset: int) -> int:
    """Start of the word holding ``offset`` if past it, else of the word before (``b``)."""
    at = min(max(offset, 0), len(text))
    end = at
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start, run_end = _run(text, max(0, end - 1)) if end else (0, 0)
    starts = [m.start() for m in _WORD.finditer(text, start, max(run_end, end))]
    earlier = [s for s in starts if s < at]
    return earlier[-1] if earlier else 0
