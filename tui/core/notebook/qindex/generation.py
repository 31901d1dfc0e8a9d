"""What the query index was built from (its *generation*, see :mod:`.sync`) and whether the
notebook files have moved on since: read by every command that answers from the index, so
it imports no more than SQLite and the notebook's paths. Catching up, when the files did
move on, is :mod:`.sync`'s, loaded only then.

The shards folder's mark: stat-ing every shard costs a read ~7 ms per 1,000 shards, so the
index also keeps the folder's own signature (inode, mtime) from a moment when every shard
was scanned and matched. Every writer that replaces a shard whole (Gloss's atomic writes,
sync tools and git, which all write a temporary file and rename it; deleting one; creating
one) changes the folder's mtime, so while the folder still has that signature (and
``notebook.json`` and the change log are as recorded) no shard has been replaced and the
per-shard scan is skipped. The trade-off: a shard rewritten *in place* by another program
(``rsync --inplace``, an editor that does not rename) leaves the folder as it was; such a
change is seen once anything in the folder changes, or by ``gloss notebook reindex``.
A folder mtime is trusted only once it is :data:`SETTLED_NS` old at the start of the scan
(as git treats "racy" files): a rename in the same clock tick as the last change would
leave the mtime unchanged, and coarse file systems count in seconds.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from tui.core.notebook.changes import ARTICLES, EVERYTHING, shard_name
from tui.core.notebook.layout import ARTICLE_ID, SHARD_SUFFIX, NotebookLayout
from tui.core.notebook.qindex.schema import VERSION

Progress = Callable[[int, int], None]  # (done, total) while a rebuild runs
FileSig = tuple[int, int, int]
MARK = "shards_mark"  # meta key: the shards folder's signature when last fully scanned
SETTLED_NS = 3_000_000_000  # a folder mtime this old (or older) is not "racy"


class Unindexable(Exception):
    """The notebook cannot be indexed as it is (a damaged file, an old schema): the caller
    reads it the old way, which reports or works around the problem."""


def root_key(layout: NotebookLayout) -> str:
    """The notebook folder, as the index names it (one index however the path is spelt)."""
    return str(layout.root.expanduser().resolve())


def current_files(layout: NotebookLayout) -> dict[str, FileSig]:
    """Change-log name -> signature of ``notebook.json`` and every shard on disk."""
    out: dict[str, FileSig] = {}
    with contextlib.suppress(FileNotFoundError):
        st = layout.index.stat()
        out[ARTICLES] = (st.st_ino, st.st_size, st.st_mtime_ns)
    try:
        entries = os.scandir(layout.shards)
    except OSError:
        return out
    # Thousands of shards, read by every command: the loop is kept to the bare steps.
    suffix = len(SHARD_SUFFIX)
    fullmatch = ARTICLE_ID.fullmatch
    with entries:
        for entry in entries:
            name = entry.name
            stem = name[:-suffix]
            if not name.endswith(SHARD_SUFFIX) or fullmatch(stem) is None:
                continue
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            out[shard_name(stem)] = (st.st_ino, st.st_size, st.st_mtime_ns)
    return out


def folder_sig(layout: NotebookLayout) -> str:
    """The shards folder's signature now ("" when there is no folder)."""
    try:
        st = layout.shards.stat()
    except OSError:
        return ""
    return f"{st.st_ino}:{st.st_mtime_ns}"


def settled_mark(layout: NotebookLayout) -> str:
    """The shards folder's signature, taken *before* a scan of its shards, if it may vouch
    for that scan later; "" when its mtime is too recent to trust (a change in the same
    clock tick would not move it) or there is no folder."""
    try:
        st = layout.shards.stat()
    except OSError:
        return ""
    if st.st_mtime_ns > time.time_ns() - SETTLED_NS:
        return ""
    return f"{st.st_ino}:{st.st_mtime_ns}"


def _file_sig(path: Path) -> FileSig | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def log_position(layout: NotebookLayout) -> tuple[str, int]:
    """The change log's token and length now (("", 0) when there is none)."""
    try:
        with layout.changes.open("rb") as f:
            head = f.readline()
            return head.decode("ascii", "replace").strip(), os.fstat(f.fileno()).st_size
    except FileNotFoundError:
        return "", 0


def logged_since(layout: NotebookLayout, token: str, offset: int) -> set[str]:
    """Names the change log holds after ``offset`` ({EVERYTHING} when it was replaced)."""
    now, size = log_position(layout)
    if now != token or size < offset:
        return {EVERYTHING} if token else set()
    with layout.changes.open("rb") as f:
        f.seek(offset)
        chunk = f.read(size - offset)
    return set(chunk.decode("utf-8", "replace").splitlines())


def stored_version(db: sqlite3.Connection) -> dict[str, str]:
    """The index's meta table (empty when it has none)."""
    try:
        return dict(db.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error:
        return {}


def _fresh(meta: dict[str, str], layout: NotebookLayout) -> bool:
    return meta.get("version") == str(VERSION) and meta.get("root") == root_key(layout)


def read_generation(
    db: sqlite3.Connection, layout: NotebookLayout
) -> tuple[bool, dict[str, str], dict[str, FileSig]]:
    """(fresh, meta, stored files): ``fresh`` when the index is of this version and of this
    notebook folder; the files it was built from (none when not fresh). Read it inside one
    transaction; raises sqlite3.DatabaseError for a file that is no index."""
    meta = stored_version(db)
    fresh = _fresh(meta, layout)
    stored = dict(
        (name, (ino, size, mtime))
        for name, ino, size, mtime in db.execute("SELECT * FROM files")
    ) if fresh else {}
    return fresh, meta, stored


def changes_since(
    layout: NotebookLayout, fresh: bool, meta: dict[str, str], stored: dict[str, FileSig]
) -> tuple[dict[str, FileSig], str, int, set[str]]:
    """(files now, log token, log offset, changed names): the notebook files whose rows are
    out of date, by their signatures and by what the change log names since the index."""
    files = current_files(layout)
    token, offset = log_position(layout)
    changed = {n for n in files.keys() | stored.keys() if files.get(n) != stored.get(n)}
    if fresh and (meta.get("log_token"), meta.get("log_offset")) != (token, str(offset)):
        logged = logged_since(layout, meta.get("log_token", ""), int(meta["log_offset"]))
        if EVERYTHING in logged:
            changed |= files.keys() | stored.keys()
        changed |= {n for n in logged if n == ARTICLES or n.startswith("h:")}
    return files, token, offset, changed


def up_to_date(db: sqlite3.Connection, layout: NotebookLayout) -> bool:
    """Whether the index open on ``db`` answers for the files as they are now, so that no
    catch-up is needed (the question :func:`.sync.catch_up` asks first, without its write
    lock and without loading what a catch-up needs). Call it with the notebook lock held.

    When the shards folder still has the mark the index recorded, only ``notebook.json`` and
    the change log are compared (see the module's note); else every shard is, and a match
    with a settled folder records the folder's mark for the next read.
    """
    try:
        db.execute("BEGIN")
        try:
            meta = stored_version(db)
            if not _fresh(meta, layout):
                return False
            token, offset = log_position(layout)
            logged = (meta.get("log_token"), meta.get("log_offset")) == (token, str(offset))
            mark = meta.get(MARK, "")
            if logged and mark and folder_sig(layout) == mark:
                got = db.execute(
                    "SELECT ino, size, mtime FROM files WHERE name=?", (ARTICLES,)
                ).fetchone()
                return _file_sig(layout.index) == (tuple(got) if got else None)
            settled = settled_mark(layout)  # before the scan it is to vouch for
            _, _, stored = read_generation(db, layout)
            if changes_since(layout, True, meta, stored)[3]:
                return False
            if settled and settled != mark:
                _record_mark(db, settled)
            return True
        finally:
            if db.in_transaction:
                db.execute("COMMIT")
    except sqlite3.DatabaseError:
        return False


def _record_mark(db: sqlite3.Connection, mark: str) -> None:
    """Record the folder's mark in the read transaction that scanned it (so nothing can
    have changed the index between): a read connection is query-only, so lift that for
    this one statement. Another process writing just then: leave it to a later read."""
    try:
        db.execute("PRAGMA query_only=0")
        try:
            db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (MARK, mark))
        finally:
            db.execute("PRAGMA query_only=1")
    except sqlite3.OperationalError:  # busy: another writer holds the index
        db.rollback()
