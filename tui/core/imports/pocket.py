"""Pocket's exports. The 2025 zip: ``part_*.csv`` (title, url, time_added, tags joined by
``|``, status) and ``annotations/part_*.json`` (per article: url, title, highlights with
quote and created_at). The older ``ril_export.html``: a list of links per section (Unread,
Read Archive) with ``time_added`` and ``tags`` attributes. Neither holds the pages: they are
fetched (or left "not fetched", their quotes kept until then)."""

from __future__ import annotations

import json
from typing import Any

from tui.core.imports.archive import Archive
from tui.core.imports.record import ImportFileError, Parsed, Record, parse_epoch
from tui.core.imports.tables import read_rows

FORMAT = "pocket"
REQUIRED = ("title", "url", "time_added")


def parse_zip(archive: Archive) -> Parsed:
    """Every saved article, and the highlights of those that have any."""
    parts = [n for n in archive.names() if _is_part(n, ".csv") and "annotations/" not in n]
    notes = [n for n in archive.names() if _is_part(n, ".json") and "annotations/" in n]
    if not parts and not notes:
        raise ImportFileError(f"{FORMAT}: no part_*.csv in the export")
    saved: dict[str, dict[str, Any]] = {}
    for name in parts:
        for row in read_rows(archive.read(name), f"{FORMAT}: {name}", REQUIRED):
            url = row.get("url", "").strip()
            if url:
                saved.setdefault(url, row)
    records: list[Record] = []
    quoted: set[str] = set()
    for name in notes:
        for n, item in enumerate(_items(archive.read(name), name), start=1):
            where = f"{name}: item {n}"
            if not isinstance(item, dict) or not isinstance(item.get("url"), str):
                raise ImportFileError(f"{FORMAT}: {where}: no 'url'")
            highlights = item.get("highlights")
            if not isinstance(highlights, list):
                raise ImportFileError(f"{FORMAT}: {where}: 'highlights' must be a list")
            row = saved.get(item["url"], {})
            for h in highlights:
                if not isinstance(h, dict) or not isinstance(h.get("quote"), str):
                    raise ImportFileError(f"{FORMAT}: {where}: a highlight without a 'quote'")
                records.append(_record(item["url"], item.get("title") or row.get("title"),
                                       row, quote=h["quote"], created=h.get("created_at")))
            quoted.add(item["url"])
    for url, row in saved.items():
        if url not in quoted:
            records.append(_record(url, row.get("title"), row))
    return Parsed(FORMAT, tuple(records))


def _record(url: str, title: Any, row: dict[str, Any], *, quote: str = "",
            created: Any = None) -> Record:
    tags = [t for t in str(row.get("tags") or "").split("|") if t.strip()]
    return Record.of(
        FORMAT,
        url=url,
        title=title or "",
        quote=quote,
        tags=tags,
        created=parse_epoch(created if created is not None else row.get("time_added")),
    )


def parse_html(data: bytes) -> Parsed:
    """The older ``ril_export.html``: one record per link."""
    from tui.core.imports.links import html_document

    doc = html_document(data, FORMAT)
    links = doc.xpath("//a[@href]")
    if not links:
        raise ImportFileError(f"{FORMAT}: no links in the Pocket export")
    records = []
    for link in links:
        tags = [t for t in (link.get("tags") or "").split(",") if t.strip()]
        record = Record.of(
            FORMAT, url=link.get("href"), title=link.text_content(), tags=tags,
            created=parse_epoch(link.get("time_added")),
        )
        if record.url:
            records.append(record)
    return Parsed(FORMAT, tuple(records))


def _items(data: bytes, name: str) -> list[Any]:
    try:
        items = json.loads(data)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise ImportFileError(f"{FORMAT}: {name}: not JSON") from None
    if not isinstance(items, list):
        raise ImportFileError(f"{FORMAT}: {name}: expected a list")
    return items


def _is_part(name: str, ext: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return base.startswith("part_") and base.endswith(ext)


def looks_like_zip(names: list[str]) -> bool:
    """Whether a zip's member names are a Pocket export's."""
    return any(_is_part(n, ".csv") for n in names)


def looks_like_html(head: str) -> bool:
    """Whether an HTML file is Pocket's ril_export."""
    return "<title>Pocket Export</title>" in head or "ril_export" in head
