"""`gloss highlight SOURCE --quote TEXT`: highlight a quote without the reader.

For scripts, newsboat macros and tests. The article opens through the notebook like in the
reader (a saved one offline, ``--refresh`` fetches it again); the quote is looked for in its
text ignoring whitespace and typography. stdout gets the highlight's id (or, with ``--json``,
its record); a one-line summary goes to stderr. Running the same command again does not
add a second highlight of the same passage: it adds the new tags to the one there.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import TYPE_CHECKING, Any

from tui.commands import add_common, add_fetch_options, fetch_limits
from tui.commands.format import (
    Parser,
    color_type,
    flat,
    highlight_record,
    open_notebook,
    say,
    shorten,
    tags_type,
)
from tui.commands.output import write_stdout
from tui.core.errors import UsageError

if TYPE_CHECKING:
    from tui.core.model.highlight import Highlight
    from tui.core.notebook.api import Notebook


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
    from tui.core.anchor.attach import describe, find_quote
    from tui.core.library import Library
    from tui.core.model.highlight import DEFAULT_COLOR, Highlight

    quote = _read_quote(args)
    tags = flat(args.tag)
    nb = open_notebook(args, write=True)
    library = Library(nb, limits=fetch_limits(args))
    stdin = sys.stdin.buffer if args.source == "-" else None
    opened = asyncio.run(library.open(args.source, args.url, refresh=args.refresh, stdin=stdin))
    if opened.summary is not None and not args.quiet:
        say(f"the article changed; its highlights were re-anchored: {opened.summary}")
    title = opened.record.title
    start, end = choose(find_quote(opened.article.text, quote), args.occurrence, title)
    same = [p.highlight for p in opened.placed if (p.anchor.start, p.anchor.end) == (start, end)]
    if same:
        h, message = _merge(nb, same[0], tags, args.note, args.color)
    else:
        h = nb.add_highlight(
            Highlight(
                article_id=opened.record.id,
                target=describe(opened.article.text, start, end),
                tags=tags,
                note=args.note,
                color=args.color or DEFAULT_COLOR,
            )
        )
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


def _merge(
    nb: Notebook, h: Highlight, tags: tuple[str, ...], note: str, color: str | None
) -> tuple[Highlight, str]:
    """The passage is highlighted already: add to that highlight rather than repeat it.

    New tags are added; a note fills an empty one (never replaces one); a colour replaces.
    """
    from tui.core.notebook.query import retag

    changes: dict[str, Any] = {}
    if retag(h.tags, tags) != h.tags:
        changes["tags"] = retag(h.tags, tags)
    if note and not h.note:
        changes["note"] = note
    if color and color != h.color:
        changes["color"] = color
    message = f"the passage was highlighted already ({h.id[:8]})"
    if changes:
        h = nb.update_highlight(h.edited(**changes), base=h)  # a change, merged on disk
        message += f"; changed its {', '.join(changes)}"
    else:
        message += "; nothing changed"
    if note and h.note != note:
        message += "; it has another note, kept"
    return h, message
