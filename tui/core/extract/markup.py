"""Markdown and plain text → Article, in the same blocks a cleaned web page gives.

Markdown is parsed by markdown-it-py (CommonMark, with GitHub's tables and strikethrough),
the parser Textual already depends on; its HTML goes through the same block builder as a
web page's article, so headings, lists, quotes, code, tables and links come out alike and
the text is cleaned at the same boundary. Raw HTML in the Markdown (READMEs hold <details>,
<br>, comments) is read as a web page's would be: scripts, styles and comments dropped,
links kept only with safe schemes (markdown-it also refuses ``javascript:`` links). Plain
text is read as paragraphs separated by blank lines; an all-indented paragraph is code.
"""

from __future__ import annotations

import re
import textwrap
from urllib.parse import unquote, urlsplit

import lxml.html

from tui.core.errors import ExtractError
from tui.core.extract.html_blocks import blocks_from_html
from tui.core.model import Article, Block, BlockKind
from tui.core.sanitize import clean_inline, clean_preformatted

MARKDOWN_TYPES = frozenset({"text/markdown", "text/x-markdown"})
TEXT_TYPES = frozenset({"text/plain"})
# YAML front matter (Jekyll, Hugo, Obsidian): metadata, not text; its title names the page.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FRONT_TITLE = re.compile(r"^title:[ \t]*(.+?)[ \t]*$", re.M)
_BLANK_LINES = re.compile(r"\n[ \t]*\n")


def is_markup(content_type: str) -> bool:
    """Whether ``content_type`` is read here rather than by the HTML pipeline."""
    return content_type in MARKDOWN_TYPES or content_type in TEXT_TYPES


def extract_markup(
    text: str, url: str | None, content_type: str, *, source: str | None = None
) -> Article:
    """An Article from Markdown (``text/markdown``) or plain text (``text/plain``).

    The title is the front matter's, else the first top-level heading (then dropped from
    the body, which the reader heads with the title), else the file's name.
    """
    text = text.replace("\r\n", "\n")
    declared = None
    front = _FRONT_MATTER.match(text)
    if front:
        found = _FRONT_TITLE.search(front.group(1))
        declared = clean_inline(found.group(1).strip("\"'")) if found else None
        text = text[front.end():]
    markdown = content_type in MARKDOWN_TYPES
    blocks = _markdown_blocks(text, url) if markdown else _text_blocks(text)
    if not blocks:
        raise ExtractError("no text found: the file holds only markup or blank lines")
    title = declared
    if markdown and title is None:
        title, blocks = _heading_title(blocks)
    return Article(title=title or _name(url, source), blocks=tuple(blocks), url=url,
                   source=source)


def _markdown_blocks(text: str, url: str | None) -> list[Block]:
    from markdown_it import MarkdownIt  # only when a Markdown file is read: import is slow

    html = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    rendered = html.render(text)
    if not rendered.strip():
        return []
    root = lxml.html.fragment_fromstring(rendered, create_parent="div")
    return blocks_from_html(root, url)


def _text_blocks(text: str) -> list[Block]:
    blocks = []
    for chunk in _BLANK_LINES.split(text):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line[:1] in (" ", "\t") for line in lines):
            pre = clean_preformatted(textwrap.dedent(chunk.expandtabs(8)), tab_size=8)
            if pre:
                blocks.append(Block(BlockKind.PRE, pre))
            continue
        paragraph = clean_inline(chunk)
        if paragraph:
            blocks.append(Block(BlockKind.PARAGRAPH, paragraph))
    return blocks


def _heading_title(blocks: list[Block]) -> tuple[str | None, list[Block]]:
    """The first level-1 heading (or a heading that opens the text), and the blocks
    without it when it opens the text."""
    for index, block in enumerate(blocks):
        if block.kind is BlockKind.HEADING and (block.level == 1 or index == 0):
            rest = blocks[1:] if index == 0 and len(blocks) > 1 else blocks
            return block.text, rest
    return None, blocks


def _name(url: str | None, source: str | None) -> str:
    """The file's name, from its URL's last segment (else the source as given)."""
    for where in (url, source):
        if where and where != "-":
            segment = unquote(urlsplit(where).path.rstrip("/").rpartition("/")[2])
            name = clean_inline(segment)
            if name:
                return name
    return "Untitled"
