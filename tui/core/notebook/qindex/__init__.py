"""The query index: a SQLite (FTS5) copy of the notebook, derived and disposable, that read
paths answer from without loading every shard. TinyDB files stay the record; the index lives
in the user's cache folder (never inside the notebook, so sync and backups never carry it),
is updated after each write under the notebook lock, detects when it is stale (see
:mod:`.sync`) and is rebuilt from the files, so deleting it loses nothing.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.notebook.errors import NotebookError
from tui.core.notebook.layout import NotebookLayout
from tui.core.notebook.lock import FileLock
from tui.core.notebook.paths import outside_folders
from tui.core.notebook.qindex.generation import (
    Progress,
    Unindexable,
    log_position,
    up_to_date,
)
from tui.core.notebook.qindex.schema import fts5_available, index_file
from tui.core.notebook.qindex.view import Listed, QueryIndex, open_db

if TYPE_CHECKING:
    from tui.core.notebook.qindex.sync import is_stale

# A read that finds the index current (the usual case) imports neither the catch-up (.sync:
# the model, TinyDB, the notebook's readers) nor the undo journal; both load when needed.
__all__ = [
    "Listed",
    "Progress",
    "QueryIndex",
    "fts5_available",
    "index_file",
    "is_stale",
    "open_index",
    "reindex",
    "update_after_write",
    "write_mark",
]


def __getattr__(name: str) -> object:
    if name == "is_stale":
        from tui.core.notebook.qindex.sync import is_stale

        return is_stale
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@contextlib.contextmanager
def _shared(layout: NotebookLayout) -> Iterator[None]:
    lock = FileLock(layout.lock, timeout=10.0)
    held = lock.acquire(exclusive=False)
    try:
        yield
    finally:
        if held:
            lock.release()


def _indexable(layout: NotebookLayout) -> bool:
    if not fts5_available() or not layout.index.is_file() or outside_folders(layout.root):
        return False
    # A write a crash cut short: the files are not the notebook until it is undone, which
    # the notebook's own open does (or shows the before, read-only).
    return not layout.write_pending()


def _current(path: Path, layout: NotebookLayout, threadsafe: bool) -> QueryIndex | None:
    """The index at ``path`` if it answers for the files as they are; else None (stale,
    damaged or of another version: the catch-up deals with each)."""
    try:
        db = open_db(path, threadsafe=threadsafe)
    except sqlite3.Error:
        return None
    try:
        if up_to_date(db, layout):
            return QueryIndex(db, layout)
    except BaseException:
        db.close()
        raise
    db.close()
    return None


def open_index(
    root: Path, progress: Progress | None = None, *, threadsafe: bool = False
) -> QueryIndex | None:
    """The notebook at ``root`` as its up-to-date index answers; None when it cannot be
    (no FTS5, no notebook, a damaged file, an old schema, an interrupted write): read it with
    :class:`~tui.core.notebook.api.Notebook` then, which deals with each of those.

    ``threadsafe``: the connection may be used from other threads (the caller serialises).
    """
    layout = NotebookLayout(root)
    if os.environ.get("GLOSS_NO_INDEX") or not _indexable(layout):  # the env: read as before
        return None
    try:
        with _shared(layout):
            if not _indexable(layout):
                return None
            path = index_file(layout.root)
            if path.is_file():  # usually current: then one read of its generation is all
                current = _current(path, layout, threadsafe)
                if current is not None:
                    return current
            from tui.core.notebook.qindex.sync import catch_up

            caught = catch_up(layout, progress=progress)
            if caught is None:
                return None
            return QueryIndex(open_db(caught, threadsafe=threadsafe), layout)
    except (Unindexable, NotebookError, sqlite3.Error, OSError):
        return None


def reindex(root: Path, progress: Progress | None = None) -> Path:
    """Rebuild the index of the notebook at ``root`` from its files; return its path.

    NotebookError when the notebook cannot be indexed as it is (say why)."""
    layout = NotebookLayout(root)
    if not fts5_available():
        raise NotebookError("this Python's SQLite has no FTS5: the notebook is read unindexed")
    if not layout.index.is_file():
        raise NotebookError(f"no notebook at {root} (nothing saved there yet)")
    if not _indexable(layout):
        raise NotebookError("the notebook has an interrupted write or links outside itself; "
                            "open it once with gloss to put it right")
    from tui.core.notebook.qindex.sync import catch_up

    try:
        with _shared(layout):
            path = catch_up(layout, progress=progress, force=True)
    except Unindexable as error:
        raise NotebookError(f"cannot index the notebook: {error}") from None
    assert path is not None
    return path


def write_mark(layout: NotebookLayout) -> tuple[str, int]:
    """Where the change log stands before a write logs itself (for update_after_write)."""
    return log_position(layout)


def update_after_write(layout: NotebookLayout, before: tuple[str, int], names: set[str]) -> None:
    """After a notebook write, under its exclusive lock: bring an existing index up to date
    with the files it wrote (``names``, in change-log form; ``before``: its write_mark).

    Never builds one from nothing (a read does), and never fails the write: an index left
    behind is found stale by its generation and caught up at the next read.
    """
    if not fts5_available():
        return
    from tui.core.notebook.qindex.sync import apply_write

    with contextlib.suppress(Unindexable, NotebookError, sqlite3.Error, OSError, ValueError):
        apply_write(layout, before, names)
