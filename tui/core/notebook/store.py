"""The machinery under :class:`~tui.core.notebook.api.Notebook`: opening, the in-memory index,
keeping up with other processes, and the one safe way to write.

Layout and formats are in :mod:`tui.core.notebook.files`. How a write stays safe:

* every write holds the exclusive lock (``notebook.lock``) from start to end;
* it first catches up with other processes (the change log names the files they touched),
  so it works on what is on disk now, not on what this process read at open;
* it changes each file through TinyDB, which re-reads the file and writes it back whole,
  staged in memory until the operation (or :meth:`NotebookStore.batch`) ends;
* then it logs the files it will write and replaces each one atomically (shards first,
  ``notebook.json`` last, removals after). One file is all or nothing by its rename; several
  are made so by the undo journal (:mod:`tui.core.notebook.journal`). If anything fails,
  the files are put back, memory is reloaded from disk, and the typed error names the file.

Reads never touch the disk: they use the in-memory index built at open. :meth:`refresh`
brings it up to date with other processes' writes for the price of one ``stat``.

After each commit, still under the lock, the query index (:mod:`tui.core.notebook.qindex`,
what the command line reads from) gets the rows of the files just written.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from tui.core.locations import default_notebook_path
from tui.core.model import Highlight, SavedArticle, now_iso
from tui.core.notebook.backups import ensure_daily, valid_copies
from tui.core.notebook.changes import ARTICLES as LOG_ARTICLES
from tui.core.notebook.changes import EVERYTHING, ChangeLog, shard_name
from tui.core.notebook.errors import (
    NotebookCorrupt,
    NotebookError,
    NotebookReadOnly,
    NotebookVersionError,
    NotInNotebook,
)
from tui.core.notebook.files import (
    ARTICLES,
    HIGHLIGHTS,
    META,
    META_ID,
    SCHEMA,
    ArticleVersion,
    IndexData,
    article_doc,
    index_from_tables,
    read_shard,
    schema_of,
    shard_from_tables,
    shard_ids,
)
from tui.core.notebook.index import HighlightIndex
from tui.core.notebook.journal import UndoJournal
from tui.core.notebook.layout import SHARD_SUFFIX, NotebookLayout, check_article_id, is_article_id
from tui.core.notebook.lock import FileLock
from tui.core.notebook.paths import outside_folders
from tui.core.notebook.qindex import update_after_write, write_mark
from tui.core.notebook.schema import migrate, too_new
from tui.core.notebook.snapshots import SnapshotStore
from tui.core.notebook.storage import (
    TMP_PREFIX,
    AtomicJSONStorage,
    FileWriter,
    KeyedTable,
    Signature,
    open_table,
    parse_tables,
    read_tables,
    signature,
    sweep_temporaries,
)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic GC while building tens of thousands of objects that are all kept.

    Each allocation burst otherwise triggers collections that walk the growing heap; at
    50,000 highlights that more than doubles the time to open.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class NeedsMigration(Exception):
    """The notebook's schema is older than this Gloss: migrate before reading it."""

    def __init__(self, schema: int) -> None:
        self.schema = schema


class NotebookStore:
    """A notebook folder, open: files, lock, index. The operations are in Notebook.

    ``problems`` lists, one line each, what a read-only open had to work around (damaged
    files shown from a backup) and backups that could not be taken.
    """

    def __init__(
        self, layout: NotebookLayout, *, read_only: bool, writer: FileWriter, lock_timeout: float
    ) -> None:
        self.path = layout.root
        self.read_only = read_only
        self.problems: list[str] = []
        self.writer = writer
        self.snapshots = SnapshotStore(layout.snapshots, writer)
        self.today: Callable[[], date] = date.today  # starts a day's backup; tests move it
        self._layout = layout
        self._lock = FileLock(layout.lock, lock_timeout)
        self._log = ChangeLog(layout.changes)
        self._journal = UndoJournal(layout.root, writer)
        self._mutex = threading.RLock()
        self._meta: dict[str, Any] | None = None
        self._articles: dict[str, SavedArticle] = {}
        self._versions: dict[str, tuple[ArticleVersion, ...]] = {}
        self._urls: dict[str, str] | None = None
        self._index = HighlightIndex()
        self._sigs: dict[Path, Signature | None] = {}
        self._staged: dict[Path, AtomicJSONStorage] = {}
        self._touched: set[str] = set()
        self._created: list[Path] = []  # files this write made that a failure removes
        self._depth = 0
        self._backup_day: date | None = None
        self._swept = False
        self._detached = False  # a backup opened in memory: no folder behind it
        self._before: dict[Path, Path | None] = {}  # read-only: see _interrupted

    # -- opening ------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | None = None,
        *,
        read_only: bool = False,
        writer: FileWriter | None = None,
        lock_timeout: float = 10.0,
    ) -> Self:
        """Open the notebook folder at ``path`` (default: :func:`default_notebook_path`).

        A missing folder is an empty notebook, created at the first write. Raises
        NotebookCorrupt (naming the file, which is left untouched) when a file cannot be
        read; ``read_only=True`` then opens anyway, showing damaged files from their latest
        backup (see ``problems``). An old schema is migrated (after a backup).
        """
        root = Path(path) if path is not None else default_notebook_path()
        if root.exists() and not root.is_dir():
            raise NotebookError(f"{root} is a file, not a notebook folder")
        nb = cls(
            NotebookLayout(root),
            read_only=read_only,
            writer=writer or FileWriter(),
            lock_timeout=lock_timeout,
        )
        nb._open()
        return nb

    def _open(self) -> None:
        if not self.path.is_dir():
            return
        escaping = outside_folders(self.path)  # a crafted folder: see notebook/paths.py
        if escaping:
            raise NotebookError(
                f"the notebook {self.path} links outside itself ({escaping[0]}); nothing was "
                "read or written. Move that file or folder back inside the notebook."
            )
        if self._journal.pending:
            if self.read_only:
                self._problem("a change was interrupted; it will be undone at the next write")
            else:
                self._lock.acquire(exclusive=True)
                try:
                    self._undo_interrupted()
                finally:
                    self._lock.release()
        try:
            with self._shared():
                self._load_everything()
        except NeedsMigration as old:
            if self.read_only:
                raise NotebookVersionError(
                    self.path, f"needs upgrading from schema {old.schema}; open it once for writing"
                ) from None
            self._lock.acquire(exclusive=True)
            try:
                migrate(self._layout, self.writer)
                self._log.poll()
                self._log.append([EVERYTHING], self.writer)
            finally:
                self._lock.release()
            with self._shared():
                self._load_everything()
        if not self.read_only and self._has_temporaries():
            self._lock.acquire(exclusive=True)  # no writer is mid-way: every .tmp- is stray
            try:
                self._sweep()
            finally:
                self._lock.release()

    def _has_temporaries(self) -> bool:
        layout = self._layout
        folders = (layout.root, layout.shards, layout.snapshots, layout.backups, layout.undo)
        for folder in folders:
            try:
                if any(n.startswith(TMP_PREFIX) for n in (p.name for p in folder.iterdir())):
                    return True
            except OSError:  # missing, or not a folder: nothing of ours in it
                continue
        return False

    def _sweep(self) -> None:
        layout = self._layout
        sweep_temporaries(
            layout.root, layout.shards, layout.snapshots, layout.backups, self._journal.folder
        )
        self._swept = True

    @contextmanager
    def _shared(self) -> Iterator[None]:
        """Hold the lock shared (no writer mid-way) while reading several files."""
        with self._mutex:
            held = self._lock.acquire(exclusive=False)
            try:
                yield
            finally:
                if held:
                    self._lock.release()

    def _load_everything(self) -> None:
        with _gc_paused():
            self._load_all()

    def _load_all(self) -> None:
        self._before = self._interrupted()
        self._load_index()
        on_disk = set(shard_ids(self._layout))
        journaled = {p.name.removesuffix(SHARD_SUFFIX) for p in self._before}
        journaled = {a for a in journaled if is_article_id(a)}
        for article_id in on_disk | journaled | set(self._index.by_article):
            self._load_shard(article_id)
        self._log.mark_seen()

    def _interrupted(self) -> dict[Path, Path | None]:
        """Read-only, while a write a crash cut short waits to be undone: the files as they
        were before it (see UndoJournal.before_images), so a reader sees the notebook wholly
        before that write, never half of it."""
        if not self.read_only or not self._journal.pending:
            return {}
        try:
            return self._journal.before_images()
        except NotebookCorrupt as error:
            self._problem(error.message)
            return {}

    def _source(self, path: Path) -> Path | None:
        """Where to read ``path`` from (None: read it as missing)."""
        return self._before.get(path, path)

    def _load_index(self) -> None:
        path = self._layout.index
        sig = signature(path)
        try:
            source = self._source(path)
            tables = None if source is None else read_tables(source)
            data = None if tables is None else self._index_data(path, tables)
        except NotebookCorrupt as error:
            data = self._from_backup(path, error, lambda raw: self._index_data(path, raw))
        self._sigs[path] = sig
        self._set_index(data)

    def _index_data(self, path: Path, tables: dict[str, Any]) -> IndexData:
        schema = schema_of(path, tables)
        if schema > SCHEMA:
            raise NotebookVersionError(self.path, too_new(schema))
        if schema < SCHEMA:
            raise NeedsMigration(schema)
        return index_from_tables(path, tables)

    def _set_index(self, data: IndexData | None) -> None:
        self._meta = None if data is None else data.meta
        self._articles = {} if data is None else data.articles
        self._versions = {} if data is None else data.versions
        self._urls = None

    def _load_shard(self, article_id: str) -> None:
        path = self._layout.shard(article_id)
        sig = signature(path)
        try:
            source = self._source(path)
            highlights = [] if source is None else read_shard(source, article_id) or []
        except NotebookCorrupt as error:
            highlights = self._from_backup(
                path, error, lambda raw: shard_from_tables(path, article_id, raw)
            ) or []
        self._sigs[path] = sig
        self._index.replace_article(article_id, highlights)

    def _from_backup(self, path: Path, error: NotebookCorrupt, read: Any) -> Any:
        """Read-only: the newest readable backup copy of a damaged file. Else: raise."""
        if not self.read_only:
            raise error
        what = error.message.split(";")[0]
        for backup, raw in valid_copies(self._layout, path):
            self._problem(f"{what}; showing it as of {backup.label}")
            return read(parse_tables(path, raw))
        self._problem(f"{what}; no backup holds a readable copy")
        return None

    def _problem(self, line: str) -> None:
        if line not in self.problems:  # a refresh meets the same damage again
            self.problems.append(line)

    # -- keeping up with other processes --------------------------------------------------

    def refresh(self) -> bool:
        """Pick up other processes' writes; True if anything changed. One stat when not."""
        with self._mutex:
            if self._detached:
                return False
            names = self._log.poll()
            if not names:
                return False
            with self._shared():  # waits for the writer that logged them to finish
                names |= self._log.poll()
                if self._before or self._journal.pending:
                    self._before = self._interrupted()  # undone since, or newly pending
                    names.add(EVERYTHING)
                for name in names:
                    self._reload(name)
            return True

    def _reload(self, name: str) -> None:
        if name == EVERYTHING:
            with _gc_paused():
                self._reload_changed()
        elif name == LOG_ARTICLES:
            self._load_index()
        elif name.startswith("h:"):
            with suppress(ValueError):  # a garbled line names nothing real
                self._load_shard(check_article_id(name[2:]))

    def _reload_changed(self) -> None:
        """Reload the index, and every shard whose file is not the one we read."""
        self._load_index()
        for article_id in set(shard_ids(self._layout)) | set(self._index.by_article):
            path = self._layout.shard(article_id)
            if signature(path) != self._sigs.get(path, False):
                self._load_shard(article_id)

    # -- writing ----------------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group writes: one lock, and each touched file written once, at the end.

        Nothing is written if the block raises.
        """
        with self._writing():
            yield

    @contextmanager
    def _writing(self) -> Iterator[None]:
        if self.read_only:
            raise NotebookReadOnly(self.path)
        with self._mutex:
            self._lock.acquire(exclusive=True)
            self._depth += 1
            try:
                if self._depth == 1:
                    self._begin()
                yield
                if self._depth == 1:
                    self._commit()
            except BaseException:
                if self._depth == 1:
                    self._rollback()
                raise
            finally:
                self._depth -= 1
                self._lock.release()

    def _begin(self) -> None:
        for name in self._log.poll():
            self._reload(name)
        self._undo_interrupted()
        if not self._swept:
            self._sweep()
        today = self.today()
        if self._backup_day != today and self._layout.index.exists():  # else: nothing to keep
            self._backup_day = today
            try:
                ensure_daily(self._layout, self.writer, today)
            except NotebookError as error:  # a missed backup must not cost a highlight
                self._problem(f"no backup today: {error.message}")

    def _commit(self) -> None:
        dirty = [s for s in self._staged.values() if s.dirty]
        if dirty:
            mark = write_mark(self._layout)
            self._log.append(self._touched, self.writer)
            # Writes before removals, the index last of the writes: were the undo journal
            # ever lost, a half-done write would still leave highlights, never lose them.
            dirty.sort(key=lambda s: (s.removes, s.path == self._layout.index))
            if len(dirty) == 1:  # one file: the rename is all or nothing already
                dirty[0].flush()
            else:
                self._flush_all_or_nothing(dirty)
            for storage in dirty:
                self._sigs[storage.path] = signature(storage.path)
            # After the TinyDB commit, still under the lock: readers never see the index
            # ahead of the files, and a kill before this leaves it detectably stale.
            update_after_write(self._layout, mark, set(self._touched))
        self._staged.clear()
        self._touched.clear()
        self._created.clear()

    def _flush_all_or_nothing(self, dirty: list[AtomicJSONStorage]) -> None:
        try:
            self._journal.begin([s.path for s in dirty])
            for storage in dirty:
                storage.flush()
            self._journal.commit()  # the commit point: its manifest is removed
        except BaseException:
            self._journal.rollback()  # nothing to do once committed
            raise

    def _undo_interrupted(self) -> None:
        """Under the exclusive lock: undo a multi-file write that a crash cut short."""
        if self._journal.pending:
            self._journal.rollback()
            self._log.poll()
            self._log.append([EVERYTHING], self.writer)
            self._reload(EVERYTHING)

    def _rollback(self) -> None:
        if self._journal.pending:  # its own rollback failed: try once more, else the next
            with suppress(NotebookError):  # writer does it, and readers see the before
                self._journal.rollback()
        for storage in self._staged.values():
            storage.discard()
        self._staged.clear()
        for path in self._created:
            with suppress(NotebookError):
                self.writer.remove(path)
        self._created.clear()
        touched, self._touched = self._touched, set()
        for name in touched:
            self._reload(name)

    def _table(self, path: Path, name: str, log_name: str) -> KeyedTable:
        """A TinyDB table of ``path`` for this write, staged, up to date with the disk."""
        storage = self._staged.get(path)
        if storage is None:
            if signature(path) != self._sigs.get(path):
                self._reload(log_name)  # changed since we read it: work on what is there
            storage = self._staged[path] = AtomicJSONStorage(path, self.writer)
        self._touched.add(log_name)
        return open_table(storage, name)

    def _articles_table(self) -> KeyedTable:
        table = self._table(self._layout.index, ARTICLES, LOG_ARTICLES)
        if self._meta is None:
            self._meta = {"schema": SCHEMA, "created": now_iso()}
            self._table(self._layout.index, META, LOG_ARTICLES).upsert_id(META_ID, self._meta)
        return table

    def _shard_table(self, article_id: str) -> KeyedTable:
        return self._table(self._layout.shard(article_id), HIGHLIGHTS, shard_name(article_id))

    # -- primitive writes, under _writing -------------------------------------------------

    def _put_article(self, record: SavedArticle, versions: tuple[ArticleVersion, ...]) -> None:
        self._articles_table().put_many({record.id: article_doc(record, versions)})
        self._articles[record.id] = record
        if versions:
            self._versions[record.id] = versions
        self._urls = None

    def _put_highlights(self, highlights: Iterable[Highlight]) -> None:
        """Insert or replace highlights, one staged write per shard; under _writing."""
        by_article: dict[str, dict[str, Highlight]] = {}
        for h in highlights:
            by_article.setdefault(check_article_id(h.article_id), {})[h.id] = h
        for article_id, group in by_article.items():
            self._shard_table(article_id).put_many({i: h.to_dict() for i, h in group.items()})
            for h in group.values():
                self._index.add(h)

    def _require(self, article_id: str) -> SavedArticle:
        record = self._articles.get(article_id)
        if record is None:
            raise NotInNotebook("article", article_id)
        return record

    # -- life cycle ---------------------------------------------------------------------

    def close(self) -> None:
        """Nothing stays open between operations; kept for symmetry and ``with``."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __len__(self) -> int:
        """How many highlights the notebook holds."""
        return len(self._index)


