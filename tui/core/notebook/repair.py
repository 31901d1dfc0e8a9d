"""Repairing a damaged notebook: each damaged file is copied aside byte for byte, then
replaced by its newest readable backup copy; a damaged shard keeps every record that can
still be read, merged with its backup copy (see salvage.py), so the highlights made since
the backup are not thrown away with the damage. Files that are fine are never touched.

A damaged ``notebook.json`` with no usable backup is rebuilt from the snapshots (every saved
article's body is one, and its id follows from it); reading state (progress, read) is lost,
highlights are not. A damaged shard with nothing readable and no usable backup is moved
aside, and reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

from tui.core.model import SavedArticle, now_iso
from tui.core.notebook.backups import Backup, stamp, valid_copies
from tui.core.notebook.changes import EVERYTHING, ChangeLog
from tui.core.notebook.errors import (
    NotebookCorrupt,
    NotebookError,
    NotebookWriteError,
    SnapshotMissing,
    UnsafeJournal,
)
from tui.core.notebook.files import (
    ARTICLES,
    HIGHLIGHTS,
    META,
    META_ID,
    SCHEMA,
    ArticleVersion,
    article_doc,
    check_file,
    data_files,
    shard_ids,
)
from tui.core.notebook.journal import UndoJournal
from tui.core.notebook.layout import SHARD_SUFFIX, NotebookLayout
from tui.core.notebook.lock import FileLock
from tui.core.notebook.paths import inside
from tui.core.notebook.salvage import merge_with_backup, salvage_shard
from tui.core.notebook.snapshots import SUFFIX, SnapshotStore
from tui.core.notebook.storage import FileWriter, dump_tables, parse_tables


@dataclass(frozen=True)
class Repair:
    """What :func:`repair` did. ``set_aside`` holds the damaged files as they were."""

    restored: tuple[tuple[Path, str], ...] = ()  # (file, where its new content came from)
    lost: tuple[Path, ...] = ()  # damaged shards no backup could replace (kept in set_aside)
    set_aside: Path | None = None
    damaged: tuple[Path, ...] = field(default=())
    journal: Path | None = None  # where an untrustworthy undo journal was moved, if one was

    def __str__(self) -> str:
        moved = f"the undo journal could not be trusted: set aside in {self.journal}"
        if not self.damaged:
            return moved if self.journal else "nothing to repair"
        parts = [f"{len(self.restored)} of {len(self.damaged)} damaged files restored"]
        if self.lost:
            parts.append(f"{len(self.lost)} could not be, kept in {self.set_aside}")
        elif self.set_aside:
            parts.append(f"the damaged copies are in {self.set_aside}")
        if self.journal:
            parts.append(moved)
        return "; ".join(parts)


def damaged_files(layout: NotebookLayout) -> list[Path]:
    """Notebook files that cannot be read as they are."""
    out = []
    for path in data_files(layout):
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            continue
        except OSError:
            out.append(path)
            continue
        try:
            check_file(layout, path, raw)
        except NotebookCorrupt:
            out.append(path)
    return out


def repair(root: Path, *, writer: FileWriter | None = None, lock_timeout: float = 10.0) -> Repair:
    """Repair the notebook at ``root`` from its backups (see the module doc)."""
    layout = NotebookLayout(root)
    writer = writer or FileWriter()
    lock = FileLock(layout.lock, lock_timeout)
    lock.acquire(exclusive=True)
    try:
        journal = None
        try:
            UndoJournal(root, writer).rollback()  # first, undo a write a crash cut short
        except UnsafeJournal:
            # Garbled, or naming files outside the notebook: not replayed, moved aside whole
            # (the files it names were never touched), so the notebook opens again.
            journal = _set_journal_aside(layout)
        damaged = damaged_files(layout)
        if not damaged:
            return Repair(journal=journal)
        aside = layout.damaged / stamp()
        log = ChangeLog(layout.changes)
        log.mark_seen()
        log.append([EVERYTHING], writer)
        restored, lost = [], []
        for path in damaged:
            raw = _raw(path)
            writer.write_bytes(aside / layout.relative(path), raw)
            copy = next(valid_copies(layout, path), None)
            if path != layout.index:
                source = _salvage(layout, path, raw, copy, writer)
                if source:
                    restored.append((path, source))
                else:
                    writer.remove(path)
                    lost.append(path)
            elif copy is not None:
                writer.write_bytes(path, copy[1])
                restored.append((path, f"backup {copy[0].label}"))
            else:
                writer.write_bytes(path, rebuild_index(layout))
                restored.append((path, "snapshots"))
        return Repair(tuple(restored), tuple(lost), aside, tuple(damaged), journal)
    finally:
        lock.release()


def _set_journal_aside(layout: NotebookLayout) -> Path:
    """Move the undo folder to ``damaged/<time>/undo``; return where it went."""
    aside = inside(layout.root, f"damaged/{stamp()}/undo")
    if aside is None or layout.undo.is_symlink():
        raise NotebookError(f"the notebook {layout.root} has a 'damaged' or 'undo' folder "
                            "that leads outside it; move it away by hand")
    try:
        aside.parent.mkdir(parents=True, exist_ok=True)
        layout.undo.replace(aside)
    except OSError as error:
        raise NotebookWriteError(aside, error) from error
    return aside


def _salvage(
    layout: NotebookLayout,
    path: Path,
    raw: bytes,
    copy: tuple[Backup, bytes] | None,
    writer: FileWriter,
) -> str:
    """Rewrite a damaged shard from its readable records and its backup; say from what
    ('' when there was nothing to keep)."""
    article_id = path.name.removesuffix(SHARD_SUFFIX)
    salvaged = salvage_shard(path, article_id, raw)
    backup = {} if copy is None else parse_tables(path, copy[1]).get(HIGHLIGHTS, {})
    merged = merge_with_backup(salvaged, backup)
    if not merged:
        return ""
    writer.write_bytes(path, dump_tables({HIGHLIGHTS: merged}))
    parts = [f"{len(salvaged)} readable record{'' if len(salvaged) == 1 else 's'}"]
    if copy is not None:
        parts.append(f"backup {copy[0].label}")
    return " and ".join(parts) if salvaged else parts[-1]


def _raw(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def rebuild_index(layout: NotebookLayout) -> bytes:
    """A notebook.json made from the snapshots; every article with highlights gets a record."""
    store = SnapshotStore(layout.snapshots)
    found: dict[str, list[tuple[float, str, SavedArticle]]] = {}
    for path in _snapshot_files(layout):
        digest = path.name.removesuffix(SUFFIX)
        try:
            article = store.get(digest)
        except SnapshotMissing:
            continue
        record = SavedArticle.from_article(article, digest)
        mtime = path.stat().st_mtime
        found.setdefault(record.id, []).append((mtime, digest, replace(record, saved=_iso(mtime))))
    docs = {}
    for article_id, seen in found.items():
        seen.sort()
        versions = tuple(
            ArticleVersion(old[2].snapshot, old[2].text_hash, _iso(new[0]))
            for old, new in pairwise(seen)
        )
        first, current = seen[0][2], seen[-1][2]
        record = replace(current, saved=first.saved)
        docs[article_id] = article_doc(record, versions)
    for article_id in shard_ids(layout):
        if article_id not in docs:
            record = SavedArticle(id=article_id, title=f"Recovered article {article_id}")
            docs[article_id] = article_doc(record, ())
    meta = {"schema": SCHEMA, "created": now_iso(), "rebuilt": now_iso()}
    return dump_tables({META: {META_ID: meta}, ARTICLES: docs})


def _iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _snapshot_files(layout: NotebookLayout) -> Iterable[Path]:
    try:
        return sorted(layout.snapshots.glob("*" + SUFFIX))
    except FileNotFoundError:
        return []
