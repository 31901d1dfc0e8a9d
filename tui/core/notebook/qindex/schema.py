"""The query index's tables, where its file lives, and whether this SQLite can hold it.

The index is SQLite with FTS5. Text goes in already folded by :func:`~tui.core.notebook.
query.fold` (case, accents, compatibility forms), so the FTS tokenizer and the notebook's
own comparisons agree; ``remove_diacritics 2`` also folds what ``fold`` leaves (``ø``).
"""

from __future__ import annotations

import hashlib
import sqlite3
import zlib
from functools import cache
from pathlib import Path

from tui.core.locations import index_cache_dir

VERSION = 3  # bumped when the tables change: an index of another version is rebuilt
TOKENIZER = "unicode61 remove_diacritics 2"

TABLES = (
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID",
    # The notebook files the index was built from: name -> (inode, size, mtime_ns).
    "CREATE TABLE files(name TEXT PRIMARY KEY, ino INT, size INT, mtime INT) WITHOUT ROWID",
    "CREATE TABLE articles(n INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, saved TEXT,"
    " title_key TEXT, site_key TEXT, author_key TEXT, snapshot TEXT, doc TEXT NOT NULL)",
    # Each article's saved text as its snapshot gives it (zlib, UTF-8; rowid = articles.n):
    # a search hit's sentence is cut from here, so a search never decodes a snapshot.
    "CREATE TABLE bodies(n INTEGER PRIMARY KEY, text BLOB NOT NULL)",
    # The library's first order, answered from this index alone (no record read, no sort).
    # An index built before it lacks it and answers the same, by a scan and a sort.
    "CREATE INDEX articles_library ON articles(saved DESC, title_key, id)",
    "CREATE TABLE highlights(n INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL,"
    " article_id TEXT NOT NULL, created TEXT, updated TEXT, color TEXT, start INT,"
    " doc TEXT NOT NULL)",
    "CREATE INDEX highlights_article ON highlights(article_id)",
    "CREATE INDEX highlights_created ON highlights(created, id)",
    "CREATE TABLE tags(tag TEXT NOT NULL, n INT NOT NULL, PRIMARY KEY(tag, n)) WITHOUT ROWID",
    "CREATE INDEX tags_n ON tags(n)",
    # Folded text; rowid = highlights.n / articles.n. ``day`` (created, saved) rides along
    # unindexed, so a ranked search orders ties without reading the other tables.
    "CREATE VIRTUAL TABLE hl_fts USING fts5(quote, note, tags, day UNINDEXED,"
    f" tokenize='{TOKENIZER}')",
    "CREATE VIRTUAL TABLE art_fts USING fts5(title, author, site, body, day UNINDEXED,"
    f" tokenize='{TOKENIZER}')",
)


def pack_body(text: str) -> bytes:
    """An article's saved text as the ``bodies`` table keeps it (a third of its size)."""
    return zlib.compress(text.encode("utf-8"), 6)


def unpack_body(stored: bytes | None) -> str:
    """The text :func:`pack_body` kept ("" for none)."""
    return zlib.decompress(stored).decode("utf-8") if stored else ""


def index_file(root: Path) -> Path:
    """The index of the notebook at ``root``: one file per notebook folder, in the cache."""
    key = hashlib.sha256(str(root.expanduser().resolve()).encode("utf-8")).hexdigest()[:20]
    return index_cache_dir() / f"{key}.sqlite"


@cache
def fts5_available() -> bool:
    """Whether this Python's SQLite has FTS5 (else the notebook is read the old way)."""
    try:
        with sqlite3.connect(":memory:") as db:
            db.execute(f"CREATE VIRTUAL TABLE t USING fts5(a, tokenize='{TOKENIZER}')")
    except sqlite3.Error:
        return False
    return True


def connect(path: Path) -> sqlite3.Connection:
    """A connection that waits for other processes' index writes rather than failing."""
    # The rollback journal, not WAL: a rebuilt index replaces the file by a rename, which
    # a WAL file beside the old one would not survive.
    db = sqlite3.connect(path, timeout=30.0, isolation_level=None)
    db.execute("PRAGMA synchronous=NORMAL")  # derived data: losing the last commit is fine
    return db
