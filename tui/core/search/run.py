"""Running a query: on the notebook's index (FTS5, ranked by BM25), or by a plain scan where
there is no index; both give :class:`Hit` lists with a snippet around each hit."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tui.core.errors import GlossError
from tui.core.notebook.qindex.schema import unpack_body
from tui.core.search.parse import Query, Term, _Value
from tui.core.search.text import around, first_hit, sentence

if TYPE_CHECKING:  # only types: a search on the index builds no record it does not show
    from tui.core.model import Highlight, SavedArticle
    from tui.core.notebook import Notebook, QueryIndex


class Hit(_Value):
    """One result: a highlight, or an article (its title, byline, site or saved text).

    ``position``: where in the article's text to open (the highlight's start, or the
    matching sentence of the body); None when the hit is not in the text. ``stored``: a
    highlight's stored record (what :meth:`~tui.core.model.Highlight.to_dict` gives, as the
    index keeps it); :attr:`highlight` is read from it when first asked for.
    """

    __slots__ = (  # noqa: RUF023  (in field order)
        "kind", "id", "article_id", "title", "date", "snippet", "position", "score", "stored",
    )
    kind: str  # "highlight" | "article"
    id: str
    article_id: str
    title: str
    date: str
    snippet: str
    position: int | None
    score: float
    stored: dict[str, Any] | None

    def __init__(
        self, kind: str, id: str, article_id: str, title: str, date: str, snippet: str,
        position: int | None, score: float, stored: dict[str, Any] | None = None,
    ) -> None:
        values = (kind, id, article_id, title, date, snippet, position, score, stored)
        for name, value in zip(self.__slots__, values, strict=True):
            object.__setattr__(self, name, value)

    @property
    def highlight(self) -> Highlight | None:
        """The highlight hit (None for an article)."""
        if self.stored is None:
            return None
        from tui.core.model import Highlight

        return Highlight.from_dict(self.stored)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (a highlight's stored record under "highlight")."""
        return {
            "kind": self.kind, "id": self.id, "article_id": self.article_id,
            "title": self.title, "date": self.date, "snippet": self.snippet,
            "position": self.position, "score": round(self.score, 4),
            "highlight": self.stored,
        }


class Results(_Value):
    """The hits shown (best first, at most the limit) and how many there were in all."""

    __slots__ = ("hits", "total")
    hits: list[Hit]
    total: int

    def __init__(self, hits: list[Hit], total: int) -> None:
        object.__setattr__(self, "hits", hits)
        object.__setattr__(self, "total", total)

    def __hash__(self) -> int:
        raise TypeError("unhashable type: 'Results'")  # its hits are a list


def _match(columns: Sequence[str], terms: tuple[Term, ...]) -> str:
    cols = "{" + " ".join(columns) + "}"
    return " AND ".join(f"{cols} : {t.fts()}" for t in terms)


def _conditions(q: Query, fts: str, columns: Sequence[str], alias: str, day: str) -> tuple[
    list[str], list[Any]
]:
    where: list[str] = []
    params: list[Any] = []
    if q.terms:
        where.append(f"{fts} MATCH ?")
        params.append(_match(columns, q.terms))
    for term in q.excluded:
        where.append(f"{alias}.rowid NOT IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?)")
        params.append(_match(columns, (term,)))
    if q.after:
        where.append(f"{day} >= ?")
        params.append(q.after)
    if q.before:
        where.append(f"{day} < ?")
        params.append(q.before)
    return where, params


def _highlight_sql(q: Query, ranked: bool) -> tuple[str, list[Any]]:
    where, params = _conditions(q, "hl_fts", q.highlight_columns, "f", "f.day")
    for site in q.sites:
        where.append("instr(COALESCE(a.site_key, ''), ?) > 0")
        params.append(site)
    for author in q.authors:
        where.append("instr(COALESCE(a.author_key, ''), ?) > 0")
        params.append(author)
    for tag in q.tags:
        where.append("f.rowid IN (SELECT n FROM tags WHERE tag = ?)")
        params.append(tag)
    if q.needs_note:
        where.append("f.note != ''")
    score = "bm25(hl_fts)" if q.terms and ranked else "0.0"
    joins = (
        " JOIN highlights h ON h.n = f.rowid LEFT JOIN articles a ON a.id = h.article_id"
        if q.sites or q.authors else ""
    )
    sql = (
        f"SELECT {score} AS score, {_day(q, ranked)} AS day, 'highlight' AS kind, f.rowid AS n"
        f" FROM hl_fts f{joins} WHERE {' AND '.join(where) or '1'}"
    )
    return sql, params


def _article_sql(q: Query, ranked: bool) -> tuple[str, list[Any]]:
    where, params = _conditions(q, "art_fts", ("title", "author", "site", "body"), "f", "f.day")
    # The site and author columns hold the same folded text site: and author: look in.
    for site in q.sites:
        where.append("instr(f.site, ?) > 0")
        params.append(site)
    for author in q.authors:
        where.append("instr(f.author, ?) > 0")
        params.append(author)
    score = "bm25(art_fts)" if q.terms and ranked else "0.0"
    sql = (
        f"SELECT {score} AS score, {_day(q, ranked)} AS day, 'article' AS kind, f.rowid AS n"
        f" FROM art_fts f WHERE {' AND '.join(where) or '1'}"
    )
    return sql, params


def _day(q: Query, ranked: bool) -> str:
    # Ranked by words, ties go by row (reading each row's date would double the time);
    # without words, newest first.
    return "''" if q.terms or not ranked else "f.day"


def _union(q: Query, ranked: bool) -> tuple[str, list[Any]]:
    parts = []
    if q.wants_highlights:
        parts.append(_highlight_sql(q, ranked))
    if q.wants_articles:
        parts.append(_article_sql(q, ranked))
    return " UNION ALL ".join(p[0] for p in parts), [x for p in parts for x in p[1]]


def search_index(index: QueryIndex, q: Query, limit: int | None = 50) -> Results:
    """Answer ``q`` from the notebook's index: ranked hits (BM25; newest first without
    words), at most ``limit``.

    SQLite ranks and cuts; only the hits shown are read whole. ``is:orphan`` is decided
    on each highlight's record, so then every candidate is read.
    """
    if not (q.wants_highlights or q.wants_articles):
        return Results([], 0)
    sql, params = _union(q, ranked=True)
    # Best score first; without words, newest first.
    order = "score, kind DESC, n DESC" if q.terms else "day DESC, kind DESC, n DESC"
    sql = f"SELECT score, day, kind, n FROM ({sql}) ORDER BY {order}"
    total = 0
    if not q.orphan:
        count_sql, count_params = _union(q, ranked=False)
        counted = index.db.execute(f"SELECT count(*) FROM ({count_sql})", count_params)
        total = int(counted.fetchone()[0])
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
    found: list[tuple[float, str, str, int]] = list(index.db.execute(sql, params))
    titles: dict[str, str | None] = {}  # article id -> its title (None: not saved)

    def title_of(article_id: str) -> str:
        if article_id not in titles:
            got = index.db.execute("SELECT doc ->> '$.title' FROM articles WHERE id=?",
                                   (article_id,))
            row = got.fetchone()
            titles[article_id] = None if row is None else row[0]
        title = titles[article_id]
        return article_id if title is None else title

    hits: list[Hit] = []
    for score, _, kind, n in found:
        if kind == "highlight":
            (doc,) = index.db.execute("SELECT doc FROM highlights WHERE n=?", (n,)).fetchone()
            stored = json.loads(doc)
            if q.orphan:
                if not _orphan(stored, index):
                    continue
                total += 1
            if limit is None or len(hits) < limit:
                hits.append(_highlight_hit(q, stored, title_of(stored["article_id"]), score))
        elif limit is None or len(hits) < limit:
            # The record's fields as SQLite reads them, and the saved text the index keeps:
            # no record built, no snapshot decoded.
            got = index.db.execute(
                "SELECT a.id, a.doc ->> '$.title', a.saved, a.doc ->> '$.byline',"
                " a.doc ->> '$.site_name', " + ("b.text" if q.terms else "NULL") +
                " FROM articles a LEFT JOIN bodies b ON b.n = a.n WHERE a.n=?", (n,),
            ).fetchone()
            article_id, title, saved, byline, site_name, body = got
            hits.append(_article_hit(
                q, article_id, title, saved, byline, site_name, unpack_body(body), score,
            ))
    return Results(hits, total)


def _orphan(stored: dict[str, Any], index: QueryIndex) -> bool:
    """``is:orphan`` of a highlight's stored record: the one question that needs it read."""
    from tui.core.model import Highlight
    from tui.core.search.match import is_orphan

    h = Highlight.from_dict(stored)
    return is_orphan(h, index.article(h.article_id))


def search_notebook(nb: Notebook, q: Query, limit: int | None = 50) -> Results:
    """Answer ``q`` by scanning the notebook (no index): newest first."""
    from tui.core.search.match import article_matches, highlight_matches

    hits: list[Hit] = []
    for h in nb.highlights():
        record = nb.article(h.article_id)
        if highlight_matches(q, h, record):
            title = record.title if record else h.article_id
            hits.append(_highlight_hit(q, h.to_dict(), title, 0.0))
    if q.wants_articles:
        for record in nb.articles():
            body = _body(nb, record)
            if article_matches(q, record, body):
                hits.append(_article_hit(
                    q, record.id, record.title, record.saved, record.byline, record.site_name,
                    body if q.terms else "", 0.0,
                ))
    hits.sort(key=lambda hit: hit.date, reverse=True)
    return Results(hits if limit is None else hits[:limit], len(hits))


def _body(source: Notebook | QueryIndex, record: SavedArticle) -> str:
    if not record.snapshot:
        return ""
    try:
        return source.load_article(record.id).text
    except GlossError:
        return ""


def _highlight_hit(q: Query, stored: dict[str, Any], title: str, score: float) -> Hit:
    """The hit of a highlight, from its stored record (as :meth:`Highlight.to_dict` gives it:
    read from there, its quote is ``target.quote.exact`` and its start ``target.position``)."""
    target = stored["target"]
    quote, note = target["quote"]["exact"], stored.get("note", "")
    text = quote
    hit = first_hit(quote, q.terms) if q.terms else None
    if hit is None and q.terms and note:
        note_hit = first_hit(note, q.terms)
        if note_hit is not None:
            text, hit = note, note_hit
    snippet = around(text, *hit) if hit else around(text, 0, 0)
    return Hit(
        "highlight", stored["id"], stored["article_id"], title, stored["created"], snippet,
        int(target["position"]["start"]), score, stored,
    )


def _article_hit(
    q: Query, article_id: str, title: str, saved: str, byline: str | None,
    site_name: str | None, body: str, score: float,
) -> Hit:
    """The hit of an article, from its record's fields and its saved text (``body``)."""
    hit = first_hit(body, q.terms) if body and q.terms else None
    if hit is not None:
        snippet, position = sentence(body, *hit)
        position = hit[0]
    else:
        snippet, position = byline or site_name or "", None
    return Hit("article", article_id, article_id, title, saved, snippet, position, score)
