"""Placing imported quotes, which come without context: the same words (whitespace and
typography aside) are exact, one changed word is approximate, words not there are orphans."""

from __future__ import annotations

import pytest

from tui.core.anchor import reanchor
from tui.core.imports import EXACT, FUZZY, ORPHAN, Record, place_in
from tui.core.model import Article, Block, BlockKind, Highlight, Target, TextPosition, TextQuote

TEXT = (
    "The library opened at nine, and the reader was always first at the door.",
    "She kept a notebook of every passage that stopped her, with a line on why it mattered.",
    "Years later the notebook was worth more to her than any of the books it quoted.",
)
ARTICLE = Article("Notes", tuple(Block(BlockKind.PARAGRAPH, t) for t in TEXT))


def place(quote: str) -> tuple[str, str]:
    record = Record.of("readwise", url="https://a.example/", quote=quote)
    base = Highlight(article_id="a" * 16, id="x",
                     target=Target(TextQuote(quote), TextPosition(0, len(quote)), ""))
    placed = place_in(record, base, ARTICLE)
    h = placed.highlight
    where = h.placement if h.placement is not None else h.target.position
    start, end = (where.start, where.end)
    return placed.outcome, ARTICLE.text[start:end] if start >= 0 else ""


@pytest.mark.parametrize(
    ("quote", "outcome", "found"),
    [
        ("She kept a notebook of every passage that stopped her", EXACT,
         "She kept a notebook of every passage that stopped her"),
        ("the  notebook was worth more\nto her", EXACT, "the notebook was worth more to her"),
        ("with one line on why it mattered", FUZZY, "with a line on why it mattered"),
        ("Years later the diary was worth more to her than any of the books", FUZZY,
         "Years later the notebook was worth more to her than any of the books"),
        ("Nothing like this sentence is in the article at all.", ORPHAN, ""),
    ],
)
def test_placing_a_quote_without_context(quote: str, outcome: str, found: str) -> None:
    assert place(quote) == (outcome, found)


def test_the_anchoring_alone_loses_a_changed_word_without_context() -> None:
    """Why imports have their own last pass (see tui.core.imports.place)."""
    quote = "Years later the diary was worth more to her than any of the books"
    target = Target(TextQuote(quote), TextPosition(0, len(quote)), "")
    assert not reanchor(target, ARTICLE.text).attached
