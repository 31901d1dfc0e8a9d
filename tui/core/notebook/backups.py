"""Rolling daily backups, and repairing a damaged notebook from them.

A backup is a zip of ``notebook.json`` and every highlight shard, byte for byte, taken under
the lock just before the first write of each (local) day; the last :data:`BACKUP_DAYS` are
kept. Snapshots are not copied: they are written once and never changed or deleted.
Reading a member back checks its CRC, so a damaged backup is noticed, not trusted.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from tui.core.notebook.errors import NotebookCorrupt
from tui.core.notebook.files import check_file, data_files
from tui.core.notebook.layout import NotebookLayout
from tui.core.notebook.storage import FileWriter

BACKUP_DAYS = 5
_DAILY = re.compile(r"(\d{4}-\d{2}-\d{2})\.zip")


@dataclass(frozen=True)
class Backup:
    """One backup archive: its file and the day it was taken (or its name for others)."""

    path: Path
    label: str

    def members(self) -> dict[str, bytes]:
        """Its files by name inside the notebook folder; NotebookCorrupt if unreadable."""
        import zipfile  # here: zipping is for backups, not for every start

        try:
            with zipfile.ZipFile(self.path) as archive:
                return {name: archive.read(name) for name in archive.namelist()}
        except (OSError, zipfile.BadZipFile, EOFError) as error:
            raise NotebookCorrupt(self.path, f"unreadable backup: {error}") from None


def daily_backups(layout: NotebookLayout) -> list[Backup]:
    """The daily backups, newest first."""
    try:
        names = [p.name for p in layout.backups.iterdir()]
    except OSError:
        return []
    days = sorted((m.group(1) for n in names if (m := _DAILY.fullmatch(n))), reverse=True)
    return [Backup(layout.backups / f"{day}.zip", day) for day in days]


def archive(layout: NotebookLayout, dest: Path, writer: FileWriter) -> bool:
    """Zip the index and the shards, as they are, to ``dest``; False if there is nothing."""
    import zipfile  # here: zipping is for backups, not for every start

    files = data_files(layout)
    buffer = io.BytesIO()
    count = 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for path in files:
            try:
                raw = path.read_bytes()
            except FileNotFoundError:
                continue
            zf.writestr(layout.relative(path), raw)
            count += 1
    if not count:
        return False
    writer.write_bytes(dest, buffer.getvalue())
    return True


def ensure_daily(
    layout: NotebookLayout, writer: FileWriter, today: date, keep: int = BACKUP_DAYS
) -> Path | None:
    """Take today's backup if there is none yet, then prune; under the exclusive lock."""
    dest = layout.backups / f"{today.isoformat()}.zip"
    if dest.exists() or not layout.index.exists():
        return None
    made = archive(layout, dest, writer)
    for old in daily_backups(layout)[keep:]:
        writer.remove(old.path)
    return dest if made else None


def valid_copies(layout: NotebookLayout, path: Path) -> Iterator[tuple[Backup, bytes]]:
    """Readable copies of the file at ``path``, from the newest backup to the oldest."""
    name = layout.relative(path)
    for backup in daily_backups(layout):
        try:
            raw = backup.members().get(name)
        except NotebookCorrupt:
            continue
        if raw is None:
            continue
        try:
            check_file(layout, path, raw)
        except NotebookCorrupt:
            continue
        yield backup, raw


def stamp() -> str:
    """A file-name-safe local time, for set-aside folders."""
    return datetime.now().strftime("%Y-%m-%dT%H-%M-%S")
