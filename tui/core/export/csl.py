"""Citations in any CSL style file the user points to (``gloss export --cite FILE.csl``).

Formatted by citeproc-py from the same CSL-JSON item the bibliography export writes. The
built-in MLA, APA and Chicago stay hand-written (see :mod:`citation` for where citeproc-py
fell short on them); a style of the user's own choosing is theirs to judge.

A style file is untrusted XML: it is read with a size limit and parsed with no DTD, no
entities and no network, and a file that declares a DOCTYPE is refused outright (that is
where entity tricks live); only then does citeproc-py see it, re-serialised. A file that is
not XML, not a CSL ``<style>``, not valid against the CSL schema, or that citeproc-py cannot
use gives one line (:class:`CslStyleError`, exit 2).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from citeproc import (
    SCHEMA_PATH,
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
)
from citeproc.source.json import CiteProcJSON
from lxml import etree

from tui.core.errors import UsageError
from tui.core.export.bibliography import csl_item
from tui.core.export.escape import escape_fragment, escape_inline, escape_line_start
from tui.core.model import Article, SavedArticle

CSL_NS = "http://purl.org/net/xbiblio/csl"
MAX_STYLE_BYTES = 2_000_000  # the largest styles in the CSL repository are about 200 KB
_KEY = "gloss-item"


class CslStyleError(UsageError):
    """A CSL style file that cannot be used (one line, exit 2)."""


@dataclass(frozen=True, slots=True, eq=False)
class CslStyle:
    """A CSL style read from a file and ready to format citations."""

    path: Path
    title: str
    style: Any  # citeproc.CitationStylesStyle

    def cite(
        self,
        article: SavedArticle,
        body: Article | None = None,
        *,
        accessed: bool = True,
        markdown: bool = True,
    ) -> str:
        """The article's reference in this style, on one line: its bibliography entry, or
        its in-text citation for a style with no bibliography. Markdown escapes the text and
        writes italics and bold as ``*`` and ``**``; plain text has neither."""
        item = csl_item(article, _KEY, body)
        item.pop("source", None)
        if not accessed:
            item.pop("accessed", None)
        url = item.get("URL")
        if markdown:
            item = _escaped(item)
        try:
            bibliography = CitationStylesBibliography(
                self.style, CiteProcJSON([item]), _MARKDOWN if markdown else _PLAIN
            )
            citation = Citation([CitationItem(_KEY)])
            bibliography.register(citation)
            if self.style.has_bibliography():
                entries = bibliography.bibliography()
                text = str(entries[0]) if entries else ""
            else:
                text = str(bibliography.cite(citation, lambda _item: None))
        except Exception as exc:  # citeproc-py raises anything on a style it cannot follow
            raise CslStyleError(
                f"the CSL style {self.path} could not format a citation: "
                f"{type(exc).__name__}: {exc}"
            ) from None
        line = " ".join(text.split())
        if markdown and url:
            # A URL is printed bare (as the built-in styles do): escaped, it would not link.
            line = line.replace(escape_fragment(url), url.replace(" ", "%20"))
        # A numeric style starts with "1." : not an ordered list.
        return escape_line_start(line) if markdown else line


_DATA_KEYS = {"id", "type", "language", "issued", "accessed"}


def _escaped(item: dict[str, Any]) -> dict[str, Any]:
    """The item with its text escaped as Markdown. citeproc-py passes a variable's value
    through untouched (only the style's own words go through ``preformat``), so page text
    (a title with ``*`` or ``<b>``) is escaped here, before it is formatted."""
    out: dict[str, Any] = {}
    for key, value in item.items():
        if key in _DATA_KEYS:
            out[key] = value
        elif isinstance(value, str):
            out[key] = escape_fragment(value)
        elif isinstance(value, list):
            out[key] = [{k: escape_fragment(v) if isinstance(v, str) else v
                         for k, v in name.items()} if isinstance(name, dict) else name
                        for name in value]
        else:
            out[key] = value
    return out


def load_csl(path: Path) -> CslStyle:
    """The CSL style in ``path`` (cached by path and modification time)."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise CslStyleError(f"cannot read the CSL style {path}: {exc.strerror or exc}") from None
    return _load(str(path), stat.st_mtime_ns, stat.st_size)


def is_csl_path(value: str) -> bool:
    """Whether ``--cite VALUE`` names a style file rather than a built-in style."""
    return value.lower().endswith(".csl") or "/" in value or "\\" in value


@lru_cache(maxsize=8)
def _load(name: str, _mtime_ns: int, size: int) -> CslStyle:
    path = Path(name)
    if size > MAX_STYLE_BYTES:
        raise CslStyleError(f"{path} is too big for a CSL style ({size:,} bytes)")
    try:
        data = path.read_bytes()[: MAX_STYLE_BYTES + 1]
    except OSError as exc:
        raise CslStyleError(f"cannot read the CSL style {path}: {exc.strerror or exc}") from None
    root = _parse(path, data)
    title = root.findtext(f"{{{CSL_NS}}}info/{{{CSL_NS}}}title") or path.stem
    try:
        style = CitationStylesStyle(io.BytesIO(etree.tostring(root)), validate=False)
    except Exception as exc:  # an unknown default-locale, or anything citeproc-py refuses
        raise CslStyleError(f"{path} cannot be used as a CSL style: {exc}") from None
    return CslStyle(path, escape_inline(title), style)


def _parse(path: Path, data: bytes) -> etree._Element:
    """The style's root element, parsed safely and checked against the CSL schema."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
        remove_comments=True, remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise CslStyleError(f"{path} is not a CSL style: not well-formed XML ({exc.msg})"
                            ) from None
    if root.getroottree().docinfo.doctype:
        raise CslStyleError(f"{path} is refused: a CSL style has no DOCTYPE (entities and "
                            "external files are not read)")
    if root.tag != f"{{{CSL_NS}}}style":
        name = etree.QName(root).localname
        raise CslStyleError(f"{path} is not a CSL style: its root is <{name}>, not <style> "
                            "in the CSL namespace")
    schema = _schema()
    if not schema.validate(root.getroottree()):
        error = schema.error_log.last_error
        where = f"line {error.line}: " if error is not None else ""
        message = error.message if error is not None else "it does not follow the CSL schema"
        raise CslStyleError(f"{path} is not a valid CSL style ({where}{message})")
    return root


@lru_cache(maxsize=1)
def _schema() -> etree.RelaxNG:
    # citeproc-py ships the CSL schema; it is a trusted file, read once.
    return etree.RelaxNG(etree.parse(SCHEMA_PATH))


class _Wrap(str):
    """A formatted piece: ``mark`` around the text (nothing around an empty piece)."""

    mark = ""

    def __new__(cls, text: str) -> _Wrap:
        text = str(text)
        return super().__new__(cls, f"{cls.mark}{text}{cls.mark}" if text else text)


class _Italic(_Wrap):
    mark = "*"


class _Bold(_Wrap):
    mark = "**"


class _Formatter:
    """A citeproc-py output format: Markdown (escaped text, ``*`` and ``**``) or plain."""

    def __init__(self, markdown: bool) -> None:
        # citeproc-py hands over its own string types (MixedString is a list): str() first.
        self.preformat: Callable[[object], str] = (
            (lambda text: escape_fragment(str(text))) if markdown else str
        )
        plain: type[str] = str
        self.Italic = _Italic if markdown else plain
        self.Oblique = self.Italic
        self.Bold = _Bold if markdown else plain
        self.Light = self.Underline = self.Superscript = self.Subscript = plain
        self.SmallCaps = plain


_MARKDOWN = _Formatter(markdown=True)
_PLAIN = _Formatter(markdown=False)
