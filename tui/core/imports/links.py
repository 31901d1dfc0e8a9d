"""Lists of pages to save: a plain list of URLs (one a line, ``#`` comments), an OPML file
(outlines with ``htmlUrl``/``url``, or a feed's ``xmlUrl`` when it names nothing else) and a
browser's Netscape bookmarks file (``<DT><A HREF ADD_DATE TAGS>``)."""

from __future__ import annotations

from typing import Any

from tui.core.imports.record import ImportFileError, Parsed, Record, parse_epoch

URLS, OPML, BOOKMARKS = "urls", "opml", "bookmarks"


def parse_urls(data: bytes) -> Parsed:
    """One record per URL line; any other line is an error naming it."""
    text = _text(data, URLS)
    records = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        record = Record.of(URLS, url=line.split()[0])
        if record.url is None:
            raise ImportFileError(f"{URLS}: line {n}: not an http(s) URL: {line[:80]!r}")
        records.append(record)
    return Parsed(URLS, tuple(records))


def parse_opml(data: bytes) -> Parsed:
    """One record per outline that names a page (its folders' names are read as tags, which
    the notebook keeps on highlights only: a page saved from a list has none yet)."""
    from lxml import etree

    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise ImportFileError(f"{OPML}: not well-formed XML (line {exc.lineno})") from None
    records = []
    for outline in root.iter("outline"):
        url = outline.get("htmlUrl") or outline.get("url") or outline.get("xmlUrl")
        if not url:
            continue
        folders = [a.get("text") or a.get("title") or "" for a in outline.iterancestors("outline")]
        record = Record.of(OPML, url=url, title=outline.get("title") or outline.get("text") or "",
                           tags=[f for f in reversed(folders) if f])
        if record.url:
            records.append(record)
    return Parsed(OPML, tuple(records))


def parse_bookmarks(data: bytes) -> Parsed:
    """One record per bookmark (its TAGS are read, as OPML folders are)."""
    doc = html_document(data, BOOKMARKS)
    records = []
    for link in doc.iter("a"):
        href = link.get("href")
        if not href:
            continue
        tags = [t for t in (link.get("tags") or "").split(",") if t.strip()]
        record = Record.of(BOOKMARKS, url=href, title=link.text_content(), tags=tags,
                           created=parse_epoch(link.get("add_date")))
        if record.url:  # javascript: bookmarklets and place: queries are not pages
            records.append(record)
    return Parsed(BOOKMARKS, tuple(records))


def html_document(data: bytes, fmt: str) -> Any:
    """An HTML file's tree, or one line saying it is not one."""
    import lxml.html
    from lxml import etree

    try:
        return lxml.html.fromstring(data)
    except (ValueError, etree.ParserError, etree.XMLSyntaxError):
        raise ImportFileError(f"{fmt}: not an HTML file") from None


def _text(data: bytes, fmt: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(f"{fmt}: the file is not UTF-8 text") from None


def looks_like_urls(head: str) -> bool:
    """Whether a text file's first lines are URLs and comments."""
    lines = [ln.strip() for ln in head.splitlines()[:20] if ln.strip()]
    lines = [ln for ln in lines if not ln.startswith("#")]
    # The last line of the head may be cut short: all the others must be URLs.
    web = ("http://", "https://")
    return bool(lines) and lines[0].startswith(web) and all(ln.startswith(web) for ln in lines[:-1])
