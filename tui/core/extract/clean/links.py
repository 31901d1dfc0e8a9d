"""Block rules that read a page's links, not its words: teasers and link tails.

A link's visible text says what the author meant it for. Text that is a title ("Fans want
the band in the Hall of Fame") sends the reader to another page: it is navigation, however
it is styled. Text that is an address ("www.example.org", "desk@example.org") is there to be
read and copied: it is content. These rules use only that, the share of a block's text that
is linked and where the block sits, so they hold in any language and on any site.
"""

from __future__ import annotations

import re
from typing import Any

from tui.core.extract.clean.signals import SENTENCE_MARKS, word_count
from tui.core.model import Block, BlockKind, SpanKind

# A line of page furniture is short; a paragraph of the article is not.
SHORT_WORDS = 14
# A paragraph this much linked is one link (a space or a quote mark may fall outside it).
WHOLLY_LINKED = 0.95
# A wholly linked paragraph this long reads as a headline; shorter ones are names, labels,
# products and sources, which articles do set on a line of their own.
TEASER_MIN_WORDS = 7
# Below the last paragraph, a block this much linked points elsewhere.
TAIL_LINK_SHARE = 0.5
# ... if it holds one or two links: a sentence citing three sources is a list of sources,
# and a line of many links with no words between them is drop_link_lines's.
TAIL_MAX_LINKS = 2
_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$|^[^\s@]+@[^\s@]+\.\w+$|^[\w-]+(?:\.[\w-]+)+/?$")


def link_share(block: Block) -> float:
    """Fraction of the block's characters that are link text."""
    if not block.text:
        return 0.0
    covered = sum(s.end - s.start for s in block.spans if s.kind is SpanKind.LINK)
    return min(1.0, covered / len(block.text))


def is_body_paragraph(block: Block) -> bool:
    """A paragraph of the article: long enough, and a sentence."""
    return (
        block.kind in (BlockKind.PARAGRAPH, BlockKind.QUOTE)
        and word_count(block.text) > SHORT_WORDS
        and any(mark in block.text for mark in SENTENCE_MARKS)
    )


def shows_address(block: Block) -> bool:
    """Whether a link in the block prints its address (a URL, a domain, an e-mail)."""
    return any(
        _ADDRESS.match(block.text[s.start : s.end].strip())
        for s in block.spans
        if s.kind is SpanKind.LINK
    )


def drop_linked_teasers(blocks: list[Block], page: Any) -> list[Block]:
    """A paragraph that is one headline-long link: a teaser for another story set in the body.

    Pages slip "related" headlines between the paragraphs of a story, as paragraphs whose
    whole text is the link, under no label a vocabulary could know. A sentence of the
    article links a few words, never all of them; a short wholly linked line (a product, a
    source's name) and a printed address stay.
    """
    return [
        b
        for b in blocks
        if not (
            b.kind is BlockKind.PARAGRAPH
            and link_share(b) >= WHOLLY_LINKED
            and word_count(b.text) >= TEASER_MIN_WORDS
            and not shows_address(b)
        )
    ]


def drop_tail_links(blocks: list[Block], page: Any) -> list[Block]:
    """Below the article's last paragraph, lines that are mostly links: tags, rails, promos.

    Once the story has ended, a block that is mostly link text sends the reader on (to a tag
    page, a related story, a shop); the credits and notes pages print there are plain text,
    print an address, or cite several sources, and stay.
    """
    last = max((i for i, b in enumerate(blocks) if is_body_paragraph(b)), default=None)
    if last is None:
        return blocks
    return blocks[: last + 1] + [
        b
        for b in blocks[last + 1 :]
        if not (
            b.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
            and word_count(b.text) >= 2
            and link_share(b) >= TAIL_LINK_SHARE
            and sum(s.kind is SpanKind.LINK for s in b.spans) <= TAIL_MAX_LINKS
            and not shows_address(b)
        )
    ]
