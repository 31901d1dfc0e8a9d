"""The storage layer under the notebook: atomic writes, the lock, the TinyDB storage, the
change log and snapshots. Real files in tmp dirs, real processes for the lock."""

from __future__ import annotations

import errno
import gzip
import os
import signal
import time
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB
from tinydb.table import Document, Table

from tui.core.model.article import Article, Block, BlockKind
from tui.core.notebook.changes import ARTICLES, EVERYTHING, ChangeLog
from tui.core.notebook.errors import (
    NotebookBusy,
    NotebookCorrupt,
    NotebookWriteError,
    SnapshotMissing,
)
from tui.core.notebook.lock import FileLock
from tui.core.notebook.snapshots import SnapshotStore
from tui.core.notebook.storage import (
    TMP_PREFIX,
    AtomicJSONStorage,
    FileWriter,
    open_table,
    read_tables,
    signature,
    sweep_temporaries,
)


class FullDisk(FileWriter):
    """Writes ``budget`` bytes, then fails as a full disk does (ENOSPC)."""

    def __init__(self, budget: int = 0) -> None:
        super().__init__()
        self.budget = budget

    def write_chunk(self, fd: int, data: memoryview) -> int:
        if self.budget <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        n = min(len(data), self.budget)
        self.budget -= n
        return os.write(fd, data[:n])


# -- atomic writes ------------------------------------------------------------------------


def test_write_bytes_creates_folders_and_replaces_whole(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "file.json"
    FileWriter().write_bytes(path, b"first")
    FileWriter().write_bytes(path, b"second, longer")
    assert path.read_bytes() == b"second, longer"
    assert [p.name for p in path.parent.iterdir()] == ["file.json"]


@pytest.mark.parametrize("budget", [0, 3, 9])
def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, budget: int) -> None:
    path = tmp_path / "file.json"
    path.write_bytes(b"old content")
    with pytest.raises(NotebookWriteError) as caught:
        FullDisk(budget).write_bytes(path, b"new content that will not fit")
    assert path.read_bytes() == b"old content"
    assert [p.name for p in tmp_path.iterdir()] == ["file.json"]
    assert str(path) in str(caught.value)
    assert "no space left on the disk" in str(caught.value)
    assert caught.value.exit_code == 5


def test_a_write_that_cannot_create_its_folder_is_a_typed_error(tmp_path: Path) -> None:
    (tmp_path / "plain-file").write_bytes(b"")
    with pytest.raises(NotebookWriteError) as caught:
        FileWriter().write_bytes(tmp_path / "plain-file" / "x.json", b"{}")
    assert "plain-file" in str(caught.value)


def test_append_bytes_returns_the_new_size(tmp_path: Path) -> None:
    path = tmp_path / "log"
    assert FileWriter().append_bytes(path, b"abc\n") == 4
    assert FileWriter().append_bytes(path, b"de\n") == 7
    assert path.read_bytes() == b"abc\nde\n"


def test_sweep_removes_only_temporaries(tmp_path: Path) -> None:
    (tmp_path / f"{TMP_PREFIX}x.json.1.ab").write_bytes(b"half")
    (tmp_path / "x.json").write_bytes(b"{}")
    removed = sweep_temporaries(tmp_path, tmp_path / "missing")
    assert [p.name for p in removed] == [f"{TMP_PREFIX}x.json.1.ab"]
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_signature_changes_with_each_replacement(tmp_path: Path) -> None:
    path = tmp_path / "f"
    assert signature(path) is None
    FileWriter().write_bytes(path, b"1")
    first = signature(path)
    FileWriter().write_bytes(path, b"1")
    assert signature(path) != first  # a new inode each time, even for the same bytes


# -- reading TinyDB files -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "the file is empty"),
        (b'{"highlights": {"a": {"id"', "not valid JSON"),
        (b"[1, 2]", "not a TinyDB file"),
        (b'{"highlights": [1]}', "is not a set of documents"),
        (b'{"highlights": {"a": 3}}', "is not a set of documents"),
        (b"\xff\xfe garbage", "not valid JSON"),
    ],
)
def test_unreadable_files_raise_corrupt_naming_the_path(
    tmp_path: Path, raw: bytes, reason: str
) -> None:
    path = tmp_path / "shard.json"
    path.write_bytes(raw)
    with pytest.raises(NotebookCorrupt) as caught:
        read_tables(path)
    assert caught.value.path == path
    assert str(path) in str(caught.value)
    assert reason in str(caught.value)
    assert path.read_bytes() == raw


def test_storage_stages_until_flush_and_stock_tinydb_reads_the_result(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path, FileWriter())
    table = open_table(storage, "highlights")
    table.insert(Document({"id": "u1", "x": 1}, doc_id="u1"))
    table.put_many({"u2": {"id": "u2", "x": 2}, "u1": {"id": "u1", "x": 3}})
    assert not path.exists()  # staged, not written
    storage.flush()

    class StringIds(Table):
        document_id_class = str

    with TinyDB(path, access_mode="r") as stock:  # stock TinyDB, told ids are strings
        stock.table_class = StringIds
        docs = {d.doc_id: dict(d) for d in stock.table("highlights").all()}
    assert docs == {"u1": {"id": "u1", "x": 3}, "u2": {"id": "u2", "x": 2}}


def test_storage_removes_a_file_left_with_no_documents(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(orjson.dumps({"highlights": {"u1": {"id": "u1"}}}))
    storage = AtomicJSONStorage(path, FileWriter())
    open_table(storage, "highlights").remove(doc_ids=["u1"])
    storage.flush()
    assert not path.exists()


def test_keyed_tables_refuse_documents_without_an_id(tmp_path: Path) -> None:
    table = open_table(AtomicJSONStorage(tmp_path / "db.json", FileWriter()), "t")
    with pytest.raises(TypeError):
        table.insert({"x": 1})


# -- the lock -----------------------------------------------------------------------------


def _hold_lock_in_child(path: Path, seconds: float, exclusive: bool = True) -> tuple[int, int]:
    """Fork a child that takes the lock, says so on a pipe, and sleeps."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.close(r)
            lock = FileLock(path, timeout=5)
            lock.acquire(exclusive=exclusive)
            os.write(w, b"locked\n")
            time.sleep(seconds)
        finally:
            os._exit(0)
    os.close(w)
    assert os.read(r, 7) == b"locked\n"
    return pid, r


def test_a_second_process_waits_then_gives_up_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notebook.lock"
    pid, r = _hold_lock_in_child(path, 30)
    try:
        lock = FileLock(path, timeout=0.3)
        with pytest.raises(NotebookBusy) as caught:
            lock.acquire()
        assert str(tmp_path / "notebook.lock") in str(caught.value)
        assert not lock.held
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(r)
    # The kernel drops a dead process's lock: the next writer gets it at once.
    lock = FileLock(path, timeout=2)
    assert lock.acquire()
    lock.release()


def test_shared_locks_coexist_and_exclude_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "notebook.lock"
    path.touch()
    pid, r = _hold_lock_in_child(path, 30, exclusive=False)
    try:
        reader = FileLock(path, timeout=0.5)
        assert reader.acquire(exclusive=False)
        reader.release()
        with pytest.raises(NotebookBusy):
            FileLock(path, timeout=0.2).acquire(exclusive=True)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(r)


def test_a_shared_lock_never_creates_the_file(tmp_path: Path) -> None:
    lock = FileLock(tmp_path / "nb" / "notebook.lock")
    assert lock.acquire(exclusive=False) is False
    assert not (tmp_path / "nb").exists()


def test_the_lock_is_reentrant_and_cannot_be_upgraded(tmp_path: Path) -> None:
    lock = FileLock(tmp_path / "notebook.lock")
    lock.acquire()
    lock.acquire()
    lock.acquire(exclusive=False)  # a read inside a write: fine
    lock.release()
    lock.release()
    assert lock.held
    lock.release()
    assert not lock.held
    lock.acquire(exclusive=False)
    with pytest.raises(RuntimeError):
        lock.acquire(exclusive=True)
    lock.release()


# -- the change log -----------------------------------------------------------------------


def test_change_log_reports_other_writers_lines_once(tmp_path: Path) -> None:
    path = tmp_path / "changes.log"
    reader, writer = ChangeLog(path), ChangeLog(path)
    reader.mark_seen()
    assert reader.poll() == set()
    writer.mark_seen()
    writer.append(["h:aaa", ARTICLES], FileWriter())
    assert reader.poll() == {EVERYTHING}  # the log appeared after the reader looked
    writer.poll()
    writer.append(["h:bbb"], FileWriter())
    assert reader.poll() == {"h:bbb"}
    assert reader.poll() == set()
    assert writer.poll() == set()  # a writer does not hear its own lines


def test_change_log_waits_for_a_line_to_be_finished(tmp_path: Path) -> None:
    path = tmp_path / "changes.log"
    writer = ChangeLog(path)
    writer.append(["h:aaa"], FileWriter())
    reader = ChangeLog(path)
    reader.mark_seen()
    with path.open("ab") as f:
        f.write(b"h:bb")
    assert reader.poll() == set()
    with path.open("ab") as f:
        f.write(b"b\ngarbage line\n")
    assert reader.poll() == {"h:bbb", EVERYTHING}


def test_a_deleted_log_means_reload_everything_once(tmp_path: Path) -> None:
    path = tmp_path / "changes.log"
    ChangeLog(path).append(["h:aaa"], FileWriter())
    reader = ChangeLog(path)
    reader.mark_seen()
    path.unlink()
    assert reader.poll() == {EVERYTHING}
    assert reader.poll() == set()


def test_a_compacted_log_makes_readers_reload_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.core.notebook.changes.COMPACT_AT", 40)
    path = tmp_path / "changes.log"
    writer, reader = ChangeLog(path), ChangeLog(path)
    writer.append(["h:aaa"], FileWriter())
    reader.mark_seen()
    token = path.read_bytes().split(b"\n")[0]
    for name in ("h:b", "h:c", "h:d"):
        writer.poll()
        writer.append([name], FileWriter())
    assert path.read_bytes().split(b"\n")[0] != token
    assert reader.poll() == {EVERYTHING}
    assert reader.poll() == set()


# -- snapshots ----------------------------------------------------------------------------


def _article(text: str = "Body text.") -> Article:
    return Article(title="T", blocks=(Block(BlockKind.PARAGRAPH, text),), url="https://e.com/")


def test_snapshots_are_content_addressed_and_compressed(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    digest = store.put(_article())
    assert store.put(_article()) == digest
    assert store.put(_article("Other.")) != digest
    path = store.path(digest)
    assert path.name == f"{digest}.json.gz"
    assert orjson.loads(gzip.decompress(path.read_bytes()))["title"] == "T"
    assert store.get(digest) == _article()
    assert digest in store


@pytest.mark.parametrize("damage", ["truncate", "swap", "delete"])
def test_a_damaged_snapshot_is_a_clear_error_and_saving_again_heals_it(
    tmp_path: Path, damage: str
) -> None:
    store = SnapshotStore(tmp_path)
    digest = store.put(_article())
    path = store.path(digest)
    if damage == "truncate":
        path.write_bytes(path.read_bytes()[:20])
    elif damage == "swap":  # a valid gzip of other content under this name
        path.write_bytes(gzip.compress(b'{"title": "x", "blocks": []}'))
    else:
        path.unlink()
    with pytest.raises(SnapshotMissing) as caught:
        store.get(digest)
    assert str(path) in str(caught.value)
    assert store.put(_article()) == digest
    assert store.get(digest) == _article()


def test_snapshot_names_cannot_escape_the_folder(tmp_path: Path) -> None:
    with pytest.raises(SnapshotMissing):
        SnapshotStore(tmp_path).get("../../etc/passwd")
