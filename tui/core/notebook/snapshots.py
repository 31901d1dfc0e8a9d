"""Article bodies, stored once each, by content: ``snapshots/<sha256>.json.gz``.

The highlight tables hold only a snapshot's hash, so saving a highlight never rewrites an
article body, and every saved article opens offline, even when its site is gone. A snapshot
is never rewritten (same content, same name) and never deleted by Gloss: an older one is what
a highlight taken on an older version of a page was made against.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from tui.core.model import Article
from tui.core.notebook.errors import SnapshotMissing
from tui.core.text import clean_article

if TYPE_CHECKING:
    from tui.core.notebook.storage import FileWriter

SUFFIX = ".json.gz"
_DIGEST = re.compile(r"[0-9a-f]{64}")


def encode(article: Article) -> tuple[str, bytes]:
    """The snapshot's hash and its uncompressed bytes (keys sorted, so equal articles agree)."""
    raw = orjson.dumps(article.to_dict(), option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(raw).hexdigest(), raw


def decode(path: Path, compressed: bytes, digest: str | None = None) -> Article:
    """An Article from a snapshot's bytes, checked against ``digest``; SnapshotMissing if bad."""
    try:
        raw = gzip.decompress(compressed)
    except (OSError, EOFError, zlib.error) as error:
        raise SnapshotMissing(path, f"damaged: {error}") from None
    if digest is not None and hashlib.sha256(raw).hexdigest() != digest:
        raise SnapshotMissing(path, "its content does not match its name")
    try:
        # Content-addressed is not trusted: a snapshot can be written by hand, so its text
        # is cleaned like a page's (a clean one, every one Gloss wrote, is returned as is).
        return clean_article(Article.from_dict(orjson.loads(raw)))
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as error:
        raise SnapshotMissing(path, f"not an article: {error}") from None


class SnapshotStore:
    """Content-addressed, gzip-compressed Article snapshots in one folder."""

    def __init__(self, folder: Path, writer: FileWriter | None = None) -> None:
        self.folder = folder
        self._writer = writer

    @property
    def writer(self) -> FileWriter:
        """What writes snapshots (loaded with the first write: reading needs no writer, nor
        the TinyDB its module brings)."""
        if self._writer is None:
            from tui.core.notebook.storage import FileWriter

            self._writer = FileWriter()
        return self._writer

    def path(self, digest: str) -> Path:
        """Where the snapshot ``digest`` lives (the digest is checked: it names a file)."""
        if not _DIGEST.fullmatch(digest):
            raise SnapshotMissing(self.folder / (digest + SUFFIX), "not a snapshot name")
        return self.folder / (digest + SUFFIX)

    def put(self, article: Article) -> str:
        """Store ``article`` if it is not stored yet; return its hash."""
        return self.store(article)[0]

    def store(self, article: Article) -> tuple[str, bool]:
        """Store ``article`` if needed; return its hash and whether a file was written."""
        digest, raw = encode(article)
        path = self.path(digest)
        if path.exists():
            try:
                decode(path, path.read_bytes(), digest)
                return digest, False
            except (SnapshotMissing, OSError):
                pass  # a damaged copy of content we hold whole: replacing it loses nothing
        # mtime=0 keeps the bytes a pure function of the article.
        self.writer.write_bytes(path, gzip.compress(raw, compresslevel=6, mtime=0))
        return digest, True

    def get(self, digest: str) -> Article:
        """The stored Article; raises SnapshotMissing when absent or damaged."""
        path = self.path(digest)
        try:
            compressed = path.read_bytes()
        except OSError as error:
            reason = "missing" if isinstance(error, FileNotFoundError) else str(error)
            raise SnapshotMissing(path, reason) from None
        return decode(path, compressed, digest)

    def __contains__(self, digest: str) -> bool:
        return _DIGEST.fullmatch(digest) is not None and self.path(digest).is_file()
