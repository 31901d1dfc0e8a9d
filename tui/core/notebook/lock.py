"""The notebook's lock: an advisory lock on ``notebook.lock`` that every writer holds
exclusively and every reader shared, so that two Gloss processes take turns.

Apart from :mod:`.storage` (which names it too) so that a command answering from the query
index takes the shared lock without importing TinyDB and the writing machinery.
"""

from __future__ import annotations

import errno
import os
import threading
import time
from pathlib import Path

from tui.core.notebook.errors import NotebookBusy, NotebookWriteError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


class FileLock:
    """An advisory lock on a file, shared between processes (flock; msvcrt on Windows).

    Re-entrant within one object: nested ``acquire`` calls only count. Only the notebook's
    own code takes it, around each operation, so two Gloss processes take turns.
    """

    def __init__(self, path: Path, timeout: float = 10.0) -> None:
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None
        self._depth = 0
        self._exclusive = False
        self._thread_lock = threading.RLock()

    @property
    def held(self) -> bool:
        """Whether this object holds the lock now."""
        return self._depth > 0

    def acquire(self, *, exclusive: bool = True) -> bool:
        """Take the lock, waiting up to ``timeout``; False when a shared lock finds no file.

        A shared lock never creates the lock file: a notebook nobody wrote to has none, and
        opening it must write nothing.
        """
        self._thread_lock.acquire()
        if self._depth:
            if exclusive and not self._exclusive:
                self._thread_lock.release()
                raise RuntimeError("cannot upgrade a shared notebook lock")
            self._depth += 1
            return True
        try:
            if exclusive:
                from tui.core.notebook.storage import ensure_dir  # a writer's: storage is loaded

                ensure_dir(self.path.parent)
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            else:
                fd = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            self._thread_lock.release()
            return False
        except OSError as error:
            self._thread_lock.release()
            if exclusive:
                raise NotebookWriteError(self.path, error) from error
            return False  # unreadable lock file (read-only media): read without it
        try:
            _lock_fd(fd, exclusive, self.timeout, self.path)
        except BaseException:
            os.close(fd)
            self._thread_lock.release()
            raise
        self._fd, self._depth, self._exclusive = fd, 1, exclusive
        return True

    def release(self) -> None:
        """Undo one :meth:`acquire` (the last one unlocks)."""
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                _unlock_fd(fd)
            finally:
                os.close(fd)
        self._thread_lock.release()


def _lock_fd(fd: int, exclusive: bool, timeout: float, path: Path) -> None:
    """Lock ``fd``, polling with a growing pause so a waiting Gloss stays cheap."""
    deadline = time.monotonic() + timeout
    pause = 0.001
    while True:
        try:
            if fcntl is not None:
                fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
            else:  # msvcrt has no shared locks: readers lock exclusively too
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise
        if time.monotonic() >= deadline:
            raise NotebookBusy(path, timeout)
        time.sleep(pause)
        pause = min(pause * 2, 0.05)


def _unlock_fd(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    else:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
