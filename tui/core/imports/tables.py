"""Reading the CSV exports: a header row that must name the columns a format needs."""

from __future__ import annotations

import csv
import io

from tui.core.imports.record import ImportFileError

_MAX_FIELD = 10 * 1024 * 1024  # a whole article in a cell is fine; more is not a CSV export


def read_rows(data: bytes, fmt: str, required: tuple[str, ...]) -> list[dict[str, str]]:
    """The rows of a CSV file as dicts keyed by header names (spaces trimmed); an error
    naming the first missing column or the first bad row."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(f"{fmt}: the file is not UTF-8 text") from None
    csv.field_size_limit(_MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise ImportFileError(f"{fmt}: the file is empty") from None
    except csv.Error as exc:
        raise ImportFileError(f"{fmt}: line 1: {exc}") from None
    missing = [name for name in required if name not in header]
    if missing:
        raise ImportFileError(f"{fmt}: line 1: no '{missing[0]}' column in the header")
    rows = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                raise ImportFileError(
                    f"{fmt}: line {reader.line_num}: {len(row)} fields, the header has "
                    f"{len(header)}"
                )
            rows.append(dict(zip(header, row + [""] * (len(header) - len(row)), strict=True)))
    except csv.Error as exc:
        raise ImportFileError(f"{fmt}: line {reader.line_num}: {exc}") from None
    return rows


def header_of(data: bytes) -> list[str]:
    """The first row of a file read as CSV, or [] (for detection)."""
    try:
        first = data[:4096].decode("utf-8-sig", "ignore").splitlines()[0]
        return [name.strip() for name in next(csv.reader([first]))]
    except (IndexError, StopIteration, csv.Error):
        return []
