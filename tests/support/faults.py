"""Fault injection at every I/O step of a notebook write (the SQLite way).

:mod:`tui.core.notebook.storage` calls ``io_step(kind, path)`` before each write, fsync,
rename, link, unlink, mkdir and append of a write; :class:`Steps` set as its ``STEP_HOOK``
counts them and makes step ``fail_at`` fail: it raises an ``OSError`` (EIO) as a failing disk
would, or SIGKILLs its own process, which no code can catch or clean up after. Real files,
real renames: nothing of the file system is mocked.
"""

from __future__ import annotations

import errno
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tui.core.notebook import storage
from tui.core.notebook.api import Notebook


class Steps:
    """Counts I/O steps; step ``fail_at`` (1-based) raises, or kills with ``kill=True``."""

    def __init__(self, fail_at: int | None = None, *, kill: bool = False) -> None:
        self.fail_at = fail_at
        self.kill = kill
        self.count = 0
        self.seen: list[str] = []

    def __call__(self, kind: str, path: Path) -> None:
        self.count += 1
        self.seen.append(f"{kind} {path.name}")
        if self.count == self.fail_at:
            if self.kill:
                os.kill(os.getpid(), signal.SIGKILL)
            raise OSError(errno.EIO, f"injected fault at step {self.count} ({kind})")


@contextmanager
def injecting(steps: Steps) -> Iterator[Steps]:
    """Make ``steps`` the storage layer's step hook for the block."""
    storage.STEP_HOOK = steps
    try:
        yield steps
    finally:
        storage.STEP_HOOK = None


def count_steps(action: Callable[[], object]) -> Steps:
    """Run ``action`` without faults, counting its I/O steps."""
    with injecting(Steps()) as steps:
        action()
    return steps


State = tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]


def logical(nb: Notebook) -> State:
    """What a notebook holds, to compare before and after: articles (with their versions)
    and highlights by id. Times a write stamps with "now" are left out (a rerun differs)."""
    articles = {}
    for record in nb.articles():
        doc = record.to_dict()
        doc.pop("saved", None)
        doc["versions"] = [v.snapshot for v in nb.versions(record.id)]
        articles[record.id] = doc
    highlights = {}
    for h in nb.highlights():
        doc = h.to_dict()
        doc.pop("updated")
        highlights[h.id] = doc
    return articles, highlights


def on_disk(root: Path) -> tuple[State, State]:
    """The notebook as a reader sees it (read-only open), then as the next writer does
    (which undoes an interrupted write first)."""
    reader = logical(Notebook.open(root, read_only=True))
    writer = logical(Notebook.open(root))
    return reader, writer
