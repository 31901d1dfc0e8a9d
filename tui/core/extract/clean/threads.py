"""Reader comments under the article: a run of units that each carry a date stamp.

A comment section is structure, in any language and on any site: the same small unit
repeated, each with its author's name and a date or time ("Posted by Ann at 5:15 PM"), set
after the article. readability keeps it when it shares the article's container or when its
name ("comments-body") sounds like a body. This rule finds the stamp lines that repeat (one
tag and class, three times or more, each a short line holding a date or a time), takes
the units they mark, and drops the run of them with the heading above it. Blog posts on a
front page carry stamps too, but each under its own heading, so units with headings stay;
nothing goes unless a sizeable stretch of text comes before it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from lxml import etree
from lxml import html as lxml_html

from tui.core.extract.clean.signals import class_words

# A date or a clock time: a year, "5:15", "10/01/2008". That is
# r"\b(?:19|20)\d\d\b|\b\d{1,2}:\d\d\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b", written to start with
# its first digit (the \b before it a look behind), so that the regex engine skips to the
# next digit in C instead of trying every position: 3x faster over a long page's text, the
# same matches (tests/core/test_clean_patterns.py).
STAMP_AS_WRITTEN = r"\b(?:19|20)\d\d\b|\b\d{1,2}:\d\d\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
_STAMP = re.compile(
    r"\d(?<!\w\d)(?:(?<=1)9\d\d\b|(?<=2)0\d\d\b|\d?:\d\d\b|\d?/\d{1,2}/\d{2,4}\b)"
)
# A stamp line is short: a name, a date, a link or two.
STAMP_MAX_WORDS = 20
# A thread has at least this many stamped units.
MIN_UNITS = 3
# And comes after at least this many words of the article.
MIN_WORDS_BEFORE = 60
# Words of a date or time in English, left out when asking whether a line names someone.
_DATE_WORD = re.compile(
    r"^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:sday)?|"
    r"wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|am|pm|"
    r"[a-z]{2,4}t|utc|gmt|st|nd|rd|th)$",
    re.I,
)
_LETTERS = re.compile(r"[^\W\d_]+")
# Besides its date, a stamp line holds a name and a verb or two, not a sentence.
NAME_MAX_WORDS = 8
# Inline elements that can be a line of their own, when a line break follows them.
_INLINE_LINES = frozenset({"b", "strong", "em", "i", "span", "small", "cite", "font"})
# A comment unit with its siblings: at most this many other children per stamp.
MAX_SIBLINGS_PER_UNIT = 3
_HEADINGS = ("h1", "h2", "h3", "h4")
_BLOCKS = frozenset({"p", "div", "ul", "ol", "table", "blockquote", "dl", "li", *_HEADINGS})


def _signature(el: lxml_html.HtmlElement) -> tuple[str, str]:
    classes = (el.get("class") or "").split()
    return str(el.tag), classes[0] if classes else ""


def _names_someone(text: str) -> bool:
    """Whether a dated line holds a word besides the date: an author's name, "said"."""
    return any(not _DATE_WORD.match(word) for word in _LETTERS.findall(text))


def _is_line(el: lxml_html.HtmlElement) -> bool:
    """Whether ``el`` is a line of its own: a block, or an inline element ending its line."""
    if el.tag == "a":
        return False  # a link with a year is a citation; the line holding it may be a stamp
    if el.tag not in _INLINE_LINES:
        return True
    if (el.tail or "").strip():
        return False  # "<b>11:05</b> The second round began": a live blog's entry
    follower = el.getnext()
    return follower is None or follower.tag == "br"


_HOLDS_BLOCK = etree.XPath(
    "boolean(descendant::*[" + " or ".join(f"self::{tag}" for tag in sorted(_BLOCKS)) + "])"
)


def _is_stamp_line(el: lxml_html.HtmlElement, text: str) -> bool:
    rest = _STAMP.sub(" ", text)
    return (
        _STAMP.search(text) is not None
        and _is_line(el)
        and _names_someone(rest)
        and len(_LETTERS.findall(rest)) <= NAME_MAX_WORDS
    )


def _stamp_lines(root: lxml_html.HtmlElement) -> list[list[lxml_html.HtmlElement]]:
    """Groups of short date-bearing lines of one tag and class, in document order."""
    groups: dict[tuple[str, str], list[lxml_html.HtmlElement]] = defaultdict(list)
    seen: set[lxml_html.HtmlElement] = set()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        owner = None
        if el.text and _STAMP.search(el.text):
            owner = el
        elif el.tail and _STAMP.search(el.tail):
            owner = el.getparent()
        # The line is the text's element or an ancestor, as long as it stays a short line.
        while owner is not None and owner is not root and owner not in seen:
            seen.add(owner)
            if not isinstance(owner.tag, str) or owner.tag in _HEADINGS:
                break
            text = owner.text_content()
            if len(text.split()) > STAMP_MAX_WORDS or _HOLDS_BLOCK(owner):
                break
            if _is_stamp_line(owner, text):
                groups[_signature(owner)].append(owner)
            owner = owner.getparent()
    found = []
    for members in groups.values():
        inside = set(members)
        outer = [el for el in members if not any(a in inside for a in el.iterancestors())]
        if len(outer) >= MIN_UNITS:
            outer.sort(key=_document_order(root))
            found.append(outer)
    return found


def _document_order(root: lxml_html.HtmlElement) -> Callable[[lxml_html.HtmlElement], int]:
    order = {el: i for i, el in enumerate(root.iter())}
    return lambda el: order.get(el, 0)


def _common_parent(elements: list[lxml_html.HtmlElement]) -> lxml_html.HtmlElement | None:
    first = [elements[0], *elements[0].iterancestors()]
    for candidate in first[1:]:
        if all(candidate in el.iterancestors() for el in elements[1:]):
            return candidate
    return None


def _child_holding(parent: lxml_html.HtmlElement, el: lxml_html.HtmlElement) -> int:
    """Index among ``parent``'s children of the child that is or holds ``el``."""
    node = el
    while (up := node.getparent()) is not None and up is not parent:
        node = up
    return parent.index(node)


def _words_before(root: lxml_html.HtmlElement, stop: lxml_html.HtmlElement) -> int:
    """Words of text that come before ``stop`` in document order."""
    count = 0
    for el in root.iter():
        if el is stop:
            break
        if isinstance(el.tag, str):
            count += len((el.text or "").split())
        if el is not root and not any(a is stop for a in el.iterancestors()):
            count += len((el.tail or "").split())
    return count


def _thread_span(
    children: list[lxml_html.HtmlElement], units: list[int]
) -> tuple[int, int] | None:
    """The children a run of stamped units covers, with the comments' text around the stamps.

    None if the run is not a thread: headings inside (posts with titles, a blog's front
    page) or stamps scattered among many other paragraphs (dates cited in an article).
    """
    first, last = units[0], units[-1]
    others = [i for i in range(first, last + 1) if i not in units]
    if len(others) > MAX_SIBLINGS_PER_UNIT * len(units):
        return None
    for i in range(first, last + 1):
        child = children[i]
        if child.tag in _HEADINGS or any(child.find(f".//{h}") is not None for h in _HEADINGS):
            return None
    between = {_signature(children[i]) for i in others}
    # A comment's text may come before its stamp line or after it.
    if first > 0 and _signature(children[first - 1]) in between:
        first -= 1
    if last + 1 < len(children) and _signature(children[last + 1]) in between:
        last += 1
    if first > 0 and children[first - 1].tag in _HEADINGS:
        first -= 1  # "Comments", "12 Responses to ..."
    return first, last


def drop_comment_threads(root: lxml_html.HtmlElement) -> None:
    """Drop runs of date-stamped units that follow the article (reader comments)."""
    for stamps in _stamp_lines(root):
        if any(s.getparent() is None for s in stamps):
            continue  # dropped with an earlier thread
        parent = _common_parent(stamps)
        if parent is None:
            continue
        units = sorted({_child_holding(parent, s) for s in stamps})
        children = list(parent)
        # The post's own stamp ("Posted by the author at ...") may lead the run, with the
        # comments' heading after it: the thread is the longest run that reads as one.
        for start in range(len(units) - MIN_UNITS + 1):
            span = _thread_span(children, units[start:])
            if span is None:
                continue
            first, last = span
            if _words_before(root, children[first]) >= MIN_WORDS_BEFORE:
                for child in children[first : last + 1]:
                    child.drop_tree()
            break


def drop_named_threads(root: lxml_html.HtmlElement) -> None:
    """Three or more sibling units named as comments, after the article: a thread.

    readability drops parts named "comment" unless the name also says "body"
    ("comments-body"); a run of such units after the article's text is the thread whose
    stamp lines readability has already removed.
    """
    for parent in list(root.iter()):
        if parent.getparent() is None and parent is not root:
            continue
        runs: dict[tuple[str, str], list[lxml_html.HtmlElement]] = defaultdict(list)
        for child in parent:
            if isinstance(child.tag, str) and any(
                w.startswith("comment") for w in class_words(child)
            ):
                runs[_signature(child)].append(child)
        for run in runs.values():
            if len(run) >= MIN_UNITS and _words_before(root, run[0]) >= MIN_WORDS_BEFORE:
                for child in run:
                    child.drop_tree()
