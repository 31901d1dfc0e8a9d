"""Markdown escaping for exported text, so page text renders as the words it is.

Quotes and titles come from web pages: they may hold Markdown, HTML, Obsidian syntax
(``#tag``, ``[[link]]``, ``%%comment%%``, ``$math$``, ``==mark==``, ``^block-id``) or lines
that look like Gloss's own region markers. Every character that could start markup is
backslash-escaped (CommonMark lets any ASCII punctuation be escaped), so the text renders
verbatim and cannot leave the block it was put in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
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
# The same, or a line break: a quote without any is one line, as it is.
_SPECIAL = r"\\`*_\[\]<>#|~$^=&%\r\n\u2028\u2029\x85\x0b\x0c"
_NEEDS_WORK = re.compile(f"[{_SPECIAL}]")
# A line that needs none of it and does not start with a space, "-" or "+" (nor a digit: that
# is asked of str.isdigit, which knows more digits than 0-9): one regex call for most quotes.
_PLAIN_LINE = re.compile(rf"[^\s+\-{_SPECIAL}][^{_SPECIAL}]*")
# The ASCII characters of _SPECIAL, as bytes.
_SPECIAL_ASCII = bytes(c for c in range(128) if _NEEDS_WORK.match(chr(c)))
# Lines of that kind (a first character that is not a decimal digit either, no trailing
# whitespace) between line feeds, blank lines and line feeds at the ends allowed: a quote over
# paragraphs that needs no escaping, line by line, in one regex call.
_PLAIN_START = rf"[^\s\d+\-{_SPECIAL}]"
_PLAIN_END = rf"[^\s{_SPECIAL}]"
_PLAIN_CUT = rf"{_PLAIN_START}(?:[^{_SPECIAL}]*{_PLAIN_END})?"
_PLAIN_LINES = re.compile(rf"\n*{_PLAIN_CUT}(?:\n+{_PLAIN_CUT})*\n*")


class Markdown(str):
    """Text that is already Markdown: templates print it as it is, without escaping."""

    __slots__ = ()


def escape_inline(text: str) -> str:
    """One line of literal text as Markdown: whitespace runs folded to one space."""
    return _escape_line(" ".join(text.split()))


def escape_fragment(text: str) -> str:
    """A piece of a line as Markdown: what could start markup anywhere in a line escaped,
    without the rules for a line's start (for text put together from pieces, as CSL does)."""
    if not _MAYBE_SPECIAL.search(text):
        return text
    text = _ALWAYS.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    return _PERCENTS.sub(r"\\%", text)


def escape_line_start(line: str) -> str:
    """``line`` with a list marker or ordered-list number at its start escaped ('1. x')."""
    return _LINE_START.sub(_escape_start, line, count=1)


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


def blockquote(text: str, emphasis: Sequence[tuple[str, int, int]] = ()) -> str:
    """Literal text as a Markdown block quote: every line, blank ones too, starts with '>'.

    ``emphasis`` is ``(kind, start, end)`` over ``text``, kind ``emphasis`` or ``strong``:
    those stretches get ``*`` or ``**`` around them; every other character is the text's own,
    escaped as usual, so taking the markers out gives the plain block quote back.
    """
    if not emphasis:
        # Most quotes: one line of prose with nothing to escape (what the rest would give).
        if text.isascii():  # (asked of a flag the string has: no scan)
            # Its bytes with those of _SPECIAL deleted are as many: twice as fast as the regex.
            first = text[:1]
            if (first and not (first.isspace() or first in "+-" or first.isdigit())
                    and len(text.encode().translate(None, _SPECIAL_ASCII)) == len(text)):
                return "> " + text.rstrip()
        elif _PLAIN_LINE.fullmatch(text) and not text[0].isdigit():
            return "> " + text.rstrip()
        if _PLAIN_LINES.fullmatch(text):
            # Paragraphs of such prose: each line as it is, a blank one a bare '>' (no line
            # of it ends with a space, so "> \n" is only ever a blank line's).
            return ("> " + text.strip("\n").replace("\n", "\n> ")).replace("> \n", ">\n")
        return _blockquote_lines(text)
    if not _SENTINELS.search(text):
        marked = _mark(text, emphasis)
        lines = [_escape_marked(line)
                 for line in _LINE_BREAK.sub("\n", marked.strip("\n")).split("\n")]
        return "\n".join(f"> {line}" if line else ">" for line in lines)
    return _blockquote_lines(text)


def _blockquote_lines(text: str) -> str:
    """:func:`blockquote` without emphasis, line by line: what its shortcuts must equal."""
    return "\n".join(f"> {line}" if line else ">" for line in escape_lines(text.strip("\n")))


# Stand-ins for the markers while the text is escaped (noncharacters: never in a page, and
# nothing the escaping touches); they become '*' and '**' afterwards.
_EM, _STRONG = "\ufdd0", "\ufdd1"
_SENTINELS = re.compile("[\ufdd0\ufdd1]")
_MARKS = {"emphasis": _EM, "strong": _STRONG}


def _mark(text: str, emphasis: Sequence[tuple[str, int, int]]) -> str:
    """``text`` with stand-ins opening and closing each stretch, properly nested.

    A stretch is cut at line breaks and trimmed of spaces at its ends (Markdown emphasis
    cannot start or end on a space, nor cross a line).
    """
    styles: list[set[str]] = [set() for _ in text]
    for kind, start, end in emphasis:
        if kind not in _MARKS:
            continue
        for i in range(max(0, start), min(len(text), end)):
            styles[i].add(kind)
    # Trim each run of a style to its first and last non-space character on each line.
    for kind in _MARKS:
        i = 0
        while i < len(text):
            if kind not in styles[i]:
                i += 1
                continue
            j = i
            while j < len(text) and kind in styles[j] and text[j] not in "\n\r":
                j += 1
            run = range(i, max(j, i + 1))
            inside = [k for k in run if not text[k].isspace()]
            # A '*' that Markdown would not read as opening or closing shows as a stray
            # asterisk: such a stretch is left plain rather than half marked.
            flanked = bool(inside) and _flanks(text, inside[0], inside[-1] + 1)
            for k in run:
                if not flanked or k < inside[0] or k > inside[-1]:
                    styles[k].discard(kind)
            i = max(j, i + 1)
    out: list[str] = []
    stack: list[str] = []
    for i, ch in enumerate(text + "\0"):
        want = styles[i] if i < len(text) else set()
        # Close from the top down to the first style no longer wanted, then open the new.
        keep = 0
        while keep < len(stack) and stack[keep] in want:
            keep += 1
        for kind in reversed(stack[keep:]):
            out.append(_MARKS[kind])
        del stack[keep:]
        for kind in ("strong", "emphasis"):  # the outer one first: '***' reads as <em><strong>
            if kind in want and kind not in stack:
                stack.append(kind)
                out.append(_MARKS[kind])
        if i < len(text):
            out.append(ch)
    return "".join(out)


def _flanks(text: str, start: int, end: int) -> bool:
    """Whether ``*`` before ``text[start]`` can open emphasis and after ``text[end - 1]``
    close it (CommonMark's flanking rules; escaping keeps each neighbour's class)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    opens = not _punct(text[start]) or before.isspace() or _punct(before)
    closes = not _punct(text[end - 1]) or after.isspace() or _punct(after)
    return opens and closes


def _punct(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _escape_marked(line: str) -> str:
    """One line holding stand-ins, escaped exactly as the line without them would be, with
    ``*`` and ``**`` where the stand-ins were."""
    marks: dict[int, str] = {}
    plain: list[str] = []
    for char in line:
        if char in "\ufdd0\ufdd1":
            marks[len(plain)] = marks.get(len(plain), "") + ("**" if char == _STRONG else "*")
        else:
            plain.append(char)
    text = "".join(plain)
    escaped = _escape_line(text)
    # Walk the escaped line beside the text: each character is itself, or itself after an
    # added backslash, or (leading indentation) no-break spaces.
    out: list[str] = []
    at = done = 0
    for index, char in enumerate(text):
        if at >= len(escaped):
            break  # trailing spaces the escaping dropped
        done = index + 1
        out.append(marks.get(index, ""))
        if escaped.startswith("\\" + char, at):
            step = 2
        elif escaped[at] == char:
            step = 1
        else:  # leading indentation: a space is one no-break space, a tab four
            step = 4 if char == "\t" else 1
        out.append(escaped[at : at + step])
        at += step
    out.append("".join(v for k, v in sorted(marks.items()) if k >= done))
    return "".join(out)


def defuse_markers(markdown: str) -> str:
    """Markdown with no line that Gloss would read as one of its region markers."""
    return _MARKER_LIKE.sub("\\\\", markdown) if "<!--" in markdown else markdown


# Symbols that carry meaning in a tag ("c++", "c#", "r&d"): spelt out, not dropped, so
# "c++" and "c" stay two tags.
_TAG_SYMBOLS = {"+": "plus", "#": "sharp", "&": "and", "@": "at"}
_TAG_SYMBOL = re.compile(r"[+#&@]")
_TAG_OTHER = re.compile(r"[^\w/-]+")


@lru_cache(maxsize=4096)
def obsidian_tag(tag: str) -> str:
    """A tag as Obsidian accepts it (no ``#``): the one spelling Gloss writes both in the
    front matter ``tags:`` list and as ``#tags`` in the body; '' if nothing is left.

    Obsidian allows letters, digits, ``_``, ``-`` and ``/``, and not digits only. So ``+``,
    ``#``, ``&`` and ``@`` are spelt ``-plus-``, ``-sharp-``, ``-and-``, ``-at-``; any other
    run of characters becomes ``-``; runs of ``-`` fold to one; ``-`` and ``/`` are trimmed
    from the ends; a tag of digits only gets a leading ``_``. ``c++`` is ``c-plus-plus``,
    ``2016`` is ``_2016``, ``read later`` is ``read-later``.
    """
    spelt = _TAG_SYMBOL.sub(lambda m: f"-{_TAG_SYMBOLS[m.group()]}-", tag)
    cleaned = re.sub(r"-{2,}", "-", _TAG_OTHER.sub("-", spelt)).strip("-/")
    if not cleaned:
        return ""
    return "_" + cleaned if cleaned.replace("/", "").isdigit() else cleaned


def obsidian_tags(tags: Iterable[str]) -> list[str]:
    """:func:`obsidian_tag` of each tag, sorted, without blanks or repeats."""
    return sorted({t for t in map(obsidian_tag, tags) if t})


@lru_cache(maxsize=4096)
def hashtag(tag: str) -> str:
    """A tag as an Obsidian ``#tag`` in the body (:func:`obsidian_tag`); '' if nothing is left."""
    name = obsidian_tag(tag)
    return "#" + name if name else ""


def printed(value: object) -> str:
    """What a template prints for ``{{ value }}`` (its ``finalize``): Markdown as it is, None
    as nothing, a list joined with commas, anything else escaped."""
    if isinstance(value, Markdown):
        return value
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return escape_inline(", ".join(str(v) for v in value))
    return escape_inline(str(value))
