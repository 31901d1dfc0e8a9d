"""Salvaging a damaged highlight shard: every record that can still be read is kept.

A shard is damaged when it is not valid JSON as a whole (a torn write on a file system that
does not rename atomically, a sync tool's half copy, a bad sector) or when some of its
records are malformed. Either way most records are usually intact; restoring the file from
its last backup alone would lose every highlight made since. So each ``"<id>": {...}``
object in the file is decoded on its own, and kept if the notebook would accept it as a
record of that shard; :func:`merge_with_backup` then adds the backup's records that could
not be read (a salvaged record is newer than its backup copy and wins).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tui.core.notebook.errors import NotebookCorrupt
from tui.core.notebook.files import HIGHLIGHTS, shard_from_tables
from tui.core.notebook.storage import parse_tables

_KEY = re.compile(r'"([A-Za-z0-9_-]{1,64})"\s*:\s*\{')  # a record's key, then its object
_DECODER = json.JSONDecoder()

Docs = dict[str, dict[str, Any]]


def salvage_shard(path: Path, article_id: str, raw: bytes) -> Docs:
    """The readable highlight records of a (damaged) shard's bytes, by id."""
    try:
        candidates = list(parse_tables(path, raw).get(HIGHLIGHTS, {}).items())
    except NotebookCorrupt:  # not JSON as a whole: read each record that is whole
        candidates = list(_scan(raw.decode("utf-8", "replace")))
    kept: Docs = {}
    for key, doc in candidates:
        try:  # exactly what opening the notebook accepts, record by record
            shard_from_tables(path, article_id, {HIGHLIGHTS: {key: doc}})
        except NotebookCorrupt:
            continue
        kept[key] = doc
    return kept


def _scan(text: str) -> list[tuple[str, Any]]:
    found = []
    for match in _KEY.finditer(text):
        try:
            doc, _ = _DECODER.raw_decode(text, match.end() - 1)
        except ValueError:
            continue
        if isinstance(doc, dict):
            found.append((match.group(1), doc))
    return found


def merge_with_backup(salvaged: Docs, backup: Docs) -> Docs:
    """The backup's records with the salvaged ones over them (the salvaged are newer)."""
    return {**backup, **salvaged}
