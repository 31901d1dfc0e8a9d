"""Reading export zips (and unpacked export folders) member by member, within limits:
nothing is unpacked to disk, so a member named ``../../x`` names nothing; each member is read
only when a parser asks for it, and a zip bomb stops at the byte budget."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from tui.core.imports.record import ImportFileError

MAX_MEMBERS = 100_000
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024  # decompressed, read from the whole archive
MAX_MEMBER_BYTES = 64 * 1024 * 1024


class Archive:
    """The files of a zip or of a folder, by relative name (``/`` separated)."""

    def __init__(self, fmt: str, *, zip_file: zipfile.ZipFile | None = None,
                 folder: dict[str, Path] | None = None) -> None:
        self.fmt = fmt
        self._zip = zip_file
        self._members: dict[str, zipfile.ZipInfo] = {}
        self._paths = folder or {}
        self._read = 0
        if zip_file is not None:
            infos = [i for i in zip_file.infolist() if not i.is_dir()]
            if len(infos) > MAX_MEMBERS:
                raise ImportFileError(f"{fmt}: more than {MAX_MEMBERS} files in the zip")
            self._members = {i.filename.replace("\\", "/"): i for i in infos}

    @classmethod
    def from_zip(cls, data: bytes, fmt: str) -> Archive:
        """A zip export held in memory."""
        try:
            return cls(fmt, zip_file=zipfile.ZipFile(io.BytesIO(data)))
        except zipfile.BadZipFile:
            raise ImportFileError(f"{fmt}: not a zip file") from None

    @classmethod
    def from_folder(cls, files: dict[str, Path], fmt: str) -> Archive:
        """An unpacked export: relative name -> file (regular files only, chosen by the
        caller)."""
        return cls(fmt, folder=files)

    def names(self) -> list[str]:
        """Member names, sorted."""
        return sorted(self._members or self._paths)

    def read(self, name: str) -> bytes:
        """One member's bytes, within the per-member and whole-archive budgets."""
        try:
            if self._zip is not None:
                with self._zip.open(self._members[name]) as member:
                    body = member.read(MAX_MEMBER_BYTES + 1)
            else:
                with self._paths[name].open("rb") as file:
                    body = file.read(MAX_MEMBER_BYTES + 1)
        except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as exc:
            raise ImportFileError(f"{self.fmt}: {name}: unreadable ({exc})") from None
        if len(body) > MAX_MEMBER_BYTES:
            raise ImportFileError(f"{self.fmt}: {name}: larger than 64 MiB")
        self._read += len(body)
        if self._read > MAX_TOTAL_BYTES:
            raise ImportFileError(f"{self.fmt}: the export unpacks to more than 2 GiB")
        return body


def zip_names(data: bytes) -> list[str]:
    """The member names of a zip, or [] if it is not one (for detection)."""
    try:
        return zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError):
        return []
