"""The seed sample's records for the export tests (fixed ids and times), and checks on them.

The article is CinemaBlend's "How The Defenders Is Affecting Jessica Jones Season 2", its
canonical text copied into tests/golden/ from the shared seed. Other export test modules
import :func:`seed` from here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tests.support import paths
from tui.core.model.article import Article, Block, BlockKind
from tui.core.model.highlight import Highlight, Target
from tui.core.model.records import SavedArticle

GOLDEN = paths.GOLDEN
SEED_TEXT = (GOLDEN / "seed-jessica-jones-season-2.txt").read_text(encoding="utf-8").strip()
URL = "https://www.cinemablend.com/television/1545310/how-the-defenders-is-affecting-jessica-jones-season-2"
TITLE = "How The Defenders Is Affecting Jessica Jones Season 2"
KEY_QUOTE = (
    "My colleagues Marco Ramirez and Doug Petrie, who are doing Defenders, they've shared "
    "material. We've sat down for many conversations about what are they doing, what's "
    "happening with Jessica? They want my input, they want all the different showrunners' "
    "input on the characters that they're most familiar with. . . . They enjoy collaboration, "
    "which is not always the case, and they listen, and we listen to them. We're really trying "
    "to find a way to respond to the things that they want to do, and them to respond to the "
    "things we want to do. So far so good. It's working out."
)
KEY_NOTE = (
    "Rosenberg on the showrunners' *collaboration*: the crossover is planned, not improvised."
)
SAVED = "2026-11-20T09:15:00Z"


@dataclass(frozen=True)
class Seed:
    """The seed article (body and record) and three highlights on it."""

    article: Article
    record: SavedArticle
    key: Highlight  # the whole quoted paragraph, tagged, with a note
    craft: Highlight  # a phrase in the first paragraph, one tag, green
    across: Highlight  # from the end of the quote into the next paragraph, no tag, no note

    @property
    def highlights(self) -> list[Highlight]:
        return [self.key, self.craft, self.across]

    @property
    def bodies(self) -> dict[str, Article]:
        return {self.record.id: self.article}


def seed_article() -> Article:
    """The seed's Article: six blocks, the second a block quote (as extraction makes it)."""
    paragraphs = SEED_TEXT.split("\n\n")
    blocks = tuple(
        Block(BlockKind.QUOTE if n == 1 else BlockKind.PARAGRAPH, text)
        for n, text in enumerate(paragraphs)
    )
    return Article(
        title=TITLE,
        blocks=blocks,
        byline="Nick Venable",
        site_name="CinemaBlend",
        published="2016-08-13T14:30:00-07:00",
        language="en",
        url=URL,
        canonical_url=URL,
    )


def _on(article: Article, phrase: str, end_phrase: str | None = None) -> Target:
    start = article.text.index(phrase)
    end = (article.text.index(end_phrase) + len(end_phrase)) if end_phrase else start + len(phrase)
    return Target.of(article.text, start, end, article.text_hash)


def seed() -> Seed:
    """Fresh seed records, the same on every call."""
    article = seed_article()
    record = replace(SavedArticle.from_article(article), saved=SAVED)
    key = Highlight(
        article_id=record.id,
        target=_on(article, KEY_QUOTE),
        tags=("collaboration", "defenders"),
        note=KEY_NOTE,
        id="0b6c1f5e-8d2a-4c3b-9e7f-2a1d4c5b6e70",
        created="2026-11-20T09:20:00Z",
    )
    craft = Highlight(
        article_id=record.id,
        target=_on(article, "well-crafted relationship between the titular badass and her "
                            "nemesis Kilgrave"),
        tags=("character",),
        color="green",
        id="5a4e9d2c-1b3f-4e6a-8c7d-9f0e1a2b3c4d",
        created="2026-11-20T09:18:00Z",
    )
    across = Highlight(
        article_id=record.id,
        target=_on(article, "So far so good. It's working out.",
                   "That's a pretty fantastic way of tackling the complicated process"),
        color="blue",
        id="9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
        created="2026-11-20T09:25:00Z",
    )
    return Seed(article, record, key, craft, across)


def test_seed_article_is_the_shared_seed_text() -> None:
    article = seed_article()
    assert article.text == SEED_TEXT
    assert article.blocks[1].text == KEY_QUOTE


def test_key_highlight_is_the_whole_quoted_paragraph() -> None:
    s = seed()
    start, end = s.article.block_range(1)
    assert (s.key.target.position.start, s.key.target.position.end) == (start, end)
    assert s.key.quote == KEY_QUOTE
    assert s.key.tags == ("collaboration", "defenders") and s.key.note == KEY_NOTE


def test_seed_is_the_same_on_every_call() -> None:
    assert seed() == seed()
    assert seed().record.id == "be754a88b1240262"
    assert "\n\n" in seed().across.quote  # the one highlight over two blocks
