"""An export into one Markdown file straight from the query index, one article at a time.

:func:`~tui.core.export.exporter.export_file` takes every record of the notebook and builds
the whole document before it writes: at 200,000 highlights that held over a gigabyte. Here
SQL picks the articles and their highlights in scope (the filter of `gloss notebook list`),
and each article is read, rendered and written (or compared with the file) before the next:
what is held is one article's highlights and the ids of the articles in scope.

The text is the one :func:`export_file` writes, byte for byte (the same renderer, article by
article; tests hold the two side by side). Two cases are streamed here, the two that need no
merge: a new file, and a file that already holds exactly this export (read in step with the
rendering, a block at a time). Anything else (a file with other or edited regions, one Gloss
did not write, a single article, another template or layout) answers None: the caller then
tries :mod:`tui.core.export.streamed_merge`, and else exports the whole way.

Every streamed export (this one, JSON, a folder, a merge) reads the index in many queries
and makes nothing visible until :func:`consistently` has found them all of one state.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TypeVar

from tui.core.export.errors import ExportError
from tui.core.export.escape import escape_inline, obsidian_tags
from tui.core.export.exporter import (
    ExportOptions,
    ExportReport,
    FileReport,
    Scope,
    _exporter,
)
from tui.core.export.files import write_atomic
from tui.core.export.markdown import COLLECTION_TITLE
from tui.core.export.merge import (
    Document,
    MergeReport,
    Region,
    document_pieces,
    region_key,
    render_document,
    unchanged_as_written,
)
from tui.core.model import SavedArticle
from tui.core.notebook import SnapshotMissing

if TYPE_CHECKING:
    from tui.core.export.markdown import MarkdownExporter
    from tui.core.model import Highlight
    from tui.core.notebook.qindex.view import QueryIndex
    from tui.core.notebook.query import HighlightFilter

_T = TypeVar("_T")
_MARK = "\n<!-- gloss:"
# One region key as the marker pattern reads it back (merge._KEYS, for one key).
_KEY = re.compile(r"[^\s=]+(?:=\S*)?(?: [^\s=]+(?:=\S*)?)*")


class _Differs(Exception):
    """The file is not this export as written: stop comparing."""


class _Plan:
    """What one streamed export writes: the articles in order and the collection's head."""

    def __init__(self, index: QueryIndex, f: HighlightFilter, named: Iterable[str]) -> None:
        saved, unsaved = index.chosen_articles(f, named)
        # sort_articles' order, (saved, id); an unsaved article's stand-in is saved "".
        self.order = sorted([*((s, i) for i, s in saved.items()), *(("", i) for i in unsaved)])
        self.saved = saved
        self.articles = len(saved)  # stand-ins are not counted, as select() leaves them out
        self.highlights = 0
        self.keys: list[str] = []
        self.regions = 0
        self.marks = 0
        tags = obsidian_tags(index.tags(f))
        front: dict[str, object] = {"title": COLLECTION_TITLE}
        if tags:
            front["tags"] = tags
        header = Region(region_key(("header", None)), f"# {escape_inline(COLLECTION_TITLE)}")
        self.head = Document(COLLECTION_TITLE, front, (header,))


def export_file_streamed(
    path: Path,
    index: QueryIndex,
    f: HighlightFilter,
    options: ExportOptions,
    named: Iterable[str] = (),
) -> ExportReport | None:
    """Export the highlights ``f`` chooses (and the ``named`` articles, with or without
    highlights) into the Markdown file ``path``, reading the index one article at a time.

    None when this cannot be streamed (see the module): nothing was written then. What is
    written is one state of the notebook (see :func:`consistently`).
    """
    exporter = _exporter(options, None, Scope())
    if options.format != "markdown" or exporter.template.shipped != "article":
        return None
    if path.is_symlink() or (path.exists() and not path.is_file()):
        return None  # the whole way says what to do with it
    return consistently(index, lambda start: _markdown(path, index, f, options, named, start))


class _Changed(Exception):
    """The notebook took a write while the export read it: what was read may mix states."""


TRIES = 3


def settled(index: QueryIndex, start: tuple[str, str]) -> None:
    """Raise :class:`_Changed` unless the index is still at generation ``start``."""
    if index.generation() != start:
        raise _Changed


def consistently(index: QueryIndex, export: Callable[[tuple[str, str]], _T]) -> _T:
    """``export(start)``, which reads the index in many queries and calls :func:`settled`
    before it makes anything visible (the rename of its file, the copy to stdout): tried
    again when a write came in between, so what it gives is one state of the notebook.

    Not one SQLite read transaction: in the index's rollback-journal mode that would hold
    every writer (the app's, another command's) for as long as the export runs.
    """
    for _ in range(TRIES):
        try:
            return export(index.generation())
        except _Changed:
            continue
        except sqlite3.Error as error:  # a damaged or vanished index: one line, not a trace
            raise ExportError(f"cannot read the notebook's index: {error}; nothing was "
                              "written (run `gloss notebook reindex` if this stays)") from None
    raise ExportError(f"the notebook changed during the export, {TRIES} times over: "
                      "nothing was written; export again")


def _markdown(
    path: Path,
    index: QueryIndex,
    f: HighlightFilter,
    options: ExportOptions,
    named: Iterable[str],
    start: tuple[str, str],
) -> ExportReport | None:
    """:func:`export_file_streamed` of the notebook at generation ``start``."""
    exporter = _exporter(options, None, Scope())
    plan = _Plan(index, f, named)
    if len(plan.order) == 1:
        return None  # one article is that article's own document, not a collection

    def pieces() -> Iterator[str]:
        for region in plan.head.regions:
            plan.keys.append(region.key)
        plan.regions += len(plan.head.regions)
        yield from document_pieces(plan.head)
        for _, article_id in plan.order:
            record, highlights = article_read(index, exporter, article_id,
                                              article_id in plan.saved, f)
            plan.highlights += len(highlights)
            # The article as a collection's part: its regions after the collection's header.
            regions = exporter.one_file([record], highlights, collection=True).regions[1:]
            plan.keys += [region.key for region in regions]
            plan.regions += len(regions)
            # Its regions as document_pieces writes them, after its front matter and "\n".
            yield from islice(document_pieces(Document("", {}, regions)), 2, None)
        settled(index, start)  # before the file is renamed into place

    if not path.exists():
        write_atomic(path, pieces())
        report = FileReport(path, "created", MergeReport(added=plan.keys))
        return ExportReport((report,), plan.articles, plan.highlights)
    try:
        with path.open("rb") as handle:
            same = _as_written(handle, pieces(), plan)
    except OSError:
        return None
    if not same:
        return None
    report = FileReport(path, "unchanged", MergeReport(unchanged=plan.keys))
    return ExportReport((report,), plan.articles, plan.highlights)


def _as_written(handle: BinaryIO, pieces: Iterator[str], plan: _Plan) -> bool:
    """Whether the file open at ``handle`` is exactly the export ``pieces`` render and reads
    back as its regions: :func:`~tui.core.export.merge.unchanged_as_written` of the whole
    document, checked as it is rendered, a piece at a time (the file is never read whole)."""
    if not unchanged_as_written(render_document(plan.head), plan.head):
        return False  # the front matter is not one Gloss's merge writes back as it is
    tail = ""
    try:
        for piece in pieces:
            if "\r" in piece:
                raise _Differs  # the whole way reads "\r\n" as a line end: let it decide
            # Marker-like lines in bodies make the whole way parse the file: counted across
            # the pieces' joins as in the whole text.
            plan.marks += piece.count(_MARK) + (tail + piece[: len(_MARK) - 1]).count(_MARK)
            tail = piece[-(len(_MARK) - 1):]
            data = piece.encode("utf-8")
            if handle.read(len(data)) != data:
                raise _Differs
    except _Differs:
        return False
    if handle.read(1):
        return False  # the file goes on
    if plan.marks != 2 * plan.regions:
        return False
    # Keys unique (ids are unique in the index, article and id keys differ) and each read
    # back as itself; as unchanged_as_written asks of them.
    keys = plan.keys
    if len(set(keys)) != len(keys):
        return False
    return all(" hash=" not in key and _KEY.fullmatch(key) for key in keys)


def article_read(
    index: QueryIndex, exporter: MarkdownExporter, article_id: str, saved: bool,
    f: HighlightFilter,
) -> tuple[SavedArticle, list[Highlight]]:
    """One article of a streamed export, read from the index: its record (a stand-in for an
    unsaved one a highlight still points to) and the highlights ``f`` chooses of it; its body
    is set as ``exporter``'s only one (saved_bodies' body, from the record in hand)."""
    record = index.article_record(article_id) if saved else None
    exporter.bodies = {}
    if record is None:
        record = SavedArticle(id=article_id, title="Unknown article", saved="")
    else:
        with contextlib.suppress(SnapshotMissing):
            exporter.bodies = {article_id: index.snapshots.get(record.snapshot)}
    return record, index.chosen_highlights(article_id, f)
