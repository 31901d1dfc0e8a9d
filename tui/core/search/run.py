"""Running a query: on the notebook's index (FTS5, ranked by BM25), or by a plain scan where
there is no index; both give :class:`Hit` lists with a snippet around each hit."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui.core.errors import GlossError
from tui.core.model import Highlight, SavedArticle
from tui.core.notebook import QueryIndex
from tui.core.search.match import article_matches, highlight_matches, is_orphan
from tui.core.search.parse import Query, Term
from tui.core.search.text import around, first_hit, sentence

if TYPE_CHECKING:  # only its type: a search on the index never loads the writing machinery
    from tui.core.notebook import Notebook


@dataclass(frozen=True, slots=True)
class Hit:
    """One result: a highlight, or an article (its title, byline, site or saved text).

    ``position``: where in the article's text to open (the highlight's start, or the
    matching sentence of the body); None when the hit is not in the text.
    """

    kind: str  # "highlight" | "article"
    id: str
    article_id: str
    title: str
    date: str
    snippet: str
    position: int | None
    score: float
    highlight: Highlight | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (a highlight's stored record under "highlight")."""
        return {
            "kind": self.kind, "id": self.id, "article_id": self.article_id,
            "title": self.title, "date": self.date, "snippet": self.snippet,
            "position": self.position, "score": round(self.score, 4),
            "highlight": self.highlight.to_dict() if self.highlight else None,
        }


@dataclass(frozen=True, slots=True)
class Results:
    """The hits shown (best first, at most the limit) and how many there were in all."""

    hits: list[Hit]
    total: int


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
    titles: dict[str, SavedArticle | None] = {}

    def article(article_id: str) -> SavedArticle | None:
        if article_id not in titles:
            titles[article_id] = index.article(article_id)
        return titles[article_id]

    hits: list[Hit] = []
    for score, _, kind, n in found:
        if kind == "highlight":
            (doc,) = index.db.execute("SELECT doc FROM highlights WHERE n=?", (n,)).fetchone()
            h = Highlight.from_dict(json.loads(doc))
            record = article(h.article_id)
            if q.orphan:
                if not is_orphan(h, record):
                    continue
                total += 1
            if limit is None or len(hits) < limit:
                hits.append(_highlight_hit(q, h, record, score))
        elif limit is None or len(hits) < limit:
            (doc,) = index.db.execute("SELECT id FROM articles WHERE n=?", (n,)).fetchone()
            record = article(doc)
            assert record is not None
            hits.append(_article_hit(q, record, index, score))
    return Results(hits, total)


def search_notebook(nb: Notebook, q: Query, limit: int | None = 50) -> Results:
    """Answer ``q`` by scanning the notebook (no index): newest first."""
    hits: list[Hit] = []
    for h in nb.highlights():
        record = nb.article(h.article_id)
        if highlight_matches(q, h, record):
            hits.append(_highlight_hit(q, h, record, 0.0))
    if q.wants_articles:
        for record in nb.articles():
            if article_matches(q, record, _body(nb, record)):
                hits.append(_article_hit(q, record, nb, 0.0))
    hits.sort(key=lambda hit: hit.date, reverse=True)
    return Results(hits if limit is None else hits[:limit], len(hits))


def _body(source: Notebook | QueryIndex, record: SavedArticle) -> str:
    if not record.snapshot:
        return ""
    try:
        return source.load_article(record.id).text
    except GlossError:
        return ""


def _highlight_hit(q: Query, h: Highlight, record: SavedArticle | None, score: float) -> Hit:
    text = h.quote
    hit = first_hit(h.quote, q.terms) if q.terms else None
    if hit is None and q.terms and h.note:
        note_hit = first_hit(h.note, q.terms)
        if note_hit is not None:
            text, hit = h.note, note_hit
    snippet = around(text, *hit) if hit else around(text, 0, 0)
    return Hit(
        "highlight", h.id, h.article_id, record.title if record else h.article_id, h.created,
        snippet, h.target.position.start, score, h,
    )


def _article_hit(
    q: Query, record: SavedArticle, source: Notebook | QueryIndex, score: float
) -> Hit:
    body = _body(source, record) if q.terms else ""
    hit = first_hit(body, q.terms) if body else None
    if hit is not None:
        snippet, position = sentence(body, *hit)
        position = hit[0]
    else:
        snippet, position = record.byline or record.site_name or "", None
    return Hit("article", record.id, record.id, record.title, record.saved, snippet,
               position, score)
