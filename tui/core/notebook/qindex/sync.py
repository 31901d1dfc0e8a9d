"""Keeping the query index in step with the notebook files, which stay the record.

The index stores its *generation*: the change log's token and length, and the signature
(inode, size, mtime_ns) of ``notebook.json`` and of every shard it was built from. Catching
up compares them with the files now (one directory scan) and re-reads only the files that
differ, plus any the change log names since; one SQLite transaction applies it, generation
included, so a process killed mid-way leaves the index as it was: stale, and detected so.
A missing, damaged or other-version index, or one far behind, is rebuilt whole into a
temporary file that is then renamed over it. Nothing here is ever the only copy of anything.
"""

from __future__ import annotations

import contextlib
import secrets
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from tui.core.model import SavedArticle
from tui.core.notebook.changes import ARTICLES, EVERYTHING
from tui.core.notebook.errors import NotebookError
from tui.core.notebook.files import SCHEMA, ArticleVersion, index_from_tables, read_shard, schema_of
from tui.core.notebook.layout import NotebookLayout, is_article_id
from tui.core.notebook.qindex.generation import (
    MARK,
    FileSig,
    Progress,
    Unindexable,
    changes_since,
    current_files,
    log_position,
    read_generation,
    root_key,
    settled_mark,
    stored_version,
)
from tui.core.notebook.qindex.rows import (
    article_row,
    article_text,
    highlight_row,
    highlight_text,
)
from tui.core.notebook.qindex.schema import TABLES, VERSION, connect, index_file, pack_body
from tui.core.notebook.snapshots import SnapshotStore
from tui.core.notebook.storage import ensure_dir, io_step, read_tables

REBUILD_SHARE = 0.25  # catching up on more than this share of the shards: rebuild instead


def _articles(layout: NotebookLayout) -> tuple[
    dict[str, SavedArticle], dict[str, tuple[ArticleVersion, ...]]
]:
    try:
        tables = read_tables(layout.index)
        if tables is None:
            return {}, {}
        if schema_of(layout.index, tables) != SCHEMA:
            raise Unindexable("the notebook's schema is not this Gloss's")
        data = index_from_tables(layout.index, tables)
    except NotebookError as error:
        raise Unindexable(str(error)) from None
    return data.articles, data.versions


def _body(snapshots: SnapshotStore, record: SavedArticle) -> str:
    if not record.snapshot:
        return ""
    try:
        return snapshots.get(record.snapshot).text
    except NotebookError:  # imported without a body, or its copy is damaged: no body text
        return ""


class Writer:
    """Row changes on an open index connection, inside the caller's transaction."""

    def __init__(
        self, db: sqlite3.Connection, layout: NotebookLayout, *, fresh: bool = False
    ) -> None:
        self.db = db
        self.layout = layout
        self.fresh = fresh  # an empty index being built: nothing to delete first
        self.snapshots = SnapshotStore(layout.snapshots)
        self._next: int | None = None  # the next highlight row number

    def put_article(
        self, record: SavedArticle, versions: tuple[ArticleVersion, ...],
        old: tuple[int, str] | None,
    ) -> None:
        """Insert or update an article row; ``old``: its (n, snapshot) if indexed."""
        row = article_row(record, versions)
        db = self.db
        if old is None:
            cur = db.execute(
                "INSERT INTO articles(id, saved, title_key, site_key, author_key, snapshot, doc)"
                " VALUES (?,?,?,?,?,?,?)", row,
            )
            n = cur.lastrowid
            body = _body(self.snapshots, record)
        else:
            n, snapshot = old
            db.execute(
                "UPDATE articles SET saved=?, title_key=?, site_key=?, author_key=?, snapshot=?,"
                " doc=? WHERE n=?", (*row[1:], n),
            )
            if snapshot == record.snapshot:  # same text: keep the folded body indexed
                got = db.execute("SELECT body FROM art_fts WHERE rowid=?", (n,)).fetchone()
                folded_body = got[0] if got else ""
                db.execute("DELETE FROM art_fts WHERE rowid=?", (n,))
                db.execute(
                    "INSERT INTO art_fts(rowid, title, author, site, body, day)"
                    " VALUES (?,?,?,?,?,?)",
                    (n, *article_text(record, "")[:3], folded_body, record.saved),
                )
                return
            db.execute("DELETE FROM art_fts WHERE rowid=?", (n,))
            body = _body(self.snapshots, record)
        db.execute("INSERT OR REPLACE INTO bodies(n, text) VALUES (?,?)", (n, pack_body(body)))
        db.execute(
            "INSERT INTO art_fts(rowid, title, author, site, body, day) VALUES (?,?,?,?,?,?)",
            (n, *article_text(record, body), record.saved),
        )

    def drop_article(self, n: int) -> None:
        """Remove an article row."""
        self.db.execute("DELETE FROM articles WHERE n=?", (n,))
        self.db.execute("DELETE FROM art_fts WHERE rowid=?", (n,))
        self.db.execute("DELETE FROM bodies WHERE n=?", (n,))

    def sync_articles(self) -> None:
        """Make the article rows those of ``notebook.json`` now."""
        records, versions = _articles(self.layout)
        stored = {
            i: (n, snapshot, doc)
            for n, i, snapshot, doc in self.db.execute("SELECT n, id, snapshot, doc FROM articles")
        }
        for article_id, record in records.items():
            old = stored.pop(article_id, None)
            history = versions.get(article_id, ())
            if old is not None and old[2] == article_row(record, history)[-1]:
                continue
            self.put_article(record, history, None if old is None else (old[0], old[1]))
        for n, _, _ in stored.values():
            self.drop_article(n)

    def replace_shard(self, article_id: str) -> None:
        """Make the article's highlight rows those of its shard file now."""
        try:
            highlights = read_shard(self.layout.shard(article_id), article_id) or []
        except NotebookError as error:
            raise Unindexable(str(error)) from None
        if not self.fresh:
            self._delete("article_id = ?", (article_id,))
            ids = [h.id for h in highlights]
            if ids:  # one highlight filed under two articles: one copy, as the notebook keeps
                self._delete(f"id IN ({','.join('?' * len(ids))})", ids)
        if not highlights:
            return
        if self._next is None:
            got = self.db.execute("SELECT COALESCE(max(n), 0) + 1 FROM highlights").fetchone()
            self._next = int(got[0])
        first = self._next
        self._next += len(highlights)
        numbered = list(zip(range(first, self._next), highlights, strict=True))
        db = self.db
        db.executemany(
            "INSERT INTO highlights(n, id, article_id, created, updated, color, start, doc)"
            " VALUES (?,?,?,?,?,?,?,?)", [(n, *highlight_row(h)) for n, h in numbered],
        )
        db.executemany(
            "INSERT INTO hl_fts(rowid, quote, note, tags, day) VALUES (?,?,?,?,?)",
            [(n, *highlight_text(h), h.created) for n, h in numbered],
        )
        db.executemany(
            "INSERT OR IGNORE INTO tags(tag, n) VALUES (?,?)",
            [(t, n) for n, h in numbered for t in h.tags],
        )

    def _delete(self, where: str, params: Iterable[object]) -> None:
        params = tuple(params)
        ns = [n for (n,) in self.db.execute(f"SELECT n FROM highlights WHERE {where}", params)]
        if not ns:
            return
        for i in range(0, len(ns), 500):
            part = ns[i : i + 500]
            marks = ",".join("?" * len(part))
            self.db.execute(f"DELETE FROM hl_fts WHERE rowid IN ({marks})", part)
            self.db.execute(f"DELETE FROM tags WHERE n IN ({marks})", part)
            self.db.execute(f"DELETE FROM highlights WHERE n IN ({marks})", part)

    def set_generation(
        self, files: dict[str, FileSig], token: str, offset: int, mark: str
    ) -> None:
        """Record what the rows now reflect (``mark``: the shards folder's settled signature
        taken before ``files`` were scanned, or "")."""
        db = self.db
        db.execute("DELETE FROM files")
        db.executemany(
            "INSERT INTO files(name, ino, size, mtime) VALUES (?,?,?,?)",
            [(name, *sig) for name, sig in files.items()],
        )
        db.executemany(
            "INSERT OR REPLACE INTO meta(key, value) VALUES (?,?)",
            [("version", str(VERSION)), ("root", root_key(self.layout)),
             ("log_token", token), ("log_offset", str(offset)), (MARK, mark)],
        )


def build(layout: NotebookLayout, target: Path, progress: Progress | None = None) -> None:
    """Build the whole index into a temporary file, then rename it to ``target``."""
    ensure_dir(target.parent)
    tmp = target.with_name(f".tmp-{secrets.token_hex(6)}.sqlite")
    try:
        db = sqlite3.connect(tmp, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=OFF")  # a temporary file: all or nothing by rename
            db.execute("PRAGMA synchronous=OFF")
            for statement in TABLES:
                db.execute(statement)
            db.execute("BEGIN")
            mark = settled_mark(layout)  # before the scan it vouches for
            files = current_files(layout)
            token, offset = log_position(layout)
            writer = Writer(db, layout, fresh=True)
            records, versions = _articles(layout)
            shards = [name[2:] for name in files if name.startswith("h:")]
            total, done = len(records) + len(shards), 0
            for article_id, record in records.items():
                writer.put_article(record, versions.get(article_id, ()), None)
                done += 1
                if progress is not None and done % 200 == 0:
                    progress(done, total)
            for article_id in shards:
                writer.replace_shard(article_id)
                done += 1
                if progress is not None and done % 200 == 0:
                    progress(done, total)
            writer.set_generation(files, token, offset, mark)
            db.execute("COMMIT")
            if progress is not None:
                progress(total, total)
        finally:
            db.close()
        io_step("index", target)
        # A rollback journal a killed process left beside the old index belongs to that
        # file: SQLite would "roll it back" into the new one, so it goes first.
        target.with_name(target.name + "-journal").unlink(missing_ok=True)
        tmp.replace(target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def catch_up(
    layout: NotebookLayout,
    *,
    rebuild: bool = True,
    progress: Progress | None = None,
    force: bool = False,
) -> Path | None:
    """Bring the index of ``layout`` up to date with the files; return its path.

    Call it with the notebook lock held (shared is enough), so no write is half-done.
    ``rebuild=False`` (a write, which must stay quick): never build from nothing; None
    when there is no index to update. ``force``: rebuild whatever the generation says.
    Raises :class:`Unindexable`, and sqlite3/OS errors, which callers treat as "no index".
    """
    target = index_file(layout.root)
    if force or not target.exists():
        if not rebuild:
            return None
        build(layout, target, progress)
        return target
    try:
        db = connect(target)
    except sqlite3.DatabaseError:  # not a database: a damaged index is only rebuilt
        if not rebuild:
            return None
        build(layout, target, progress)
        return target
    try:
        try:
            db.execute("BEGIN IMMEDIATE")  # one catch-up at a time; they then find it done
            fresh, meta, stored = read_generation(db, layout)
        except sqlite3.DatabaseError:  # not an index of ours, or damaged: rebuild it
            fresh, meta, stored = False, {}, {}
        mark = settled_mark(layout)  # before the scan it vouches for
        files, token, offset, changed = changes_since(layout, fresh, meta, stored)
        shards = sum(1 for n in files if n != ARTICLES)
        # Far behind (an older Gloss wrote a lot, a synced folder came in): rebuilding is
        # quicker than catching up, and a write leaves it to the next read.
        far = len(changed) > 50 and len(changed) > REBUILD_SHARE * shards
        if not fresh or far:
            if db.in_transaction:
                db.rollback()
            db.close()
            if not rebuild:
                return None
            build(layout, target, progress)
            return target
        if not changed:
            if mark and mark != meta.get(MARK):
                db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?,?)", (MARK, mark))
            db.execute("COMMIT")
            return target
        writer = Writer(db, layout)
        if ARTICLES in changed:
            writer.sync_articles()
        for name in sorted(changed - {ARTICLES}):
            article_id = name[2:]
            if is_article_id(article_id):
                writer.replace_shard(article_id)  # a shard gone reads as empty: rows removed
        writer.set_generation(files, token, offset, mark)
        io_step("index", target)
        db.execute("COMMIT")
        return target
    except BaseException:
        if db.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                db.rollback()
        raise
    finally:
        db.close()


def apply_write(layout: NotebookLayout, before: tuple[str, int], names: set[str]) -> None:
    """After a write (under its exclusive lock): update the rows of the files it wrote.

    ``before``: the change log's position before the write logged itself; ``names``: the
    change-log names of what it wrote. Only an index that was current before this write is
    updated (else it stays stale, for the next read to catch up): so no directory scan, and
    the cost of a write does not grow with the notebook.
    """
    target = index_file(layout.root)
    if not target.exists() or EVERYTHING in names:
        return
    db = connect(target)
    try:
        db.execute("BEGIN IMMEDIATE")
        meta = stored_version(db)
        current = (
            meta.get("version") == str(VERSION)
            and meta.get("root") == root_key(layout)
            and (meta.get("log_token"), meta.get("log_offset")) == (before[0], str(before[1]))
        )
        if not current:
            db.rollback()
            return
        writer = Writer(db, layout)
        if ARTICLES in names:
            writer.sync_articles()
        for name in sorted(names - {ARTICLES}):
            if name.startswith("h:") and is_article_id(name[2:]):
                writer.replace_shard(name[2:])
        for name in names:
            path = layout.index if name == ARTICLES else layout.shard(name[2:])
            try:
                st = path.stat()
            except FileNotFoundError:
                db.execute("DELETE FROM files WHERE name=?", (name,))
                continue
            db.execute(
                "INSERT OR REPLACE INTO files(name, ino, size, mtime) VALUES (?,?,?,?)",
                (name, st.st_ino, st.st_size, st.st_mtime_ns),
            )
        token, offset = log_position(layout)
        db.executemany(
            "INSERT OR REPLACE INTO meta(key, value) VALUES (?,?)",
            [("log_token", token), ("log_offset", str(offset))],
        )
        io_step("index", target)
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                db.rollback()
        raise
    finally:
        db.close()


def is_stale(layout: NotebookLayout) -> bool:
    """Whether the index (as it is, without catching up) is missing or behind the files."""
    target = index_file(layout.root)
    if not target.exists():
        return True
    try:
        db = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            stored = {
                name: (ino, size, mtime)
                for name, ino, size, mtime in db.execute("SELECT * FROM files")
            }
        finally:
            db.close()
    except sqlite3.Error:
        return True
    token, offset = log_position(layout)
    return (
        meta.get("version") != str(VERSION)
        or (meta.get("log_token"), meta.get("log_offset")) != (token, str(offset))
        or stored != current_files(layout)
    )
