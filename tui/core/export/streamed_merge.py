"""A merge into a Markdown file Gloss wrote (and the user may have edited since), without
holding the file or the export whole: :func:`~tui.core.export.merge.merge_document`, the
same decisions in the same order, over two indexes on disk.

The file is mapped (mmap) and read once for its regions: each is a key, its recorded hash
and where its body lies (offsets), the text between them likewise. The export is rendered
an article at a time, as :mod:`tui.core.export.streamed` renders it, and each region's body
spooled to a temporary file: kept is its key, in Gloss's order, and where its body lies.
The merge then walks the file's pieces in order, reads each body back by its offsets when
it needs it, and writes the result to a temporary file beside the file, renamed into place
only if it differs (and if the notebook was read in one state: see
:func:`~tui.core.export.streamed.consistently`).

Only a plain case is taken: a UTF-8 file without a byte-order mark or "\\r" (the whole way
reads those as "\\n" and writes them back), whose markers and front matter parse, laid out
by article, merged with a collection of several articles. Anything else answers None and
the caller goes the whole way, which says what is wrong or merges it in memory.
"""

from __future__ import annotations

import codecs
import contextlib
import mmap
import os
import re
import shutil
import tempfile
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, cast

from tui.core.export.errors import MarkerError
from tui.core.export.exporter import (
    ExportOptions,
    ExportReport,
    FileReport,
    Scope,
    _exporter,
)
from tui.core.export.frontmatter import front_matter_lines, merge_front_matter
from tui.core.export.merge import (
    _MARKER_SCAN,
    MergeReport,
    Region,
    _Found,
    _merge_region,
    _Out,
    _region_text,
    normalize_body,
    parse_key,
)
from tui.core.export.streamed import _Plan, consistently, settled
from tui.core.export.streamed_folder import _IndexPresent
from tui.core.model import SavedArticle
from tui.core.notebook import SnapshotMissing

if TYPE_CHECKING:
    from collections.abc import Iterable

    from tui.core.notebook.qindex.view import QueryIndex
    from tui.core.notebook.query import HighlightFilter

_FENCE = re.compile(rb"^(?:---|\.\.\.)$", re.MULTILINE)
_OPEN = b"<!-- gloss:"
_BLOCK = 1 << 20


class _NotPlain(Exception):
    """Not a file this module merges as the whole way would: go the whole way."""


class _FileIndex:
    """The regions of a Gloss Markdown file, by offset: :func:`~tui.core.export.merge.
    parse_file` without the text. Pieces: a text run (key None) or a region (its key)."""

    def __init__(self, data: mmap.mmap | bytes) -> None:
        self.data = data
        size = len(data)
        # parse_file adds a newline to a text that does not end with one.
        self.extra = b"\n" if size and data[size - 1:size] != b"\n" else b""
        self.size = size + len(self.extra)
        self.front, self.start = self._front()
        self.keys: list[str | None] = []
        self.recorded: list[str | None] = []
        self.starts = array("q")
        self.ends = array("q")
        self._regions()

    def slice(self, start: int, end: int) -> str:
        data = self.data[start:min(end, len(self.data))]
        if end > len(self.data):
            data += self.extra[: end - len(self.data)]
        return data.decode("utf-8")

    def _front(self) -> tuple[list[str] | None, int]:
        """As merge._split_front_matter (a MarkerError: not plain)."""
        if self.data[:4] != b"---\n":
            return None, 0
        fence = _FENCE.search(self.data, 4)
        if fence is None:
            raise _NotPlain
        inside = self.slice(4, fence.start())
        lines = inside[:-1].split("\n") if inside else []
        return lines, min(self.size, fence.end() + 1)

    def _markers(self) -> Iterator[tuple[int, int, re.Match[str]]]:
        """(start, end of line, match) of each marker line from ``self.start`` on."""
        data, at = self.data, self.start
        while (at := data.find(_OPEN, at)) >= 0:
            if at and data[at - 1:at] != b"\n":
                at += 1
                continue
            end = data.find(b"\n", at)
            end = len(data) if end < 0 else end
            match = _MARKER_SCAN.fullmatch(data[at:end].decode("utf-8"))
            if match is not None:
                yield at, end, match
            at = end

    def _regions(self) -> None:
        """As merge._parse_regions: text and regions in order (broken markers: not plain)."""
        position = self.start
        opened: str | None = None
        recorded: str | None = None
        for at, end, match in self._markers():
            kind, tokens = match.groups()
            key, found, digest = tokens.rpartition(" hash=")
            if not found or " " in digest:
                key, digest = tokens, None
            if kind == "begin":
                if opened is not None:
                    raise _NotPlain
                self._add(None, None, position, at)
                opened, recorded = key, digest
            else:
                if opened is None or key != opened:
                    raise _NotPlain
                self._add(key, recorded, position, max(at, position))
                opened = None
            position = end + 1
        if opened is not None:
            raise _NotPlain
        self._add(None, None, min(position, self.size), self.size)

    def _add(self, key: str | None, recorded: str | None, start: int, end: int) -> None:
        self.keys.append(key)
        self.recorded.append(recorded)
        self.starts.append(start)
        self.ends.append(end)

    def piece(self, n: int) -> str:
        """Piece ``n``'s text (a region's body without its last newline, as parsed)."""
        text = self.slice(self.starts[n], self.ends[n])
        return text if self.keys[n] is None else text.removesuffix("\n")


class _Fresh:
    """The export's regions: keys in Gloss's order, bodies spooled to a temporary file."""

    def __init__(self) -> None:
        self.spool: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close())
        self.keys: list[str] = []
        self.at: dict[str, int] = {}
        self.offsets = array("q")
        self.lengths = array("q")
        self.end = 0

    def add(self, region: Region) -> None:
        data = region.body.encode("utf-8")
        self.at.setdefault(region.key, len(self.keys))
        self.keys.append(region.key)
        self.offsets.append(self.end)
        self.lengths.append(len(data))
        self.spool.write(data)
        self.end += len(data)

    def get(self, key: str) -> Region | None:
        """The region ``key``, as merge_document's ``fresh`` gives it (the first of its key:
        a dict built in order keeps the last; keys are unique in an export)."""
        n = self.at.get(key)
        if n is None:
            return None
        self.spool.seek(self.offsets[n])
        return Region(key, self.spool.read(self.lengths[n]).decode("utf-8"))

    def close(self) -> None:
        self.spool.close()


class _Sink:
    """:class:`~tui.core.export.merge._Out` writing to a file: the newlines ending what was
    written wait, so that the merge can still strip them (its ``rstrip("\\n")``)."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.pending = ""  # newlines at the end, not yet written
        self.tail = ""  # the last two characters written before them

    def write(self, piece: str) -> None:
        if not piece:
            return
        text = self.pending + piece
        kept = text.rstrip("\n")
        if kept:
            self.handle.write(kept)
            self.tail = (self.tail + kept)[-2:]
        self.pending = text[len(kept):]

    def ends_blank(self) -> bool:
        return (self.tail + self.pending)[-2:] == "\n\n"

    def strip(self) -> None:
        """What was written, without the newlines it ends with."""
        self.pending = ""


def merge_streamed(
    path: Path,
    index: QueryIndex,
    f: HighlightFilter,
    options: ExportOptions,
    named: Iterable[str] = (),
    *,
    overwrite_edits: bool = False,
) -> ExportReport | None:
    """Export the highlights ``f`` chooses (and the ``named`` articles) into the Gloss
    Markdown file ``path``, merging as :func:`~tui.core.export.exporter.export_file` does;
    None when this is not a plain case (see the module): nothing was written then."""
    exporter = _exporter(options, None, Scope())
    if options.format != "markdown" or exporter.template.shipped != "article":
        return None
    if path.is_symlink() or not path.is_file():
        return None
    named = list(named)
    try:
        with path.open("rb") as handle:
            if os.fstat(handle.fileno()).st_size == 0:
                return None
            with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
                if data[:3] == codecs.BOM_UTF8 or data.find(b"\r") >= 0 or not _utf8(data):
                    return None
                try:
                    found = _FileIndex(data)
                except (_NotPlain, UnicodeDecodeError):
                    return None
                return consistently(index, lambda start: _merge(
                    path, found, index, f, options, named, overwrite_edits, start))
    except (OSError, ValueError):
        return None


def _utf8(data: mmap.mmap) -> bool:
    """Whether the whole file decodes as UTF-8 (else the whole way reads it as not Gloss's)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for at in range(0, len(data), _BLOCK):
            decoder.decode(data[at:at + _BLOCK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _merge(
    path: Path,
    found: _FileIndex,
    index: QueryIndex,
    f: HighlightFilter,
    options: ExportOptions,
    named: list[str],
    overwrite: bool,
    start: tuple[str, str],
) -> ExportReport | None:
    plan = _Plan(index, f, named)
    if len(plan.order) == 1:
        return None  # one article's own document: the whole way
    region_keys = {k for k in found.keys if k is not None}
    if not region_keys:
        return None  # no region: not a Gloss file
    for key in region_keys:
        if not (key.startswith("id=") and " " not in key):
            pairs = parse_key(key)
            if "tag" in pairs or "untagged" in pairs:
                return None  # laid out by tag: the whole way says so (or replaces it)
    fresh = _Fresh()
    try:
        _render(fresh, plan, index, f, options)
        settled(index, start)
        present = _IndexPresent(index)
        front = plan.head.front_matter
        assert front is not None
        # The keys the merge leaves as they are (outside this export's scope): their tags
        # go into the front matter, as the whole way's second merge puts them.
        outside: list[str] = []
        seen: set[str] = set()
        for maybe in found.keys:
            if maybe is None:
                continue
            if maybe not in fresh.at and maybe not in seen and present.keep(maybe):
                outside.append(maybe)
            seen.add(maybe)
        if outside:
            front = present.with_tags_of(outside, front)
        if found.front is not None:
            try:
                merged_front = merge_front_matter(found.front, front, str(path))
            except MarkerError:
                return None  # the whole way says so
            head = "\n".join(["---", *merged_front, "---"]) + "\n"
        else:
            head = "\n".join(front_matter_lines(front)) + "\n\n"
        report = MergeReport()
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                _walk(found, fresh, present, overwrite, _Sink(handle), report, head)
            same = _same_file(Path(tmp), path)
            settled(index, start)  # before the file is renamed into place
            if same:
                Path(tmp).unlink()
                file_report = FileReport(path, "unchanged", report)
            else:
                shutil.copymode(path, tmp)
                Path(tmp).replace(path)
                file_report = FileReport(path, "updated", report)
        except BaseException:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()
            raise
    finally:
        fresh.close()
    return ExportReport((file_report,), plan.articles, plan.highlights)


def _render(
    fresh: _Fresh, plan: _Plan, index: QueryIndex, f: HighlightFilter, options: ExportOptions
) -> None:
    """The export's regions into ``fresh``, an article at a time (as streamed.py renders)."""
    exporter = _exporter(options, None, Scope())
    for region in plan.head.regions:
        fresh.add(region)
    for _, article_id in plan.order:
        record = index.article_record(article_id) if article_id in plan.saved else None
        exporter.bodies = {}
        if record is None:
            record = SavedArticle(id=article_id, title="Unknown article", saved="")
        else:
            with contextlib.suppress(SnapshotMissing):
                exporter.bodies = {article_id: index.snapshots.get(record.snapshot)}
        highlights = index.chosen_highlights(article_id, f)
        plan.highlights += len(highlights)
        for region in exporter.one_file([record], highlights, collection=True).regions[1:]:
            fresh.add(region)


def _walk(
    found: _FileIndex,
    fresh: _Fresh,
    present: _IndexPresent,
    overwrite: bool,
    out: _Sink,
    report: MergeReport,
    head: str,
) -> None:
    """merge_document's walk over the file's pieces, written to ``out``."""
    keys = set(fresh.at)
    in_file = {k for k in found.keys if k is not None}
    before: dict[str | None, list[str]] = {}
    following: str | None = None
    for fresh_key in reversed(fresh.keys):
        if fresh_key in in_file:
            following = fresh_key
        else:
            before.setdefault(following, []).append(fresh_key)
    del in_file
    out.write(head)
    seen: set[str] = set()
    dropped = False
    sink = cast("_Out", out)
    for n, key in enumerate(found.keys):
        if key is None:
            text = found.piece(n)
            if dropped and text.startswith("\n") and out.ends_blank():
                text = text[1:]
            out.write(text)
            dropped = False
            continue
        if key not in seen:
            for new in reversed(before.pop(key, [])):
                region = fresh.get(new)
                assert region is not None
                out.write(_region_text(new, normalize_body(region.body)) + "\n")
                report.added.append(new)
        seg = _Found(key, found.recorded[n], found.piece(n))
        if key not in keys and key not in seen and present.keep(key):
            out.write(_region_text(key, seg.body.strip("\n"), seg.recorded or "none"))
            report.outside.append(key)
            seen.add(key)
            continue
        dropped = _merge_region(seg, fresh.get(key), key in seen, overwrite, sink, report)
        seen.add(key)
    rest = before.pop(None, [])
    if rest:
        out.strip()
        out.write("\n")
        for new in reversed(rest):
            region = fresh.get(new)
            assert region is not None
            out.write("\n" + _region_text(new, normalize_body(region.body)))
            report.added.append(new)
    out.strip()
    out.handle.write("\n")


def _same_file(a: Path, b: Path) -> bool:
    """Whether two files hold the same bytes (read a block at a time)."""
    with a.open("rb") as one, b.open("rb") as two:
        while True:
            x, y = one.read(_BLOCK), two.read(_BLOCK)
            if x != y:
                return False
            if not x:
                return True

