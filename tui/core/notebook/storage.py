"""Durable files for the notebook: atomic writes, a cross-process lock, a TinyDB storage.

No file is ever written in place. Each is replaced whole (temporary file beside it, fsync,
rename, fsync of the folder), so a crash at any instant leaves the old file or the new one,
never a mix; TinyDB's own JSONStorage rewrites in place and can leave half a file.
"""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from tui.core.notebook.errors import NotebookCorrupt, NotebookWriteError

TMP_PREFIX = ".tmp-"  # every temporary file starts so; stray ones are swept under the lock
_DIR_FSYNC = os.name != "nt"  # Windows cannot open a folder to fsync it

# Fault injection, the way SQLite tests itself: every I/O step of a write calls io_step()
# first, and a test sets STEP_HOOK to a counter that fails (raises OSError, or SIGKILLs its
# own process) at step N. Left None, it costs one global lookup per step.
STEP_HOOK: Callable[[str, Path], None] | None = None


def io_step(kind: str, path: Path) -> None:
    """About to do an I/O step of a write (``write``, ``fsync``, ``rename``, ``unlink``...)."""
    hook = STEP_HOOK
    if hook is not None:
        hook(kind, path)


class FileWriter:
    """Writes files atomically. The one seam for faults: tests pass a subclass whose
    :meth:`write_chunk` fails as a full disk does, and watch the notebook stay intact.

    ``durable=False`` skips the fsyncs (the rename stays atomic, so a crash still leaves a
    whole file, but a power cut may lose recent writes): for generated test data only.
    """

    def __init__(self, *, durable: bool = True) -> None:
        self.durable = durable

    def write_chunk(self, fd: int, data: memoryview) -> int:
        """Write some of ``data`` to ``fd``; return how many bytes were written."""
        return os.write(fd, data)

    def write_bytes(self, path: Path, data: bytes) -> None:
        """Replace ``path`` with ``data``, all or nothing. Raises NotebookWriteError."""
        tmp = path.with_name(f"{TMP_PREFIX}{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        try:
            ensure_dir(path.parent)
            io_step("create", tmp)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o644)
            try:
                self._write_all(fd, data)
                if self.durable:
                    io_step("fsync", tmp)
                    os.fsync(fd)
            finally:
                os.close(fd)
            io_step("rename", path)
            tmp.replace(path)
        except OSError as error:
            _unlink_quietly(tmp)
            raise NotebookWriteError(path, error) from error
        except BaseException:
            _unlink_quietly(tmp)
            raise
        if self.durable:
            self._sync_dir(path)

    def append_bytes(self, path: Path, data: bytes) -> int:
        """Append ``data`` to ``path`` (created if missing); return the new size.

        Appends are for the change log only, which is advisory: not fsynced.
        """
        try:
            ensure_dir(path.parent)
            io_step("append", path)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | _O_BINARY, 0o644)
            try:
                self._write_all(fd, data)
                return os.fstat(fd).st_size
            finally:
                os.close(fd)
        except OSError as error:
            raise NotebookWriteError(path, error) from error

    def remove(self, path: Path) -> None:
        """Delete ``path`` if it is there, durably."""
        try:
            io_step("unlink", path)
            path.unlink(missing_ok=True)
        except OSError as error:
            raise NotebookWriteError(path, error) from error
        if self.durable:
            self._sync_dir(path)

    @staticmethod
    def _sync_dir(path: Path) -> None:
        """fsync the folder of ``path``; a failure there is a failed write, named."""
        try:
            fsync_dir(path.parent)
        except OSError as error:
            raise NotebookWriteError(path, error) from error

    def _write_all(self, fd: int, data: bytes) -> None:
        view = memoryview(data)
        while view:
            io_step("write", Path(f"fd{fd}"))
            written = self.write_chunk(fd, view)
            if written <= 0:  # a write that makes no progress would loop for ever
                raise OSError(errno.EIO, "write made no progress")
            view = view[written:]


_O_BINARY = getattr(os, "O_BINARY", 0)


def ensure_dir(folder: Path) -> None:
    """Create ``folder`` (and parents) if missing, making each new entry durable."""
    if folder.is_dir():
        return
    ensure_dir(folder.parent)
    try:
        io_step("mkdir", folder)
        folder.mkdir()
    except FileExistsError:
        return
    fsync_dir(folder.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename or unlink in ``folder`` survive a power cut (POSIX only)."""
    if not _DIR_FSYNC:
        return
    io_step("fsync-dir", folder)
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _unlink_quietly(path: Path) -> None:
    with suppress(OSError):
        path.unlink(missing_ok=True)


def sweep_temporaries(*folders: Path) -> list[Path]:
    """Delete temporary files left by killed writers; call only under the exclusive lock."""
    removed = []
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(TMP_PREFIX) and entry.is_file(follow_symlinks=False):
                _unlink_quietly(Path(entry.path))
                removed.append(Path(entry.path))
    return removed


class Signature(NamedTuple):
    """What tells a file apart from its next version without reading it."""

    inode: int
    size: int
    mtime_ns: int


def signature(path: Path) -> Signature | None:
    """The file's signature, or None when it does not exist."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return Signature(st.st_ino, st.st_size, st.st_mtime_ns)


def parse_tables(path: Path, raw: bytes) -> dict[str, dict[str, dict[str, Any]]]:
    """Parse a TinyDB file's bytes, checking its shape; raises NotebookCorrupt naming ``path``."""
    if not raw:
        raise NotebookCorrupt(path, "the file is empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise NotebookCorrupt(path, f"not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise NotebookCorrupt(path, "not a TinyDB file")
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            raise NotebookCorrupt(path, f"table {name!r} is not a set of documents")
    return data


def read_tables(path: Path) -> dict[str, dict[str, dict[str, Any]]] | None:
    """A TinyDB file's tables, or None if the file does not exist."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise NotebookCorrupt(path, error.strerror or str(error)) from error
    return parse_tables(path, raw)


def dump_tables(data: dict[str, Any]) -> bytes:
    """Serialize TinyDB tables: one document per line, tables and documents by id, keys
    sorted, so that the same records always give the same bytes and a change of one record
    is a change of one line (notebooks are synced through git, which diffs lines; see
    tui/core/sync). orjson: several times faster than json."""
    out = []
    for name in sorted(data):
        table = data[name]
        if isinstance(table, dict) and table:
            rows = b",\n".join(
                orjson.dumps(str(key)) + b":" + orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)
                for key, doc in sorted(table.items(), key=lambda item: str(item[0]))
            )
            out.append(orjson.dumps(name) + b":{\n" + rows + b"\n}")
        else:
            out.append(orjson.dumps(name) + b":" + orjson.dumps(table, option=_SORTED))
    return b"{" + b",\n".join(out) + b"}\n"


_SORTED = orjson.OPT_SORT_KEYS


class AtomicJSONStorage(Storage):
    """A TinyDB storage that re-reads its file on every read and replaces it atomically.

    With ``staged`` set, writes are kept in memory until :meth:`flush`, so one notebook
    operation (or a batch of them) writes each file once. Reads then see the staged data.
    """

    def __init__(self, path: Path, writer: FileWriter) -> None:
        super().__init__()
        self.path = path
        self.writer = writer
        self._staged: dict[str, Any] | None = None
        self.dirty = False

    def read(self) -> dict[str, Any] | None:
        """The tables: staged ones if there are any, else fresh from disk."""
        if self._staged is not None:
            return self._staged
        return read_tables(self.path)

    def write(self, data: dict[str, Any]) -> None:
        """Stage ``data``; :meth:`flush` puts it on disk."""
        self._staged = data
        self.dirty = True

    @property
    def removes(self) -> bool:
        """Whether :meth:`flush` will delete the file (no documents left in it)."""
        return self._staged is not None and not any(self._staged.values())

    def flush(self) -> None:
        """Write staged data atomically (a file with no documents left is removed)."""
        if not self.dirty or self._staged is None:
            return
        if self.removes:
            self.writer.remove(self.path)
        else:
            self.writer.write_bytes(self.path, dump_tables(self._staged))
        self.dirty = False

    def discard(self) -> None:
        """Forget staged data."""
        self._staged = None
        self.dirty = False

    def close(self) -> None:
        """Nothing is held open between operations."""


class KeyedTable(Table):
    """A TinyDB table keyed by our own string ids (uuids, article ids), not counters.

    TinyDB lets a table choose its ``document_id_class`` but annotates ids as ``int``
    throughout; the methods below take ``str`` ids, so that is said once, here.
    """

    document_id_class = str  # type: ignore[assignment]  # TinyDB annotates it type[int]

    def put_many(self, docs: Mapping[str, Mapping[str, Any]]) -> None:
        """Insert or replace documents by id, in one read-modify-write of the file."""
        self._update_table(lambda table: table.update(docs))  # type: ignore[arg-type]  # str ids

    def upsert_id(self, doc_id: str, doc: Mapping[str, Any]) -> None:
        """Update the document with this id by ``doc``'s fields, or insert it (TinyDB upsert)."""
        self.upsert(Document(doc, doc_id=doc_id))  # type: ignore[arg-type]  # str ids

    def remove_ids(self, doc_ids: Iterable[str]) -> None:
        """Remove the documents with these ids."""
        self.remove(doc_ids=list(doc_ids))  # type: ignore[arg-type]  # str ids

    def _get_next_id(self) -> NoReturn:
        raise TypeError("documents in the notebook are inserted with their own id")


class KeyedTinyDB(TinyDB):
    """TinyDB whose tables are keyed by string ids."""

    table_class = KeyedTable


def open_table(storage: AtomicJSONStorage, name: str) -> KeyedTable:
    """A table of a TinyDB over an existing storage object."""
    table = KeyedTinyDB(storage=lambda: storage).table(name)
    assert isinstance(table, KeyedTable)
    return table
