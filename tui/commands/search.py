"""`gloss search QUERY`: one search over everything the notebook keeps, ranked, with a
snippet around each hit (``--json``: a JSON array of hits). The query language is in the
README ("Searching") and :mod:`tui.core.search.parse`.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tui.commands import add_common, count
from tui.commands.format import (
    Parser,
    day,
    index_progress,
    notebook_path,
    one_line,
    open_notebook,
    print_json,
    say,
    table,
    terminal_width,
)
from tui.commands.output import write_stdout

if TYPE_CHECKING:
    from tui.core.search import Hit


class _SearchParser(Parser):
    """A `-word` in the query is a word to exclude, not an unknown option."""

    def parse_args(self, args: Sequence[str] | None = None, namespace: Any = None) -> Any:  # type: ignore[override]
        parsed, rest = self.parse_known_args(args, namespace)
        unknown = [a for a in rest if a.startswith("--")]
        if unknown:
            self.error(f"unrecognized arguments: {' '.join(unknown)}")
        parsed.query = [*(parsed.query or []), *rest]
        if not parsed.query:
            self.error("the following arguments are required: QUERY")
        return parsed


def build_parser() -> argparse.ArgumentParser:
    """Options of `gloss search`."""
    parser = _SearchParser(
        prog="gloss search",
        description="Search highlights, notes, tags, titles, authors, sites and the saved "
        'text of every article. QUERY: words (a word also finds longer words it begins), '
        '"exact phrase", -word, tag:T, site:S, author:A, in:notes|quotes|articles, '
        "after:DATE, before:DATE (the dates --since takes), is:orphan. Case and accents "
        "are ignored; every part must hold.",
    )
    parser.add_argument("query", nargs="*", metavar="QUERY", help="what to look for")
    parser.add_argument("--json", action="store_true", help="a JSON array of hits")
    parser.add_argument(
        "--limit", type=count, default=20, metavar="N", help="at most N hits (default: 20)"
    )
    add_common(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """Search, print the hits best first, and say how many there were in all."""
    from tui.core.notebook import NotebookError, NotebookLayout, open_index
    from tui.core.search import parse_query, search_index, search_notebook

    query = parse_query(" ".join(args.query))
    if query.empty:
        say("nothing to search for")
        return 0
    path = notebook_path(args)
    if not NotebookLayout(path).index.is_file():
        raise NotebookError(f"no notebook at {path} (nothing saved there yet)")
    index = open_index(path, progress=index_progress())
    if index is not None:
        with index:
            results = search_index(index, query, args.limit)
    else:
        results = search_notebook(open_notebook(args), query, args.limit)
    if args.json:
        print_json(hit.to_dict() for hit in results.hits)
        return 0
    if not results.hits:
        say("nothing matches")
        return 0
    seen = 2 * terminal_width()
    rows = [
        [
            hit.id[:8],
            "note" if hit.kind == "highlight" and _in_note(hit) else hit.kind[0:9],
            day(hit.date),
            one_line(hit.title),
            one_line(hit.snippet[:seen]),
        ]
        for hit in results.hits
    ]
    write_stdout(table(rows, caps=(None, None, None, 24)))
    if results.total > len(results.hits):
        say(f"{len(results.hits)} of {results.total} hits (--limit N for more)")
    return 0


def _in_note(hit: Hit) -> bool:
    # The highlight's note, from its stored record: no need to build the Highlight.
    note = hit.stored.get("note", "") if hit.stored else ""
    return bool(note and hit.snippet.strip("…") in note)
