"""An undo journal, so a write that changes several files is all or nothing.

One file is replaced atomically by a rename. An operation that touches several (deleting an
article: the index and a shard; renaming a tag across shards) could stop half-way: a full
disk, a kill. Before such a write, the journal records each file it will touch and keeps
the current version by a hard link (no data is copied, so it works on a full disk too).
If the write fails, or the process dies, the next writer (under the lock) puts every file
back as it was, and a reader meanwhile reads the kept versions (:meth:`before_images`). On
success the manifest is removed first (the commit point), then the links.

    undo/manifest.json   [{"path": "highlights/x.json", "existed": true}, ...]
    undo/0, undo/1 ...   the previous versions (hard links, or copies where links fail)
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

import orjson

from tui.core.notebook.errors import NotebookWriteError, UnsafeJournal
from tui.core.notebook.layout import UNDO_MANIFEST
from tui.core.notebook.paths import inside
from tui.core.notebook.storage import FileWriter, fsync_dir, io_step

MANIFEST = UNDO_MANIFEST


class UndoJournal:
    """The journal of one notebook folder; use under the exclusive lock only."""

    def __init__(self, root: Path, writer: FileWriter) -> None:
        self.root = root
        self.folder = root / "undo"
        self.writer = writer

    @property
    def pending(self) -> bool:
        """Whether an interrupted multi-file write waits to be undone."""
        return (self.folder / MANIFEST).exists()

    def begin(self, targets: list[Path]) -> None:
        """Record ``targets`` and keep their current versions. Raises NotebookWriteError."""
        self._clear()
        entries = [
            {"path": t.relative_to(self.root).as_posix(), "existed": t.exists()} for t in targets
        ]
        self.writer.write_bytes(self.folder / MANIFEST, orjson.dumps(entries))
        for n, (target, entry) in enumerate(zip(targets, entries, strict=True)):
            if entry["existed"]:
                self._keep(target, self.folder / str(n))
        try:
            fsync_dir(self.folder)
        except OSError as error:
            raise NotebookWriteError(self.folder, error) from error

    def commit(self) -> None:
        """The write is complete. Removing the manifest is the commit point: from then on no
        recovery may undo any file of it; the kept versions are only dropped after."""
        self.writer.remove(self.folder / MANIFEST)
        with suppress(OSError):  # housekeeping: the next begin clears what is left
            self._clear()

    def entries(self) -> list[tuple[Path, bool]] | None:
        """The pending write's files as (file inside the notebook, existed before); None:
        nothing pending.

        The manifest is read from disk, so it is data: every entry is checked before any file
        is touched, and one naming a path outside the notebook refuses the whole journal
        (UnsafeJournal; ``gloss notebook repair`` sets such a journal aside).
        """
        manifest = self.folder / MANIFEST
        try:
            raw = manifest.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise UnsafeJournal(manifest, f"unreadable: {error.strerror or error}") from None
        return self._plan(manifest, raw)

    def before_images(self) -> dict[Path, Path | None]:
        """For a reader while a write waits to be undone: where each file it touched is as it
        was before (None: it did not exist). Files not listed are as they were."""
        out: dict[Path, Path | None] = {}
        for n, (target, existed) in enumerate(self.entries() or []):
            kept = self.folder / str(n)
            if not existed:
                out[target] = None
            elif kept.exists():
                out[target] = kept
        return out

    def rollback(self) -> list[Path]:
        """Put every recorded file back as it was; return them ([] if nothing pending).

        Idempotent, so a rollback cut short by a kill is finished by the next one: a kept
        version moves back by a rename (gone once moved), a file the write created is
        unlinked, and a kept version that is missing was never needed (the write had not
        begun applying: every kept version is in place before the first file changes).
        """
        manifest = self.folder / MANIFEST
        plan = self.entries()
        if plan is None:
            return []
        restored = []
        try:
            for n, (target, existed) in enumerate(plan):
                kept = self.folder / str(n)
                if existed and kept.exists():
                    io_step("rename", target)
                    kept.replace(target)
                elif not existed:
                    io_step("unlink", target)
                    target.unlink(missing_ok=True)
                    if not target.parent.is_dir():
                        # The write failed before it made the file's folder (a new
                        # notebook's highlights/): nothing was created, nothing to sync.
                        restored.append(target)
                        continue
                else:
                    continue
                fsync_dir(target.parent)
                restored.append(target)
        except OSError as error:
            raise NotebookWriteError(manifest, error) from error
        self.commit()
        return restored

    def _plan(self, manifest: Path, raw: bytes) -> list[tuple[Path, bool]]:
        """The manifest's entries as (file inside the notebook, existed); UnsafeJournal if
        it is garbled or names any path that resolves outside the notebook folder."""
        try:
            entries = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            raise UnsafeJournal(manifest, f"not JSON: {error}") from None
        if not isinstance(entries, list):
            raise UnsafeJournal(manifest, "not a list of files")
        plan = []
        for entry in entries:
            if not isinstance(entry, dict) or not isinstance(entry.get("existed"), bool):
                raise UnsafeJournal(manifest, "an entry is not a file and whether it existed")
            target = inside(self.root, entry.get("path"))
            if target is None or target.parent.resolve() == self.folder.resolve():
                raise UnsafeJournal(
                    manifest, f"it names {entry.get('path')!r}, outside the notebook's files"
                )
            plan.append((target, entry["existed"]))
        for n in range(len(plan)):
            if (self.folder / str(n)).is_symlink():  # a kept copy is a file we made, never a link
                raise UnsafeJournal(manifest, f"its kept copy {n} is a symbolic link")
        return plan

    def _keep(self, target: Path, kept: Path) -> None:
        try:
            io_step("link", kept)
            os.link(target, kept)
        except OSError as error:
            if isinstance(error, FileNotFoundError):
                raise NotebookWriteError(target, error) from error
            try:  # a filesystem without hard links: a copy (atomic: never half a file kept)
                data = target.read_bytes()
            except OSError as copy_error:
                raise NotebookWriteError(kept, copy_error) from copy_error
            self.writer.write_bytes(kept, data)

    def _clear(self) -> None:
        """Remove kept versions (never the manifest)."""
        try:
            names = [p for p in self.folder.iterdir() if p.name != MANIFEST]
        except OSError:
            return
        for path in names:
            io_step("unlink", path)
            path.unlink(missing_ok=True)
