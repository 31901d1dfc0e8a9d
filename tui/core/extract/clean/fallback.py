"""When readability finds no article, find the part of the page that holds the prose.

readability scores <p>, <pre>, <td> and <blockquote> elements; a page whose text sits
directly in a <section> or <main>, split by <br>, gives it nothing to score, and it returns
the whole <body>: menus, header and footer included. This narrows that body the way a reader
would: the page's frame (navigation, banner, footer, sidebars, forms) goes, then the smallest
container that still holds most of the words is the article.
"""

from __future__ import annotations

from lxml import html as lxml_html

# Landmarks of a page's frame, by element and by ARIA role.
_FRAME_TAGS = ("nav", "header", "footer", "aside", "form")
_FRAME_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"}
)
# The article container holds at least this share of the page's unlinked words.
ARTICLE_SHARE = 0.8
# A frame element holding more than this share of the words is the page, not its frame.
FRAME_MAX_SHARE = 0.5


def _unlinked_words(el: lxml_html.HtmlElement) -> int:
    words = len(el.text_content().split())
    linked = sum(len(a.text_content().split()) for a in el.iter("a"))
    return max(0, words - linked)


def narrow_fallback(body: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """The part of a whole-page ``body`` that holds its prose (``body`` itself if no better)."""
    total = _unlinked_words(body)
    if not total:
        return body
    frame = [el for el in body.iter(*_FRAME_TAGS) if el is not body]
    frame += [
        el
        for el in body.iter()
        if isinstance(el.tag, str) and (el.get("role") or "").strip().lower() in _FRAME_ROLES
    ]
    for el in frame:
        if el.getparent() is not None and _unlinked_words(el) <= FRAME_MAX_SHARE * total:
            el.drop_tree()
    total = _unlinked_words(body)
    best, best_size = body, len(body.text_content())
    for el in body.iter():
        if el is body or not isinstance(el.tag, str):
            continue
        size = len(el.text_content())
        if size < best_size and _unlinked_words(el) >= ARTICLE_SHARE * total:
            best, best_size = el, size
    return best
