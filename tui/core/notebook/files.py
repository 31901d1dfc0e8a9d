"""The notebook's folder: where each file lives, and how its documents are read and checked.

::

    <notebook>/
      notebook.json            TinyDB: table "meta" (doc "1": {"schema": 1, ...}) and table
                               "articles" (one SavedArticle per article id, plus "versions")
      highlights/<article>.json TinyDB: table "highlights", one Highlight per uuid (a shard)
      snapshots/<sha256>.json.gz  one Article.to_dict() per distinct version (see snapshots.py)
      backups/<YYYY-MM-DD>.zip  notebook.json and the shards as they were before that day's
                               first write; the last BACKUP_DAYS are kept
      changes.log              which files each write touched (see notebook_changes.py)
      notebook.lock            the lock every writer holds (empty)
      undo/                    while a write changes several files: their previous versions
                               (see notebook_journal.py); empty between writes
      damaged/<time>/...       byte-for-byte copies of files a repair replaced

Every TinyDB file is plain JSON. Tables are keyed by our own ids (uuids, article ids), not
TinyDB's counters, so stock TinyDB reads them with a table class whose ``document_id_class``
is ``str`` (:class:`tui.core.notebook.storage.KeyedTable`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.model import Highlight, SavedArticle
from tui.core.notebook.errors import NotebookCorrupt
from tui.core.notebook.layout import (
    SHARD_SUFFIX,
    NotebookLayout,
    check_article_id,
    is_article_id,
)
from tui.core.notebook.storage import parse_tables, read_tables
from tui.core.text import clean_highlight, clean_saved_article

SCHEMA = 1  # the layout above; older notebooks are migrated (see notebook_schema.py)
META, ARTICLES, HIGHLIGHTS = "meta", "articles", "highlights"
META_ID = "1"
@dataclass(frozen=True, slots=True)
class ArticleVersion:
    """One stored version of an article: its snapshot, the hash of its text, and when a newer
    version replaced it ("" for the current one)."""

    snapshot: str
    text_hash: str
    replaced: str


@dataclass(frozen=True)
class IndexData:
    """What notebook.json holds, checked: the schema and the article records."""

    schema: int
    meta: dict[str, Any]
    articles: dict[str, SavedArticle]
    versions: dict[str, tuple[ArticleVersion, ...]]


def schema_of(path: Path, tables: dict[str, dict[str, dict[str, Any]]]) -> int:
    """The schema a notebook.json declares; 0 for a file from before schemas."""
    meta = tables.get(META, {}).get(META_ID)
    if meta is None:
        return 0
    schema = meta.get("schema")
    if not isinstance(schema, int) or schema < 0:
        raise NotebookCorrupt(path, f"its schema is {schema!r}, not a version number")
    return schema


def index_from_tables(path: Path, tables: dict[str, dict[str, dict[str, Any]]]) -> IndexData:
    """Check and read a current-schema notebook.json; NotebookCorrupt if malformed."""
    articles: dict[str, SavedArticle] = {}
    versions: dict[str, tuple[ArticleVersion, ...]] = {}
    for key, doc in tables.get(ARTICLES, {}).items():
        try:
            # A notebook written by hand or by an older Gloss is data too: every field is
            # cleaned and checked on read, so a NaN progress or an escape sequence in a
            # title is repaired here, never carried to a screen or a terminal.
            record = clean_saved_article(SavedArticle.from_dict(doc))
            check_article_id(record.id)
            history = tuple(ArticleVersion(**v) for v in doc.get("versions", ()))
        except (TypeError, ValueError) as error:
            raise NotebookCorrupt(path, f"article {key!r} is malformed: {error}") from None
        if record.id != key:
            raise NotebookCorrupt(path, f"article {key!r} carries the id {record.id!r}")
        articles[key] = record
        if history:
            versions[key] = history
    meta = dict(tables.get(META, {}).get(META_ID, {}))
    return IndexData(schema_of(path, tables), meta, articles, versions)


def article_doc(record: SavedArticle, versions: tuple[ArticleVersion, ...]) -> dict[str, Any]:
    """The stored document of an article record."""
    doc = record.to_dict()
    if versions:
        doc["versions"] = [
            {"snapshot": v.snapshot, "text_hash": v.text_hash, "replaced": v.replaced}
            for v in versions
        ]
    return doc


def shard_from_tables(
    path: Path, article_id: str, tables: dict[str, dict[str, dict[str, Any]]]
) -> list[Highlight]:
    """Check and read a shard's highlights; NotebookCorrupt if any is malformed."""
    out = []
    for key, doc in tables.get(HIGHLIGHTS, {}).items():
        try:
            h = clean_highlight(Highlight.from_dict(doc))
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise NotebookCorrupt(path, f"highlight {key!r} is malformed: {error!r}") from None
        if h.id != key or h.article_id != article_id:
            raise NotebookCorrupt(path, f"highlight {key!r} is filed under the wrong key")
        out.append(h)
    return out


def read_shard(path: Path, article_id: str) -> list[Highlight] | None:
    """A shard's highlights from disk, or None if it does not exist."""
    tables = read_tables(path)
    return None if tables is None else shard_from_tables(path, article_id, tables)


def check_file(layout: NotebookLayout, path: Path, raw: bytes) -> None:
    """Raise NotebookCorrupt unless ``raw`` is a readable copy of the file at ``path``."""
    tables = parse_tables(path, raw)
    if path == layout.index:
        if schema_of(path, tables) == SCHEMA:
            index_from_tables(path, tables)
    else:
        shard_from_tables(path, path.name.removesuffix(SHARD_SUFFIX), tables)


def shard_ids(layout: NotebookLayout) -> list[str]:
    """Article ids that have a shard file on disk."""
    try:
        names = [p.name for p in layout.shards.iterdir()]
    except OSError:
        return []
    return [
        n.removesuffix(SHARD_SUFFIX)
        for n in names
        if n.endswith(SHARD_SUFFIX) and is_article_id(n.removesuffix(SHARD_SUFFIX))
    ]


def data_files(layout: NotebookLayout) -> list[Path]:
    """The index and every shard on disk: the files a backup holds and repair checks."""
    return [layout.index, *(layout.shard(a) for a in shard_ids(layout))]
