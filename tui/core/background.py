"""Fetching and cleaning the start page in a forked child, while the parent starts the UI.

Importing Textual and the screens takes about as long as cleaning a long page, and a machine
has more than one core: ``gloss PAGE`` forks before it imports the UI, the child fetches and
cleans, and the parent collects the Article (pickled through a pipe: our own child, our own
classes) when it needs it. The notebook is written by the parent only.

Where there is no ``fork`` (Windows) :func:`clean_in_background` returns None and the
caller cleans in process, as it would anyway.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import re
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.errors import GlossError

if TYPE_CHECKING:  # imported by the child, or when the answer comes (see clean_early)
    from tui.core.fetch import Limits
    from tui.core.model import Article

# Bytes read from the child at a time (a pipe's capacity, on Linux).
_CHUNK = 1 << 16
# A source that names its scheme (http:, file:, a saved article's gloss:): never early.
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


class BackgroundError(GlossError):
    """A one-line failure the child met, with the exit code of the error it was."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class Cleaning:
    """A child process fetching and cleaning one source; :meth:`article` waits for it.

    The answer (a long page's pickled Article is over a megabyte, a pipe holds 64 KB) is
    read as it comes, by a thread: the child never waits on a full pipe for the parent,
    busy importing the UI, to read, and the parent finds the bytes in memory when it asks.
    Waiting on a full pipe costs a round of scheduling per 64 KB, which on a busy machine
    was tens of milliseconds on the way to the first frame.
    """

    def __init__(self, pid: int, fd: int) -> None:
        self._pid = pid
        self._fd: int | None = fd
        self._chunks: list[bytes] = []
        self._done = threading.Event()
        self._reader = threading.Thread(
            target=self._read, args=(fd,), name="gloss-cleaning", daemon=True
        )
        self._reader.start()

    def _read(self, fd: int) -> None:
        """Read the child's answer until it closes its end (done or dead)."""
        try:
            while chunk := os.read(fd, _CHUNK):
                self._chunks.append(chunk)
        except OSError:  # closed under us by cancel(): no answer
            self._chunks.clear()
        finally:
            self._done.set()

    def ready(self, timeout: float = 0.0) -> bool:
        """Whether the child has answered (waiting up to ``timeout`` seconds for it)."""
        if self._fd is None:
            return True
        return self._done.wait(timeout)

    def article(self) -> Article | None:
        """The cleaned Article; raises the child's one-line error (a missing file, a failed
        URL, a page with no article). None when the child failed otherwise (a bug): the
        caller then opens the source in process, where the error shows in full."""
        if self._fd is None:
            return None
        self._reader.join()
        os.close(self._fd)
        self._fd = None
        data = b"".join(self._chunks)
        self._chunks.clear()
        os.waitpid(self._pid, 0)
        try:
            kind, value = pickle.loads(data)  # written by our own child
        except Exception:  # the child died before answering
            return None
        from tui.core.model import Article

        if kind == "article" and isinstance(value, Article):
            return value
        if kind == "error":
            message, code = value
            raise BackgroundError(message, code)
        return None

    def cancel(self) -> None:
        """Stop the child (the article turned out to be saved already)."""
        if self._fd is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, signal.SIGKILL)
        os.waitpid(self._pid, 0)
        self._reader.join()  # the child's end closed with it: the thread has read to the end
        os.close(self._fd)
        self._fd = None
        self._chunks.clear()


def clean_in_background(
    source: str,
    base_url: str | None = None,
    *,
    limits: Limits | None = None,
    stdin_data: bytes | None = None,
) -> Cleaning | None:
    """Fork a child that fetches and cleans ``source``; None where fork is not available."""
    if not hasattr(os, "fork"):
        return None
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        os.close(write_end)
        return Cleaning(pid, read_end)
    # The child: never returns, never touches the terminal, runs no exit handlers.
    code = 0
    try:
        os.close(read_end)
        answer = _clean(source, base_url, limits, stdin_data)
        with os.fdopen(write_end, "wb") as out:
            pickle.dump(answer, out, protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:  # the parent reads no answer and cleans itself
        code = 1
    finally:
        os._exit(code)


def clean_early(
    source: str, base_url: str | None = None, *, limits: Limits | None = None
) -> Cleaning | None:
    """Start cleaning ``source`` at once, before the notebook is opened, when it is a
    readable local file named by its path; None for anything else (stdin, a URL, a
    ``file:`` URL, a saved article's name, a path that is missing or not a file), which
    starts as before (see ``prepare_start``).

    Importing the notebook's machinery (and this module's, the fetcher and the model:
    imported by the child, or once it answers) and opening the notebook takes ~150 ms
    that a long page's clean waits for otherwise. Reading a file asks nothing of anyone,
    so a child started for a page that turns out to be saved already is only stopped; a
    URL is never fetched before the notebook says whether it is needed.
    """
    if source == "-" or _SCHEME.match(source.strip()):
        return None
    try:
        path = Path(source.strip()).expanduser()
        if not (path.is_file() and os.access(path, os.R_OK)):
            return None
    except (OSError, ValueError):  # a name too long, or a NUL byte
        return None
    return clean_in_background(source, base_url, limits=limits)


def _clean(
    source: str, base_url: str | None, limits: Limits | None, stdin_data: bytes | None
) -> tuple[str, object]:
    from tui.core.extract import extract
    from tui.core.fetch import DEFAULT_LIMITS, fetch

    stdin = io.BytesIO(stdin_data) if stdin_data is not None else None
    try:
        page = fetch(source, limits=limits or DEFAULT_LIMITS, base_url=base_url, stdin=stdin)
        article = extract(page.html, page.url, source=page.source,
                          content_type=page.content_type)
    except GlossError as exc:
        return "error", (exc.message, exc.exit_code)
    article.word_count  # noqa: B018  # counted here, off the parent's path to the first frame
    return "article", article
