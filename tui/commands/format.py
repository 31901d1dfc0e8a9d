"""What the notebook commands share: one-line usage errors, opening the notebook, option
types, and output (aligned columns cut to the terminal, JSON records).

Human output is one line per item, cut to the terminal's width; ``--json`` output is a JSON
array (``[]`` when nothing matches, so a script can always parse it). Messages for people go
to stderr; stdout carries only results.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from tui.commands.output import write_stderr, write_stdout_chunks

if TYPE_CHECKING:
    from tui.core.anchor import QuoteState
    from tui.core.model import Highlight, SavedArticle
    from tui.core.notebook import HighlightFilter, Notebook, QueryIndex

FALLBACK_WIDTH = 100  # when stdout is not a terminal and COLUMNS is unset


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line, like every other Gloss error."""

    def error(self, message: str) -> NoReturn:
        from tui.core.text import terminal_safe

        line = terminal_safe(f"gloss: {message} (see '{self.prog} --help')", multiline=False)
        self.exit(2, line + "\n")


def say(message: str) -> None:
    """A line for the person at the terminal, on stderr (stdout is for results)."""
    write_stderr(f"gloss: {message}")


# -- option types -------------------------------------------------------------------------


def tags_type(text: str) -> tuple[str, ...]:
    """``--tag``: one tag or a comma list, normalised ('#Big Idea' is 'big-idea')."""
    from tui.core.model import normalize_tag

    tags = tuple(dict.fromkeys(t for t in map(normalize_tag, text.split(",")) if t))
    if not tags:
        raise argparse.ArgumentTypeError(f"not a tag: {text!r}")
    return tags


def flat(groups: Iterable[tuple[str, ...]] | None) -> tuple[str, ...]:
    """Repeated ``--tag`` values (each a tuple) as one de-duplicated tuple."""
    return tuple(dict.fromkeys(t for group in groups or () for t in group))


def color_type(text: str) -> str:
    """``--color``: a colour name, or 1-5 for the colours in order."""
    from tui.core.model import COLORS

    name = text.strip().lower()
    if name.isdigit() and 1 <= int(name) <= len(COLORS):
        return COLORS[int(name) - 1]
    if name not in COLORS:
        raise argparse.ArgumentTypeError(
            f"unknown colour {text!r} (one of {', '.join(COLORS)}, or 1-{len(COLORS)})"
        )
    return name


def date_type(text: str) -> str:
    """``--since``/``--until``: an ISO date at any precision (2026, 2026-03, 2026-03-05,
    2026-03-05T14:30), ``today``, ``yesterday``, or days/weeks ago (``7d``, ``2w``); UTC.
    """
    from tui.core.text import HINT, parse_day

    try:
        day = parse_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if day is None:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} ({HINT})")
    return day


# -- the notebook -------------------------------------------------------------------------


def add_read_only(parser: argparse.ArgumentParser) -> None:
    """``--read-only``, for commands that only read the notebook."""
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="never write to the notebook; a damaged file is read from its latest backup",
    )


def notebook_path(args: argparse.Namespace) -> Path:
    """The notebook folder asked for: --notebook, else $GLOSS_NOTEBOOK, else the default."""
    from tui.core.locations import default_notebook_path

    return args.notebook.expanduser() if args.notebook else default_notebook_path()


def open_notebook(args: argparse.Namespace, *, write: bool = False) -> Notebook:
    """The notebook, opened for the command.

    ``write=False`` (a command that only reads): a folder with no notebook in it is an error,
    not an empty listing, so a mistyped ``--notebook`` is noticed; ``--read-only`` opens a
    damaged notebook from its backups, with a warning per damaged file.
    """
    from tui.core.notebook import Notebook, NotebookError, NotebookLayout

    path = notebook_path(args)
    if not write and not NotebookLayout(path).index.is_file():
        if path.exists() and not path.is_dir():
            raise NotebookError(f"{path} is a file, not a notebook folder")
        raise NotebookError(f"no notebook at {path} (nothing saved there yet)")
    nb = Notebook.open(path, read_only=not write and getattr(args, "read_only", False))
    for problem in nb.problems:
        say(f"warning: {problem}")
    return nb


def open_reader(args: argparse.Namespace) -> Notebook | QueryIndex:
    """The notebook for a command that only reads: its query index when it can answer
    (built or caught up first, with progress on stderr when that takes a while), else the
    notebook itself, read whole, which reports damage, migrates, or undoes a cut-short write."""
    from tui.core.notebook import NotebookError, NotebookLayout, open_index

    path = notebook_path(args)
    if not NotebookLayout(path).index.is_file():
        if path.exists() and not path.is_dir():
            raise NotebookError(f"{path} is a file, not a notebook folder")
        raise NotebookError(f"no notebook at {path} (nothing saved there yet)")
    index = open_index(path, progress=index_progress())
    return index if index is not None else open_notebook(args)


def index_progress() -> Callable[[int, int], None]:
    """A progress line on stderr for an index (re)build, shown once it takes over a second:
    redrawn in place on a terminal, else one line at the start and one at the end."""
    import time

    start = time.monotonic()
    shown = -1
    live = sys.stderr.isatty()

    def show(done: int, total: int) -> None:
        nonlocal shown
        if done == shown or (shown < 0 and time.monotonic() - start < 1.0):
            return
        percent = 100 * done // max(total, 1)
        line = f"gloss: indexing the notebook: {percent}% ({done}/{total})"
        if live:
            sys.stderr.write("\r" + line + ("\n" if done >= total else ""))
        elif shown < 0 or done >= total:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()
        shown = done

    return show


def find_article(nb: Notebook | QueryIndex, spec: str) -> SavedArticle:
    """An article named on the command line: its id, a unique start of its id (as listed by
    ``gloss notebook articles``), its URL or canonical URL, or the path it was read from."""
    from tui.core.errors import GlossError, UsageError
    from tui.core.fetch import source_url
    from tui.core.notebook import NotInNotebook

    spec = spec.strip()
    record = nb.article(spec)
    if record is not None:
        return record
    if re.fullmatch(r"[0-9a-f]{4,15}", spec):
        found = [a for a in nb.articles() if a.id.startswith(spec)]
        if len(found) > 1:
            raise UsageError(f"the article id {spec} is ambiguous: {len(found)} articles start so")
        if found:
            return found[0]
    try:
        url = source_url(spec)
    except GlossError:  # a spec that is no source at all: reported as not found below
        url = None
    record = nb.find_article(url or spec)
    if record is None:
        raise NotInNotebook("article", spec)
    return record


# -- records ------------------------------------------------------------------------------


def highlight_record(
    h: Highlight, article: SavedArticle | None, state: QuoteState | None = None
) -> dict[str, Any]:
    """A highlight for ``--json``: its stored form, plus its quote, its article's title and
    URL, and what became of the quote in the saved text (``status``: ok, changed, orphan,
    unchecked; ``current_quote``: the page's wording when changed) at the top level, for jq."""
    if state is None:
        from tui.core.anchor import UNCHECKED, state_of

        state = (state_of(h, article.text_hash) if article else None) or UNCHECKED
    record = h.to_dict()
    record["quote"] = h.quote
    record["status"] = state.status.value
    record["current_quote"] = state.current
    record["article_title"] = article.title if article else None
    record["article_url"] = (article.canonical_url or article.url) if article else None
    return record


def status_mark(state: QuoteState) -> str:
    """The marker column of a highlight's line: empty when its quote is on the page."""
    return "" if state.status.value == "ok" else state.status.value


def print_json(records: Iterable[Any]) -> None:
    """A JSON array on stdout, one per call: the text ``json.dumps(list(records),
    ensure_ascii=False, indent=2)`` and a newline, written record by record as the records
    come (a long listing is never held whole, as a list or as text)."""
    write_stdout_chunks(json_chunks(records))


# Records written by the json module before orjson takes over: importing orjson (which brings
# dataclasses) costs more than a short listing takes to write.
QUICK_AFTER = 64


def json_chunks(records: Iterable[Any]) -> Iterator[str]:
    """The text of :func:`print_json`, in pieces: the array's opening with the first record,
    each further record with its comma, then the closing."""
    written = 0
    for record in records:
        if written < QUICK_AFTER:
            record_text = json.dumps(record, ensure_ascii=False, indent=2)
        else:
            record_text = indented_json(record)
        # Each record is indented one level more inside the array; a newline in JSON text is
        # always one of the indentation's (a string's own are escaped).
        text = "  " + record_text.replace("\n", "\n  ")
        yield ",\n" + text if written else "[\n" + text
        written += 1
    yield "\n]\n" if written else "[]\n"


def print_json_batches(batches: Iterable[tuple[list[Any], bool]]) -> None:
    """:func:`print_json` of the records of ``batches``, in order: the same text, each
    plain batch written by one call of orjson (`gloss notebook search --json`: tens of
    thousands of records). Each batch: (records, plain), see :func:`json_batch_chunks`."""
    write_stdout_chunks(json_batch_chunks(batches))


def json_batch_chunks(batches: Iterable[tuple[list[Any], bool]]) -> Iterator[str]:
    """The text of :func:`print_json_batches`, a piece per batch (as :func:`json_chunks`).
    ``plain``: the caller knows the records hold only what :func:`plain_json` allows (no
    float), so orjson writes them as the json module would; else each is checked."""
    written = False
    for batch, plain in batches:
        if batch:
            yield (",\n" if written else "[\n") + _batch_text(batch, plain)
            written = True
    yield "\n]\n" if written else "[]\n"


def _batch_text(batch: list[Any], plain: bool) -> str:
    """The records of ``batch`` as they stand inside :func:`print_json`'s array: each
    indented one level, joined by commas."""
    if plain and len(batch) > QUICK_AFTER:
        import orjson

        try:
            return orjson.dumps(batch, option=orjson.OPT_INDENT_2).decode("utf-8")[2:-2]
        except TypeError:  # JSONEncodeError: a whole number out of range, a lone surrogate
            pass
    return ",\n".join(["  " + indented_json(r).replace("\n", "\n  ") for r in batch])


def plain_json(value: Any) -> bool:
    """Whether ``value`` holds only what orjson writes as the json module does (strings,
    whole numbers, booleans, null, lists, dicts with string keys)."""
    return _plain(value)


def indented_json(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, by orjson where that gives the
    same text (strings, whole numbers, booleans, null, lists, dicts with string keys: some
    ten times quicker), else by the json module itself (floats, whose text orjson writes its
    own way, and anything else, which it may take where json refuses)."""
    if _plain(value):
        import orjson

        try:
            return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode("utf-8")
        except TypeError:  # JSONEncodeError: a lone surrogate, a structure nested too deep
            pass
    return json.dumps(value, ensure_ascii=False, indent=2)


_I64_MIN, _U64_MAX = -(2**63), 2**64 - 1  # the whole numbers orjson writes


def _plain(value: Any) -> bool:
    """Whether ``value`` holds only what orjson writes as the json module does."""
    kind = type(value)
    if kind is str or kind is bool or value is None:
        return True
    if kind is int:
        return _I64_MIN <= value <= _U64_MAX
    # Loops that settle strings on the spot: this runs over every value of a long listing.
    if kind is dict:
        for key, item in value.items():
            if type(key) is not str or (type(item) is not str and not _plain(item)):
                return False
        return True
    if kind is list:
        for item in value:  # noqa: SIM110  (a loop: quicker than all() over a generator)
            if type(item) is not str and not _plain(item):
                return False
        return True
    return False


# -- aligned lines ------------------------------------------------------------------------


def terminal_width() -> int:
    """Columns to fill: $COLUMNS, else the terminal's, else :data:`FALLBACK_WIDTH`."""
    import shutil  # only for aligned lines: --json output does without it

    return max(40, shutil.get_terminal_size((FALLBACK_WIDTH, 24)).columns)


def one_line(text: str) -> str:
    """``text`` safe for one terminal line: controls gone, whitespace runs as one space."""
    from tui.core.sanitize import clean_inline

    return clean_inline(text)


def table(
    rows: Sequence[Sequence[str]], *, caps: Sequence[int | None] = (), right: Sequence[int] = ()
) -> str:
    """Rows as aligned lines, two spaces between columns, fitting the terminal.

    Each column is as wide as its widest cell, cut at its cap (an empty column is left out);
    the last column (a quote, a title) takes what is left of the width and is not padded.
    """
    if not rows:
        return ""
    columns = Columns(len(rows[0]), caps)
    cut = [columns.measure(row) for row in rows]
    return "".join(columns.lines(cut, rows, right=right))


class Columns:
    """The widths of :func:`table`'s columns, measured row by row: a listing too long to hold
    (`gloss notebook list` at 200,000 highlights) is measured in one pass over its rows and
    written in a second, line for line as :func:`table` writes it whole."""

    def __init__(self, count: int, caps: Sequence[int | None] = ()) -> None:
        self.caps = [caps[col] if col < len(caps) else None for col in range(count - 1)]
        self.widths = [0] * (count - 1)
        self._memo: dict[tuple[int, str], str] = {}
        self._cells: dict[str, int] = {}  # widths of capped cells, by their cut text

    def cut(self, row: Sequence[str]) -> list[str]:
        """``row``'s cells but the last, cut at their columns' caps."""
        from tui.core.text import shorten  # the cell-width table: for tables only

        memo = self._memo  # capped cells repeat (a title, a set of tags): cut each once
        out = list(row[:-1])
        for col, cap in enumerate(self.caps):
            if cap:
                key = (col, out[col])
                got = memo.get(key)
                if got is None:
                    if len(memo) > 100_000:  # bounded: a listing of unique cells
                        memo.clear()
                        self._cells.clear()
                    got = memo[key] = shorten(out[col], cap)
                out[col] = got
        return out

    def measure(self, row: Sequence[str]) -> list[str]:
        """Widen the columns to fit ``row``; :meth:`cut` of it."""
        from tui.core.text import cells

        # Capped columns are cut first, so measuring them reads only what will be shown.
        cut = self.cut(row)
        widths, known = self.widths, self._cells
        for col, cell in enumerate(cut):
            width = known.get(cell)
            if width is None:
                width = cells(cell)
                if self.caps[col]:  # a repeating cell (see cut): measured once
                    known[cell] = width
            widths[col] = max(widths[col], width)
        return cut

    def lines(
        self,
        cut: Iterable[Sequence[str]],
        rows: Iterable[Sequence[str]],
        *,
        right: Sequence[int] = (),
    ) -> Iterator[str]:
        """Each row's line (with its newline); ``cut``: what :meth:`measure` gave for it."""
        from tui.core.text import pad, shorten

        widths = {col: width for col, width in enumerate(self.widths) if width}
        used = sum(widths.values()) + 2 * len(widths)
        last = max(20, terminal_width() - used)
        for cells_, row in zip(cut, rows, strict=True):
            shown = [pad(cells_[col], width, right=col in right) for col, width in widths.items()]
            shown.append(shorten(row[-1], last))
            yield "  ".join(shown).rstrip() + "\n"


def day(iso: str | None) -> str:
    """The date part of a stored time ('' for none)."""
    return (iso or "")[:10]


# -- which highlights ---------------------------------------------------------------------


def add_filters(parser: argparse.ArgumentParser) -> None:
    """The options that choose highlights, shared by `gloss notebook list` and `gloss export`."""
    group = parser.add_argument_group("which highlights (default: all)")
    group.add_argument(
        "--tag", action="append", type=tags_type, metavar="TAG",
        help="carrying this tag; repeat it (or give a comma list) for all of them",
    )
    group.add_argument(
        "--any-tag", action="append", type=tags_type, metavar="TAG",
        help="carrying at least one of these tags (repeat it, or give a comma list)",
    )
    group.add_argument(
        "--article", action="append", metavar="ARTICLE",
        help="of this article: its id (or the start of it), URL or file path; repeatable",
    )
    group.add_argument(
        "--color", action="append", type=color_type, metavar="COLOR",
        help="of this colour (repeat it for any of several)",
    )
    group.add_argument(
        "--since", type=date_type, metavar="DATE",
        help="made on or after DATE (2026-03-05, 2026-03, today, 7d; UTC)",
    )
    group.add_argument(
        "--until", type=date_type, metavar="DATE",
        help="made on or before DATE (inclusive: --until 2026-03 is up to the end of March)",
    )


def highlight_filter(
    args: argparse.Namespace, nb: Notebook | QueryIndex, **more: Any
) -> HighlightFilter:
    """The filter the options of :func:`add_filters` ask for (``more``: other fields)."""
    from tui.core.notebook import HighlightFilter

    articles = tuple(dict.fromkeys(find_article(nb, a).id for a in args.article or ()))
    return HighlightFilter(
        all_tags=flat(args.tag),
        any_tags=flat(args.any_tag),
        article_ids=articles,
        colors=tuple(dict.fromkeys(args.color or ())),
        since=args.since,
        until=args.until,
        **more,
    )


def filtering(args: argparse.Namespace) -> bool:
    """Whether any option of :func:`add_filters` was given."""
    names = ("tag", "any_tag", "article", "color", "since", "until")
    return any(getattr(args, name) for name in names)
