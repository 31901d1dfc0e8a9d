"""readability-lxml, run on Gloss's own parsed tree and handing back a tree.

Bare ``Document(html).summary()`` parses the page, runs lxml's general-purpose HTML sanitiser
over it (rewriting every link to hunt for ``javascript:``), makes links absolute, then
serialises the article to a string that Gloss would parse again. Gloss needs none of that:
the page is already parsed, unsafe links are already dropped (see :mod:`tui.core.extract.pipeline`),
and blocks keep only text and checked hrefs. This subclass keeps readability's scoring and
cleaning exactly as they are and replaces only the input and output plumbing.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

import readability.readability as _readability
from lxml import etree
from lxml import html as lxml_html
from readability import Document
from readability.readability import REGEXES, Unparseable

from tui.core.errors import ExtractError

# readability logs every page it finds hard at INFO/ERROR; Gloss reports failures itself.
logging.getLogger("readability").setLevel(logging.CRITICAL)

# What readability's own cleaner removes with its content (kill_tags of its Cleaner).
_KILL = ("script", "style", "link")
# Marks the part of a page to find again in its copy.
_MARK = "data-gloss-part"
# Form controls: their words (a "jump to" menu's hundred <option>s) are never read as text,
# by Gloss's blocks or by a reader, so they must not score as the article's text either.
CONTROLS = ("select", "option", "optgroup", "datalist", "textarea", "button")


# -- readability's clean(), the same answer at a third of the cost ----------------------------

# readability measures text by ``len(clean(el.text_content()))``: three regex passes over the
# text (runs of 255+ spaces cut, a run holding a line break made one "\n", tabs and runs of
# spaces made one space) and a strip. On a long page they are most of its scoring: every
# paragraph is cleaned, then the article and the page whole (two 650 KB texts for a
# 100,000-word page: ~80 ms each). Each pass changes only runs of whitespace, one run at a
# time, never a run's neighbours, and a single space or line break stays as it is; so
# stripping first, then finding the runs that may change (two or more blanks, or a tab) in one
# pass, and giving each run the three passes alone, is the same text. Checked against
# readability's own clean() in tests/core/test_readable_clean.py.
_ORIGINAL_CLEAN = _readability.clean
# Two or more blanks, or a tab: written to start with one blank, so that the regex engine
# skips ahead to the next blank in C (``\s{2,}|\t`` tries every position: ~3x slower).
_CHANGING_RUN = re.compile(r"\s(?:\s+|(?<=\t))")
_LONG_RUN = re.compile(r"\s{255,}")
_LINE_BREAK_RUN = re.compile(r"\s*\n\s*")
_SPACE_RUN = re.compile(r"\t|[ \t]{2,}")


def _clean_run(match: re.Match[str]) -> str:
    """readability's three passes over one run of whitespace."""
    run = _LONG_RUN.sub(" " * 255, match.group())
    run = _LINE_BREAK_RUN.sub("\n", run)
    return _SPACE_RUN.sub(" ", run)


# The same text is cleaned again and again (an element and its only child; the article and
# the page around it): kept for one page (cleared by find_article).
@lru_cache(maxsize=1024)
def fast_clean(text: str) -> str:
    """What readability's ``clean(text)`` answers, in one pass over the text."""
    return _CHANGING_RUN.sub(_clean_run, text.strip())



@contextlib.contextmanager
def _fast_clean_in_readability() -> Iterator[None]:
    """readability's module uses fast_clean while Gloss runs it (its text_length() and its
    scoring look ``clean`` up there), and its own clean() again after: anyone else using
    readability in the process (a benchmark's bare baseline) gets readability as shipped.
    Two overlapping runs in threads can at worst restore the original under each other:
    slower, never different, as the two answer alike."""
    _readability.clean = fast_clean
    try:
        yield
    finally:
        _readability.clean = _ORIGINAL_CLEAN


class _Summary:
    """What ``get_clean_html`` returns: the article tree, sized like readability's string.

    ``summary()`` only asks for the length (to decide whether to retry less ruthlessly) and
    then returns the object, so the tree travels out without a serialise/parse round trip.
    """

    __slots__ = ("_length", "tree")

    def __init__(self, tree: lxml_html.HtmlElement) -> None:
        self.tree = tree
        self._length = len(etree.tostring(tree, encoding="unicode", method="html"))

    def __len__(self) -> int:
        return self._length

    def __bool__(self) -> bool:
        return True


def visible_copy(page: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """A copy of ``page`` without what a browser does not show: scripts, hidden parts."""
    doc = copy.deepcopy(page)
    # As readability's own _parse does, before anything else: hidden means not shown.
    for el in doc.xpath("//*[@hidden]"):
        el.drop_tree()
    for el in doc.xpath("//*[@style]"):
        if REGEXES["displayNoneRe"].search(el.get("style")):
            el.drop_tree()
    for el in doc.iter("image"):  # as readability's cleaner does: IE reads <image> as <img>
        el.tag = "img"
    etree.strip_elements(doc, *_KILL, with_tail=False)
    if DROP_CONTROLS:
        etree.strip_elements(doc, *CONTROLS, with_tail=False)
    return doc


def copy_visible_part(
    page: lxml_html.HtmlElement, part: lxml_html.HtmlElement
) -> lxml_html.HtmlElement:
    """A visible copy (see visible_copy) of ``part`` of ``page`` (the page if it is hidden)."""
    part.set(_MARK, "")  # a path would shift when hidden elements before it are dropped
    try:
        copied = visible_copy(page)
    finally:
        del part.attrib[_MARK]
    found = next(copied.iterfind(f".//*[@{_MARK}]"), None)
    if found is None:
        return copied
    del found.attrib[_MARK]
    return found


class _TreeDocument(Document):  # type: ignore[misc]  # readability has no types: Any
    """readability's Document over an already parsed page, answering with a tree."""

    def _parse(self, input: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
        # Each (re)try starts from a fresh copy: readability's passes mutate the tree.
        return visible_copy(input)

    def get_clean_html(self) -> _Summary:
        return _Summary(self.html)

    def get_preserved_elements(
        self, node: lxml_html.HtmlElement
    ) -> dict[lxml_html.HtmlElement, bool]:
        """readability's own exemptions from its link-density cleaning, and body lists."""
        allowed: dict[lxml_html.HtmlElement, bool] = super().get_preserved_elements(node)
        if PRESERVE_BODY_LISTS:
            allowed.update({el: True for el in body_lists(node)})
        return allowed


# Drop form controls before scoring (a switch, for the tests and the per-rule measurements).
DROP_CONTROLS = True
# Keep lists between body paragraphs through readability's cleaning (a switch, so that the
# tests and the per-rule measurements can show what readability does without it).
PRESERVE_BODY_LISTS = True
# How many element siblings either side of a list are looked at for a paragraph.
_LIST_SIBLING_REACH = 3


def _is_prose_block(el: lxml_html.HtmlElement | None) -> bool:
    if el is None or not isinstance(el.tag, str) or el.tag not in ("p", "h2", "h3", "h4"):
        return False
    return len(el.text_content().split()) >= 3


def _all_link(el: lxml_html.HtmlElement) -> bool:
    text = len("".join(el.text_content().split()))
    linked = sum(len("".join(a.text_content().split())) for a in el.iter("a"))
    return text == 0 or linked >= 0.9 * text


def body_lists(node: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """Lists set between the article's own paragraphs: part of the text, links or not.

    readability drops any list dense with links, which is right for a menu and wrong for a
    shopping guide's "Buy it at ..." lines or a list of sources the author cites inline.
    Lists of two or more items that are links and nothing else stay a rail of headlines.
    """
    found = []
    for el in node.iter("ul", "ol"):
        items = [li for li in el if li.tag == "li"]
        if len(items) >= 2 and all(_all_link(li) for li in items):
            continue
        # Only the nearest few siblings: listing them all made a long page's lists
        # quadratic (a 100,000-word page: ~50 ms of the clean).
        before = islice(
            (s for s in el.itersiblings(preceding=True) if isinstance(s.tag, str)),
            _LIST_SIBLING_REACH,
        )
        after = islice(
            (s for s in el.itersiblings() if isinstance(s.tag, str)), _LIST_SIBLING_REACH
        )
        if any(_is_prose_block(s) for s in before) and any(_is_prose_block(s) for s in after):
            found.append(el)
    return found


def find_article(doc: lxml_html.HtmlElement) -> tuple[lxml_html.HtmlElement, bool]:
    """The article readability finds in ``doc``, and whether it fell back to the whole body.

    ``doc`` is not changed.
    """
    try:
        with _fast_clean_in_readability():
            found = _TreeDocument(doc).summary(html_partial=True)
    except Unparseable as exc:
        raise ExtractError(f"no article could be found in the page ({exc})") from exc
    finally:
        fast_clean.cache_clear()  # a page's texts are not asked about again
    tree = found.tree if isinstance(found, _Summary) else lxml_html.fragment_fromstring(
        found, create_parent="div"
    )
    # When readability finds no candidate it returns the whole <body>, menus and all.
    return tree, tree.tag == "body"
