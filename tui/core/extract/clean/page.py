"""Rules over the whole page before readability looks at it.

readability throws away, before scoring, every element whose class or id sounds like chrome
("comment", "tweet", "footer", ...). That is right for a page's frame and wrong for what an
author quotes inside the body, so these rules adjust the page where readability's own
heuristics are known to misfire, and leave the choice of the article to readability.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import html as lxml_html
from readability.readability import REGEXES

from tui.core.extract.clean.breaks import paragraphs_from_breaks

Rule = Callable[[lxml_html.HtmlElement], None]

_UNLIKELY = REGEXES["unlikelyCandidatesRe"]
_MAYBE = REGEXES["okMaybeItsACandidateRe"]
_NEGATIVE = REGEXES["negativeRe"]


def _sounds_like_chrome(el: lxml_html.HtmlElement) -> bool:
    """Whether readability would discard ``el`` unseen or score it below zero by its name."""
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(_UNLIKELY.search(names) and not _MAYBE.search(names)) or bool(
        _NEGATIVE.search(names)
    )


def keep_embedded_posts(doc: lxml_html.HtmlElement) -> None:
    """An embedded post (a tweet, a toot) is a quotation: keep it with the text around it.

    Embeds are written as <blockquote class="twitter-tweet"> in a <div class="social-media-
    embed">, which readability discards as a "tweet" widget, a "media" box, or a <div> dense
    with links. The quote loses a name that sounds like chrome, and wrappers that hold
    nothing but the quote are unwrapped; a sidebar of several posts keeps its own names.
    """
    for quote in list(doc.iter("blockquote")):
        if _sounds_like_chrome(quote):
            quote.attrib.pop("class", None)
            quote.attrib.pop("id", None)
        wrappers: list[lxml_html.HtmlElement] = []
        parent = quote.getparent()
        while parent is not None and parent.tag not in ("body", "html") and _wraps_only(
            parent, wrappers[-1] if wrappers else quote
        ):
            wrappers.append(parent)
            parent = parent.getparent()
        for wrapper in wrappers:
            wrapper.drop_tag()


def _wraps_only(parent: lxml_html.HtmlElement, child: lxml_html.HtmlElement) -> bool:
    """Whether ``parent`` shows nothing but ``child`` (an embed's loader script aside)."""
    if (parent.text or "").strip():
        return False
    for other in parent:
        if other is child:
            continue
        if (other.tail or "").strip() or (
            isinstance(other.tag, str) and other.tag not in ("script", "noscript", "style")
        ):
            return False
    return not (child.tail or "").strip()


RULES: dict[str, Rule] = {
    "paragraphs_from_breaks": paragraphs_from_breaks,
    "keep_embedded_posts": keep_embedded_posts,
}


def clean_page(doc: lxml_html.HtmlElement) -> None:
    """Apply every page rule, in place."""
    for rule in RULES.values():
        rule(doc)
