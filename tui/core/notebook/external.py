"""The notebook's files replaced from outside the notebook's own operations: by sync.

Sync holds the notebook's exclusive lock from the moment it reads the local files until it
has written the merged ones, so no Gloss writes in between (a write then would be merged
over and lost). The merged files go in all or nothing through the undo journal, as a
multi-file write of the notebook does, and the change log tells every open Gloss to reload.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Self

from tui.core.notebook.changes import EVERYTHING, ChangeLog
from tui.core.notebook.errors import NotebookError
from tui.core.notebook.files import ARTICLES, META, META_ID, SCHEMA, schema_of
from tui.core.notebook.journal import UndoJournal
from tui.core.notebook.layout import NotebookLayout
from tui.core.notebook.lock import FileLock
from tui.core.notebook.paths import inside, outside_folders
from tui.core.notebook.storage import (
    FileWriter,
    dump_tables,
    read_tables,
    sweep_temporaries,
)

BATCH_AT = 16  # files replaced at once above which one file-system sync replaces the fsyncs


class LockedFiles:
    """A notebook folder held under its exclusive lock (``with``), for sync."""

    def __init__(
        self, root: Path, *, writer: FileWriter | None = None, lock_timeout: float = 10.0
    ) -> None:
        self.root = root
        self.layout = NotebookLayout(root)
        self.writer = writer or FileWriter()
        self._lock = FileLock(self.layout.lock, lock_timeout)
        self._journal = UndoJournal(root, self.writer)
        self._log = ChangeLog(self.layout.changes)

    def __enter__(self) -> Self:
        escaping = outside_folders(self.root) if self.root.is_dir() else []
        if escaping:
            raise NotebookError(f"the notebook {self.root} links outside itself ({escaping[0]})")
        self._lock.acquire(exclusive=True)
        try:
            if self._journal.pending:  # a write (or a sync) a kill cut short: undo it first
                self._journal.rollback()
                self._changed()
            layout = self.layout
            sweep_temporaries(layout.root, layout.shards, layout.snapshots)
        except BaseException:
            self._lock.release()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._lock.release()

    def schema(self) -> int:
        """The schema notebook.json declares (the current one when there is none yet)."""
        tables = read_tables(self.layout.index)
        return SCHEMA if tables is None else schema_of(self.layout.index, tables)

    def outdated(self) -> bool:
        """Whether notebook.json was written by an older Gloss (open it once to upgrade)."""
        return self.schema() < SCHEMA

    def ensure_index(self) -> None:
        """Write an empty notebook.json if there is none: what makes a folder recognisably
        a notebook (a remote without one is refused)."""
        if not self.layout.index.exists():
            tables = {ARTICLES: {}, META: {META_ID: {"schema": SCHEMA}}}
            self.replace({self.layout.relative(self.layout.index): dump_tables(tables)})

    def replace(self, contents: Mapping[str, bytes | None]) -> None:
        """Give each named file (relative, with /) its new bytes (None: remove it), all or
        nothing. Raises NotebookError for a name outside the notebook's files."""
        targets: dict[Path, bytes | None] = {}
        for name, data in contents.items():
            path = inside(self.root, name)
            if path is None or path.parts[len(self.root.parts)] in ("undo", "backups"):
                raise NotebookError(f"refusing to write {name!r}: not a notebook file")
            targets[path] = data
        if not targets:
            return
        # Snapshots are named by their content: written first, outside the journal (an
        # extra one left by a kill is harmless, and the next sync adds it anyway).
        # Many files (a clone, a large merge) are written without an fsync each and made
        # durable by one sync of the whole file system before the journal commits: the same
        # guarantee for a fraction of the time (an fsync per file is most of a clone's).
        batch = len(targets) > BATCH_AT and self.writer.durable and hasattr(os, "sync")
        writer = FileWriter(durable=False) if batch else self.writer
        rest = {}
        for path, data in targets.items():
            if path.parent == self.layout.snapshots and data is not None:
                writer.write_bytes(path, data)
            else:
                rest[path] = data
        self._changed()
        order = sorted(rest, key=lambda p: (rest[p] is None, p == self.layout.index, str(p)))
        try:
            self._journal.begin(order)
            for path in order:
                data = rest[path]
                if data is None:
                    writer.remove(path)
                else:
                    writer.write_bytes(path, data)
            if batch:
                os.sync()
            self._journal.commit()
        except BaseException:
            self._journal.rollback()
            raise

    def _changed(self) -> None:
        self._log.poll()
        self._log.append([EVERYTHING], self.writer)
