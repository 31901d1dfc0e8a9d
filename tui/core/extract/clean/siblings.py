"""Columns readability keeps beside the article: parts of the layout that hold no prose.

readability takes the best-scoring container, then appends each of its siblings whose own
score passes a threshold, or picks the container of several columns. On old column and table
layouts a column of section links and headline teasers set in <p>s (one short line each)
scores like that, and comes out beside the story. A reader tells the two apart at a glance:
the article is sentences, the column is labels, headlines and addresses. So where the
article divides into layout parts (boxes, or the cells of one table row), a part whose lines
are almost all short, beside the part that holds the prose, is the page's, not the story's.
"""

from __future__ import annotations

from lxml import html as lxml_html

# A line of prose has at least this many words and a sentence mark.
PROSE_LINE_WORDS = 10
_SENTENCE_END = (".", "!", "?", ".\u201d", ".\"", "?\u201d", "!\u201d")
# A rail's words in prose lines stay below this share of its words.
RAIL_MAX_PROSE_SHARE = 0.2
# And at least this share of its words are links (section names, headlines).
RAIL_MIN_LINK_SHARE = 0.15
# A layout column beside the article's column holds at most this share of its prose words,
# and most of its own words are not prose.
COLUMN_MAX_PROSE_RATIO = 0.25
COLUMN_MAX_PROSE_SHARE = 0.5
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "td", "th", "tr", "table", "blockquote",
        "h1", "h2", "h3", "h4", "h5", "h6", "pre", "section", "article", "aside", "header",
        "footer", "nav", "figure", "figcaption", "form", "center", "br", "hr",
    }
)


# Parts that are columns or boxes of a page's layout; the article's own lists, paragraphs and
# headings are never a rail, however short their lines.
_COLUMNS = frozenset({"div", "section", "aside", "nav", "header", "footer", "center", "span"})


def _lines(el: lxml_html.HtmlElement) -> list[str]:
    """The text of ``el`` as a reader sees it: one entry per line between block boundaries."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = " ".join(" ".join(current).split())
        if text:
            lines.append(text)
        current.clear()

    def walk(node: lxml_html.HtmlElement) -> None:
        is_block = isinstance(node.tag, str) and node.tag in _BLOCK_TAGS
        if is_block:
            flush()
        if isinstance(node.tag, str):
            current.append(node.text or "")
            for child in node:
                walk(child)
                current.append(child.tail or "")
        if is_block:
            flush()

    walk(el)
    flush()
    return lines


def _is_prose_line(line: str) -> bool:
    return len(line.split()) >= PROSE_LINE_WORDS and line.rstrip().endswith(_SENTENCE_END)


def _prose_words(el: lxml_html.HtmlElement) -> tuple[int, int]:
    """(words in prose lines, all words) of ``el``."""
    lines = _lines(el)
    return (
        sum(len(line.split()) for line in lines if _is_prose_line(line)),
        sum(len(line.split()) for line in lines),
    )


def _link_words(el: lxml_html.HtmlElement) -> int:
    return sum(len(a.text_content().split()) for a in el.iter("a"))


def drop_sibling_rails(root: lxml_html.HtmlElement) -> None:
    """Drop the parts beside the article that are lines of links and labels, not prose."""
    parts = [child for child in _parts(root) if isinstance(child.tag, str)]
    if len(parts) < 2:
        return
    # Cheap tests first: most pages have no layout box with links in it beside the article,
    # and then no part's lines need reading.
    suspects = []
    for child in parts:
        if child.tag not in _COLUMNS or child.find(".//table") is not None:
            continue
        words = len(child.text_content().split())
        if words and _link_words(child) >= RAIL_MIN_LINK_SHARE * words:
            suspects.append(child)
    if not suspects:
        return
    prose = {child: _prose_words(child) for child in parts}
    most_prose = max(found for found, _ in prose.values())
    for child in suspects:
        found, words = prose[child]
        if found < most_prose and found <= RAIL_MAX_PROSE_SHARE * words:
            child.drop_tree()


def _parts(root: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """Where readability's article divides into parts: below its wrappers of one child."""
    node = root
    while True:
        children = [c for c in node if isinstance(c.tag, str)]
        if len(children) != 1 or (node.text or "").strip() or (children[0].tail or "").strip():
            return node
        node = children[0]


def drop_layout_columns(root: lxml_html.HtmlElement) -> None:
    """The cells beside the article's cell in a layout table: the page's side columns.

    Old pages lay out their columns as the cells of one table row, and readability may pick
    the row rather than the cell. The cell holding the prose is the article; a cell beside
    it holding a fraction of its prose, and that mostly in short lines (a box of links,
    advertisers' addresses, a masthead), is a column of the page.
    """
    row = _parts(root)
    if row.tag != "tr":
        return
    cells = [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]
    if len(cells) < 2:
        return
    measured = [(cell, *_prose_words(cell)) for cell in cells]
    most_prose = max(prose for _, prose, _ in measured)
    if not most_prose:
        return
    for cell, prose, words in measured:
        if (
            prose < most_prose
            and prose <= COLUMN_MAX_PROSE_RATIO * most_prose
            and prose < COLUMN_MAX_PROSE_SHARE * words
        ):
            cell.drop_tree()
