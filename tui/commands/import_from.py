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
    from tui.core.imports import FetchReport, Plan
    from tui.core.notebook import Notebook


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
    parser.add_argument(
        "--retry", action="store_true",
        help="fetch again every saved article whose page is not fetched yet (no FILE needed)",
    )
    parser.add_argument(
        "--workers", type=int, default=8, metavar="N",
        help="pages fetched at once (default 8; at most 2 at once from one site)",
    )
    parser.add_argument(
        "--delay", type=float, default=0.25, metavar="SECONDS",
        help="pause between two fetches from one site (default 0.25)",
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
    """Read, plan, store (unless --dry-run), fetch the pages still missing, report."""
    from tui.commands.format import open_notebook
    from tui.core.imports import apply, plan_for, read

    parsed = read(Path(args.file).expanduser(), fmt)
    nb = open_notebook(args, write=True)  # nothing is written until something is stored
    plan = plan_for(nb, parsed)
    fetched = None
    if not args.dry_run:
        apply(nb, plan)  # stored first: a failed or stopped fetch loses no quote
        if plan.to_fetch and not args.no_fetch:
            fetched = fetch_pages(nb, plan.to_fetch, workers=args.workers, delay=args.delay)
    report(plan, dry_run=args.dry_run, as_json=args.json, fetched=fetched)
    return 130 if fetched is not None and fetched.stopped else 0


def retry(args: argparse.Namespace) -> int:
    """`gloss import --retry`: fetch every article still without its page."""
    from tui.commands.format import open_notebook
    from tui.core.imports import not_fetched

    nb = open_notebook(args, write=True)
    jobs = not_fetched(nb)
    if args.dry_run or not jobs:
        say(f"{'would fetch' if jobs else 'nothing to fetch:'} "
            f"{plural(len(jobs), 'page') if jobs else 'every saved article has its page'}")
        return 0
    fetched = fetch_pages(nb, jobs, workers=args.workers, delay=args.delay)
    if args.json:
        write_stdout(json.dumps(fetched.summary(), ensure_ascii=False, indent=2) + "\n")
    else:
        _say_fetched(fetched)
    return 130 if fetched.stopped else 0


def fetch_pages(
    nb: Notebook, jobs: list[tuple[str, str]], *, workers: int, delay: float
) -> FetchReport:
    """Fetch ``jobs`` with a progress bar (shown once it takes over a second, on a terminal);
    pages are kept as they come in, so Ctrl-C keeps what finished."""
    import asyncio
    import sys
    import time

    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from tui.core import imports

    result = imports.FetchReport(len(jobs))
    progress = Progress(
        TextColumn("fetching"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} pages/s"), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty(),
    )
    task = progress.add_task("fetch", total=len(jobs), rate="0.0")
    begin = time.monotonic()

    def on_progress(report: FetchReport) -> None:
        elapsed = max(time.monotonic() - begin, 1e-6)
        rate = f"{report.finished / elapsed:.1f}"
        progress.update(task, completed=report.finished, rate=rate)

    async def main() -> None:
        shown = asyncio.get_running_loop().call_later(1.0, progress.start)  # quick: no bar
        try:
            await imports.fetch_pages(nb, jobs, result, on_progress, workers=workers,
                                      delay=max(0.0, delay))
        finally:
            shown.cancel()
            progress.stop()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        result.stopped = True
    return result


def report(
    plan: Plan, *, dry_run: bool, as_json: bool, fetched: FetchReport | None = None
) -> None:
    """The end-of-import report: a few lines on stderr, or JSON on stdout."""
    summary = plan.summary()
    if as_json:
        extra = {"dry_run": dry_run, "fetch": fetched.summary() if fetched else None}
        write_stdout(json.dumps(summary | extra, ensure_ascii=False, indent=2) + "\n")
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
            say("; ".join(parts))
        if summary["duplicates_skipped"]:
            say(f"{plural(summary['duplicates_skipped'], 'duplicate')} skipped")
    for failure in summary["failed"]:
        say(f"failed: {failure['what']}: {failure['reason']}")
    if dry_run and plan.to_fetch:
        say(f"would fetch {plural(len(plan.to_fetch), 'page')}")
    if fetched is not None:
        _say_fetched(fetched)


def _say_fetched(fetched: FetchReport) -> None:
    counts = fetched.summary()
    line = f"fetched {fetched.kept} of {plural(fetched.total, 'page')}"
    if fetched.outcomes:
        line += (
            f"; highlights in them placed {counts['placed_exactly']} exactly, "
            f"{counts['placed_fuzzily']} approximately; {counts['orphaned']} not found "
            "(kept as orphans)"
        )
    say(line)
    for url, why in fetched.failed:
        say(f"not fetched: {url}: {why}")
    left = fetched.total - fetched.kept - len(fetched.failed)
    if fetched.stopped:
        say(f"stopped: {plural(left, 'page')} left; run the same import again to resume")
    if fetched.failed or fetched.stopped:
        say("the articles not fetched are kept with their highlights: `gloss import --retry`")
