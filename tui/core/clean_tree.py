"""Rules over the article tree readability hands back, before it becomes blocks.

readability picks the right container but keeps what sits inside it: share bars, "related"
rails, newsletter boxes, photo captions written as paragraphs. Pages name these parts in
their class and id attributes, so each rule here is a vocabulary of such names (never a site's
own) plus a guard that keeps real prose safe. The tree is small by now, so rules cost little.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import html as lxml_html

from tui.core.clean_signals import class_words, has_pair, has_word

Rule = Callable[[lxml_html.HtmlElement], None]

# Photo captions and credits: kept in the Article as captions, out of the prose.
_CAPTION_WORDS = frozenset({"caption", "captions", "credit", "credits", "figcaption"})
# Sharing and social-follow widgets.
_SHARE_WORDS = frozenset({"share", "shares", "sharing", "sharebar", "sharethis", "addthis"})
# Links to other articles.
_RELATED_WORDS = frozenset({"related", "recommended", "recommendations", "readmore"})
_RELATED_PAIRS = frozenset({("read", "more"), ("more", "stories"), ("also", "like")})
# Mailing-list and subscription prompts.
_NEWSLETTER_WORDS = frozenset(
    {"newsletter", "newsletters", "subscribe", "subscription", "signup", "optin", "paywall"}
)
_NEWSLETTER_PAIRS = frozenset({("sign", "up"), ("email", "signup")})
# Pop-ups that the page's stylesheet hides until hovered: inline, but never read inline.
_OVERLAY_WORDS = frozenset({"tooltip", "popover", "rollover", "hovercard"})
# Author boxes and bylines inside the body.
_AUTHOR_WORDS = frozenset({"byline", "bio", "author"})
# Markers publishers put on parts that are not content ("robots-nocontent", "noprint").
_NOT_CONTENT_WORDS = frozenset({"nocontent", "noindex", "noscript", "promo", "advert"})
# The summary under a headline ("dek", "standfirst"): the page's description, not its body.
_DEK_WORDS = frozenset({"dek", "standfirst", "strapline", "lede", "subtitle", "subhead"})
_DEK_MAX_WORDS = 60
# A container holding this many words of paragraphs is an article part, whatever its name.
_PROSE_GUARD_WORDS = 120


def _prose_words(el: lxml_html.HtmlElement) -> int:
    return sum(len((p.text_content() or "").split()) for p in el.iter("p"))


def _drop_by_words(
    root: lxml_html.HtmlElement,
    words: frozenset[str],
    pairs: frozenset[tuple[str, str]] = frozenset(),
) -> None:
    """Drop every element named by ``words``/``pairs`` unless it holds a body's worth of prose."""
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el is root:
            continue
        found = class_words(el)
        if not found or not (has_word(found, words) or (pairs and has_pair(found, pairs))):
            continue
        if el.find(".//blockquote") is not None or _prose_words(el) >= _PROSE_GUARD_WORDS:
            continue
        doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def captions_by_class(root: lxml_html.HtmlElement) -> None:
    """Captions written as <p>/<span>/<div class="caption"> become <figcaption>."""
    for el in root.iter():
        if not isinstance(el.tag, str) or el is root or el.tag == "figcaption":
            continue
        if (
            has_word(class_words(el), _CAPTION_WORDS)
            and _prose_words(el) < _PROSE_GUARD_WORDS
            and el.find(".//figcaption") is None
        ):
            el.tag = "figcaption"


def drop_share(root: lxml_html.HtmlElement) -> None:
    """Share bars and follow-us widgets."""
    _drop_by_words(root, _SHARE_WORDS)


def drop_related(root: lxml_html.HtmlElement) -> None:
    """'Related', 'read more' and recommendation rails."""
    _drop_by_words(root, _RELATED_WORDS, _RELATED_PAIRS)


def drop_newsletter(root: lxml_html.HtmlElement) -> None:
    """Newsletter and subscription prompts."""
    _drop_by_words(root, _NEWSLETTER_WORDS, _NEWSLETTER_PAIRS)


def drop_overlays(root: lxml_html.HtmlElement) -> None:
    """Hover cards and tooltips nested inside sentences."""
    _drop_by_words(root, _OVERLAY_WORDS)


def drop_author_boxes(root: lxml_html.HtmlElement) -> None:
    """Byline and author-bio boxes (the byline is Article metadata already)."""
    _drop_by_words(root, _AUTHOR_WORDS)


def drop_not_content(root: lxml_html.HtmlElement) -> None:
    """Parts the publisher marks as not content: ads, promos, no-script fallbacks."""
    _drop_by_words(root, _NOT_CONTENT_WORDS)


def drop_dek(root: lxml_html.HtmlElement) -> None:
    """The summary set under the headline, which readability adds back as an 'editorial lead'.

    It is the page's description, written for listings; the body says it again at length.
    """
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el is root:
            continue
        named = has_word(class_words(el), _DEK_WORDS) or (el.get("itemprop") == "description")
        if named and len(el.text_content().split()) <= _DEK_MAX_WORDS:
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


RULES: dict[str, Rule] = {
    "captions_by_class": captions_by_class,
    "drop_share": drop_share,
    "drop_related": drop_related,
    "drop_newsletter": drop_newsletter,
    "drop_overlays": drop_overlays,
    "drop_author_boxes": drop_author_boxes,
    "drop_not_content": drop_not_content,
    "drop_dek": drop_dek,
}


def clean_tree(root: lxml_html.HtmlElement) -> None:
    """Apply every tree rule to readability's article, in place."""
    for rule in RULES.values():
        rule(root)
