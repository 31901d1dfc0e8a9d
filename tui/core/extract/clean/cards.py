"""Rails of teaser cards inside the article: repetition, not names.

A card is a small linked picture with a kicker and a headline; a run of them side by side is
a carousel of other stories, whatever the page calls it.
"""

from __future__ import annotations

from lxml import html as lxml_html

# Teaser cards: a picture, a kicker and a headline, linked elsewhere; no more words than this.
CARD_MAX_WORDS = 30
# A rail has at least this many cards side by side.
CARD_MIN_RUN = 3
# A card shows a picture or a headline (readability may have dropped the picture already).
_CARD_HEADS = ("img", "picture", "h2", "h3", "h4", "h5", "h6")
_CARD_TAGS = frozenset({"div", "li", "article", "section", "figure"})


def _is_card(el: lxml_html.HtmlElement) -> bool:
    return (
        len(el.text_content().split()) <= CARD_MAX_WORDS
        and el.find(".//a[@href]") is not None
        and any(el.find(f".//{tag}") is not None for tag in _CARD_HEADS)
    )


def drop_card_rails(root: lxml_html.HtmlElement) -> None:
    """A run of teaser cards set inside the article: a rail of other stories.

    Sites slip a carousel of cards between the paragraphs (each a picture, a kicker, a
    headline and a link to the story), under class names no vocabulary could list. By
    structure: three or more siblings of one tag and class, each a small linked picture or
    headline with a few words. The article's own figures are not in runs of linked cards.
    """
    doomed: list[lxml_html.HtmlElement] = []
    for parent in root.iter():
        runs: dict[tuple[object, str], list[lxml_html.HtmlElement]] = {}
        for child in parent:
            if isinstance(child.tag, str) and child.tag in _CARD_TAGS:
                runs.setdefault((child.tag, child.get("class") or ""), []).append(child)
        for run in runs.values():
            if len(run) >= CARD_MIN_RUN and all(_is_card(el) for el in run):
                doomed.extend(run)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()
