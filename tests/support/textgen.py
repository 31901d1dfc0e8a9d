"""Seeded, article-like text of any length, for benchmarks and property tests.

Sentences of 6-28 words drawn from a fixed English vocabulary, with what real articles
carry: commas, names, titles ("Mr."), "e.g.", decimals, curly quotes, em dashes, the odd
ellipsis ("..." or "\u2026"), paragraphs of 2-7 sentences and a heading every few
paragraphs. The same ``(words, seed)`` always gives the same text, and
``len(text.split()) == words``.
"""

from __future__ import annotations

import random

from tui.core.model.article import Article, Block, BlockKind


def _vocabulary(words: str) -> tuple[str, ...]:
    return tuple(words.split())


_COMMON = _vocabulary("""
the of and to a in that is was he for it with as his on be at by I this had not are but from
or have an they which one you were her all she there would their we him been has when who will
more no if out so said what up its about into than them can only other new some could time these
two may then do first any my now such like our over man me even most made after also did many
before must through back years where much your way well down should because each just those
people how too little state good very make world still own see men work long get here between
both life being under never day same another know while last might us great old year off come
since against go came right used take three
""")
_NOUNS = _vocabulary("""
season story character showrunner episode series writer network audience scene apartment
relationship friendship process material conversation collaboration input schedule premiere
creator hero villain sister detective city building street office camera script draft
chapter plan idea question answer decision moment problem result reason version record
review critic reader viewer studio producer director actor role voice line page argument
evidence theory method system approach model pattern window door table letter message
""")
_VERBS = _vocabulary("""
explained shared wanted handled covered exploring tackling telling welcoming destroying
relate respond listen enjoy follow expect suggest consider describe imagine remember
discover arrange improve compare measure repeat balance return deliver support reveal
""")
_ADJECTIVES = _vocabulary("""
excellent fantastic complicated interconnected tentative specific familiar strong awesome
hottest basic narrative core careful quiet sudden obvious gentle curious bright distant
early late modern ancient simple difficult practical formal honest private public
""")
_NAMES = _vocabulary("""
Jessica Trish Kilgrave Melissa Rosenberg Marco Ramirez Doug Petrie Luke Cage Harlem Danny
Scott Buck Cheo Coker Netflix Marvel Defenders Daredevil Friday September New York
""")
_TITLES = ("Mr.", "Mrs.", "Dr.", "Prof.", "Ms.")
_ENDINGS = (".", ".", ".", ".", ".", ".", "?", "!", "\u2026", "...")


class _Writer:
    """Draws words and sentences from one seeded random source."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def word(self) -> str:
        r = self.rng.random()
        if r < 0.55:
            return self.rng.choice(_COMMON)
        if r < 0.75:
            return self.rng.choice(_NOUNS)
        if r < 0.85:
            return self.rng.choice(_VERBS)
        if r < 0.93:
            return self.rng.choice(_ADJECTIVES)
        if r < 0.985:
            return self.rng.choice(_NAMES)
        return f"{self.rng.randint(1, 99)}.{self.rng.randint(0, 9)}"  # a decimal

    def sentence(self, length: int) -> list[str]:
        """``length`` whitespace-separated tokens making one sentence."""
        words = [self.word() for _ in range(length)]
        rng = self.rng
        if length >= 4 and rng.random() < 0.1:
            words[1] = rng.choice(_TITLES)
            words[2] = rng.choice(_NAMES)
        if length >= 8 and rng.random() < 0.05:
            words[3] = "e.g."
        if length >= 6 and rng.random() < 0.4:
            at = rng.randrange(2, length - 2)
            words[at] += ","
        if length >= 8 and rng.random() < 0.1:
            at = rng.randrange(2, length - 3)
            words[at] += "\u2014" + words.pop(at + 1)  # an em dash joins two words
            words.insert(at + 1, self.word())
        if length >= 6 and rng.random() < 0.12:
            a = rng.randrange(1, length - 3)
            b = rng.randrange(a + 1, min(length - 1, a + 5))
            words[a] = "\u201c" + words[a]
            words[b] += "\u201d"
        words[0] = words[0][:1].upper() + words[0][1:]
        ending = rng.choice(_ENDINGS)
        words[-1] += ending
        return words


def generate_article(words: int, seed: int) -> Article:
    """An Article of exactly ``words`` whitespace-separated words, headings included."""
    writer = _Writer(seed)
    rng = writer.rng
    blocks: list[Block] = []
    left = words
    until_heading = rng.randint(4, 10)
    while left > 0:
        if until_heading == 0 and left > 8:
            count = min(left - 1, rng.randint(3, 7))
            heading = [writer.word() for _ in range(count)]
            heading[0] = heading[0][:1].upper() + heading[0][1:]
            blocks.append(Block(BlockKind.HEADING, " ".join(heading), level=2))
            left -= count
            until_heading = rng.randint(4, 10)
            continue
        tokens: list[str] = []
        for _ in range(rng.randint(2, 7)):
            if left - len(tokens) <= 0:
                break
            length = min(left - len(tokens), rng.randint(6, 28))
            tokens += writer.sentence(length)
        blocks.append(Block(BlockKind.PARAGRAPH, " ".join(tokens)))
        left -= len(tokens)
        until_heading -= 1
    return Article(title=f"Generated article {seed}", blocks=tuple(blocks))


def generate_text(words: int, seed: int) -> str:
    """The canonical text of :func:`generate_article` (blocks joined by a blank line)."""
    return generate_article(words, seed).text
