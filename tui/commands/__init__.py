"""One module per `gloss` subcommand, each with `build_parser()` and `run(args) -> int`.

Adding a command: write the module, then name it in ``COMMANDS`` below. Handlers call
core (and the UI); they hold no logic of their own beyond turning results into output.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.core.fetch import Limits

# name -> module under tui.commands; imported only when that command runs, so that
# `gloss clean` never pays for importing Textual.
COMMANDS: dict[str, str] = {
    "clean": "clean",
    "highlight": "highlight",
    "notebook": "notebook",
    "export": "export",
    "import": "import_",
    "sync": "sync",
    "search": "search",
}


def add_fetch_options(parser: argparse.ArgumentParser) -> None:
    """Options that bound how a source is fetched."""
    parser.add_argument("--url", metavar="URL", help="base URL for HTML read from stdin")
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=30.0,
        metavar="SECONDS",
        help="give up on a page after this many seconds in all (default: 30)",
    )


def fetch_limits(args: argparse.Namespace) -> Limits:
    """The fetch limits the command line asked for."""
    from tui.core.fetch import Limits

    return Limits(deadline=args.timeout)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 3600 seconds")
    return value


def count(text: str) -> int:
    """An argparse type: a whole number from 1 up (``--limit N``)."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a number from 1 up: {text!r}")
    return int(text)


def add_common(parser: argparse.ArgumentParser, *, notebook: bool = True) -> None:
    """Options every command takes."""
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    if notebook:
        parser.add_argument(
            "--notebook",
            type=Path,
            metavar="PATH",
            help="notebook folder (default: the user data folder; env GLOSS_NOTEBOOK)",
        )
