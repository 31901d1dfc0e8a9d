"""The change log: which notebook files each write touched, so another process can pick up
those writes with one ``stat`` instead of re-reading or stat-ing every shard.

It is advisory, never the data: one line per touched file (``articles``, ``h:<article id>``
or ``*`` for "reload everything"), appended under the exclusive lock *before* the file is
written, and read under the shared lock, so a reader never sees a line without its write.
When it grows past :data:`COMPACT_AT` a writer replaces it with a fresh one (new token);
readers that see a new token reload everything, which is correct if slower.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only its type: a reader checking the log never loads the writing side
    from tui.core.notebook.storage import FileWriter

EVERYTHING = "*"
ARTICLES = "articles"
COMPACT_AT = 512 * 1024
_MAGIC = b"gloss-changes "


def shard_name(article_id: str) -> str:
    """The log name of an article's highlight shard."""
    return "h:" + article_id


class ChangeLog:
    """One process's view of the log: the token and offset it has read up to."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._token: bytes | None = None
        self._offset = 0
        self._seen: tuple[int, int] | None = None  # (inode, size) when last read

    def mark_seen(self) -> None:
        """Treat everything logged so far as known (call with the notebook just loaded)."""
        try:
            with self.path.open("rb") as f:
                head = f.readline()
                st = os.fstat(f.fileno())
        except FileNotFoundError:
            self._token, self._offset, self._seen = None, 0, None
            return
        self._token = _token(head)
        self._offset = st.st_size
        self._seen = (st.st_ino, st.st_size)

    def poll(self) -> set[str]:
        """Names written since the last poll; ``{EVERYTHING}`` when they cannot be known."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            if self._token is None:
                return set()
            self._token, self._offset, self._seen = None, 0, None  # reported once, not forever
            return {EVERYTHING}
        if (st.st_ino, st.st_size) == self._seen:
            return set()
        with self.path.open("rb") as f:
            head = f.readline()
            token = _token(head)
            if token is None or token != self._token or st.st_size < self._offset:
                self.mark_seen()
                return {EVERYTHING}
            f.seek(self._offset)
            chunk = f.read()
        complete = chunk[: chunk.rfind(b"\n") + 1]  # a line still being written waits
        self._offset += len(complete)
        self._seen = (st.st_ino, self._offset) if len(complete) == len(chunk) else None
        names = set()
        for line in complete.decode("utf-8", "replace").splitlines():
            ok = line in (ARTICLES, EVERYTHING) or line.startswith("h:")
            names.add(line if ok else EVERYTHING)
        return names

    def append(self, names: Iterable[str], writer: FileWriter) -> None:
        """Log ``names`` (under the exclusive lock, after :meth:`poll`, before the writes)."""
        body = "".join(f"{name}\n" for name in sorted(set(names))).encode("utf-8")
        if not body:
            return
        if self._token is None or self._offset >= COMPACT_AT or not self.path.exists():
            import secrets  # a writer's: a reader checking the log does without (and hmac)

            self._token = secrets.token_hex(8).encode("ascii")
            data = _MAGIC + self._token + b"\n" + body
            writer.write_bytes(self.path, data)
            self._offset = len(data)
        else:
            self._offset = writer.append_bytes(self.path, body)
        self._seen = None  # the next poll re-stats, cheaply, and finds nothing new


def _token(head: bytes) -> bytes | None:
    if not head.startswith(_MAGIC) or not head.endswith(b"\n"):
        return None
    return head[len(_MAGIC) : -1]
