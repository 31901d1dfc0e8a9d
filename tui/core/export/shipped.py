"""The shipped templates (``article``, ``tags``) as plain Python, for exports that use them
unmodified.

Jinja2 costs more per highlight than everything else an export does (a context, the sandbox's
attribute checks, the budget at each printed piece): at 50,000 highlights it was over half of
the time. These functions print what the templates print, character for character
(``tests/core/test_export_shipped.py`` renders both ways and compares). They are found by
the template's exact source (its SHA-256): a template file that differs from the shipped one
by a byte, a user's copy included, is rendered by Jinja2 as before.

The highlight blocks are also callable from their pieces (:func:`article_highlight`,
:func:`tag_highlight`): the exporter prints a shipped template's highlights that way without
building a view at all (``tests/core/test_export_shipped_whole.py`` compares whole exports
with the same exports through Jinja2).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from tui.core.export.escape import blockquote, printed

Block = Callable[[Mapping[str, Any]], str]

_GONE = "\n**Gone from the source**: the page no longer has this passage.\n"


def status_text(orphan: bool, changed: bool, current: object) -> str:
    """The orphan / changed paragraph both templates print after the block id."""
    if orphan:
        return _GONE
    if changed:
        return "\n**Changed at the source**, which now reads: “" + printed(current) + "”\n"
    return ""


# The highlight blocks from their pieces, for the views (below) and for the exporter's own
# fast path (tui.core.export.markdown), which hands over pieces without building a view.
# ``block_id``, ``note``, ``hashtags``, ``link`` and ``citation`` come as printed; ``note``
# and ``link`` None when the template's ``{% if %}`` on them is false; ``quote`` raw, with
# the page's ``emphasis`` over it; ``location`` raw (its ``{% if %}`` tests the raw value).


def article_highlight(
    quote: str,
    emphasis: Sequence[tuple[str, int, int]],
    location: object,
    block_id: str,
    status: str,
    note: str | None,
    tags: object,
    hashtags: str,
    link: str | None,
) -> str:
    """The ``highlight`` block of the template ``article``."""
    parts = [blockquote(quote, emphasis)]
    if location:
        parts += ("\n>\n> — ", printed(location))
    parts += ("\n\n^", block_id, "\n", status)
    if note is not None:
        parts += ("\n", note, "\n")
    if tags or link is not None:
        parts += ("\n", hashtags)
        if tags and link is not None:
            parts.append(" · ")
        if link is not None:
            parts += ("[Open passage](", link, ")")
        parts.append("\n")
    return "".join(parts)


def tag_highlight(
    quote: str,
    emphasis: Sequence[tuple[str, int, int]],
    citation: str,
    location: object,
    block_id: str,
    status: str,
    note: str | None,
    link: str | None,
) -> str:
    """The ``highlight`` block of the template ``tags``."""
    parts = [blockquote(quote, emphasis), "\n>\n> — ", citation]
    if location:
        parts += (" (", printed(location), ")")
    parts += ("\n\n^", block_id, "\n", status)
    if note is not None:
        parts += ("\n", note, "\n")
    if link is not None:
        parts += ("\n[Open passage](", link, ")\n")
    return "".join(parts)


def _quote(highlight: Any) -> tuple[str, Sequence[tuple[str, int, int]]]:
    """``{{ highlight.quote | blockquote }}``'s text and emphasis."""
    quote = highlight.quote
    return "" if quote is None else str(quote), getattr(quote, "emphasis", ())


def _status(highlight: Any) -> str:
    return status_text(highlight.orphan, highlight.changed, highlight.current_quote)


def _article_section(context: Mapping[str, Any]) -> str:
    article = context["article"]
    return f"# {printed(article.title)}\n\n{printed(article.citation)}\n"


def _article_highlight(context: Mapping[str, Any]) -> str:
    h = context["highlight"]
    return article_highlight(
        *_quote(h), h.location, printed(h.block_id), _status(h),
        printed(h.note) if h.note else None, h.tags, printed(h.hashtags),
        printed(h.link) if h.link else None,
    )


def _tag_section(context: Mapping[str, Any]) -> str:
    return f"## {printed(context['tag'].name)}\n"


def _tag_highlight(context: Mapping[str, Any]) -> str:
    h = context["highlight"]
    return tag_highlight(
        *_quote(h), printed(context["article"].citation), h.location, printed(h.block_id),
        _status(h), printed(h.note) if h.note else None, printed(h.link) if h.link else None,
    )


# SHA-256 of each shipped template's source -> its name. Editing a shipped template changes
# its digest: the test that compares both renderings then fails until this table (and the
# functions) follow.
NAMES: dict[str, str] = {
    "48d578d0725a9c01410f273e4ba72b4e8e0ee7ba062450f9ec17618073fa3f28": "article",
    "f0022ef1ac585dd53fd686bbfdec73b60043c89853d487f81bdb4893c9e2d725": "tags",
}
# Each shipped template's blocks in Python.
BLOCKS: dict[str, dict[str, Block]] = {
    "article": {"article": _article_section, "highlight": _article_highlight},
    "tags": {"tag": _tag_section, "highlight": _tag_highlight},
}


def shipped_name(source: str) -> str | None:
    """The name of the shipped template whose source is exactly ``source``, else None."""
    return NAMES.get(hashlib.sha256(source.encode("utf-8")).hexdigest())


def precompiled(source: str) -> dict[str, Block] | None:
    """The Python blocks of a template whose source is exactly a shipped one, else None."""
    name = shipped_name(source)
    return None if name is None else BLOCKS[name]
