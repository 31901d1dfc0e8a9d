"""A seeded generator of notebooks: N highlights over M articles, for tests and benchmarks.

The same seed gives the same articles and highlights (ids, quotes, tags, notes, colours and
creation times), so figures from different runs, and export benchmarks, compare like with
like. Highlights are spread unevenly, as in life: article ``i`` is picked with weight
``1/sqrt(i+1)``, so a few articles carry hundreds of highlights and most carry a handful.
Some words carry accents, so accent-insensitive search has something to find.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tui.core.model.article import Article, Block, BlockKind
from tui.core.model.highlight import COLORS, Highlight, Target
from tui.core.model.records import article_id_for
from tui.core.notebook.api import Notebook
from tui.core.notebook.storage import FileWriter

_WORDS = (
    "the of and to in is that for it as with was on be by this are from at or an have "
    "not which but all were when we there can one their more if will been has would about "
    "reader margin quote note page article essay chapter argument evidence claim source "
    "history memory language theory method review paper draft edit revision footnote index "
    "library archive journal letter notebook highlight passage sentence paragraph word line "
    "city river mountain garden window winter summer morning evening light shadow water "
    "café élan naïve façade résumé déjà über Ångström crème brûlée señor jalapeño coöperate "
    "think write read argue notice compare remember forget explain describe suggest question"
)
_TAGS = (
    "ux research method theory history quote todo follow-up disagree key-idea evidence "
    "definition example counterpoint data design writing style memory language review "
    "reread cite teaching summary question method-note source-check big-picture detail "
    "français café-culture élan naïveté economics science health travel books tools"
)
WORDS = tuple(_WORDS.split())
TAGS = tuple(_TAGS.split())
NOTES = (
    "Compare with the chapter on method.",
    "This is the crux of the argument.",
    "Disagree: the evidence is thin here.",
    "Good example for the talk.",
    "Réfléchir à ça plus tard.",
    "Cite in the review.",
)
START = datetime(2024, 1, 1, tzinfo=UTC)
SPAN_SECONDS = 2 * 365 * 24 * 3600


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choices(WORDS, k=words))
    return text[0].upper() + text[1:] + "."


def make_article(rng: random.Random, index: int) -> Article:
    """A plausible article: a heading and 4-10 paragraphs of 3-6 sentences."""
    blocks = [Block(BlockKind.HEADING, _sentence(rng, 4).rstrip("."), level=2)]
    for _ in range(rng.randint(4, 10)):
        sentences = [_sentence(rng, rng.randint(8, 20)) for _ in range(rng.randint(3, 6))]
        blocks.append(Block(BlockKind.PARAGRAPH, " ".join(sentences)))
    return Article(
        title=f"{_sentence(rng, 5).rstrip('.')} ({index})",
        blocks=tuple(blocks),
        byline="A. Writer",
        site_name="Example Review",
        published="2024-05-01",
        url=f"https://example.com/articles/{index}",
        canonical_url=f"https://example.com/articles/{index}",
    )


def make_highlight(rng: random.Random, article: Article, article_id: str) -> Highlight:
    """A highlight of a few words to a sentence of ``article``, with seeded tags and times."""
    text = article.text
    block = rng.randrange(1, len(article.blocks))
    start, end = article.block_range(block)
    space = text.find(" ", rng.randrange(start, end))  # start at a word
    first = start if space < 0 or space + 1 >= end else space + 1
    stop = min(end, first + rng.randint(20, 240))
    created = START + timedelta(seconds=rng.randrange(SPAN_SECONDS))
    stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    return Highlight(
        article_id=article_id,
        target=Target.of(text, first, stop, article.text_hash),
        tags=tuple(rng.sample(TAGS, k=rng.choice((0, 1, 1, 2, 2, 3)))),
        note=rng.choice(NOTES) if rng.random() < 0.3 else "",
        color=rng.choice(COLORS),
        id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        created=stamp,
        updated=stamp,
    )


@dataclass
class GeneratedNotebook:
    """What :func:`generate` made, for the caller to pick from."""

    root: Path
    articles: list[Article]
    article_ids: list[str]
    highlight_ids: list[str]
    weights: list[float]
    rng: random.Random  # continues the seeded stream, for more of the same

    def pick_article(self) -> int:
        """An article index, drawn with the same skew as the generated highlights."""
        return self.rng.choices(range(len(self.articles)), self.weights)[0]

    def new_highlight(self) -> Highlight:
        """One more highlight, of an article drawn with the usual skew."""
        i = self.pick_article()
        return make_highlight(self.rng, self.articles[i], self.article_ids[i])


def weights_for(articles: int) -> list[float]:
    """Article ``i`` is chosen with weight ``1/sqrt(i+1)``."""
    return [1 / (i + 1) ** 0.5 for i in range(articles)]


def generate(
    root: Path, highlights: int, articles: int, *, seed: int = 0, chunk: int = 100_000
) -> GeneratedNotebook:
    """Write a notebook of ``highlights`` highlights over ``articles`` articles at ``root``."""
    rng = random.Random(seed)
    made = [make_article(rng, i) for i in range(articles)]
    ids = [article_id_for(a) for a in made]
    weights = weights_for(articles)
    # Test data: skipping fsync makes a 50,000-highlight notebook in seconds, not minutes.
    nb = Notebook.open(root, writer=FileWriter(durable=False))
    with nb.batch():
        for article in made:
            nb.save_article(article)
    highlight_ids: list[str] = []
    for offset in range(0, highlights, chunk):
        count = min(chunk, highlights - offset)
        picks: Sequence[int] = rng.choices(range(articles), weights, k=count)
        batch = [make_highlight(rng, made[i], ids[i]) for i in picks]
        nb.add_highlights(batch)
        highlight_ids.extend(h.id for h in batch)
    return GeneratedNotebook(root, made, ids, highlight_ids, weights, rng)
