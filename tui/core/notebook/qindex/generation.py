"""What the query index was built from (its *generation*, see :mod:`.sync`) and whether the
notebook files have moved on since: read by every command that answers from the index, so
it imports no more than SQLite and the notebook's paths. Catching up, when the files did
move on, is :mod:`.sync`'s, loaded only then.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable

from tui.core.notebook.changes import ARTICLES, EVERYTHING, shard_name
from tui.core.notebook.layout import ARTICLE_ID, SHARD_SUFFIX, NotebookLayout
from tui.core.notebook.qindex.schema import VERSION

Progress = Callable[[int, int], None]  # (done, total) while a rebuild runs
FileSig = tuple[int, int, int]


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


def read_generation(
    db: sqlite3.Connection, layout: NotebookLayout
) -> tuple[bool, dict[str, str], dict[str, FileSig]]:
    """(fresh, meta, stored files): ``fresh`` when the index is of this version and of this
    notebook folder; the files it was built from (none when not fresh). Read it inside one
    transaction; raises sqlite3.DatabaseError for a file that is no index."""
    meta = stored_version(db)
    fresh = meta.get("version") == str(VERSION) and meta.get("root") == root_key(layout)
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
    lock and without loading what a catch-up needs). Call it with the notebook lock held."""
    try:
        db.execute("BEGIN")
        try:
            fresh, meta, stored = read_generation(db, layout)
        finally:
            db.execute("COMMIT")
    except sqlite3.DatabaseError:
        return False
    return fresh and not changes_since(layout, fresh, meta, stored)[3]
