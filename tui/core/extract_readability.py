"""readability-lxml, run on Gloss's own parsed tree and handing back a tree.

Bare ``Document(html).summary()`` parses the page, runs lxml's general-purpose HTML sanitiser
over it (rewriting every link to hunt for ``javascript:``), makes links absolute, then
serialises the article to a string that Gloss would parse again. Gloss needs none of that:
the page is already parsed, unsafe links are already dropped (see :mod:`tui.core.extract`),
and blocks keep only text and checked hrefs. This subclass keeps readability's scoring and
cleaning exactly as they are and replaces only the input and output plumbing.
"""

from __future__ import annotations

import copy
import logging

from lxml import etree
from lxml import html as lxml_html
from readability import Document
from readability.readability import REGEXES, Unparseable

from tui.core.errors import ExtractError

# readability logs every page it finds hard at INFO/ERROR; Gloss reports failures itself.
logging.getLogger("readability").setLevel(logging.CRITICAL)

# What readability's own cleaner removes with its content (kill_tags of its Cleaner).
_KILL = ("script", "style", "link")


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


class _TreeDocument(Document):
    """readability's Document over an already parsed page, answering with a tree."""

    def _parse(self, input: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
        # Each (re)try starts from a fresh copy: readability's passes mutate the tree.
        doc = copy.deepcopy(input)
        # As readability's own _parse does, before anything else: hidden means not shown.
        for el in doc.xpath("//*[@hidden]"):
            el.drop_tree()
        for el in doc.xpath("//*[@style]"):
            if REGEXES["displayNoneRe"].search(el.get("style")):
                el.drop_tree()
        for el in doc.iter("image"):  # as readability's cleaner does: IE reads <image> as <img>
            el.tag = "img"
        etree.strip_elements(doc, *_KILL, with_tail=False)
        return doc

    def get_clean_html(self) -> _Summary:  # type: ignore[override]
        return _Summary(self.html)


def find_article(doc: lxml_html.HtmlElement) -> tuple[lxml_html.HtmlElement, bool]:
    """The article readability finds in ``doc``, and whether it fell back to the whole body.

    ``doc`` is not changed.
    """
    try:
        found = _TreeDocument(doc).summary(html_partial=True)
    except Unparseable as exc:
        raise ExtractError(f"no article could be found in the page ({exc})") from exc
    tree = found.tree if isinstance(found, _Summary) else lxml_html.fragment_fromstring(
        found, create_parent="div"
    )
    # When readability finds no candidate it returns the whole <body>, menus and all.
    return tree, tree.tag == "body"
