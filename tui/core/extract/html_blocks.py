"""Turn cleaned article HTML into Gloss blocks with inline spans.

A walk over the tree keeps one inline buffer; every block-level element flushes it as a
block whose kind depends on where the walk is (inside a quote, a list item, ...).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from tui.core.model import Block, BlockKind, Span, SpanKind
from tui.core.sanitize import clean_inline, clean_preformatted, strip_controls

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Elements whose content starts a new block rather than continuing the line.
BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "pre",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "hr",
    "form",
    "fieldset",
    "address",
    "center",
    "details",
    "summary",
    "body",
    "html",
    "caption",
    "menu",
    "noscript",
    *HEADINGS,
}
INLINE_STYLE = {
    "em": SpanKind.EMPHASIS,
    "i": SpanKind.EMPHASIS,
    "cite": SpanKind.EMPHASIS,
    "dfn": SpanKind.EMPHASIS,
    "var": SpanKind.EMPHASIS,
    "strong": SpanKind.STRONG,
    "b": SpanKind.STRONG,
    "code": SpanKind.CODE,
    "kbd": SpanKind.CODE,
    "samp": SpanKind.CODE,
    "tt": SpanKind.CODE,
}
SKIP_TAGS = {
    "script",
    "style",
    "template",
    "svg",
    "math",
    "button",
    "select",
    "option",
    "input",
    "textarea",
    "iframe",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
}
# ASCII characters strip_controls removes or rewrites (all but tab, newline and printables).
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Schemes a reader may show as a link; others (javascript:, data:, ...) are dropped.
LINK_SCHEMES = {"http", "https", "mailto", "file", ""}


class _Inline:
    """Collects one block's text with whitespace collapsed as it goes, and its spans."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Start a new, empty block."""
        self.parts: list[str] = []
        self.length = 0
        self.ends_with_space = True  # so leading whitespace is dropped
        self.marks: list[tuple[SpanKind, int, int, str | None]] = []

    def add(self, raw: str) -> None:
        """Append text, collapsing whitespace runs (across calls too) to one space."""
        if raw.isascii() and not _ASCII_CONTROL.search(raw):
            text = raw  # most text nodes: nothing to strip, nothing to compose
        else:
            text = unicodedata.normalize("NFC", strip_controls(raw))
        if not text:
            return
        words = text.split()
        if not words:
            if not self.ends_with_space:
                self._push(" ")
            return
        chunk = " ".join(words)
        if text[0].isspace() and not self.ends_with_space:
            chunk = " " + chunk
        if text[-1].isspace():
            chunk += " "
        self._push(chunk)

    def _push(self, chunk: str) -> None:
        self.parts.append(chunk)
        self.length += len(chunk)
        self.ends_with_space = chunk.endswith(" ")

    def mark(self, kind: SpanKind, start: int, href: str | None = None) -> None:
        """Record a span from ``start`` to the current end."""
        if self.length > start:
            self.marks.append((kind, start, self.length, href))

    def take(self) -> tuple[str, tuple[Span, ...]]:
        """The collected text (single-spaced, trimmed) and its spans; then start afresh."""
        raw = "".join(self.parts)
        text = raw.strip(" ")
        shift = len(raw) - len(raw.lstrip(" "))
        spans = []
        for kind, raw_start, raw_end, href in self.marks:
            start, end = max(0, raw_start - shift), min(len(text), raw_end - shift)
            # Trim the single spaces collapsing may have left at a span's edges.
            while start < end and text[start] == " ":
                start += 1
            while end > start and text[end - 1] == " ":
                end -= 1
            if end > start:
                spans.append(Span(kind, start, end, href))
        self.reset()
        return text, tuple(sorted(spans, key=lambda s: (s.start, -s.end)))


@dataclass
class _Context:
    quote_depth: int = 0
    caption_depth: int = 0  # inside a <figcaption>, every block is part of the caption
    list_stack: list[list[int | None]] = field(default_factory=list)  # per list: [next number]
    in_item: bool = False


class BlockBuilder:
    """Walks article HTML and emits :class:`Block` objects in reading order."""

    def __init__(self, base_url: str | None = None) -> None:
        self.base_url = base_url
        self.blocks: list[Block] = []
        self.inline = _Inline()
        self.ctx = _Context()
        self._item_number: int | None = None
        self._item_pending = False

    # -- emitting -------------------------------------------------------------------------
    def flush(self, kind: BlockKind | None = None, level: int = 0) -> None:
        """Emit the inline buffer as a block (nothing if it holds no text)."""
        text, spans = self.inline.take()
        if not text:
            return
        if kind is None:
            if self.ctx.caption_depth:
                kind = BlockKind.CAPTION
            elif self.ctx.list_stack and self.ctx.in_item:
                kind, level = BlockKind.LIST_ITEM, len(self.ctx.list_stack)
            elif self.ctx.quote_depth:
                kind, level = BlockKind.QUOTE, self.ctx.quote_depth
            else:
                kind = BlockKind.PARAGRAPH
        number = None
        if kind is BlockKind.LIST_ITEM:
            # Only the first block of an item carries its number; later ones continue it.
            number = self._item_number if self._item_pending else None
            self._item_pending = False
        self.blocks.append(Block(kind, text, spans, level, number))

    # -- walking --------------------------------------------------------------------------
    def walk(self, el: lxml_html.HtmlElement) -> None:
        """Visit ``el`` and its subtree, then its tail text."""
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if isinstance(el, etree._Comment | etree._ProcessingInstruction) or tag in SKIP_TAGS:
            self._tail(el)
            return
        if tag in HEADINGS:
            self.flush()
            self._children(el)
            self.flush(BlockKind.HEADING, HEADINGS[tag])
        elif tag == "pre":
            self.flush()
            text = clean_preformatted(el.text_content())
            if text:
                self.blocks.append(Block(BlockKind.PRE, text))
        elif tag == "blockquote":
            self.flush()
            self.ctx.quote_depth += 1
            self._children(el)
            self.flush()
            self.ctx.quote_depth -= 1
        elif tag in ("ul", "ol", "menu", "dl"):
            self._list(el, tag)
        elif tag in ("li", "dt", "dd"):
            self._item(el, tag)
        elif tag == "table":
            self._table(el)
        elif tag == "img":
            self._image(el)
        elif tag == "br":
            self.inline.add(" ")
        elif tag == "hr":
            self.flush()
        elif tag == "figcaption":
            self.flush()
            self.ctx.caption_depth += 1
            self._children(el)
            self.flush()
            self.ctx.caption_depth -= 1
        elif tag in BLOCK_TAGS:
            self.flush()
            self._children(el)
            self.flush()
        elif tag == "a":
            self._link(el)
        elif tag in INLINE_STYLE:
            start = self.inline.length
            self._children(el)
            self.inline.mark(INLINE_STYLE[tag], start)
        else:
            self._children(el)
        self._tail(el)

    def _children(self, el: lxml_html.HtmlElement) -> None:
        if el.text:
            self.inline.add(el.text)
        for child in el:
            self.walk(child)

    def _tail(self, el: lxml_html.HtmlElement) -> None:
        if el.tail:
            self.inline.add(el.tail)

    def _link(self, el: lxml_html.HtmlElement) -> None:
        start = self.inline.length
        self._children(el)
        href = (el.get("href") or "").strip()
        if not href or href.startswith("#"):
            return
        if self.base_url:
            try:
                href = urljoin(self.base_url, href)
            except ValueError:
                return
        try:
            scheme = urlsplit(href).scheme.lower()
        except ValueError:
            return
        if scheme in LINK_SCHEMES and not any(ch in href for ch in "\x1b\x07\n\r"):
            self.inline.mark(SpanKind.LINK, start, href)

    def _list(self, el: lxml_html.HtmlElement, tag: str) -> None:
        self.flush()
        start = el.get("start")
        number: int | None = None
        if tag == "ol":
            number = int(start) if start and start.strip().lstrip("-").isdigit() else 1
        saved_item = (self.ctx.in_item, self._item_number, self._item_pending)
        self.ctx.list_stack.append([number])
        self.ctx.in_item = False
        if el.text:
            self.inline.add(el.text)
        for child in el:
            self.walk(child)
        self.flush()
        self.ctx.list_stack.pop()
        self.ctx.in_item, self._item_number, self._item_pending = saved_item

    def _item(self, el: lxml_html.HtmlElement, tag: str) -> None:
        self.flush()
        if not self.ctx.list_stack:  # a stray <li>: still a list item
            self.ctx.list_stack.append([None])
            self._item(el, tag)
            self.ctx.list_stack.pop()
            return
        counter = self.ctx.list_stack[-1]
        self._item_number = counter[0]
        if counter[0] is not None:
            value = el.get("value")
            if value and value.strip().isdigit():
                self._item_number = int(value)
            counter[0] = self._item_number + 1  # type: ignore[operator]
        self._item_pending = True
        was_in_item = self.ctx.in_item
        self.ctx.in_item = True
        self._children(el)
        self.flush()
        self.ctx.in_item = was_in_item
        self._item_pending = False

    def _table(self, el: lxml_html.HtmlElement) -> None:
        self.flush()
        rows = [r for r in el.iter("tr") if _owning_table(r) is el]
        nested_blocks = el.xpath(
            ".//p|.//div|.//ul|.//ol|.//table|.//blockquote|.//pre|.//h1|.//h2|.//h3"
        )
        table = [[clean_inline(c.text_content()) for c in r if _is_cell(c)] for r in rows]
        # A table that holds paragraphs, or long cells, is page layout: read it as containers.
        if nested_blocks or any(len(cell) > 300 for row in table for cell in row):
            self._children(el)
            self.flush()
            return
        table = [row for row in table if any(row)]
        if table:
            self.blocks.append(Block.table(table))
        caption = el.find("caption")
        if caption is not None:
            text = clean_inline(caption.text_content())
            if text:
                self.blocks.append(Block(BlockKind.CAPTION, text))

    def _image(self, el: lxml_html.HtmlElement) -> None:
        alt = clean_inline(el.get("alt") or "")
        if alt:
            self.flush()
            self.blocks.append(Block(BlockKind.IMAGE, alt, src=self._image_src(el)))

    def _image_src(self, el: lxml_html.HtmlElement) -> str | None:
        """The image's absolute http(s) URL, or None: only what a fetch may follow is kept."""
        src = (el.get("src") or el.get("data-src") or "").strip()
        if not src or src.startswith("data:"):
            return None
        try:
            url = urljoin(self.base_url, src) if self.base_url else src
            scheme = urlsplit(url).scheme.lower()
        except ValueError:
            return None
        if scheme not in ("http", "https") or any(ch in url for ch in "\x1b\x07\n\r\t "):
            return None
        return url


def _owning_table(row: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    for parent in row.iterancestors("table"):
        return parent
    return None


def _is_cell(el: lxml_html.HtmlElement) -> bool:
    return isinstance(el.tag, str) and el.tag.lower() in ("td", "th")


def blocks_from_html(root: lxml_html.HtmlElement, base_url: str | None = None) -> list[Block]:
    """Blocks of the article held in ``root``, in reading order."""
    builder = BlockBuilder(base_url)
    builder.walk(root)
    builder.flush()
    return builder.blocks
