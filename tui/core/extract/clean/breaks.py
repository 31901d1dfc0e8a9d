"""Paragraphs written as ``<br><br>``: give readability the <p>s it scores.

readability scores <p>, <pre> and <td> elements, and turns the text of a <div> split by <br>s
into paragraphs; text that sits in a <font>, <span>, <td>, <section> or <b> and is split by
blank lines (``<br><br>``) gives it nothing to score, so an old page's whole article can lose
to a rail of teasers written in <p>s. This rule writes those runs of text as the paragraphs
they are, by structure alone: two line breaks in a row end a paragraph.
"""

from __future__ import annotations

from lxml import html as lxml_html

# Containers readability does not split itself (it does <div>s), that old pages fill with text.
CONTAINERS = ("font", "span", "td", "th", "section", "article", "main", "center", "b", "body")
# Elements that end a run of inline text: they are blocks of their own.
_BLOCKS = frozenset(
    {
        "p", "div", "table", "ul", "ol", "dl", "blockquote", "pre", "h1", "h2", "h3", "h4",
        "h5", "h6", "section", "article", "aside", "nav", "header", "footer", "form", "hr",
        "center", "td", "th", "li", "figure",
    }
)
# A container is split only when its own runs of text hold this many words: a menu of short
# lines split by <br>s stays as it is.
MIN_RUN_WORDS = 40


def _is_break(el: lxml_html.HtmlElement) -> bool:
    return isinstance(el.tag, str) and el.tag == "br"


def _double_break_at(children: list[lxml_html.HtmlElement], index: int) -> bool:
    """Whether children[index] is a <br> followed, after blank text only, by another <br>."""
    el = children[index]
    return (
        _is_break(el)
        and index + 1 < len(children)
        and _is_break(children[index + 1])
        and not (el.tail or "").strip()
    )


def _own_words(el: lxml_html.HtmlElement) -> int:
    """Words in ``el``'s text and its children's tails (not inside its children)."""
    text = [el.text or ""] + [child.tail or "" for child in el]
    return len(" ".join(text).split())


def _paragraph(text: str | None, run: list[lxml_html.HtmlElement]) -> lxml_html.HtmlElement | None:
    """A <p> of ``text`` and ``run``, or None if they show nothing."""
    if not (text or "").strip() and not any(c.tag != "br" for c in run):
        return None
    para = lxml_html.Element("p")
    para.text = text
    para.extend(run)
    return para


def split_at_breaks(el: lxml_html.HtmlElement) -> None:
    """Wrap each run of ``el``'s inline content between blank lines or blocks in a <p>."""
    children = list(el)
    out: list[lxml_html.HtmlElement | None] = []
    text = el.text
    run: list[lxml_html.HtmlElement] = []
    el.text = None
    for child in children:
        el.remove(child)  # lxml moves the child's tail with it
    index = 0
    while index < len(children):
        child = children[index]
        if _double_break_at(children, index):
            out.append(_paragraph(text, run))
            run = []
            while _double_break_at(children, index):  # a blank line, or several
                index += 1
            text = children[index].tail
        elif isinstance(child.tag, str) and child.tag in _BLOCKS:
            out.append(_paragraph(text, run))
            run = []
            text, child.tail = child.tail, None
            out.append(child)
        else:
            run.append(child)
        index += 1
    out.append(_paragraph(text, run))
    el.extend(p for p in out if p is not None)


def paragraphs_from_breaks(doc: lxml_html.HtmlElement) -> None:
    """Split every container whose own text is paragraphs set apart by ``<br><br>``."""
    for el in list(doc.iter(*CONTAINERS)):
        children = list(el)
        if not any(_double_break_at(children, i) for i in range(len(children))):
            continue
        if _own_words(el) < MIN_RUN_WORDS:
            continue
        split_at_breaks(el)
