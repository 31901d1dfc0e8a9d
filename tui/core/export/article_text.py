"""An Article as plain text, Markdown or JSON, for `gloss clean` and pipelines."""

from __future__ import annotations

import json
import re

from tui.core.model import Article, Block, BlockKind, SpanKind

# Images and captions are not the article's prose: the text format is the body only.
_NOT_BODY = {BlockKind.IMAGE, BlockKind.CAPTION}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def to_text(article: Article) -> str:
    """The body only: one block per paragraph, blank lines between, no title, no URLs."""
    return "\n\n".join(b.text for b in article.blocks if b.kind not in _NOT_BODY) + "\n"


def to_json(article: Article) -> str:
    """Metadata, canonical text offsets and blocks as pretty JSON."""
    data = article.to_dict()
    data["word_count"] = article.word_count
    data["reading_minutes"] = article.reading_minutes
    data["offsets"] = list(article.offsets)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_markdown(article: Article) -> str:
    """A whole Markdown document: title, a metadata line, then the body."""
    out = [f"# {_escape(article.title)}", ""]
    facts = [f for f in (article.byline, article.site_name, article.published) if f]
    if facts:
        out += ["*" + _escape(" · ".join(facts)) + "*", ""]
    link = article.canonical_url or article.url
    if link:
        out += [f"<{link}>", ""]
    previous: Block | None = None
    for block in article.blocks:
        # Consecutive list items stay together; everything else is its own paragraph.
        if previous is not None and not (
            previous.kind is BlockKind.LIST_ITEM and block.kind is BlockKind.LIST_ITEM
        ):
            out.append("")
        out.append(_block_markdown(block))
        previous = block
    return "\n".join(out).rstrip() + "\n"


def _block_markdown(block: Block) -> str:
    text = _inline_markdown(block)
    match block.kind:
        case BlockKind.HEADING:
            return "#" * min(6, block.level + 1) + " " + text
        case BlockKind.QUOTE:
            return "> " * max(1, block.level) + text
        case BlockKind.LIST_ITEM:
            indent = "   " * (block.level - 1)
            marker = f"{block.number}." if block.number is not None else "-"
            return f"{indent}{marker} {text}"
        case BlockKind.PRE:
            fence = "````" if "```" in block.text else "```"
            return f"{fence}\n{block.text}\n{fence}"
        case BlockKind.IMAGE:
            return f"*[image: {_escape(block.text)}]*"
        case BlockKind.CAPTION:
            return f"*{_escape(block.text)}*"
        case BlockKind.TABLE:
            return _table_markdown(block)
        case _:
            return text


def _inline_markdown(block: Block) -> str:
    """Block text with its spans as Markdown; the text itself is escaped."""
    if not block.spans:
        return _escape(block.text)
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for span in block.spans:
        if span.kind is SpanKind.LINK:
            opens.setdefault(span.start, []).append("[")
            closes.setdefault(span.end, []).insert(0, f"](<{span.href}>)")
        else:
            mark = {SpanKind.EMPHASIS: "*", SpanKind.STRONG: "**", SpanKind.CODE: "`"}[span.kind]
            opens.setdefault(span.start, []).append(mark)
            closes.setdefault(span.end, []).insert(0, mark)
    out, last = [], 0
    for pos in sorted(set(opens) | set(closes)):
        out.append(_escape(block.text[last:pos]))
        out.extend(closes.get(pos, ()))
        out.extend(opens.get(pos, ()))
        last = pos
    out.append(_escape(block.text[last:]))
    return "".join(out)


def _table_markdown(block: Block) -> str:
    rows = [[_escape(cell) for cell in row] for row in block.rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def _escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)
