"""Readwise's CSV export: one row per highlight, of books (Kindle, Apple Books) and of
articles, tweets and podcasts read through Readwise Reader.

The export names no URL: a row is a book (no web page: an article without a body) unless
the file has a ``URL`` column (Readwise Reader's export, and files people merge by hand)
with an address in it, which makes it a web article to place the quote in.
"""

from __future__ import annotations

from tui.core.imports.record import Record, parse_iso
from tui.core.imports.tables import read_rows

FORMAT = "readwise"
COLUMNS = ("Highlight", "Book Title", "Book Author", "Amazon Book ID", "Note", "Color",
           "Tags", "Location Type", "Location", "Highlighted at", "Document tags")
REQUIRED = ("Highlight", "Book Title", "Book Author", "Location", "Highlighted at")
_URL_COLUMNS = ("URL", "Source URL", "Url")


def parse(data: bytes) -> tuple[Record, ...]:
    """Every row with a highlight."""
    records = []
    for row in read_rows(data, FORMAT, REQUIRED):
        quote = row.get("Highlight", "")
        if not quote.strip():
            continue
        url = next((row[c].strip() for c in _URL_COLUMNS if row.get(c, "").strip()), None)
        kind, where = row.get("Location Type", "").strip(), row.get("Location", "").strip()
        location = f"{kind} {where}".strip() if where and kind != "order" else None
        tags = _tags(row.get("Tags", "")) + _tags(row.get("Document tags", ""))
        records.append(Record.of(
            FORMAT,
            url=url,
            title=row.get("Book Title", ""),
            author=row.get("Book Author", ""),
            quote=quote,
            note=row.get("Note", ""),
            tags=tags,
            color=row.get("Color", ""),
            created=parse_iso(row.get("Highlighted at", "")),
            location=location,
            book=url is None,
        ))
    return tuple(records)


def _tags(cell: str) -> list[str]:
    """Readwise writes tags comma separated; a tag with spaces becomes hyphenated."""
    return [part.strip() for part in cell.split(",") if part.strip()]


def looks_like(header: list[str]) -> bool:
    """Whether a CSV header is Readwise's."""
    return "Highlight" in header and "Book Title" in header
