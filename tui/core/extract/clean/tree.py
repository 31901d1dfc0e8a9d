"""Rules over the article tree readability hands back, before it becomes blocks.

readability picks the right container but keeps what sits inside it: share bars, "related"
rails, newsletter boxes, photo captions written as paragraphs. Pages name these parts in
their class and id attributes, so most rules here are a vocabulary of such names (never a
site's own) plus a guard that keeps real prose safe. All named parts are found in one walk
over the tree, which is small by now, so the rules cost little.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from lxml import html as lxml_html

from tui.core.extract.clean.cards import drop_card_rails
from tui.core.extract.clean.siblings import drop_layout_columns, drop_sibling_rails
from tui.core.extract.clean.signals import class_words, has_pair, has_word
from tui.core.extract.clean.threads import drop_comment_threads, drop_named_threads

Rule = Callable[[lxml_html.HtmlElement], None]

# A part holding this many words of paragraphs is the article itself, whatever its name.
PROSE_GUARD_WORDS = 120
# No caption is longer than this.
CAPTION_MAX_WORDS = 50
# A part holding this share of all the article's words is the article, in <p> or not.
TEXT_SHARE_GUARD = 0.5
# Same-named siblings, at least this many, that hold half the prose are the article styled.
RUN_MIN = 3
# A figure holding no more than this is a picture with its caption and credit.
FIGURE_MAX_WORDS = 80


@dataclass(frozen=True, slots=True)
class NamedPart:
    """A kind of page part, recognised by the words of its class or id (or its itemprop)."""

    words: frozenset[str]
    pairs: frozenset[tuple[str, str]] = frozenset()
    itemprops: frozenset[str] = frozenset()
    # "drop" removes the part; "caption" keeps it as a caption, out of the prose.
    action: Literal["drop", "caption"] = "drop"
    # Only parts at most this long (None: any length up to the prose guard).
    max_words: int | None = None

    def names(self, words: tuple[str, ...], itemprop: str | None) -> bool:
        """Whether an element with these class/id words and itemprop is this part."""
        return (
            has_word(words, self.words)
            or (bool(self.pairs) and has_pair(words, self.pairs))
            or (itemprop is not None and itemprop in self.itemprops)
        )


PARTS: dict[str, NamedPart] = {
    # Photo captions and credits, written as <p>/<span>/<div class="caption">.
    "captions_by_class": NamedPart(
        frozenset({"caption", "captions", "credit", "credits", "figcaption"}),
        action="caption",
        # A picture's caption is a sentence or two; a passage longer than that so named is text
        # an editor set beside a picture, and read as the article.
        max_words=CAPTION_MAX_WORDS,
    ),
    # Share bars and follow-us widgets.
    "drop_share": NamedPart(
        frozenset({"share", "shares", "sharing", "sharebar", "sharethis", "addthis"})
    ),
    # Rails of links to other articles.
    "drop_related": NamedPart(
        frozenset({"related", "recommended", "recommendations", "readmore"}),
        frozenset({("read", "more"), ("more", "stories"), ("also", "like")}),
    ),
    # Mailing-list and subscription prompts.
    "drop_newsletter": NamedPart(
        frozenset(
            {"newsletter", "newsletters", "subscribe", "subscription", "signup", "optin", "paywall"}
        ),
        frozenset({("sign", "up"), ("email", "signup")}),
    ),
    # Hover cards the stylesheet hides until hovered: inside sentences, never read there.
    "drop_overlays": NamedPart(frozenset({"tooltip", "popover", "rollover", "hovercard"})),
    # Labels only screen readers hear ("Image caption", "Image copyright" on BBC pages):
    # the stylesheet moves them off screen, so a sighted reader never sees them in the text.
    "drop_screen_reader_labels": NamedPart(
        frozenset({"offscreen", "sronly", "visuallyhidden", "screenreader"}),
        frozenset({("off", "screen"), ("sr", "only"), ("visually", "hidden"),
                   ("screen", "reader")}),
        max_words=6,
    ),
    # Byline and author-bio boxes (the byline is Article metadata already).
    "drop_author_boxes": NamedPart(frozenset({"byline", "bio", "author"})),
    # Parts the publisher marks as not content: ads, promos, no-script fallbacks.
    "drop_not_content": NamedPart(
        frozenset({"nocontent", "noindex", "noscript", "promo", "advert"})
    ),
    # The summary under the headline ("dek", "standfirst"), which readability adds back as an
    # "editorial lead": the page's description, written for listings, not part of the body.
    "drop_dek": NamedPart(
        frozenset({"dek", "standfirst", "strapline"}),
        itemprops=frozenset({"description"}),
        max_words=60,
    ),
}


def _prose_words(el: lxml_html.HtmlElement) -> int:
    return sum(len((p.text_content() or "").split()) for p in el.iter("p"))


def _guarded(
    el: lxml_html.HtmlElement, part: NamedPart, article_words: int, text_words: int
) -> bool:
    """Whether ``el`` must stay although its name says ``part``: it holds the article."""
    if len(el.text_content().split()) >= TEXT_SHARE_GUARD * text_words:
        # Most of the article's text, in <p> or not (old pages write it in a <span> with
        # <br>s): the part is the article, whatever the page called it.
        return True
    if part.max_words is not None:
        return len(el.text_content().split()) > part.max_words
    if part.action == "drop" and el.find(".//blockquote") is not None:
        return True  # an embedded post or a quotation, even inside a "social" box
    # A body's worth of prose, or most of a short article, is the article whatever its name.
    return _prose_words(el) >= min(PROSE_GUARD_WORDS, article_words / 2)


def apply_named_parts(root: lxml_html.HtmlElement) -> None:
    """Drop, or turn into captions, every part named in PARTS (one walk over the tree)."""
    parts = list(PARTS.values())
    found: list[tuple[lxml_html.HtmlElement, NamedPart]] = []
    for el in root.iter():
        if el is root or not isinstance(el.tag, str):
            continue
        words = class_words(el)
        itemprop = el.get("itemprop")
        if not words and itemprop is None:
            continue
        part = next((p for p in parts if p.names(words, itemprop)), None)
        if part is not None:
            found.append((el, part))
    if not found:
        return  # nothing named: the article's words need not be counted (a long page: ~20 ms)
    article_words = _prose_words(root)
    text_words = len(root.text_content().split())
    doomed: list[lxml_html.HtmlElement] = []
    captions: list[lxml_html.HtmlElement] = []
    named = [el for el, _ in found]
    for el, part in found:
        if not _guarded(el, part, article_words, text_words):
            (doomed if part.action == "drop" else captions).append(el)
    spread = _spread_over_the_text(named, text_words)
    doomed = [el for el in _body_styles_kept(doomed, article_words) if el not in spread]
    captions = [el for el in _body_styles_kept(captions, article_words) if el not in spread]
    for el in captions:
        if el.tag != "figcaption" and el.find(".//figcaption") is None:
            el.tag = "figcaption"
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def _body_styles_kept(
    found: list[lxml_html.HtmlElement], article_words: int
) -> list[lxml_html.HtmlElement]:
    """``found`` less the runs of same-named siblings that together hold most of the article.

    Some pages give every body paragraph a class ("paywall", "author-voice"); one such
    paragraph is short and would pass for a widget, but a run of them is the article styled,
    not a box set into it. A rail of related links repeats its class too, but it never holds
    half of the article's prose.
    """
    runs: dict[tuple[object, object, str], list[lxml_html.HtmlElement]] = {}
    for el in found:
        # The parent itself is the key: an id() of a proxy lxml may free could be reused.
        key = (el.getparent(), el.tag, el.get("class") or "")
        runs.setdefault(key, []).append(el)
    styled = {
        el
        for run in runs.values()
        if len(run) >= RUN_MIN and sum(_prose_words(el) for el in run) >= article_words / 2
        for el in run
    }
    return [el for el in found if el not in styled] if styled else found


def _spread_over_the_text(
    named: list[lxml_html.HtmlElement], text_words: int
) -> set[lxml_html.HtmlElement]:
    """Named parts that, with the others of their name anywhere in the article, hold its text.

    A blog editor may wrap each stretch of a post in ``<span class="byline-author">``, in
    several paragraphs, and a blog's front page names each post by its author ("entry
    entry_author_Ann"): no one of them holds half the words, all of them hold the text.
    A rail repeats its name too, but never holds half the article's words.
    """
    groups: dict[tuple[object, str], list[lxml_html.HtmlElement]] = {}
    for el in named:
        # By the first class only: a blog engine adds the entry's author as a second class
        # ("entry entry_author_Ann"), so the entries of one page differ in their full class.
        classes = (el.get("class") or "").split()
        groups.setdefault((el.tag, classes[0] if classes else ""), []).append(el)
    spread: set[lxml_html.HtmlElement] = set()
    for group in groups.values():
        if len(group) < 2:
            continue
        members = set(group)
        outermost = [el for el in group if not any(a in members for a in el.iterancestors())]
        words = sum(len(el.text_content().split()) for el in outermost)
        if len(outermost) >= 2 and words >= TEXT_SHARE_GUARD * text_words:
            spread.update(group)
    return spread


def figure_text_as_caption(root: lxml_html.HtmlElement) -> None:
    """Words inside a <figure> but outside its <figcaption> (a credit, a <cite>) are caption.

    A figure that quotes, lists or tabulates keeps its structure: only picture figures change.
    """
    for figure in list(root.iter("figure")):
        if figure is root:
            continue
        if any(figure.find(f".//{tag}") is not None for tag in ("blockquote", "table", "pre")):
            continue
        if figure.find(".//ul") is not None or figure.find(".//ol") is not None:
            continue
        if len(figure.text_content().split()) <= FIGURE_MAX_WORDS:
            figure.tag = "figcaption"




RULES: dict[str, Rule] = {
    "sibling_rails": drop_sibling_rails,
    "layout_columns": drop_layout_columns,
    "comment_threads": drop_comment_threads,
    "named_threads": drop_named_threads,
    "named_parts": apply_named_parts,
    "figure_text_as_caption": figure_text_as_caption,
    "card_rails": drop_card_rails,
}


def clean_tree(root: lxml_html.HtmlElement) -> None:
    """Apply every tree rule to readability's article, in place."""
    for rule in RULES.values():
        rule(root)

