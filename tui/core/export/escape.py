"""Markdown escaping for exported text, so page text renders as the words it is.

Quotes and titles come from web pages: they may hold Markdown, HTML, Obsidian syntax
(``#tag``, ``[[link]]``, ``%%comment%%``, ``$math$``, ``==mark==``, ``^block-id``) or lines
that look like Gloss's own region markers. Every character that could start markup is
backslash-escaped (CommonMark lets any ASCII punctuation be escaped), so the text renders
verbatim and cannot leave the block it was put in.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Escaped wherever they appear: each can open inline markup in CommonMark, GFM or Obsidian.
_ALWAYS = re.compile(r"([\\`*_\[\]<>#|~$^=])")
# '&' only when it would start an entity reference ("Q&A" stays readable).
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Obsidian comments are "%%": a lone percent sign ("50%") is left alone.
_PERCENTS = re.compile(r"%(?=%)|(?<=%)%")
# At the start of a line: list markers, setext underlines, ordered-list numbers.
_LINE_START = re.compile(r"^([-+])|^(\d{1,9})([.)])")
_LEADING_SPACE = re.compile(r"^[ \t]+")
_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029\x85\x0b\x0c]")
# A Gloss region marker must start its line; anything rendered that looks like one is
# defused with a backslash (which also makes it render as the literal text).
_MARKER_LIKE = re.compile(r"^(?=<!--\s*gloss:)", re.MULTILINE)
_NBSP = "\u00a0"
# Anything the rules above could act on inside a line; most lines of prose hold none of it.
_MAYBE_SPECIAL = re.compile(r"[\\`*_\[\]<>#|~$^=&%]")


class Markdown(str):
    """Text that is already Markdown: templates print it as it is, without escaping."""

    __slots__ = ()


def escape_inline(text: str) -> str:
    """One line of literal text as Markdown: whitespace runs folded to one space."""
    return _escape_line(" ".join(text.split()))


def escape_lines(text: str) -> list[str]:
    """Literal text as Markdown lines (line structure kept, trailing spaces dropped)."""
    return [_escape_line(line) for line in _LINE_BREAK.sub("\n", text).split("\n")]


def _escape_line(line: str) -> str:
    line = line.rstrip()
    first = line[:1]
    if not (first.isspace() or first in "-+" or first.isdigit()) and not _MAYBE_SPECIAL.search(
        line
    ):
        return line
    # Leading indentation would make an indented code block; no-break spaces keep its look.
    lead = _LEADING_SPACE.match(line)
    indent = ""
    if lead:
        indent = lead.group().replace("\t", "    ").replace(" ", _NBSP)
        line = line[lead.end() :]
    line = _ALWAYS.sub(r"\\\1", line)
    line = _ENTITY.sub(r"\\&", line)
    line = _PERCENTS.sub(r"\\%", line)
    line = _LINE_START.sub(_escape_start, line, count=1)
    return indent + line


def _escape_start(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return match.group(2) + "\\" + match.group(3)


def blockquote(text: str) -> str:
    """Literal text as a Markdown block quote: every line, blank ones too, starts with '>'."""
    return "\n".join(f"> {line}" if line else ">" for line in escape_lines(text.strip("\n")))


def defuse_markers(markdown: str) -> str:
    """Markdown with no line that Gloss would read as one of its region markers."""
    return _MARKER_LIKE.sub("\\\\", markdown) if "<!--" in markdown else markdown


@lru_cache(maxsize=4096)
def hashtag(tag: str) -> str:
    """A tag as Obsidian reads it: letters, digits, '_', '-' and '/'; '' if nothing is left.

    A tag of digits only is not a tag to Obsidian, so it gets a leading underscore.
    """
    cleaned = re.sub(r"[^\w/-]+", "-", tag).strip("-/")
    if not cleaned:
        return ""
    return "#" + ("_" + cleaned if cleaned.isdigit() else cleaned)
