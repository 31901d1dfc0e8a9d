"""Schema versions and the migrations between them.

``MIGRATIONS[n]`` turns a schema-``n`` notebook into a schema-``n+1`` one. Each runs under the
exclusive lock after a backup of the old files (``backups/before-schema-<n+1>.zip``, never
pruned), writes its new files first and ``notebook.json`` (which carries the version) last,
so a migration killed half-way simply runs again.

Schema 0 is the single-file notebook of early development (and what stock TinyDB makes):
one ``notebook.json`` with an ``articles`` table whose documents embed the article body under
``"article"``, a ``highlights`` table with counter ids, and no ``meta`` table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from tui.core.model import Article, Highlight, SavedArticle, now_iso
from tui.core.notebook.backups import archive
from tui.core.notebook.errors import NotebookCorrupt, NotebookVersionError
from tui.core.notebook.files import (
    ARTICLES,
    HIGHLIGHTS,
    META,
    META_ID,
    SCHEMA,
    article_doc,
    schema_of,
)
from tui.core.notebook.layout import NotebookLayout, check_article_id
from tui.core.notebook.snapshots import SnapshotStore
from tui.core.notebook.storage import FileWriter, dump_tables, read_tables

Migration = Callable[[NotebookLayout, FileWriter], None]


def _v0_to_v1(layout: NotebookLayout, writer: FileWriter) -> None:
    """Move article bodies to snapshots and highlights to one shard per article."""
    path = layout.index
    tables = read_tables(path) or {}
    store = SnapshotStore(layout.snapshots, writer)
    articles: dict[str, Any] = {}
    shards: dict[str, dict[str, Any]] = {}
    # Check everything before writing anything: a malformed v0 file stays as it is.
    try:
        bodies = {}
        for doc in tables.get(ARTICLES, {}).values():
            fields = {k: v for k, v in doc.items() if k != "article"}
            if "article" in doc:
                bodies[fields["id"]] = Article.from_dict(doc["article"])
                fields["text_hash"] = bodies[fields["id"]].text_hash
            record = SavedArticle.from_dict(fields)
            articles[check_article_id(record.id)] = record
        for doc in tables.get(HIGHLIGHTS, {}).values():
            h = Highlight.from_dict(doc)
            shards.setdefault(check_article_id(h.article_id), {})[h.id] = h.to_dict()
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise NotebookCorrupt(path, f"cannot upgrade it from schema 0: {error!r}") from None
    for article_id, article in bodies.items():
        digest = store.put(article)
        articles[article_id] = replace(articles[article_id], snapshot=digest)
    for article_id, docs in shards.items():
        writer.write_bytes(layout.shard(article_id), dump_tables({HIGHLIGHTS: docs}))
    meta = {"schema": 1, "created": now_iso(), "migrated_from": 0}
    index = {
        META: {META_ID: meta},
        ARTICLES: {aid: article_doc(record, ()) for aid, record in articles.items()},
    }
    writer.write_bytes(path, dump_tables(index))


MIGRATIONS: dict[int, Migration] = {0: _v0_to_v1}


def migrate(layout: NotebookLayout, writer: FileWriter) -> int:
    """Bring the notebook at ``layout`` to :data:`SCHEMA`; return the schema it had.

    Call under the exclusive lock. Raises NotebookVersionError for a newer notebook.
    """
    tables = read_tables(layout.index)
    if tables is None:
        return SCHEMA
    found = version = schema_of(layout.index, tables)
    if version > SCHEMA:
        raise NotebookVersionError(layout.root, too_new(version))
    while version < SCHEMA:
        archive(layout, layout.backups / f"before-schema-{version + 1}.zip", writer)
        MIGRATIONS[version](layout, writer)
        after = schema_of(layout.index, read_tables(layout.index) or {})
        if after <= version:  # a migration that forgot to bump the version would loop
            raise RuntimeError(f"migration from schema {version} left schema {after}")
        version = after
    return found


def too_new(version: int) -> str:
    """Why a notebook from a newer Gloss is refused."""
    return (
        f"was written by a newer Gloss (schema {version}; this one reads up to {SCHEMA}); "
        "upgrade Gloss to open it"
    )
