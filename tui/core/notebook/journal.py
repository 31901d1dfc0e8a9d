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

from tui.core.notebook.errors import NotebookCorrupt, NotebookWriteError
from tui.core.notebook.storage import FileWriter, fsync_dir, io_step

MANIFEST = "manifest.json"


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

    def entries(self) -> list[dict[str, object]] | None:
        """The pending manifest's entries (None: nothing pending). NotebookCorrupt if garbled."""
        manifest = self.folder / MANIFEST
        try:
            entries = orjson.loads(manifest.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, orjson.JSONDecodeError) as error:
            raise NotebookCorrupt(manifest, f"unreadable undo journal: {error}") from None
        if not isinstance(entries, list) or not all(
            isinstance(e, dict) and isinstance(e.get("path"), str) for e in entries
        ):
            raise NotebookCorrupt(manifest, "unreadable undo journal: not a list of files")
        return entries

    def before_images(self) -> dict[Path, Path | None]:
        """For a reader while a write waits to be undone: where each file it touched is as it
        was before (None: it did not exist). Files not listed are as they were."""
        entries = self.entries() or []
        out: dict[Path, Path | None] = {}
        for n, entry in enumerate(entries):
            target, kept = self.root / str(entry["path"]), self.folder / str(n)
            if not entry.get("existed"):
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
        entries = self.entries()
        if entries is None:
            return []
        restored = []
        try:
            for n, entry in enumerate(entries):
                target = self.root / str(entry["path"])
                kept = self.folder / str(n)
                if entry.get("existed") and kept.exists():
                    io_step("rename", target)
                    kept.replace(target)
                elif not entry.get("existed"):
                    io_step("unlink", target)
                    target.unlink(missing_ok=True)
                else:
                    continue
                fsync_dir(target.parent)
                restored.append(target)
        except OSError as error:
            raise NotebookWriteError(manifest, error) from error
        self.commit()
        return restored

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
