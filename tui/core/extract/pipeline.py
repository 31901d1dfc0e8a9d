"""HTML → Article: readability-lxml finds the article; Gloss's rules tidy what it finds.

The page is parsed once: metadata is read from that tree, and the same tree is handed to
readability (which copies it before cleaning), so cleaning costs little over a bare
``Document(html).summary()``.
"""

from __future__ import annotations

from urllib.parse import urljoin

import lxml.html
from lxml import etree

from tui.core.errors import ExtractError
from tui.core.extract.clean import (
    SENTENCE_MARKS,
    clean_blocks,
    clean_page,
    clean_tree,
    narrow_fallback,
    word_count,
)
from tui.core.extract.clean.signals import clear_counts, plain_word_count
from tui.core.extract.html_blocks import blocks_from_html
from tui.core.extract.markup import extract_markup, is_markup
from tui.core.extract.metadata import Metadata, read_metadata
from tui.core.extract.readable import copy_visible_part, find_article, visible_copy
from tui.core.model import Article, Block, BlockKind

# huge_tree: libxml2 otherwise stops at 256 levels of nesting and drops the rest silently.
_PARSER = lxml.html.HTMLParser(
    encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True
)
# Below this many words of prose, readability's whole-body fallback is navigation, not text.
MIN_FALLBACK_WORDS = 40
# Below this many words of prose, readability's article is not trusted alone. Measured: at
# 30 or 100, short posts lost to the page's comments and sidebars more than empty pages won.
LOW_CONFIDENCE_WORDS = 1
# A paragraph under the page's headline this long is the start of its article.
HEADLINE_PARAGRAPH_WORDS = 40
# A block is prose if it has this many words and a sentence mark; an article needs one.
PROSE_WORDS = 8
# Link schemes that run code or smuggle content; dropped before readability, which would
# otherwise resolve an emptied href against the page's <base> into an innocent-looking link.
_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")


def parse_html(html: str) -> lxml.html.HtmlElement:
    """Parse a whole page; raise ExtractError for input that holds no document."""
    if not html or not html.strip():
        raise ExtractError("the page is empty")
    try:
        # Bytes, so that an <?xml encoding=...?> declaration cannot upset lxml.
        doc = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractError(f"the page could not be parsed as HTML ({exc})") from exc
    if doc is None or not isinstance(doc.tag, str):
        raise ExtractError("the page could not be parsed as HTML")
    return doc


def extract(
    html: str,
    url: str | None = None,
    *,
    source: str | None = None,
    content_type: str = "text/html",
) -> Article:
    """Clean a page into an Article. ``url`` resolves relative links and names the site.

    A ``content_type`` of Markdown or plain text (a fetched Page's) is read as such.
    """
    if is_markup(content_type):
        return extract_markup(html, url, content_type, source=source)
    clear_counts()  # counts are shared by this page's rules, not kept across pages
    doc = parse_html(html)
    meta = read_metadata(doc, url)
    _drop_unsafe_links(doc)
    clean_page(doc)
    base = _base_url(doc, _address(url, meta))
    root, fell_back = find_article(doc)
    if not fell_back:
        root = _under_the_headline(doc, root)
    blocks = _article_blocks(root, fell_back, meta, base)
    if prose_words(blocks) < LOW_CONFIDENCE_WORDS:
        # readability's article holds no prose (it chose a box of menus, or a cell whose
        # text its cleaning removed): the part of the whole page that holds the page's prose,
        # found by structure (narrow_fallback), if that holds more.
        page_blocks = _article_blocks(_body(visible_copy(doc)), True, meta, base)
        if prose_words(page_blocks) > prose_words(blocks):
            blocks = page_blocks
    if not any(_is_prose(b) for b in blocks):
        raise ExtractError(
            "no article text found: the page holds only navigation, links or scripts"
        )
    return _article(meta, blocks, url, source)


def _article_blocks(
    root: lxml.html.HtmlElement, fell_back: bool, meta: Metadata, base: str | None
) -> list[Block]:
    """The cleaned blocks of an article container (``fell_back``: a whole page's body)."""
    if fell_back:
        root = narrow_fallback(root)
    clean_tree(root)
    blocks = blocks_from_html(root, base)
    if fell_back:
        blocks = _prose_only(blocks)
    return clean_blocks(blocks, meta)


def _under_the_headline(
    doc: lxml.html.HtmlElement, root: lxml.html.HtmlElement
) -> lxml.html.HtmlElement:
    """The headline's own container, when its paragraphs are not in readability's choice.

    A page has one <h1>, its headline; paragraphs set right under it are its article.
    readability may choose a rail of longer teasers instead (a short post beside excerpts
    of others): then the headline's container, with its prose, is the article.
    """
    headlines = doc.findall(".//h1")
    if len(headlines) != 1:
        return root
    parent = headlines[0].getparent()
    if parent is None or parent.tag in ("body", "html"):
        return root
    prose = [
        p
        for p in headlines[0].itersiblings("p")
        if len(p.text_content().split()) >= HEADLINE_PARAGRAPH_WORDS
    ]
    if not prose:
        return root
    key = " ".join(prose[0].text_content().split()[:12])
    if key in " ".join(root.text_content().split()):
        return root
    return copy_visible_part(doc, parent)


def _body(doc: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    body = doc.find("body")
    return doc if body is None else body


def prose_words(blocks: list[Block]) -> int:
    """Words in the blocks that read as prose: how much article an extraction holds."""
    return sum(word_count(b.text) for b in blocks if _is_prose(b))


def _drop_unsafe_links(doc: lxml.html.HtmlElement) -> None:
    for link in doc.iter("a", "area"):
        href = "".join((link.get("href") or "").split()).lower()
        if href.startswith(_UNSAFE_SCHEMES):
            del link.attrib["href"]


def _address(url: str | None, meta: Metadata) -> str | None:
    """Where the page lives, for its relative links: the URL it was fetched from, else
    (a saved file, stdin without ``--url``) the address it declares (canonical, og:url).

    A file's own ``file:`` URL would make ``/television/x`` a dead ``file:///television/x``.
    """
    if url and not url.lower().startswith("file:"):
        return url
    return meta.canonical_url or url


def _base_url(doc: lxml.html.HtmlElement, url: str | None) -> str | None:
    """What relative links resolve against: the page's <base href>, itself resolved."""
    for base in doc.iter("base"):
        href = (base.get("href") or "").strip()
        if href:
            try:
                return urljoin(url, href) if url else href
            except ValueError:
                return url
    return url


def _is_prose(block: Block) -> bool:
    """A sentence or more of running text, as opposed to a menu entry or a label."""
    return (
        block.kind in (BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.LIST_ITEM)
        and word_count(block.text) >= PROSE_WORDS
        and any(mark in block.text for mark in SENTENCE_MARKS)
    )


def _prose_only(blocks: list[Block]) -> list[Block]:
    """Keep the fallback only if it reads like prose; menus are short, unpunctuated lines."""
    prose = [b for b in blocks if b.kind is not BlockKind.LIST_ITEM or word_count(b.text) > 12]
    if sum(word_count(b.text) for b in prose if _is_prose(b)) < MIN_FALLBACK_WORDS:
        return []
    return prose


def _article(meta: Metadata, blocks: list[Block], url: str | None, source: str | None) -> Article:
    title = meta.title
    if not title:
        first_heading = next((b.text for b in blocks if b.kind is BlockKind.HEADING), None)
        title = first_heading or "Untitled"
    article = Article(
        title=title,
        blocks=tuple(blocks),
        byline=meta.byline,
        site_name=meta.site_name,
        published=meta.published,
        language=meta.language,
        url=url,
        canonical_url=meta.canonical_url,
        source=source,
    )
    # An Article counts its words when first asked (one more pass over its whole text:
    # ~25 ms of a long page's clean, in the child on the way to the first frame) and keeps
    # the count: the rules have counted nearly every block already. Tested equal to the
    # Article's own count.
    article.knows_word_count(sum(plain_word_count(b.text) for b in blocks))
    return article
