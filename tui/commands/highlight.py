"""`gloss highlight SOURCE --quote TEXT`: highlight a quote without the reader.

For scripts, newsboat macros and tests. The article opens through the notebook like in the
reader (a saved one offline, ``--refresh`` fetches it again); the quote is looked for in its
text ignoring whitespace and typography. stdout gets the highlight's id (or, with ``--json``,
its record); a one-line summary goes to stderr. The highlight is made as the reader makes
one (:class:`tui.core.reader.highlights.Highlighter`), by the same rule for a passage
highlighted already: it is the same highlight, given the new tags, and the note and
colour if given.
"""

from __future__ import annotations

import argparse
import json
import sys

from tui.commands import add_common, add_fetch_options, fetch_limits
from tui.commands.format import (
    Parser,
    color_type,
    flat,
    highlight_record,
    open_notebook,
    say,
    tags_type,
)
from tui.commands.output import write_stdout
from tui.core import aio
from tui.core.errors import UsageError
from tui.core.text import shorten


class QuoteError(UsageError):
    """The quote is not in the article, or not only once and no --occurrence says which."""


def build_parser() -> argparse.ArgumentParser:
    """Options of `gloss highlight`."""
    parser = Parser(
        prog="gloss highlight",
        description="Highlight a quote of an article and save it in the notebook; print the "
        "highlight's id.",
    )
    parser.add_argument("source", metavar="SOURCE", help="URL, file path, file:// URL, or -")
    parser.add_argument(
        "--quote",
        required=True,
        metavar="TEXT",
        help="the text to highlight as it reads; spaces, line breaks, quote marks and dashes "
        "need not match (- reads it from stdin)",
    )
    parser.add_argument(
        "--occurrence",
        type=_positive,
        metavar="N",
        help="which one to highlight when the quote appears more than once (1 is the first)",
    )
    parser.add_argument(
        "--tag",
        action="append",
        type=tags_type,
        metavar="TAG",
        help="a tag; repeat it, or give a comma list",
    )
    parser.add_argument("--note", default="", metavar="TEXT", help="a note (Markdown)")
    parser.add_argument(
        "--color",
        type=color_type,
        metavar="COLOR",
        help="yellow (the default), green, blue, pink, purple, or 1-5",
    )
    parser.add_argument(
        "--refresh", action="store_true", help="fetch the article again even if it is saved"
    )
    parser.add_argument(
        "--json", action="store_true", help="print the highlight's record as JSON, not its id"
    )
    parser.add_argument("--quiet", action="store_true", help="no summary line on stderr")
    add_fetch_options(parser)
    add_common(parser)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a number from 1 up: {text!r}")
    return value


def run(args: argparse.Namespace) -> int:
    """Save the highlight; print its id or record."""
    from tui.core.anchor import find_quote
    from tui.core.library import Library
    from tui.core.reader import Highlighter

    quote = _read_quote(args)
    nb = open_notebook(args, write=True)
    library = Library(nb, limits=fetch_limits(args))
    stdin = sys.stdin.buffer if args.source == "-" else None
    opened = aio.run(library.open(args.source, args.url, refresh=args.refresh, stdin=stdin))
    if opened.summary is not None and not args.quiet:
        say(f"the article changed; its highlights were re-anchored: {opened.summary}")
    title = opened.record.title
    start, end = choose(find_quote(opened.article.text, quote), args.occurrence, title)
    done = Highlighter(nb).create(
        opened.record.id,
        opened.article.text,
        start,
        end,
        tags=flat(args.tag),
        note=args.note or None,
        color=args.color,
    )
    h = done.after
    if done.repeated:
        message = f"the passage was highlighted already ({h.id[:8]}); " + (
            f"changed its {', '.join(done.changed)}" if done.changed else "nothing changed"
        )
    else:
        message = f"saved highlight {h.id[:8]}: {end - start} characters of {_title(title)}"
        if h.tags:
            message += f"; tags: {', '.join(h.tags)}"
    if args.json:
        record = highlight_record(h, opened.record)
        write_stdout(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    else:
        write_stdout(h.id + "\n")
    if not args.quiet:
        say(message)
    return 0


def _read_quote(args: argparse.Namespace) -> str:
    quote = args.quote
    if quote == "-":
        if args.source == "-":
            raise UsageError("the article and the quote cannot both come from stdin")
        quote = sys.stdin.read()
    if not quote.strip():
        raise UsageError("the quote is empty")
    return quote


def choose(found: list[tuple[int, int]], occurrence: int | None, title: str) -> tuple[int, int]:
    """The one span to highlight among ``found``, or a QuoteError saying how to pick one."""
    where = f"in {_title(title)}"
    if not found:
        raise QuoteError(f"quote not found {where}")
    times = "once" if len(found) == 1 else f"{len(found)} times"
    if occurrence is None:
        if len(found) > 1:
            raise QuoteError(
                f"quote found {times} {where}; choose one with --occurrence 1..{len(found)}"
            )
        return found[0]
    if occurrence > len(found):
        choices = "" if len(found) == 1 else f" (1..{len(found)})"
        raise QuoteError(
            f"--occurrence {occurrence} is out of range: quote found {times} {where}{choices}"
        )
    return found[occurrence - 1]


def _title(title: str) -> str:
    return f'"{shorten(" ".join(title.split()), 60)}"'
