"""Which export a file (or an unpacked export folder) is, from its content, and reading it
into records with the right parser."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tui.core.imports import (
    hypothesis,
    instapaper,
    kindle,
    koreader,
    links,
    omnivore,
    pocket,
    readwise,
)
from tui.core.imports.archive import Archive, zip_names
from tui.core.imports.formats import FORMATS, W3C
from tui.core.imports.record import ImportFileError, Parsed, Record
from tui.core.imports.tables import header_of

MAX_FILE_BYTES = 512 * 1024 * 1024


def detect(path: Path, data: bytes | None = None) -> str:
    """The format of ``path`` (a file's bytes may be given), or an error saying to name it."""
    if path.is_dir():
        found = detect_folder(path)
        if found is None:
            raise ImportFileError(
                f"cannot tell what export the folder {path.name} is: no KOReader "
                "metadata.*.lua, Omnivore metadata_*.json or Pocket part_*.csv in it"
            )
        return found
    data = read_bytes(path) if data is None else data
    found = detect_bytes(data, path.name)
    if found is None:
        raise ImportFileError(
            f"cannot tell what export {path.name} is: name its format with --from "
            f"({', '.join(FORMATS)})"
        )
    return found


def detect_bytes(data: bytes, name: str = "") -> str | None:
    """The format of a file's bytes, or None."""
    if data.startswith(b"PK\x03\x04"):
        names = zip_names(data)
        if omnivore.looks_like(names):
            return "omnivore"
        if pocket.looks_like_zip(names):
            return "pocket"
        return None
    head = data[:8192].decode("utf-8-sig", "ignore").replace("\ufeff", "")
    stripped = head.lstrip()
    if name.endswith(".lua") or (stripped.startswith(("return {", "-- ")) and "return {" in head):
        return "koreader"
    if stripped.startswith(("{", "[")):
        # JSON that is no other service's is for the W3C reader, which says what is wrong.
        return _detect_json(data) or W3C
    lowered = stripped[:2048].lower()
    if "<opml" in lowered:
        return "opml"
    if "netscape-bookmark-file" in lowered:
        return "bookmarks"
    if pocket.looks_like_html(stripped[:4096]):
        return "pocket"
    if kindle.looks_like(head):
        return "kindle"
    header = header_of(data)
    if readwise.looks_like(header):
        return "readwise"
    if instapaper.looks_like(header):
        return "instapaper"
    if links.looks_like_urls(head):
        return "urls"
    return None


def _detect_json(data: bytes) -> str | None:
    try:
        parsed = json.loads(data)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None
    if hypothesis.looks_like(parsed) or (
        isinstance(parsed, dict) and "export_userid" in parsed
    ):
        return "hypothesis"
    if koreader.looks_like_json(parsed):
        return "koreader"
    return W3C if _is_w3c(parsed) else None


def _is_w3c(parsed: Any) -> bool:
    if isinstance(parsed, dict):
        return "@context" in parsed or parsed.get("type") in (
            "Annotation", "AnnotationCollection", "AnnotationPage"
        )
    return isinstance(parsed, list) and all(
        isinstance(item, dict) and item.get("type") == "Annotation" for item in parsed
    )


def detect_folder(path: Path) -> str | None:
    """The export an unpacked folder holds, or None."""
    names = [p.name for p in _files(path)]
    if any(n.startswith("metadata.") and n.endswith(".lua") for n in names):
        return "koreader"
    if omnivore.looks_like(names):
        return "omnivore"
    if any(n.startswith("part_") and n.endswith(".csv") for n in names):
        return "pocket"
    return None


def read(path: Path, fmt: str | None = None) -> Parsed:
    """Read ``path`` as ``fmt`` (detected when None) into records. W3C JSON is not read
    here: ``gloss import`` has its own path for it."""
    data = None if path.is_dir() else read_bytes(path)
    fmt = fmt or detect(path, data)
    if fmt == W3C:
        raise ValueError("W3C Web Annotation JSON is read by tui.core.export")
    if path.is_dir():
        return _read_folder(path, fmt)
    assert data is not None
    where = path.name
    if fmt == "kindle":
        return Parsed(fmt, kindle.parse(data))
    if fmt == "readwise":
        return Parsed(fmt, readwise.parse(data))
    if fmt == "instapaper":
        return Parsed(fmt, instapaper.parse(data))
    if fmt == "hypothesis":
        return Parsed(fmt, hypothesis.parse(_json(data, fmt)))
    if fmt == "koreader":
        if data.lstrip()[:1] in (b"{", b"["):
            return Parsed(fmt, koreader.parse_json(_json(data, fmt), where))
        return Parsed(fmt, koreader.parse_lua(data, str(path)))
    if fmt == "omnivore":
        return omnivore.parse(Archive.from_zip(data, fmt))
    if fmt == "pocket":
        if data.startswith(b"PK\x03\x04"):
            return pocket.parse_zip(Archive.from_zip(data, fmt))
        return pocket.parse_html(data)
    if fmt == "urls":
        return links.parse_urls(data)
    if fmt == "opml":
        return links.parse_opml(data)
    if fmt == "bookmarks":
        return links.parse_bookmarks(data)
    raise ImportFileError(f"unknown import format {fmt!r} (one of {', '.join(FORMATS)})")


def _read_folder(path: Path, fmt: str) -> Parsed:
    files = _files(path)
    if fmt == "koreader":
        records: list[Record] = []
        for file in files:
            if file.name.startswith("metadata.") and file.name.endswith(".lua"):
                where = str(file.relative_to(path.parent))
                records += koreader.parse_lua(read_bytes(file), where)
        return Parsed(fmt, tuple(records))
    names = {str(f.relative_to(path)).replace("\\", "/"): f for f in files}
    archive = Archive.from_folder(names, fmt)
    if fmt == "omnivore":
        return omnivore.parse(archive)
    if fmt == "pocket":
        return pocket.parse_zip(archive)
    raise ImportFileError(f"{fmt}: give the export file, not a folder")


def _files(root: Path) -> list[Path]:
    """Regular files under ``root``, symlinks not followed (an export folder is data: a
    link in it must not read a file elsewhere)."""
    out = []
    for item in sorted(root.rglob("*")):
        if item.is_symlink() or not item.is_file():
            continue
        out.append(item)
    return out


def read_bytes(path: Path) -> bytes:
    """A file's bytes, or the one-line error reading it gives."""
    from tui.core.fetch import local_file_error

    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ImportFileError(f"{path.name} is larger than 512 MiB: not an export")
        return path.read_bytes()
    except OSError as exc:
        raise local_file_error(exc, path) from None


def _json(data: bytes, fmt: str) -> Any:
    try:
        return json.loads(data)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise ImportFileError(f"{fmt}: not JSON") from None
