"""A folder export (one Markdown or JSON file per article) from the query index, one article at a
time: :func:`~tui.core.export.exporter.export_folder` of every record, file for file.

The whole way builds every article's document (and loads every article's saved text)
before it writes the first file: 545 MB at 200,000 highlights. Here it goes in two steps.
First each article's document is rendered from the index and spooled to a temporary file
(pickled: the exporter's own objects, read back by this process only), until every read is
done and found to be of one state of the notebook (:func:`~tui.core.export.streamed.
consistently`: a write in between reads them again, and nothing in the folder has changed
yet). Then each document is read back and merged into its file as the whole way merges it,
one at a time, and Gloss's other files in the folder are pruned.

What the merges ask of the rest of the notebook (is a region's highlight still there, with
which tags) is asked of the index, one question at a time, not of every record in memory;
those answers are read as the files are merged. Streamed: the layout by article with a
shipped template (its rendering cannot fail half-way through the folder), and JSON;
anything else answers None and the caller exports the whole way.
"""

from __future__ import annotations

import json
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from tui.core.export.annotations import dump_annotations
from tui.core.export.exporter import (
    ExportOptions,
    ExportReport,
    Scope,
    _exporter,
    _Present,
    json_into_folder,
    markdown_into_folder,
)
from tui.core.export.streamed import article_read, consistently, settled

if TYPE_CHECKING:
    from tui.core.notebook.qindex.view import QueryIndex
    from tui.core.notebook.query import HighlightFilter


def export_folder_streamed(
    folder: Path,
    index: QueryIndex,
    f: HighlightFilter,
    options: ExportOptions,
    named: Iterable[str] = (),
    *,
    force: bool = False,
    overwrite_edits: bool = False,
) -> ExportReport | None:
    """Export the highlights ``f`` chooses (and the ``named`` articles) into ``folder``, one
    Markdown file per article, as :func:`~tui.core.export.exporter.export_folder` does.

    None when this cannot be streamed (see the module): nothing was written then.
    """
    exporter = _exporter(options, None, Scope())
    template = exporter.template
    if options.format == "markdown" and (
        template.shipped is None or template.layout != "article"
    ):
        return None
    if folder.exists() and not folder.is_dir():
        return None  # the whole way says so
    named = list(named)
    spool = _spool_json if options.format == "json" else _spool
    with consistently(index, lambda start: spool(index, f, options, named, start)) as spooled:
        if options.format == "json":
            reports = json_into_folder(folder, spooled.documents(), force)
        else:
            reports = markdown_into_folder(folder, spooled.documents(), force,
                                           overwrite_edits, _IndexPresent(index))
        return ExportReport(tuple(reports), spooled.articles, spooled.highlights)


class _Spooled:
    """Documents pickled one after another in a temporary file, read back in turn."""

    def __init__(self, spool: IO[bytes]) -> None:
        self.spool = spool
        self.count = 0
        self.articles = 0
        self.highlights = 0

    def add(self, item: object) -> None:
        pickle.dump(item, self.spool, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def documents(self) -> Iterator[Any]:
        self.spool.seek(0)
        for _ in range(self.count):
            # Safe: this process wrote the file, a private temporary file, just now.
            yield pickle.load(self.spool)

    def __enter__(self) -> _Spooled:
        return self

    def __exit__(self, *exc: object) -> None:
        self.spool.close()


def _spool(
    index: QueryIndex,
    f: HighlightFilter,
    options: ExportOptions,
    named: list[str],
    start: tuple[str, str],
) -> _Spooled:
    """Every article's document of the export, spooled, read as the notebook at ``start``."""
    exporter = _exporter(options, None, Scope())
    saved, unsaved = index.chosen_articles(f, named)
    # sort_articles' order, (saved, id); an unsaved article's stand-in is saved "".
    order = sorted([*((s, i) for i, s in saved.items()), *(("", i) for i in unsaved)])
    spooled = _Spooled(tempfile.TemporaryFile())  # noqa: SIM115 (closed by _Spooled)
    try:
        spooled.articles = len(saved)
        for _, article_id in order:
            record, highlights = article_read(index, exporter, article_id,
                                              article_id in saved, f)
            spooled.highlights += len(highlights)
            (document,) = exporter.by_article([record], highlights)
            spooled.add(document)
        settled(index, start)  # before any file in the folder is touched
        return spooled
    except BaseException:
        spooled.spool.close()
        raise


def _spool_json(
    index: QueryIndex,
    f: HighlightFilter,
    options: ExportOptions,
    named: list[str],
    start: tuple[str, str],
) -> _Spooled:
    """Each saved article's JSON export (title, id, text), spooled in the whole way's order
    (the notebook's: most recently saved first, which decides who gets a free name first);
    a highlight of an article not saved has no file, as the whole way writes none."""
    saved, unsaved = index.chosen_articles(f, named)
    order = sorted(((s, i) for i, s in saved.items()), reverse=True)
    spooled = _Spooled(tempfile.TemporaryFile())  # noqa: SIM115 (closed by _Spooled)
    try:
        spooled.articles = len(saved)
        for _, article_id in order:
            record = index.article_record(article_id)
            highlights = index.chosen_highlights(article_id, f)
            spooled.highlights += len(highlights)
            if record is not None:
                spooled.add((record.title, article_id, dump_annotations([record], highlights)))
        # Counted in the report all the same.
        spooled.highlights += sum(len(index.chosen_highlights(i, f)) for i in unsaved)
        settled(index, start)
        return spooled
    except BaseException:
        spooled.spool.close()
        raise


class _IndexPresent(_Present):
    """:class:`~tui.core.export.exporter._Present` answered by the index, a question at a
    time: what the notebook still has, without every highlight's tags in memory."""

    def __init__(self, index: QueryIndex) -> None:  # no super(): it would read every record
        self.tags_of = _TagsOf(index)  # type: ignore[assignment]
        self.articles = _Has(index, "SELECT 1 FROM highlights WHERE article_id=? LIMIT 1")  # type: ignore[assignment]
        self.tags = _Has(index, "SELECT 1 FROM tags WHERE tag=? LIMIT 1")  # type: ignore[assignment]
        self.untagged = index.db.execute(
            "SELECT 1 FROM highlights h WHERE NOT EXISTS (SELECT 1 FROM tags t WHERE t.n = h.n)"
            " LIMIT 1").fetchone() is not None


class _TagsOf:
    """Highlight id -> its tags, as ``_Present.tags_of`` (``get`` only)."""

    def __init__(self, index: QueryIndex) -> None:
        self.db = index.db

    def get(self, highlight_id: str, default: object = None) -> object:
        row = self.db.execute("SELECT doc ->> '$.tags' FROM highlights WHERE id=?",
                              (highlight_id,)).fetchone()
        return default if row is None else tuple(json.loads(row[0] or "[]"))


class _Has:
    """Membership answered by one SQL question (``in`` only)."""

    def __init__(self, index: QueryIndex, sql: str) -> None:
        self.db = index.db
        self.sql = sql

    def __contains__(self, value: object) -> bool:
        return self.db.execute(self.sql, (value,)).fetchone() is not None
