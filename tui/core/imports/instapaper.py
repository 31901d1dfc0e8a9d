"""Instapaper's CSV export: one row per saved article, with the passage selected when it
was saved (``Selection``), its folder and, in newer exports, its tags (a JSON list)."""

from __future__ import annotations

import json

from tui.core.imports.record import ImportFileError, Record, parse_epoch
from tui.core.imports.tables import read_rows

FORMAT = "instapaper"
REQUIRED = ("URL", "Title", "Selection", "Folder", "Timestamp")
# Instapaper's own folders say where an article is in the queue, not what it is about.
_QUEUE_FOLDERS = {"unread", "archive", "starred", ""}


def parse(data: bytes) -> tuple[Record, ...]:
    """One record per row: a highlight where the row has a selection, else the article."""
    records = []
    for n, row in enumerate(read_rows(data, FORMAT, REQUIRED), start=2):
        folder = row.get("Folder", "").strip()
        tags = _tags(row.get("Tags", ""))
        if folder.lower() not in _QUEUE_FOLDERS:
            tags.append(folder)
        record = Record.of(
            FORMAT,
            url=row.get("URL", "").strip(),
            title=row.get("Title", ""),
            quote=row.get("Selection", ""),
            tags=tags,
            created=parse_epoch(row.get("Timestamp", "")),
        )
        if record.url is None:
            raise ImportFileError(f"{FORMAT}: row {n}: no http(s) URL")
        records.append(record)
    return tuple(records)


def _tags(cell: str) -> list[str]:
    cell = cell.strip()
    if cell.startswith("["):
        try:
            values = json.loads(cell)
        except ValueError:
            values = []
        return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []
    return [part.strip() for part in cell.split(",") if part.strip()]


def looks_like(header: list[str]) -> bool:
    """Whether a CSV header is Instapaper's."""
    return {"URL", "Title", "Selection", "Folder"} <= set(header)
