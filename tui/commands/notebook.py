"""`gloss notebook ACTION`: the notebook from the shell, for people and pipelines.

``list``, ``search``, ``tags`` and ``articles`` print one aligned line per item (``--json``:
a JSON array of records); ``backups``, ``repair`` and ``path`` are the way on when the
notebook was damaged.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from tui.commands import add_common, count
from tui.commands.format import (
    Columns,
    Parser,
    add_filters,
    add_read_only,
    color_type,
    day,
    filtering,
    highlight_record,
    notebook_path,
    one_line,
    open_notebook,
    open_reader,
    print_json,
    say,
    status_mark,
    table,
    tags_type,
    terminal_width,
)
from tui.commands.output import write_stdout, write_stdout_chunks
from tui.core.errors import UsageError
from tui.core.text import human_size, plural

if TYPE_CHECKING:
    from tui.core.model import Highlight
    from tui.core.notebook import Notebook, QueryIndex


_T = TypeVar("_T")


class _Line(Protocol):
    """What a line of `gloss notebook list` shows of a highlight: a
    :class:`~tui.core.model.Highlight`, or the index's lighter
    :class:`~tui.core.notebook.qindex.view.Listed`."""

    @property
    def id(self) -> str: ...
    @property
    def article_id(self) -> str: ...
    @property
    def created(self) -> str: ...
    @property
    def tags(self) -> tuple[str, ...]: ...
    @property
    def quote(self) -> str: ...


class _Action(Parser):
    """An action's parser, whose options are added the first time it parses or shows help:
    every action is named (with its summary) in `gloss notebook --help`, but only the one
    that runs needs its options, and building them all (and importing what their choices
    come from) was a good part of a quick command's start."""

    def __init__(self, *args: Any, options: Callable[[Parser], None], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._options: Callable[[Parser], None] | None = options

    def _complete(self) -> None:
        if self._options is not None:
            options, self._options = self._options, None
            options(self)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:  # type: ignore[override]
        self._complete()
        return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        self._complete()
        return super().format_usage()

    def format_help(self) -> str:
        self._complete()
        return super().format_help()


def build_parser() -> argparse.ArgumentParser:
    """Options of `gloss notebook` and its actions."""
    parser = Parser(
        prog="gloss notebook",
        description="List, search and look after the notebook of highlights.",
    )
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=_Action
    )

    def action(
        name: str,
        summary: str,
        more: Callable[[Parser], None] | None = None,
        *,
        reads: bool = True,
        json: bool = True,
    ) -> None:
        def options(sub: Parser) -> None:
            if json:
                sub.add_argument("--json", action="store_true", help="a JSON array of records")
            if reads:
                add_read_only(sub)
            add_common(sub)
            if more is not None:
                more(sub)

        actions.add_parser(name, help=summary, description=summary, options=options)

    def listing(sub: Parser) -> None:
        from tui.core.notebook import HighlightSort

        add_filters(sub)
        sub.add_argument(
            "--sort",
            choices=[s.value for s in HighlightSort],
            default=HighlightSort.NEWEST.value,
            help="order: newest (the default), oldest, edited, article or quote",
        )
        sub.add_argument("--limit", type=count, metavar="N", help="at most N highlights")

    def searching(sub: Parser) -> None:
        sub.add_argument("query", nargs="+", metavar="QUERY", help="the words to look for")
        listing(sub)

    def adopting(sub: Parser) -> None:
        sub.add_argument("id", metavar="ID", help="the highlight's id, or its first characters")

    def deleting(sub: Parser) -> None:
        sub.add_argument("ids", nargs="+", metavar="ID", help="a highlight's id or its start")

    def editing(sub: Parser) -> None:
        sub.add_argument("id", metavar="ID", help="the highlight's id, or its first characters")
        sub.add_argument("--tag", action="append", type=tags_type, default=[], metavar="TAG",
                         help="add a tag; repeat it, or give a comma list")
        sub.add_argument("--untag", action="append", type=tags_type, default=[], metavar="TAG",
                         help="remove a tag; repeat it, or give a comma list")
        sub.add_argument("--note", metavar="TEXT", help="the new note ('' clears it)")
        sub.add_argument("--color", type=color_type, metavar="COLOR",
                         help="yellow, green, blue, pink, purple, or 1-5")

    def forgetting(sub: Parser) -> None:
        sub.add_argument("articles", nargs="+", metavar="ARTICLE",
                         help="an article's id, the start of it, or its URL")

    action("list", "Highlights, newest first, one per line.", listing)
    action(
        "search",
        "Highlights whose quote, note or tags hold every word of QUERY (case and accents "
        "ignored).",
        searching,
    )
    action("tags", "Tags with how many highlights carry each, most used first.", add_filters)
    action("articles", "Saved articles, most recently saved first.")
    action("backups", "The notebook's daily backups, newest first.", reads=False)
    action(
        "repair",
        "Replace damaged notebook files by their latest readable backup; the damaged copies "
        "are kept aside.",
        reads=False,
        json=False,
    )
    action("path", "Print the notebook folder.", reads=False, json=False)
    action(
        "reindex",
        "Rebuild the notebook's query index (in the cache folder) from its files; deleting "
        "the index loses nothing, it is rebuilt when next needed.",
        reads=False,
        json=False,
    )
    action(
        "adopt",
        "Make the page's current wording a changed highlight's quote (see `gloss notebook "
        "list`: changed); print its id.",
        adopting,
        reads=False,
        json=False,
    )
    action(
        "delete", "Delete highlights by id (or their first characters); print each id.",
        deleting, reads=False, json=False,
    )
    action(
        "edit",
        "Change a highlight: add or remove tags, set its note or colour; print its id.",
        editing, reads=False, json=False,
    )
    action(
        "delete-article",
        "Delete saved articles and their highlights (by id, start of id, or URL); print "
        "each id.",
        forgetting, reads=False, json=False,
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """Run the chosen action."""
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "list": list_highlights,
        "search": list_highlights,
        "tags": list_tags,
        "articles": list_articles,
        "backups": list_backups,
        "repair": repair,
        "path": print_path,
        "reindex": reindex,
        "adopt": adopt_wording,
        "delete": delete_highlights,
        "edit": edit_highlight,
        "delete-article": delete_articles,
    }
    return handlers[args.action](args)


def list_highlights(args: argparse.Namespace) -> int:
    """`list` and `search`: the highlights the filters choose."""
    from tui.commands.format import highlight_filter
    from tui.core.notebook import HighlightSort, QueryIndex

    nb = open_reader(args)
    text = " ".join(getattr(args, "query", ()))
    query = highlight_filter(args, nb, text=text, sort=HighlightSort(args.sort), limit=args.limit)
    if args.json:
        # Streamed from the index: records are built and written a batch at a time.
        streamed = nb.iter_query(query) if isinstance(nb, QueryIndex) else nb.query(query)
        print_json(_records(nb, streamed))
        return 0
    listed: Callable[[], Iterable[_Line]]
    measured: Callable[[], Iterable[_Line]]
    if isinstance(nb, QueryIndex):  # fields read by SQLite: no record parsed whole
        listed = partial(nb.iter_listed, query)
        measured = partial(nb.iter_listed, query, placed=True)
    else:  # the notebook already holds every record: one list serves both passes
        found = nb.query(query)
        listed = measured = partial(iter, found)
    # Two passes over the chosen highlights, so that 200,000 of them are never held at
    # once (issue 19: every command within 150 MB): the first works out the quote marks
    # and the titles and measures the columns, the second writes the lines as it goes.
    columns = Columns(6, caps=(None, None, None, 20, 24))
    marks: dict[str, str] = {}  # only the quotes not on the page: few
    titles: dict[str, str] = {}
    rows = 0
    for batch in _batches(measured()):
        _mark(nb, batch, marks)
        for line in batch:
            columns.measure(_listing_row(nb, line, marks, titles, None))
        rows += len(batch)
    if not rows:
        say("no highlights match")
        return 0
    # No line shows more than the terminal's width: clean only what can be seen of a quote.
    seen = 4 * terminal_width()

    def lines() -> Iterator[str]:
        for batch in _batches(listed()):
            full = [_listing_row(nb, h, marks, titles, h.quote[:seen]) for h in batch]
            yield "".join(columns.lines(map(columns.cut, full), full))

    write_stdout_chunks(lines())
    return 0


def _mark(nb: Notebook | QueryIndex, batch: list[_Line], marks: dict[str, str]) -> None:
    """Put in ``marks`` the status mark of each quote of ``batch`` not on its page as saved
    (`changed`, `orphan`): worked out from the whole record, which only those need."""
    from tui.core.model import Highlight
    from tui.core.notebook import Listed
    from tui.core.orphans import quote_states

    found: list[Highlight] = []
    for line in batch:
        if isinstance(line, Highlight):
            found.append(line)
        elif isinstance(line, Listed) and not line.placed and (h := nb.highlight(line.id)):
            found.append(h)
    if found:
        states = quote_states(nb, found)
        marks.update((h.id, m) for h in found if (m := status_mark(states[h.id])))


def _batches(items: Iterable[_T], size: int = 1000) -> Iterator[list[_T]]:
    """``items`` a list of ``size`` at a time."""
    from itertools import islice

    chosen = iter(items)
    while batch := list(islice(chosen, size)):
        yield batch


def _listing_row(
    nb: Notebook | QueryIndex,
    h: _Line,
    marks: dict[str, str],
    titles: dict[str, str],
    quote: str | None,
) -> list[str]:
    """One line of `gloss notebook list`, as cells (``titles``: filled as articles come)."""
    title = titles.get(h.article_id)
    if title is None:
        article = nb.article(h.article_id)
        title = titles[h.article_id] = one_line(article.title) if article else h.article_id
    return [
        h.id[:8],
        marks.get(h.id, ""),  # changed, orphan: a column only when one is
        day(h.created),
        " ".join("#" + t for t in h.tags),
        title,
        "" if quote is None else one_line(quote),  # None: only measuring, not shown
    ]


def _records(
    nb: Notebook | QueryIndex, highlights: Iterable[Highlight], batch: int = 1000
) -> Iterator[dict[str, Any]]:
    """The ``--json`` record of each highlight, in order; quote states are worked out a
    batch at a time (an article's saved copy is read once per batch that needs it)."""
    from itertools import islice

    from tui.core.orphans import quote_states

    chosen = iter(highlights)
    while found := list(islice(chosen, batch)):
        states = quote_states(nb, found)
        for h in found:
            yield highlight_record(h, nb.article(h.article_id), states[h.id])


def list_tags(args: argparse.Namespace) -> int:
    """`tags`: each tag and how many highlights (of those the filters choose) carry it."""
    from tui.commands.format import highlight_filter

    nb = open_reader(args)
    tags = nb.tags(highlight_filter(args, nb) if filtering(args) else None)
    if args.json:
        print_json([{"tag": tag, "count": n} for tag, n in tags.items()])
        return 0
    if not tags:
        say("no tags")
        return 0
    write_stdout(table([[str(n), tag] for tag, n in tags.items()], right=(0,)))
    return 0


def list_articles(args: argparse.Namespace) -> int:
    """`articles`: saved articles with their highlight counts and reading progress."""
    nb = open_reader(args)
    counts = nb.highlight_counts()
    articles = nb.articles()
    if args.json:
        print_json([{**a.to_dict(), "highlights": counts.get(a.id, 0)} for a in articles])
        return 0
    if not articles:
        say("no saved articles")
        return 0
    rows = [
        [
            a.id[:8],
            day(a.saved),
            f"{round(a.progress * 100)}%",
            plural(counts.get(a.id, 0), "highlight"),
            one_line(a.site_name or ""),
            one_line(a.title),
        ]
        for a in articles
    ]
    write_stdout(table(rows, caps=(None, None, None, None, 24), right=(2, 3)))
    return 0



def list_backups(args: argparse.Namespace) -> int:
    """`backups`: the daily backups, newest first (they are what `repair` restores from)."""
    from tui.core.notebook import Notebook

    path = _existing(args)
    backups = Notebook.backups(path)
    sizes = [_size(b.path) for b in backups]
    if args.json:
        print_json([
            {"label": b.label, "path": str(b.path), "bytes": size}
            for b, size in zip(backups, sizes, strict=True)
        ])
        return 0
    if not backups:
        say(f"no backups in {path} yet (one is taken before the first change of each day)")
        return 0
    rows = [
        [b.label, human_size(size), str(b.path)] for b, size in zip(backups, sizes, strict=True)
    ]
    write_stdout(table(rows, right=(1,)))
    return 0


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def repair(args: argparse.Namespace) -> int:
    """`repair`: restore damaged files from backups and say what was done, file by file."""
    from tui.core.notebook import Notebook

    path = _existing(args)
    done = Notebook.repair(path)
    lines = [f"restored {file} from {source}" for file, source in done.restored]
    lines += [f"lost {file}: no backup holds a readable copy" for file in done.lost]
    lines.append(str(done))
    write_stdout("\n".join(lines) + "\n")
    return 0


def print_path(args: argparse.Namespace) -> int:
    """`path`: the notebook folder (whether or not anything was saved there yet)."""
    write_stdout(f"{notebook_path(args).absolute()}\n")
    return 0


def reindex(args: argparse.Namespace) -> int:
    """`reindex`: rebuild the query index whole; say where it is and how big."""
    import time

    from tui.commands.format import index_progress
    from tui.core.notebook import reindex as rebuild

    start = time.monotonic()
    index = rebuild(notebook_path(args), progress=index_progress())
    seconds = time.monotonic() - start
    say(f"indexed the notebook in {seconds:.1f} s: {index} ({human_size(_size(index))})")
    return 0


def _existing(args: argparse.Namespace) -> Path:
    from tui.core.notebook import NotebookError

    path = notebook_path(args)
    if not path.is_dir():
        raise NotebookError(f"no notebook at {path} (nothing saved there yet)")
    return path


def adopt_wording(args: argparse.Namespace) -> int:
    """`adopt ID`: the changed highlight quotes the page as it reads now."""
    from tui.core.orphans import adopt_wording as adopt

    nb = open_notebook(args, write=True)
    h = adopt(nb, _one_highlight(nb, args.id))
    write_stdout(h.id + "\n")
    say(f"highlight {h.id[:8]} now quotes the page's wording: “{one_line(h.quote)}”")
    return 0


def _one_highlight(nb: Notebook, spec: str) -> Highlight:
    """The one highlight whose id is ``spec`` or starts so; UsageError otherwise."""
    found = nb.highlight(spec)
    if found is not None:
        return found
    matches = [h for h in nb.highlights() if h.id.startswith(spec)] if spec else []
    if len(matches) != 1:
        what = "no highlight" if not matches else f"{len(matches)} highlights"
        raise UsageError(f"{what} with an id starting {spec!r}")
    return matches[0]


def delete_highlights(args: argparse.Namespace) -> int:
    """`delete ID...`: every id is checked first, then all are deleted in one write."""
    nb = open_notebook(args, write=True)
    chosen = list(dict.fromkeys(_one_highlight(nb, spec).id for spec in args.ids))
    with nb.batch():
        for hid in chosen:
            nb.delete_highlight(hid)
    write_stdout("".join(hid + "\n" for hid in chosen))
    say(f"deleted {plural(len(chosen), 'highlight')}")
    return 0


def edit_highlight(args: argparse.Namespace) -> int:
    """`edit ID`: tags added and removed, note and colour, applied as one edit."""
    from tui.core.model import now_iso
    from tui.core.notebook import Edit

    add = tuple(t for group in args.tag for t in group)
    remove = tuple(t for group in args.untag for t in group)
    if not (add or remove or args.note is not None or args.color):
        raise UsageError("nothing to change: give --tag, --untag, --note or --color")
    nb = open_notebook(args, write=True)
    h = _one_highlight(nb, args.id)
    edit = Edit(
        add_tags=add,
        remove_tags=remove,
        note=args.note,
        color=args.color,
        seen_note=h.note if args.note is not None else None,
        seen_color=h.color if args.color else None,
        updated=now_iso(),
    )
    stored = nb.edit_highlight(h.id, edit)
    write_stdout(stored.id + "\n")
    return 0


def delete_articles(args: argparse.Namespace) -> int:
    """`delete-article ARTICLE...`: each article and its highlights, in one write."""
    from tui.commands.format import find_article

    nb = open_notebook(args, write=True)
    chosen = list(dict.fromkeys(find_article(nb, spec).id for spec in args.articles))
    with nb.batch():
        gone = [nb.delete_article(aid) for aid in chosen]
    write_stdout("".join(aid + "\n" for aid in chosen))
    count = sum(len(d.highlights) for d in gone)
    say(f"deleted {plural(len(chosen), 'article')} and {plural(count, 'highlight')}")
    return 0
