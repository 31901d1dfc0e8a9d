"""A JSON export (W3C Web Annotations) from the query index, one article at a time.

:func:`~tui.core.export.annotations.dump_annotations` builds every annotation of the export
before it writes: at 200,000 highlights that held 1.4 GB. Here each article's highlights
are read, turned into annotations and written, one a line, to a spool file before the next.
The collection's id (and its page's) names every annotation at its version, and comes
first in the text: it is hashed as the lines are spooled, then the head is written, and
the spool copied after it.

The text is :func:`~tui.core.export.exporter.export_file`'s (and ``export_text``'s), byte
for byte: the same annotations, in the same order, in the same skeleton (tests hold the two
side by side). Exporting into a JSON file Gloss wrote keeps the annotations it holds beyond
this export's scope whose highlights the notebook still has, as the whole way does: the
file is read event by event (ijson) for its generator and its annotations' ids. A file that
is not plainly Gloss's (not JSON, another generator, a byte-order mark or "\\r\\n" line
ends) answers None: the caller goes the whole way, which decides what to do with it.

Nothing is visible until every read is done and found to be of one state of the notebook
(:func:`~tui.core.export.streamed.consistently`): a reading error leaves no file, and
nothing on stdout.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from tui.core.export.annotations import (
    ARTICLE_INDENT,
    ITEM_INDENT,
    _record,
    annotation,
    context_json,
    skeleton,
)
from tui.core.export.exporter import ExportReport, FileReport
from tui.core.export.files import write_atomic
from tui.core.export.markdown import sort_highlights
from tui.core.export.streamed import consistently, settled
from tui.core.model import Highlight, SavedArticle
from tui.core.w3c import GENERATOR, NAMESPACE, annotation_id

if TYPE_CHECKING:
    from tui.core.notebook.qindex.view import QueryIndex
    from tui.core.notebook.query import HighlightFilter

# Spool and file compared or copied this many characters (bytes) at a time.
_BLOCK = 1 << 20


class Rendered:
    """One JSON export rendered: its annotations spooled, its head known. :meth:`pieces`
    gives the text; close it (or use it as a context manager) to drop the spool."""

    def __init__(self, spool: IO[str], lines: list[str], total: int, digest: bytes,
                 articles: int, highlights: int) -> None:
        self.spool = spool
        self.lines = lines  # each saved article's record, as one JSON line
        self.total = total  # annotations in the spool
        self.articles = articles  # chosen articles (those kept from the file not counted)
        self.highlights = highlights  # chosen highlights (idem)
        collection = uuid.UUID(bytes=digest[:16], version=5)  # as uuid.uuid5 makes it
        self.collection_id = f"urn:uuid:{collection}"
        self.page_id = f"urn:uuid:{uuid.uuid5(collection, 'page 1')}"

    def pieces(self) -> Iterator[str]:
        """The export's text in pieces, as ``dump_annotations`` writes it whole."""
        around = skeleton(self.total, self.collection_id, self.page_id)
        yield around[0]
        yield context_json()
        yield around[1]
        if self.lines:
            yield "[\n" + ",\n".join(self.lines) + "\n" + ARTICLE_INDENT[:-2] + "]"
        else:
            yield "[]"
        yield around[2]
        if self.total:
            yield "[\n"
            self.spool.seek(0)
            while block := self.spool.read(_BLOCK):
                yield block
            yield "\n" + ITEM_INDENT[:-2] + "]"
            yield around[3]
        yield "\n"

    def close(self) -> None:
        """Drop the spool."""
        self.spool.close()

    def __enter__(self) -> Rendered:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def render_json(
    index: QueryIndex,
    f: HighlightFilter,
    named: Iterable[str] = (),
    in_file: set[str] | None = None,
    spool_dir: Path | None = None,
) -> Rendered:
    """The JSON export of the highlights ``f`` chooses (and the ``named`` articles), and of
    those the notebook still has whose annotation ids are ``in_file`` (a file's, kept);
    read as one state of the notebook. A failure to read is an :class:`ExportError`."""
    named = list(named)
    return consistently(
        index, lambda start: _render(index, f, named, in_file or set(), spool_dir, start)
    )


def _render(
    index: QueryIndex,
    f: HighlightFilter,
    named: list[str],
    in_file: set[str],
    spool_dir: Path | None,
    start: tuple[str, str],
) -> Rendered:
    saved, _ = index.chosen_articles(f, named)
    unsaved = index.unsaved_newest(f)
    chosen_count = len(saved)
    # The file's annotations beyond this export's scope, as the notebook has them now.
    extra: dict[str, list[str]] = {}  # article id -> highlight ids
    newest_extra: dict[str, tuple[str, str]] = {}
    if in_file:
        taken = index.chosen_ids(f)
        for hid, article_id, created in index.iter_placement():
            if hid not in taken and annotation_id(hid) in in_file:
                extra.setdefault(article_id, []).append(hid)
                newest_extra[article_id] = max(newest_extra.get(article_id, ("", "")),
                                               (created, hid))
        for found in index.articles_of(sorted(extra.keys() - saved.keys())):
            saved[found.id] = found.saved or ""
    # annotation_collection's order: saved articles by (saved, id); then the others as the
    # notebook's highlights (newest first) meet them, the chosen ones before those kept.
    order = sorted(saved, key=lambda i: (saved[i], i))
    order += sorted(unsaved, key=unsaved.__getitem__, reverse=True)
    others = {i: n for i, n in newest_extra.items() if i not in saved and i not in unsaved}
    order += sorted(others, key=others.__getitem__, reverse=True)
    # Closed by the Rendered it goes into, or below on failure.
    spool = tempfile.TemporaryFile("w+", encoding="utf-8", newline="", dir=spool_dir)  # noqa: SIM115
    try:
        sha1 = hashlib.sha1(NAMESPACE.bytes + b"collection\n", usedforsecurity=False)
        lines: list[str] = []
        total = highlights = 0
        for article_id in order:
            record: SavedArticle | None = None
            if article_id in saved:
                record = index.article_record(article_id)
                if record is not None:
                    lines.append(ARTICLE_INDENT + json.dumps(_record(record),
                                                             ensure_ascii=False))
            group: list[Highlight] = index.chosen_highlights(article_id, f)
            highlights += len(group)
            if article_id in extra:
                group += index.highlights_by_id(extra[article_id])
            parts = []
            for highlight in sort_highlights(group):
                item = annotation(highlight, record)
                name = f"{item['id']} {item.get('modified', item.get('created', ''))}"
                sha1.update((b"\n" if total else b"") + name.encode("utf-8"))
                parts.append((",\n" if total else "") + ITEM_INDENT
                             + json.dumps(item, ensure_ascii=False))
                total += 1
            spool.write("".join(parts))
        settled(index, start)  # before anything is made of it
        return Rendered(spool, lines, total, sha1.digest(), chosen_count, highlights)
    except BaseException:
        spool.close()
        raise


def export_json_streamed(
    path: Path,
    index: QueryIndex,
    f: HighlightFilter,
    named: Iterable[str] = (),
) -> ExportReport | None:
    """Export the highlights ``f`` chooses (and the ``named`` articles) into the JSON file
    ``path``, as :func:`~tui.core.export.exporter.export_file` does, reading the index one
    article at a time. None when this cannot be streamed (see the module): nothing was
    written then."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        return None  # the whole way says what to do with it
    from tui.core.notebook.query import HighlightFilter

    existing = path.exists()
    # The file's annotations matter only to an export of less than everything (else each
    # is in it, or deleted); then the file is read first, for them.
    ids = f != HighlightFilter()
    in_file: set[str] = set()
    if existing and ids:
        read = _read(path, ids=True)
        if read is None:
            return None
        in_file = read
    with render_json(index, f, named, in_file, path.parent) as rendered:
        if existing and _same(path, rendered.pieces()):
            # This very export, so Gloss's: no need to read it as JSON (the usual re-export).
            report = FileReport(path, "unchanged")
        elif existing and not ids and _read(path, ids=False) is None:
            return None
        else:
            write_atomic(path, rendered.pieces())
            report = FileReport(path, "updated" if existing else "created")
        return ExportReport((report,), rendered.articles, rendered.highlights)


def _read(path: Path, *, ids: bool) -> set[str] | None:
    """:func:`read_gloss_json` of the file at ``path`` (None if it cannot be read)."""
    try:
        with path.open("rb") as handle:
            return read_gloss_json(handle, ids=ids)
    except OSError:
        return None


def _same(path: Path, pieces: Iterator[str]) -> bool:
    """Whether the file at ``path`` holds exactly the text of ``pieces``."""
    try:
        with path.open("rb") as handle:
            for piece in pieces:
                data = piece.encode("utf-8")
                if handle.read(len(data)) != data:
                    return False
            return not handle.read(1)
    except OSError:
        return False


class _Watched:
    """A binary file as ijson reads it, watched for what the whole way reads otherwise: a
    byte-order mark (decoded away) and "\\r" (a "\\r\\n" file is compared as "\\n")."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.plain = True
        self.first = True

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        if self.first and data:
            self.first = False
            self.plain = not data.startswith(b"\xef\xbb\xbf")
        if b"\r" in data:
            self.plain = False
        return data


class _NotPlain(Exception):
    """The file is not one this module reads as the whole way would."""


def read_gloss_json(handle: IO[bytes], *, ids: bool) -> set[str] | None:
    """The annotation ids (if ``ids``, else none) of the Gloss JSON export open at
    ``handle``, read event by event; None when it is not plainly one (see the module).

    As :func:`~tui.core.export.files.is_gloss_json` and the whole way's reading of the ids,
    on the last of repeated keys (as ``json.loads`` keeps): a repeated "first" or "items"
    is not plain.
    """
    import ijson

    watched = _Watched(handle)
    name: object = None
    found: set[str] = set()
    current: object = None
    firsts = items = 0
    try:
        for prefix, event, value in ijson.parse(watched, use_float=True):
            if prefix == "" and event == "map_key":
                if value == "generator":
                    name = None
                elif value == "first":
                    firsts += 1
            elif prefix == "generator.name":
                name = value if event in ("string", "number", "boolean", "null") else ...
            elif prefix == "first" and event == "map_key" and value == "items":
                items += 1
            elif prefix == "first.items" and event == "start_map":
                raise _NotPlain  # the whole way finds no annotation in a map
            elif ids and prefix.startswith("first.items.item"):
                if prefix == "first.items.item":
                    if event == "start_map":
                        current = None
                    elif event == "end_map" and isinstance(current, str):
                        found.add(current)
                elif prefix == "first.items.item.id":
                    current = value if event == "string" else ...
    except (ijson.JSONError, _NotPlain, ValueError):
        return None
    if not watched.plain or firsts > 1 or items > 1 or name != GENERATOR["name"]:
        return None
    return found
