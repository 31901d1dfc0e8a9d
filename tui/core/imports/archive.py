"""Reading export zips in memory, within limits: nothing is ever unpacked to disk, so a
member named ``../../x`` names nothing, and a zip bomb stops at the byte budget."""

from __future__ import annotations

import io
import zipfile

from tui.core.imports.record import ImportFileError

MAX_MEMBERS = 100_000
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024  # decompressed, for the whole archive
MAX_MEMBER_BYTES = 64 * 1024 * 1024


class Archive:
    """The files of a zip (or of an unpacked export folder, through the same calls)."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files

    @classmethod
    def from_zip(cls, data: bytes, fmt: str) -> Archive:
        """Every regular member, decompressed within the limits."""
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            raise ImportFileError(f"{fmt}: not a zip file") from None
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if len(infos) > MAX_MEMBERS:
            raise ImportFileError(f"{fmt}: more than {MAX_MEMBERS} files in the zip")
        files: dict[str, bytes] = {}
        total = 0
        for info in infos:
            try:
                with archive.open(info) as member:
                    body = member.read(MAX_MEMBER_BYTES + 1)
            except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as exc:
                raise ImportFileError(f"{fmt}: {info.filename}: unreadable in the zip ({exc})")\
                    from None
            if len(body) > MAX_MEMBER_BYTES:
                raise ImportFileError(f"{fmt}: {info.filename}: larger than 64 MiB")
            total += len(body)
            if total > MAX_TOTAL_BYTES:
                raise ImportFileError(f"{fmt}: the zip unpacks to more than 2 GiB")
            files[info.filename.replace("\\", "/")] = body
        return cls(files)

    def names(self) -> list[str]:
        """Member names, sorted."""
        return sorted(self.files)

    def base(self, name: str) -> str:
        """A member's file name without its folders."""
        return name.rsplit("/", 1)[-1]


def zip_names(data: bytes) -> list[str]:
    """The member names of a zip, or [] if it is not one (for detection)."""
    try:
        return zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError):
        return []
