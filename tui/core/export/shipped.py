"""The shipped templates (``article``, ``tags``) as plain Python, for exports that use them
unmodified.

Jinja2 costs more per highlight than everything else an export does (a context, the sandbox's
attribute checks, the budget at each printed piece): at 50,000 highlights it was over half of
the time. These functions print what the templates print, character for character
(``tests/core/test_export_shipped.py`` renders both ways and compares). They are found by
the template's exact source (its SHA-256): a template file that differs from the shipped one
by a byte, a user's copy included, is rendered by Jinja2 as before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from typing import Any

from tui.core.export.escape import blockquote, printed

Block = Callable[[Mapping[str, Any]], str]

_GONE = "\n**Gone from the source**: the page no longer has this passage.\n"



def _quote(highlight: Any) -> str:
    """``{{ highlight.quote | blockquote }}``."""
    quote = highlight.quote
    return blockquote("" if quote is None else str(quote), getattr(quote, "emphasis", ()))


def _status(highlight: Any) -> str:
    """The orphan / changed paragraph both templates print after the block id."""
    if highlight.orphan:
        return _GONE
    if highlight.changed:
        return ("\n**Changed at the source**, which now reads: “"
                + printed(highlight.current_quote) + "”\n")
    return ""


def _article_section(context: Mapping[str, Any]) -> str:
    article = context["article"]
    return f"# {printed(article.title)}\n\n{printed(article.citation)}\n"


def _article_highlight(context: Mapping[str, Any]) -> str:
    highlight = context["highlight"]
    parts = [_quote(highlight)]
    if highlight.location:
        parts += ("\n>\n> — ", printed(highlight.location))
    parts += ("\n\n^", printed(highlight.block_id), "\n", _status(highlight))
    if highlight.note:
        parts += ("\n", printed(highlight.note), "\n")
    tags, link = highlight.tags, highlight.link
    if tags or link:
        parts += ("\n", printed(highlight.hashtags))
        if tags and link:
            parts.append(" · ")
        if link:
            parts += ("[Open passage](", printed(link), ")")
        parts.append("\n")
    return "".join(parts)


def _tag_section(context: Mapping[str, Any]) -> str:
    return f"## {printed(context['tag'].name)}\n"


def _tag_highlight(context: Mapping[str, Any]) -> str:
    highlight = context["highlight"]
    parts = [_quote(highlight), "\n>\n> — ", printed(context["article"].citation)]
    if highlight.location:
        parts += (" (", printed(highlight.location), ")")
    parts += ("\n\n^", printed(highlight.block_id), "\n", _status(highlight))
    if highlight.note:
        parts += ("\n", printed(highlight.note), "\n")
    if highlight.link:
        parts += ("\n[Open passage](", printed(highlight.link), ")\n")
    return "".join(parts)


# SHA-256 of each shipped template's source -> its blocks in Python. Editing a shipped
# template changes its digest: the test that compares both renderings then fails until this
# table (and the functions) follow.
BLOCKS: dict[str, dict[str, Block]] = {
    "48d578d0725a9c01410f273e4ba72b4e8e0ee7ba062450f9ec17618073fa3f28": {
        "article": _article_section,
        "highlight": _article_highlight,
    },
    "f0022ef1ac585dd53fd686bbfdec73b60043c89853d487f81bdb4893c9e2d725": {
        "tag": _tag_section,
        "highlight": _tag_highlight,
    },
}


def precompiled(source: str) -> dict[str, Block] | None:
    """The Python blocks of a template whose source is exactly a shipped one, else None."""
    return BLOCKS.get(hashlib.sha256(source.encode("utf-8")).hexdigest())
