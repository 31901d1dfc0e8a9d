"""A merge into a Markdown file Gloss wrote (and the user may have edited since), without
holding the file or the export whole: :func:`~tui.core.export.merge.merge_document`, the
same decisions in the same order, over two indexes on disk.

The file is read once, a block of lines at a time, for its regions: each is a key, its recorded hash
and where its body lies (offsets), the text between them likewise (it is not mapped: mapped
pages would count in the process's memory). The export is rendered
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
import json
import os
import re
import shutil
import tempfile
from array import array
from pathlib import Path
from typing import IO, TYPE_CHECKING, cast

from tui.core.export.errors import MarkerError
from tui.core.export.exporter import (
    ExportOptions,
    ExportReport,
    FileReport,
    Scope,
    _exporter,
    with_tags,
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
from tui.core.export.streamed import _Plan, article_read, consistently, settled
from tui.core.export.streamed_folder import _IndexPresent

if TYPE_CHECKING:
    from collections.abc import Iterable

    from tui.core.notebook.qindex.view import QueryIndex
    from tui.core.notebook.query import HighlightFilter

_FENCE = re.compile(rb"^(?:---|\.\.\.)$", re.MULTILINE)
_LINE = re.compile(rb"^<!-- gloss:[^\n]*", re.MULTILINE)  # the lines that may be markers
_BLOCK = 1 << 20


class _NotPlain(Exception):
    """Not a file this module merges as the whole way would: go the whole way."""


_HEX = re.compile(r"[0-9a-f]{12}")


class _FileIndex:
    """The regions of a Gloss Markdown file, by offset: :func:`~tui.core.export.merge.
    parse_file` without the text, read a block at a time. Pieces: a text run (key None) or a
    region (its key). A body is read back with ``os.pread`` when asked for: the file is
    not mapped, whose pages would count in the process's memory.

    Per piece: its key (shared with the export's index, see :class:`_Fresh`), its offsets,
    and its recorded hash as a number (the usual 12 hex digits) or, unusual, in ``odd``.
    """

    def __init__(self, handle: IO[bytes]) -> None:
        self.fd = handle.fileno()
        self.keys: list[str | None] = []
        self.first: dict[str, int] = {}  # key -> its first piece
        self.hashes = array("q")  # -1: none recorded; -2: in odd
        self.odd: dict[int, str] = {}
        self.starts = array("q")
        self.ends = array("q")
        self.front: list[str] | None = None
        self.start = 0
        self.window = b""  # the file from window_at, as slice() last read it
        self.window_at = 0
        self._read(handle)

    def _read(self, handle: IO[bytes]) -> None:
        """As merge._split_front_matter and merge._parse_regions (a MarkerError, a "\r",
        a byte-order mark or bytes that are not UTF-8: not plain), a block of whole lines
        at a time: only the lines that start like a marker are decoded and matched."""
        decoder = codecs.getincrementaldecoder("utf-8")()
        at = 0  # where the block starts in the file
        carry = b""  # a line begun at the end of the last read
        first = True
        position = 0
        opened: str | None = None
        recorded: str | None = None
        last = b""
        while True:
            chunk = handle.read(_BLOCK)
            data = carry + chunk
            if chunk:
                cut = data.rfind(b"\n") + 1
                block, carry = data[:cut], data[cut:]
                if not block:
                    continue  # a line longer than a block: read on
            else:
                block, carry = data, b""
            if b"\r" in block:
                raise _NotPlain
            decoder.decode(block)  # raises UnicodeDecodeError
            scan = 0
            if first and block:
                first = False
                if block.startswith(codecs.BOM_UTF8):
                    raise _NotPlain
                if block.startswith(b"---\n"):
                    fence = _FENCE.search(block, 4)
                    if fence is None:
                        raise _NotPlain  # no closing fence (or a front matter of megabytes)
                    inside = block[4:fence.start()].decode("utf-8")
                    self.front = inside[:-1].split("\n") if inside else []
                    self.start = position = scan = fence.end() + 1
            for line in _LINE.finditer(block, scan):
                match = _MARKER_SCAN.fullmatch(line.group().decode("utf-8"))
                if match is None:
                    continue
                kind, tokens = match.groups()
                key, found, digest = tokens.rpartition(" hash=")
                if not found or " " in digest:
                    key, digest = tokens, None
                begins = at + line.start()
                if kind == "begin":
                    if opened is not None:
                        raise _NotPlain
                    self._add(None, None, position, begins)
                    opened, recorded = key, digest
                else:
                    if opened is None or key != opened:
                        raise _NotPlain
                    self._add(key, recorded, position, max(begins, position))
                    opened = None
                position = at + line.end() + 1
            at += len(block)
            if block:
                last = block
            if not chunk:
                break
        decoder.decode(b"", final=True)
        # parse_file adds a newline to a text that does not end with one.
        self.real = at
        self.size = at + (1 if last and not last.endswith(b"\n") else 0)
        self.start = min(self.start, self.size)
        if opened is not None:
            raise _NotPlain
        self._add(None, None, min(position, self.size), self.size)

    def _add(self, key: str | None, recorded: str | None, start: int, end: int) -> None:
        n = len(self.keys)
        if key is not None:
            self.first.setdefault(key, n)
        self.keys.append(key)
        if recorded is None:
            self.hashes.append(-1)
        elif _HEX.fullmatch(recorded):
            self.hashes.append(int(recorded, 16))
        else:
            self.hashes.append(-2)
            self.odd[n] = recorded
        self.starts.append(start)
        self.ends.append(end)

    def recorded(self, n: int) -> str | None:
        value = self.hashes[n]
        if value == -1:
            return None
        return self.odd[n] if value == -2 else f"{value:012x}"

    def slice(self, start: int, end: int) -> str:
        """The file's text from ``start`` to ``end`` (read a block at a time: the merge
        asks for its pieces in order)."""
        stop = min(end, self.real)
        data = b""
        if start < stop:
            window = self.window
            if not (self.window_at <= start and stop <= self.window_at + len(window)):
                window = self.window = os.pread(self.fd, max(_BLOCK, stop - start), start)
                self.window_at = start
            data = window[start - self.window_at:stop - self.window_at]
        if end > self.real:
            data += b"\n"
        return data.decode("utf-8")

    def piece(self, n: int) -> str:
        """Piece ``n``'s text (a region's body without its last newline, as parsed)."""
        text = self.slice(self.starts[n], self.ends[n])
        return text if self.keys[n] is None else text.removesuffix("\n")


class _Fresh:
    """The export's regions in Gloss's order, bodies spooled to a temporary file. A region
    the file has is kept as that piece's number (its key is the file's, not a copy); a new
    one by its key."""

    def __init__(self, found: _FileIndex) -> None:
        self.found = found
        self.spool: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close())
        self.order = array("q")  # >= 0: the file's piece; < 0: -1 - its place in new
        self.new: list[str] = []
        self.new_at: dict[str, int] = {}  # new key -> its region's number
        self.of_piece = array("q", [-1]) * len(found.keys)  # piece -> its region's number
        self.offsets = array("q")
        self.lengths = array("q")
        self.end = 0

    def add(self, region: Region) -> None:
        n = len(self.offsets)
        piece = self.found.first.get(region.key)
        if piece is not None:
            if self.of_piece[piece] < 0:  # keys are unique in an export: the first
                self.of_piece[piece] = n
            self.order.append(piece)
        else:
            self.new_at.setdefault(region.key, n)
            self.order.append(-1 - len(self.new))
            self.new.append(region.key)
        data = region.body.encode("utf-8")
        self.offsets.append(self.end)
        self.lengths.append(len(data))
        self.spool.write(data)
        self.end += len(data)

    def key(self, n: int) -> str:
        """The key of region ``n`` (in Gloss's order)."""
        value = self.order[n]
        key = self.found.keys[value] if value >= 0 else self.new[-1 - value]
        assert key is not None
        return key

    def number(self, key: str) -> int:
        """Region number of ``key`` (-1: not in the export)."""
        piece = self.found.first.get(key)
        if piece is not None:
            return self.of_piece[piece]
        return self.new_at.get(key, -1)

    def get(self, key: str) -> Region | None:
        """The region ``key``, as merge_document's ``fresh`` gives it."""
        n = self.number(key)
        if n < 0:
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
            try:
                found = _FileIndex(handle)
            except (_NotPlain, UnicodeDecodeError):
                return None
            if not found.first:
                return None  # no region: not a Gloss file (or only in the front matter)
            return consistently(index, lambda start: _merge(
                path, found, index, f, options, named, overwrite_edits, start))
    except OSError:
        return None


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
    for key in found.first:
        if not (key.startswith("id=") and " " not in key):
            pairs = parse_key(key)
            if "tag" in pairs or "untagged" in pairs:
                return None  # laid out by tag: the whole way says so (or replaces it)
    fresh = _Fresh(found)
    try:
        _render(fresh, plan, index, f, options)
        settled(index, start)
        front = plan.head.front_matter
        assert front is not None
        # The keys the merge leaves as they are (outside this export's scope): their tags
        # go into the front matter, as the whole way's second merge puts them.
        keep, raw = _outside(found, fresh, index)
        if any(keep):
            front = with_tags(raw, front)
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
                _walk(found, fresh, keep, overwrite, _Sink(handle), report, head)
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
        record, highlights = article_read(index, exporter, article_id,
                                          article_id in plan.saved, f)
        plan.highlights += len(highlights)
        for region in exporter.one_file([record], highlights, collection=True).regions[1:]:
            fresh.add(region)


def _outside(found: _FileIndex, fresh: _Fresh, index: QueryIndex) -> tuple[bytearray, set[str]]:
    """Which of the file's regions not in the export are still in the notebook (``keep``,
    by a key's first piece), and the tags of their highlights: what ``_Present.keep`` and
    ``with_tags_of`` answer, asked of the index 500 highlights at a time (one question per
    region cost more than the rest of a merge of a subset into 200,000 regions)."""
    present = _IndexPresent(index)
    keep = bytearray(len(found.keys))
    raw: set[str] = set()
    ids: dict[str, int] = {}  # highlight id -> its region's first piece, a chunk at a time

    def ask() -> None:
        rows = index.db.execute(
            "SELECT id, doc ->> '$.tags' FROM highlights WHERE id IN"
            f" ({','.join('?' * len(ids))})", list(ids))
        for hid, tags in rows:
            keep[ids[hid]] = 1
            raw.update(json.loads(tags or "[]"))
        ids.clear()

    for key, first in found.first.items():
        if fresh.number(key) >= 0:
            continue
        if key.startswith("id=") and " " not in key:  # most regions: a quote by article
            hid = parse_key(key)["id"] or ""
            if hid in ids:  # two keys spelling one id: asked one at a time
                keep[first] = present.keep(key)
                continue
            ids[hid] = first
            if len(ids) == 500:
                ask()
        elif present.keep(key):
            keep[first] = 1
            raw.update(present.tags_of.get(parse_key(key).get("id") or "", ()))
    if ids:
        ask()
    return keep, raw


def _walk(
    found: _FileIndex,
    fresh: _Fresh,
    keep: bytearray,
    overwrite: bool,
    out: _Sink,
    report: MergeReport,
    head: str,
) -> None:
    """merge_document's walk over the file's pieces, written to ``out``."""
    # Which file region each new region goes in front of: the next one, in Gloss's order,
    # that the file already has.
    before: dict[str | None, list[str]] = {}
    following: str | None = None
    for n in reversed(range(len(fresh.order))):
        key = fresh.key(n)
        if fresh.order[n] >= 0:
            following = key
        else:
            before.setdefault(following, []).append(key)
    out.write(head)
    seen = bytearray(len(found.keys))  # by a key's first piece: met already
    dropped = False
    sink = cast("_Out", out)
    for n, maybe in enumerate(found.keys):
        if maybe is None:
            text = found.piece(n)
            if dropped and text.startswith("\n") and out.ends_blank():
                text = text[1:]  # the blank line that separated a removed region
            out.write(text)
            dropped = False
            continue
        key = maybe
        first = found.first[key]
        if not seen[first]:
            for new in reversed(before.pop(key, [])):
                region = fresh.get(new)
                assert region is not None
                out.write(_region_text(new, normalize_body(region.body)) + "\n")
                report.added.append(new)
        seg = _Found(key, found.recorded(n), found.piece(n))
        number = fresh.number(key)
        if number < 0 and not seen[first] and keep[first]:
            out.write(_region_text(key, seg.body.strip("\n"), seg.recorded or "none"))
            report.outside.append(key)
            seen[first] = 1
            continue
        new_region = fresh.get(key) if number >= 0 else None
        dropped = _merge_region(seg, new_region, bool(seen[first]), overwrite, sink, report)
        seen[first] = 1
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

