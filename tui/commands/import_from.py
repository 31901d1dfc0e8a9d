"""`gloss import FILE_OR_FOLDER --from FORMAT`: other services' exports (Omnivore, Pocket,
Readwise, Instapaper, Hypothesis, Kindle, KOReader, URL lists, OPML, bookmarks).

Reading and placing is core's (tui.core.imports); this module only says what happened. Gloss's
own W3C JSON keeps its path in import_.py.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from tui.commands.format import say
from tui.commands.output import write_stdout
from tui.core.text import plural

if TYPE_CHECKING:
    from tui.core.imports import Plan


def add_options(parser: argparse.ArgumentParser) -> None:
    """The options `gloss import` gains for other formats."""
    from tui.core.imports import FORMATS

    parser.add_argument(
        "--from", dest="source_format", choices=FORMATS, metavar="FORMAT",
        help=f"the export's format, when it cannot be told from its content ({', '.join(FORMATS)})",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--no-fetch", action="store_true",
        help="do not fetch the pages of imported articles now (they are fetched when opened)",
    )


def handles(args: argparse.Namespace) -> str | None:
    """The format this module imports ``args.file`` as, or None for W3C JSON (and stdin)."""
    from tui.core.imports import W3C, detect

    if args.file == "-" or args.source_format == W3C:
        return None
    path = Path(args.file).expanduser()
    if not path.exists():
        return None  # the W3C path says so, in the words every command uses
    if path.is_dir() and args.source_format is None:
        from tui.core.imports import detect_folder

        # A folder that is no known export is refused as before ("is a folder").
        return detect_folder(path)
    fmt = args.source_format or detect(path)
    return None if fmt == W3C else fmt


def run(args: argparse.Namespace, fmt: str) -> int:
    """Read, plan, store (unless --dry-run), report."""
    from tui.commands.format import open_notebook
    from tui.core.imports import apply, plan_for, read

    parsed = read(Path(args.file).expanduser(), fmt)
    nb = open_notebook(args, write=True)  # nothing is written until something is stored
    plan = plan_for(nb, parsed)
    if not args.dry_run:
        apply(nb, plan)
    report(plan, dry_run=args.dry_run, as_json=args.json)
    return 0


def report(plan: Plan, *, dry_run: bool, as_json: bool) -> None:
    """The end-of-import report: a few lines on stderr, or JSON on stdout."""
    summary = plan.summary()
    if as_json:
        write_stdout(json.dumps(summary | {"dry_run": dry_run}, ensure_ascii=False, indent=2)
                     + "\n")
        return
    verb = "would add" if dry_run else "added"
    if not (plan.articles_added or plan.highlights or plan.pages_added):
        line = f"{plan.format}: nothing new to import"
        if summary["duplicates_skipped"]:
            known = plural(summary["duplicates_skipped"], "highlight")
            line += f"; {known} already in the notebook"
        say(line)
    else:
        say(
            f"{plan.format}: {verb} {plural(plan.articles_added, 'article')} and "
            f"{plural(len(plan.highlights), 'highlight')}"
        )
        parts = []
        if summary["placed_exactly"] or summary["placed_fuzzily"] or summary["orphaned"]:
            parts.append(
                f"placed {summary['placed_exactly']} exactly, {summary['placed_fuzzily']} "
                f"approximately; {summary['orphaned']} not found (kept as orphans)"
            )
        if summary["in_books"]:
            parts.append(f"{plural(summary['in_books'], 'highlight')} in books (no page)")
        if summary["waiting_for_page"]:
            parts.append(
                f"{plural(summary['waiting_for_page'], 'highlight')} placed when the page "
                "is fetched"
            )
        if parts:
            say("  " + "; ".join(parts))
        if summary["duplicates_skipped"]:
            say(f"  {plural(summary['duplicates_skipped'], 'duplicate')} skipped")
    for failure in summary["failed"]:
        say(f"  failed: {failure['what']}: {failure['reason']}")
