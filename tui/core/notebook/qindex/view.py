"""Reading the notebook from its query index: what the commands and screens list, without
loading every shard. Each answer equals what :class:`~tui.core.notebook.api.Notebook` gives
for the same question (the property tests hold the two side by side).
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from tui.core.notebook.errors import NotInNotebook
from tui.core.notebook.layout import NotebookLayout

if TYPE_CHECKING:
    # Records are built only by the answers that return them: `gloss notebook tags` and
    # the counts import neither the model nor the notebook's readers (see test_cli_imports).
    from tui.core.model import Article, Highlight, SavedArticle
    from tui.core.notebook.files import ArticleVersion
    from tui.core.notebook.query import HighlightFilter
    from tui.core.notebook.snapshots import SnapshotStore

# By HighlightSort value (a StrEnum: its members look these up as themselves).
_ORDER = {
    "newest": "h.created DESC, h.id DESC",
    "oldest": "h.created ASC, h.id ASC",
    "edited": "h.updated DESC, h.id DESC",
    "article": "COALESCE(a.title_key, ''), h.article_id, h.start, h.id",
    "quote": "f.quote, h.id",
}


def _article(doc: str) -> tuple[SavedArticle, tuple[ArticleVersion, ...]]:
    from tui.core.model import SavedArticle
    from tui.core.notebook.files import ArticleVersion

    data = json.loads(doc)
    versions = tuple(ArticleVersion(**v) for v in data.pop("versions", ()))
    return SavedArticle.from_dict(data), versions


def _record(doc: str) -> SavedArticle:
    """The article record alone (its versions left unread: one lookup needs no more)."""
    from tui.core.model import SavedArticle

    data = json.loads(doc)
    data.pop("versions", None)
    return SavedArticle.from_dict(data)


_CHUNK = 2000


class Listed(NamedTuple):
    """What a listing line shows of a highlight (as :class:`~tui.core.model.Highlight`
    names it)."""

    id: str
    article_id: str
    created: str
    tags: tuple[str, ...]
    quote: str
    placed: bool  # True: on the page (its quote state is OK without reading more)


def _highlights(rows: Iterable[tuple[str]]) -> list[Highlight]:
    """The highlights of stored docs, in order. The docs are parsed as JSON arrays of a few
    thousand at a time: one ``json.loads`` per doc cost twice as much at 50,000 (its Python
    part per call), and a chunk keeps the joined text small."""
    from tui.core.model import Highlight

    out: list[Highlight] = []
    from_dict = Highlight.from_dict
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, _CHUNK)):
        docs = json.loads("[" + ",".join([doc for (doc,) in chunk]) + "]")
        out += map(from_dict, docs)
    return out


def _placed(hashes: dict[str, str], article_id: str, target: str | None) -> bool:
    """Whether a quote was placed in its article's current text (``target``: the text hash
    it was placed in), so its state is OK without reading more: as
    :func:`~tui.core.anchor.status.state_of`'s first case."""
    return target is not None and hashes.get(article_id) == target


class QueryIndex:
    """The notebook as its index answers: articles, highlights by filter, tags, counts.

    Read-only; the same read methods as :class:`~tui.core.notebook.api.Notebook`, so a
    command lists from either. ``db`` is open for :mod:`tui.core.search`'s own queries.
    """

    def __init__(self, db: sqlite3.Connection, layout: NotebookLayout) -> None:
        self.db = db
        self.path = layout.root
        self.read_only = True
        self.problems: list[str] = []
        self._layout = layout
        self._articles: dict[str, tuple[SavedArticle, tuple[ArticleVersion, ...]]] | None = None
        self._one: dict[str, SavedArticle | None] = {}  # articles looked up one by one
        self._ids: list[str] | None = None  # library_ids, as the articles cache: kept

    @cached_property
    def snapshots(self) -> SnapshotStore:
        """The saved texts (loaded with the first article text asked for)."""
        from tui.core.notebook.snapshots import SnapshotStore

        return SnapshotStore(self._layout.snapshots)

    # -- articles ---------------------------------------------------------------------------

    def _all_articles(self) -> dict[str, tuple[SavedArticle, tuple[ArticleVersion, ...]]]:
        if self._articles is None:
            rows = self.db.execute("SELECT id, doc FROM articles")
            self._articles = {i: _article(doc) for i, doc in rows}
        return self._articles

    def article(self, article_id: str) -> SavedArticle | None:
        """The record of ``article_id``, if saved."""
        if self._articles is None:  # one lookup need not read every record
            if article_id not in self._one:
                got = self.db.execute("SELECT doc FROM articles WHERE id=?", (article_id,))
                row = got.fetchone()
                self._one[article_id] = None if row is None else _record(row[0])
            return self._one[article_id]
        found = self._articles.get(article_id)
        return None if found is None else found[0]

    def articles(self) -> list[SavedArticle]:
        """Every saved article, most recently saved first."""
        out = [record for record, _ in self._all_articles().values()]
        out.sort(key=lambda a: (a.saved, a.id), reverse=True)
        return out

    def library_ids(self) -> list[str]:
        """Every saved article's id in the library's first order: most recently saved first,
        ties by folded title, then id (as :meth:`Notebook.library_ids`). No record is read:
        ``title_key`` is the folded title, and SQLite's text order (UTF-8 bytes) is Python's
        (code points)."""
        if self._ids is None:  # asked at start by the start page's choice, the app, the list
            rows = self.db.execute("SELECT id FROM articles ORDER BY saved DESC, title_key, id")
            self._ids = [i for (i,) in rows]
        return list(self._ids)

    def has_articles(self) -> bool:
        """Whether any article is saved (the start's choice: the library, or the sample)."""
        return self.db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None

    def articles_of(self, ids: Sequence[str]) -> list[SavedArticle]:
        """The records of ``ids`` that are saved, in that order: a page of the library."""
        rows = self._among(ids, "SELECT id, doc FROM articles WHERE id IN ({})")
        found = {i: _record(doc) for i, doc in rows}
        return [found[i] for i in ids if i in found]

    def find_article(self, url: str) -> SavedArticle | None:
        """The article saved from ``url`` or whose canonical URL it is (fragment ignored)."""
        key = url.split("#", 1)[0]
        found: dict[str, str] = {}
        for record, _ in self._all_articles().values():
            for u in (record.url, record.canonical_url):
                if u:
                    found.setdefault(u.split("#", 1)[0], record.id)
        hit = found.get(key)
        return None if hit is None else self.article(hit)

    def versions(self, article_id: str) -> list[ArticleVersion]:
        """Every stored version of an article, oldest first, the current one last."""
        found = self._all_articles().get(article_id)
        if found is None:
            raise NotInNotebook("article", article_id)
        record, history = found
        from tui.core.notebook.files import ArticleVersion

        return [*history, ArticleVersion(record.snapshot, record.text_hash, "")]

    def load_article(self, article_id: str, snapshot: str | None = None) -> Article:
        """The article as saved, offline, from its snapshot."""
        record = self.article(article_id)
        if record is None:
            raise NotInNotebook("article", article_id)
        digest = snapshot or record.snapshot
        # The current text is always one of its versions: only an older one is looked up.
        if digest != record.snapshot and digest not in {
            v.snapshot for v in self.versions(article_id)
        }:
            raise NotInNotebook(f"version of article {article_id}:", digest)
        return self.snapshots.get(digest)

    def highlight_counts(self, article_ids: Sequence[str] | None = None) -> dict[str, int]:
        """Article id -> number of highlights, for every article that has any (of
        ``article_ids``, when given: a page of the library)."""
        if article_ids is None:
            sql = "SELECT article_id, count(*) FROM highlights GROUP BY article_id"
            return dict(self.db.execute(sql))
        return dict(self._among(
            article_ids,
            "SELECT article_id, count(*) FROM highlights WHERE article_id IN ({})"
            " GROUP BY article_id",
        ))

    def _among(self, ids: Sequence[str], sql: str) -> Iterator[Any]:
        """The rows of ``sql`` whose ``IN ({})`` takes ``ids``, asked 500 at a time (under
        SQLite's limit on parameters)."""
        for start in range(0, len(ids), 500):
            chunk = list(ids[start:start + 500])
            yield from self.db.execute(sql.format(",".join("?" * len(chunk))), chunk)

    # -- highlights -------------------------------------------------------------------------

    def highlight(self, highlight_id: str) -> Highlight | None:
        """The highlight with that id, if saved."""
        row = self.db.execute("SELECT doc FROM highlights WHERE id=?", (highlight_id,)).fetchone()
        return None if row is None else _highlights([row])[0]

    def highlights(self, article_id: str | None = None) -> list[Highlight]:
        """One article's highlights in reading order; or all of them, newest first."""
        if article_id is None:
            from tui.core.notebook.query import HighlightFilter

            return self.query(HighlightFilter())
        rows = self.db.execute(
            "SELECT doc FROM highlights WHERE article_id=? ORDER BY start, id", (article_id,)
        )
        out = _highlights(rows)
        out.sort(key=lambda h: (h.target.position.start, h.target.position.end, h.id))
        return out

    def query(self, f: HighlightFilter) -> list[Highlight]:
        """The highlights matching ``f``, in its order (as :meth:`Notebook.query`)."""
        return list(self.iter_query(f))

    def iter_query(self, f: HighlightFilter, batch: int = 500) -> Iterator[Highlight]:
        """:meth:`query`'s highlights one by one, read ``batch`` rows at a time: a listing
        of the whole notebook need not hold it all (`gloss notebook list --json`)."""
        rows = self._select(f, "h.doc")
        while docs := rows.fetchmany(batch):
            yield from _highlights(docs)

    def iter_listed(
        self, f: HighlightFilter, *, placed: bool = False, batch: int = 2000
    ) -> Iterator[Listed]:
        """:meth:`iter_query`'s highlights as the fields a listing line shows, read from the
        stored records by SQLite: no record is parsed whole (`gloss notebook list` reads
        every highlight twice, once to measure its columns and once to write them).
        ``placed``: work out :attr:`Listed.placed` (else it is False)."""
        hashes = self._text_hashes() if placed else {}
        rows = self._select(
            f, "h.id, h.article_id, h.created, h.doc ->> '$.tags',"
            " h.doc ->> '$.target.quote.exact', "
            + ("h.doc ->> '$.target.text_hash'" if placed else "NULL"),
        )
        while got := rows.fetchmany(batch):
            tags = json.loads("[" + ",".join([row[3] or "[]" for row in got]) + "]")
            for (hid, article_id, created, _, quote, target), its in zip(got, tags, strict=True):
                on_page = _placed(hashes, article_id, target)
                yield Listed(hid, article_id, created, tuple(its), quote, on_page)

    def iter_stored(
        self, f: HighlightFilter, batch: int = 2000
    ) -> Iterator[tuple[list[tuple[dict[str, Any], bool]], bool]]:
        """:meth:`iter_query`'s highlights as their stored records (what
        :meth:`~tui.core.model.Highlight.to_dict` gives), a list of ``batch`` at a time, each
        with whether it is placed in its article's current text (its quote state is OK
        without reading more): `gloss notebook search --json` writes them without building
        a Highlight, which only the few not placed need. With each list: whether any record
        holds a float (a placement's score, NaN: JSON writers differ on those)."""
        hashes = self._text_hashes()
        rows = self._select(f, "h.doc, h.article_id, h.doc ->> '$.target.text_hash'")
        floats: list[str] = []

        def seen(text: str) -> float:  # called by the parser only for a float or NaN
            floats.append(text)
            return float(text)

        while got := rows.fetchmany(batch):
            floats.clear()
            docs = json.loads("[" + ",".join([row[0] for row in got]) + "]",
                              parse_float=seen, parse_constant=seen)
            yield [
                (doc, _placed(hashes, article_id, target))
                for doc, (_, article_id, target) in zip(docs, got, strict=True)
            ], bool(floats)

    # -- the notebook screen's reads -------------------------------------------------------

    def highlight_ids(
        self, f: HighlightFilter, articles: Collection[str] | None = None
    ) -> list[str]:
        """The ids of the highlights ``f`` chooses (of ``articles`` only, when given), in
        its order, from one query: no record read (the screen reads a page of them at a
        time, :meth:`highlights_of`). Newest first is read from an index alone."""
        among = None
        if articles is not None:  # one parameter, however many articles (a source's)
            among = ("h.article_id IN (SELECT value FROM json_each(?))",
                     json.dumps(sorted(articles)))
        return [i for (i,) in self._select(f, "h.id", among)]

    def highlights_of(self, ids: Sequence[str]) -> list[Highlight]:
        """The highlights of ``ids`` that are saved, in that order: a page of the list."""
        rows = self._among(ids, "SELECT doc FROM highlights WHERE id IN ({})")
        found = {h.id: h for h in _highlights(rows)}
        return [found[i] for i in ids if i in found]

    def saved_highlights(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are saved highlights (marks kept across a reload)."""
        return {i for (i,) in self._among(list(ids), "SELECT id FROM highlights WHERE id IN ({})")}

    def titles_and_sources(self) -> dict[str, tuple[str, str]]:
        """Article id -> (title, where it came from: :func:`~tui.core.model.source_of`),
        read by SQLite: no record parsed."""
        from tui.core.model import OPENED

        rows = self.db.execute(
            "SELECT id, doc ->> '$.title', doc ->> '$.imported_from' FROM articles"
        )
        # A record written by hand may hold anything: what a row shows is text.
        return {i: (title if isinstance(title, str) else str(title or ""),
                    str(source) if source else OPENED) for i, title, source in rows}

    def unplaced(self, article_ids: Sequence[str] | None = None) -> dict[str, list[Highlight]]:
        """Saved article id -> its highlights taken from another version of its text than
        the one saved (only those can be orphans), in reading order (of ``article_ids``
        only, when given): those :func:`_placed` does not settle. SQLite compares the
        hashes, so only their records come back to be parsed (and a worker asking this
        leaves the interpreter to the screen meanwhile)."""
        among, params = "", []
        if article_ids is not None:
            among = " WHERE id IN (SELECT value FROM json_each(?))"
            params = [json.dumps(list(article_ids))]
        rows = self.db.execute(
            "WITH a(id, hash) AS MATERIALIZED (SELECT id, doc ->> '$.text_hash' FROM articles"
            f"{among}) SELECT h.doc FROM highlights h JOIN a ON a.id = h.article_id"
            " WHERE (h.doc ->> '$.target.text_hash') IS NOT a.hash", params,
        )
        out: dict[str, list[Highlight]] = {}
        for h in _highlights(rows):
            out.setdefault(h.article_id, []).append(h)
        for held in out.values():
            held.sort(key=lambda h: (h.target.position.start, h.target.position.end, h.id))
        return out

    def highlights_with_history(self) -> list[Highlight]:
        """The highlights that keep values concurrent writers overwrote (what sync flags):
        a stored record holds ``history`` only when there is some."""
        return _highlights(self.db.execute(
            "SELECT doc FROM highlights WHERE doc ->> '$.history' IS NOT NULL"
        ))

    def _text_hashes(self) -> dict[str, str]:
        """Article id -> the hash of its current saved text, read by SQLite."""
        return dict(self.db.execute("SELECT id, doc ->> '$.text_hash' FROM articles"))

    def article_links(self) -> dict[str, tuple[str, str | None]]:
        """Article id -> (title, URL) as a highlight's ``--json`` record shows them (the
        canonical URL, else the URL), read by SQLite: no record parsed."""
        rows = self.db.execute(
            "SELECT id, doc ->> '$.title', doc ->> '$.canonical_url', doc ->> '$.url'"
            " FROM articles"
        )
        return {i: (title, canonical or url) for i, title, canonical, url in rows}

    def _select(
        self, f: HighlightFilter, columns: str, also: tuple[str, Any] | None = None
    ) -> sqlite3.Cursor:
        """``columns`` of the highlights ``f`` chooses, in its order (``also``: one more
        condition and its parameter)."""
        from tui.core.folding import fold
        from tui.core.notebook.query import HighlightSort

        where, params = where_of(f)
        if also is not None:
            where = f"{where} AND {also[0]}"
            params = [*params, also[1]]
        join = " LEFT JOIN articles a ON a.id = h.article_id" if (
            f.sort is HighlightSort.ARTICLE
        ) else ""
        if fold(f.text).split() or f.sort is HighlightSort.QUOTE:  # the folded text is needed
            join = " JOIN hl_fts f ON f.rowid = h.n" + join
        sql = f"SELECT {columns} FROM highlights h{join} WHERE {where} ORDER BY {_ORDER[f.sort]}"
        if f.limit is not None:
            sql += f" LIMIT {int(f.limit)}"
        return self.db.execute(sql, params)

    # -- one article at a time (an export of the whole notebook into one file) -------------

    def _chosen(self, f: HighlightFilter, *, per_row: bool = False) -> tuple[str, list[Any]]:
        """``FROM highlights h ... WHERE ...`` of the highlights ``f`` chooses (any order);
        ``per_row``: tags tested row by row (see :func:`where_of`)."""
        from tui.core.folding import fold

        where, params = where_of(f, per_row=per_row)
        join = " JOIN hl_fts f ON f.rowid = h.n" if fold(f.text).split() else ""
        return f"FROM highlights h{join} WHERE {where}", params

    def chosen_articles(
        self, f: HighlightFilter, named: Iterable[str] = ()
    ) -> tuple[dict[str, str], list[str]]:
        """The articles an export of the highlights ``f`` chooses holds, without their
        records: the saved ones (id -> saved time) with a chosen highlight or ``named``, and
        the ids of the unsaved ones a chosen highlight still points to."""
        chosen, params = self._chosen(f)
        names = list(dict.fromkeys(named))
        marks = ",".join("?" * len(names))
        also = f" OR id IN ({marks})" if names else ""
        rows = self.db.execute(
            f"SELECT id, saved FROM articles WHERE id IN (SELECT h.article_id {chosen}){also}",
            [*params, *names],
        )
        saved = {i: s or "" for i, s in rows}
        unsaved = self.db.execute(
            f"SELECT DISTINCT h.article_id {chosen} AND h.article_id NOT IN"
            " (SELECT id FROM articles)", params,
        )
        return saved, [i for (i,) in unsaved]

    def generation(self) -> tuple[str, str]:
        """Where the change log stood when the index last took a write: every committed
        write moves it, so the same answer before and after a series of reads proves they
        all read one state of the notebook (an export that reads an article at a time)."""
        meta = dict(self.db.execute(
            "SELECT key, value FROM meta WHERE key IN ('log_token', 'log_offset')"))
        return meta.get("log_token", ""), meta.get("log_offset", "")

    def article_record(self, article_id: str) -> SavedArticle | None:
        """The record of ``article_id`` read afresh (nothing kept: one of thousands)."""
        row = self.db.execute("SELECT doc FROM articles WHERE id=?", (article_id,)).fetchone()
        return None if row is None else _record(row[0])

    def chosen_highlights(self, article_id: str, f: HighlightFilter) -> list[Highlight]:
        """The highlights of ``article_id`` that ``f`` chooses (in no set order)."""
        chosen, params = self._chosen(f, per_row=True)
        rows = self.db.execute(f"SELECT h.doc {chosen} AND h.article_id = ?",
                               [*params, article_id])
        return _highlights(rows)

    def chosen_ids(self, f: HighlightFilter) -> set[str]:
        """The ids of the highlights ``f`` chooses."""
        chosen, params = self._chosen(f)
        return {i for (i,) in self.db.execute(f"SELECT h.id {chosen}", params)}

    def unsaved_newest(self, f: HighlightFilter) -> dict[str, tuple[str, str]]:
        """Article id -> (created, id) of its newest chosen highlight, for the articles not
        saved that a highlight ``f`` chooses points to (the order :meth:`highlights` meets
        them in, newest first)."""
        chosen, params = self._chosen(f)
        rows = self.db.execute(f"SELECT h.article_id, h.created, h.id {chosen} AND h.article_id"
                               " NOT IN (SELECT id FROM articles)", params)
        out: dict[str, tuple[str, str]] = {}
        for article_id, created, hid in rows:
            out[article_id] = max(out.get(article_id, ("", "")), (created, hid))
        return out

    def iter_placement(self) -> Iterator[tuple[str, str, str]]:
        """(id, article id, created) of every highlight, in no set order."""
        return iter(self.db.execute("SELECT id, article_id, created FROM highlights"))

    def highlights_by_id(self, ids: Sequence[str]) -> list[Highlight]:
        """The highlights of ``ids`` that are saved (in no set order)."""
        return _highlights(self._among(ids, "SELECT doc FROM highlights WHERE id IN ({})"))

    def tags(self, f: HighlightFilter | None = None) -> dict[str, int]:
        """Tag -> number of highlights (of those ``f`` chooses) carrying it, most used first."""
        if f is None:
            rows = self.db.execute("SELECT tag, count(*) c FROM tags GROUP BY tag")
        else:
            from tui.core.folding import fold

            where, params = where_of(f)
            join = " JOIN hl_fts f ON f.rowid = h.n" if fold(f.text).split() else ""
            rows = self.db.execute(
                "SELECT t.tag, count(*) FROM tags t WHERE t.n IN (SELECT h.n FROM highlights h"
                f"{join} WHERE {where}) GROUP BY t.tag", params,
            )
        pairs = [(t, n) for t, n in rows if n]
        pairs.sort(key=lambda p: (-p[1], p[0]))
        return dict(pairs)

    def __len__(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM highlights").fetchone()[0])

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> QueryIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def where_of(f: HighlightFilter, *, per_row: bool = False) -> tuple[str, list[Any]]:
    """The SQL condition on ``highlights h`` joined with ``hl_fts f`` that ``f`` asks for.

    A tag is tested as ``h.n IN (list)``, which SQLite builds once per statement: right over
    the whole notebook. ``per_row`` tests it as ``EXISTS`` on the tag's key instead, for a
    statement run once per article (an export by article ran the list up again 4,705 times:
    7 ms each at 200k against 0.06 ms)."""
    from tui.core.folding import fold, normalize_tag
    from tui.core.notebook.query import _day

    parts: list[str] = []
    params: list[Any] = []

    def among(column: str, values: Sequence[str]) -> None:
        parts.append(f"{column} IN ({','.join('?' * len(values))})")
        params.extend(values)

    if f.article_ids:
        among("h.article_id", list(dict.fromkeys(f.article_ids)))
    all_tags = sorted({normalize_tag(t) for t in f.all_tags} - {""})
    for tag in all_tags:
        parts.append("EXISTS (SELECT 1 FROM tags t WHERE t.tag = ? AND t.n = h.n)" if per_row
                     else "h.n IN (SELECT n FROM tags WHERE tag = ?)")
        params.append(tag)
    any_tags = sorted({normalize_tag(t) for t in f.any_tags} - {""})
    if any_tags:
        marks = ",".join("?" * len(any_tags))
        parts.append(f"EXISTS (SELECT 1 FROM tags t WHERE t.tag IN ({marks}) AND t.n = h.n)"
                     if per_row else f"h.n IN (SELECT n FROM tags WHERE tag IN ({marks}))")
        params.extend(any_tags)
    if f.colors:
        among("h.color", list(dict.fromkeys(f.colors)))
    since, until = _day(f.since), _day(f.until)
    if since:
        parts.append("h.created >= ?")
        params.append(since)
    if until:
        parts.append("substr(h.created, 1, ?) <= ?")
        params.extend([len(until), until])
    for word in fold(f.text).split():
        # The notebook's own search: the word anywhere in the folded quote, note or tags.
        parts.append("(instr(f.quote, ?) OR instr(f.note, ?) OR instr(f.tags, ?))")
        params.extend([word, word, word])
    return " AND ".join(parts) or "1", params


def open_db(path: Path, *, threadsafe: bool = False) -> sqlite3.Connection:
    """A read connection to an index file (``threadsafe``: usable from any thread, one at a
    time, which the caller sees to)."""
    db = sqlite3.connect(path, timeout=30.0, isolation_level=None,
                         check_same_thread=not threadsafe)
    db.execute("PRAGMA query_only=1")
    return db
