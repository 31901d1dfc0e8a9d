"""`gloss [SOURCE]`: open the reader."""

from __future__ import annotations

import argparse

from tui import __version__
from tui.commands import COMMANDS, add_common, add_fetch_options, fetch_limits


def build_parser() -> argparse.ArgumentParser:
    """Options of the bare `gloss` command; its help lists every subcommand."""
    lines = [
        "commands:",
        "  gloss [SOURCE]          read SOURCE (URL, file, file:// URL, or - for stdin)",
    ]
    for name in COMMANDS:
        lines.append(f"  gloss {name} ...")
    lines += ["", "Run 'gloss COMMAND --help' for a command's options."]
    parser = argparse.ArgumentParser(
        prog="gloss",
        description="Gloss: a terminal reader and review annotator.",
        epilog="\n".join(lines),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "source",
        nargs="?",
        metavar="SOURCE",
        help="URL, file path, file:// URL, or - to read HTML from stdin; without it, the "
        "library (or, with an empty notebook, the bundled sample article)",
    )
    add_fetch_options(parser)
    parser.add_argument("--version", action="version", version=f"gloss {__version__}")
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="open the notebook without writing to it (e.g. after it was damaged)",
    )
    add_common(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run the app until the user quits.

    What can be done before the screen is (notebook, source checks, stdin, and cleaning the
    page in a child process), and the UI is imported meanwhile.
    """
    from tui.ui.startup import pause_collector, resume_collector

    # The cycle collector waits until the first screen is painted (see tui.ui.startup).
    pause_collector()
    try:
        early = None
        if args.source is not None:
            from tui.core.background import clean_early

            # A local page starts cleaning now, before the notebook's machinery is imported.
            early = clean_early(args.source, args.url, limits=fetch_limits(args))
        from tui.core.loader import prepare_start

        start = prepare_start(
            args.source,
            args.url,
            args.notebook,
            read_only=args.read_only,
            limits=fetch_limits(args),
            early=early,
        )
        from tui.ui.app import run_app

        return run_app(start, debug=args.debug)
    finally:
        resume_collector(collect=False)  # an error before the app painted
