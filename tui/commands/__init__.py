"""One module per `gloss` subcommand, each with `build_parser()` and `run(args) -> int`.

Adding a command: write the module, then name it in ``COMMANDS`` below. Handlers call
core (and the UI); they hold no logic of their own beyond turning results into output.
"""

from __future__ import annotations

import argparse
from pathlib import Path

# name -> module under tui.commands; imported only when that command runs, so that
# `gloss clean` never pays for importing Textual.
COMMANDS: dict[str, str] = {
    "clean": "clean",
}


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
