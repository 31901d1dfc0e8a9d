"""The bibliography of an export as CSL-JSON or BibTeX, for Zotero and other reference managers.

One entry per article that has a highlight in the export's scope, in the export's order. Each
entry is a web page (CSL ``webpage``, BibTeX ``@misc`` with biblatex's ``date``, ``url`` and
``urldate``, which Zotero reads), its authors from the byline as citations split them (one
word: a ``literal`` name, an organisation or a mononym), the site as its container, the day
the article was saved as the access date. The citation key (``venable2016defenders``) is the
same in both formats. A file is written whole each time; Gloss knows its own by ``"source":
"Gloss"`` on every CSL item, or by the BibTeX file's first line.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from tui.core.export.citation import accessed_on, date_parts, people
from tui.core.export.errors import ForeignFileError
from tui.core.export.files import read_existing, write_atomic
from tui.core.export.sentence_case import FUNCTION_WORDS, sentence_case
from tui.core.model import Article, SavedArticle

BibFormat = Literal["csl-json", "bibtex"]
BIB_FORMATS: tuple[BibFormat, ...] = ("csl-json", "bibtex")
BIB_SUFFIXES: dict[BibFormat, str] = {"csl-json": ".json", "bibtex": ".bib"}
BIBTEX_HEADER = "% Bibliography written by Gloss (gloss export --format bibtex)."
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WORD = re.compile(r"[^\W\d_][\w'’]*")


def bibliography(
    articles: Sequence[SavedArticle],
    fmt: BibFormat,
    bodies: Mapping[str, Article] | None = None,
) -> str:
    """The articles' bibliography in ``fmt``; ``bodies`` (the saved texts) tell BibTeX which
    title words are names, to keep their capitals (see :mod:`sentence_case`)."""
    bodies = bodies or {}
    keys = citation_keys(articles)
    if fmt == "csl-json":
        items = [csl_item(a, keys[a.id], bodies.get(a.id)) for a in articles]
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    if fmt == "bibtex":
        entries = [bibtex_entry(a, keys[a.id], bodies.get(a.id)) for a in articles]
        return "\n\n".join([BIBTEX_HEADER, *entries]) + "\n"
    raise ValueError(f"unknown bibliography format {fmt!r}")


def write_bibliography(
    path: Path,
    articles: Sequence[SavedArticle],
    fmt: BibFormat,
    bodies: Mapping[str, Article] | None = None,
    *,
    force: bool = False,
) -> str:
    """Write the bibliography to ``path``: "created", "updated", "unchanged" or "replaced".
    A file Gloss did not write raises :class:`ForeignFileError`, unless ``force``."""
    text = bibliography(articles, fmt, bodies)
    existing = read_existing(path)
    if existing is None:
        write_atomic(path, text)
        return "created"
    if existing.text.strip() and not is_gloss_bibliography(existing.text, fmt):
        if not force:
            raise ForeignFileError(
                f"{path} was not written by Gloss; export with --force to replace it"
            )
        write_atomic(path, text, existing.newline)
        return "replaced"
    if existing.text.replace(existing.newline, "\n") == text:
        return "unchanged"
    write_atomic(path, text, existing.newline)
    return "updated"


def is_gloss_bibliography(text: str, fmt: BibFormat) -> bool:
    """Whether ``text`` is a bibliography Gloss wrote in ``fmt``."""
    if fmt == "bibtex":
        return text.lstrip("\ufeff").startswith(BIBTEX_HEADER)
    try:
        items = json.loads(text)
    except ValueError:
        return False
    return isinstance(items, list) and all(
        isinstance(item, dict) and item.get("source") == "Gloss" for item in items
    )


def citation_keys(articles: Sequence[SavedArticle]) -> dict[str, str]:
    """A key per article: first author's family name (or the site, or the title's first
    word), year, first significant title word, in ASCII; repeats get a, b, c..."""
    keys: dict[str, str] = {}
    seen: dict[str, int] = {}
    for article in articles:
        authors = people(article.byline, article.site_name)
        who = authors[0].family if authors else (article.site_name or "")
        when = date_parts(article.published)
        words = [w for w in _WORD.findall(article.title or "") if w.casefold() not in
                 FUNCTION_WORDS]
        base = _ascii(who.split()[-1] if who.split() else "") or "anon"
        base += str(when[0]) if when else "nd"
        base += _ascii(words[0]) if words else ""
        count = seen.get(base, 0)
        seen[base] = count + 1
        keys[article.id] = base if count == 0 else f"{base}{_letters(count)}"
    return keys


def _letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa: the suffix of a repeated key."""
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def _ascii(text: str) -> str:
    bare = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", bare.lower())


def _url(article: SavedArticle) -> str | None:
    url = article.canonical_url or article.url
    return url if url and url.startswith(("http://", "https://")) else None


def csl_item(article: SavedArticle, key: str, body: Article | None = None) -> dict[str, Any]:
    """One article as a CSL-JSON item (a web page, or a book for an imported book)."""
    kind = "book" if article.is_book else "webpage"
    item: dict[str, Any] = {"id": key, "type": kind, "title": _one_line(article.title)}
    authors = people(article.byline, article.site_name)
    if authors:
        item["author"] = [
            {"literal": p.family} if not p.given
            else {"family": p.family, "given": p.given, **({"suffix": p.suffix} if p.suffix
                                                             else {})}
            for p in authors
        ]
    if article.site_name and article.site_name.strip():
        item["container-title"] = _one_line(article.site_name)
    when = date_parts(article.published)
    if when:
        item["issued"] = {"date-parts": [[part for part in when if part is not None]]}
    url = _url(article)
    if url:
        item["URL"] = url
    accessed = None if article.is_book else accessed_on(article.saved)
    if accessed:
        item["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    if body is not None and body.language:
        item["language"] = body.language
    item["source"] = "Gloss"
    return item


def bibtex_entry(article: SavedArticle, key: str, body: Article | None = None) -> str:
    """One article as a BibTeX ``@misc`` entry with biblatex's date fields (``@book`` for an
    imported book, without ``urldate``)."""
    fields: list[tuple[str, str]] = []
    authors = people(article.byline, article.site_name)
    if authors:
        names = [
            "{" + _tex(p.family) + "}" if not p.given
            else ", ".join(filter(None, (_tex(p.family), _tex(p.suffix), _tex(p.given))))
            for p in authors
        ]
        fields.append(("author", " and ".join(names)))
    fields.append(("title", _protected_title(article.title, body)))
    if article.site_name and article.site_name.strip():
        fields.append(("howpublished", _tex(_one_line(article.site_name))))
    when = date_parts(article.published)
    if when:
        year, month, day = when
        fields.append(("year", str(year)))
        if month:
            fields.append(("month", _MONTHS[month - 1]))
        fields.append(("date", "-".join(f"{p:02d}" for p in (year, month, day) if p)))
    url = _url(article)
    if url:
        fields.append(("url", url))
    accessed = None if article.is_book else accessed_on(article.saved)
    if accessed:
        fields.append(("urldate", accessed.isoformat()))
    if body is not None and body.language:
        fields.append(("language", _tex(body.language)))
    lines = [f"  {name} = {value if name == 'month' else '{' + value + '}'}"
             for name, value in fields]
    kind = "book" if article.is_book else "misc"
    return f"@{kind}{{{key},\n" + ",\n".join(lines) + "\n}"


def _one_line(text: str | None) -> str:
    return " ".join((text or "Untitled").split())


_TEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}


def _tex(text: str) -> str:
    """``text`` with TeX's special characters escaped (Unicode kept: Zotero and biber read it)."""
    return "".join(_TEX_SPECIAL.get(char, char) for char in text)


def _protected_title(title: str, body: Article | None) -> str:
    """The title as the page gives it, its names (and acronyms) in braces so that a style that
    lowers titles keeps their capitals; which words are names, as APA's sentence case finds."""
    title = _one_line(title)
    lowered = sentence_case(title, body.text if body is not None else None)
    out, end = [], 0
    for index, match in enumerate(_WORD.finditer(title)):
        out.append(_tex(title[end : match.start()]))
        end = match.end()
        word = match.group()
        kept = lowered[match.start() : match.end()]
        # A capital sentence case kept after the first word: a name, an acronym, a subtitle.
        name = index > 0 and kept == word and word != word.lower()
        out.append("{" + _tex(word) + "}" if name else _tex(word))
    out.append(_tex(title[end:]))
    return "".join(out)
