"""The `gloss` command line: pick the command, run it, map errors to exit codes.

Every GlossError becomes one line on stderr and its exit code; any other exception is a
bug, reported in one line too unless --debug asks for the traceback.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from tui.commands import COMMANDS
from tui.commands.output import write_stderr
from tui.core.errors import GlossError
from tui.core.text import multi_line

EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in Gloss, not bad input
EXIT_INTERRUPTED = 130


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `gloss` and `python -m tui`; returns the exit code."""
    # Arguments are untrusted text like any other (a --note pasted from a page can hold an
    # escape sequence): cleaned once here, newlines and tabs kept (a --quote may span lines).
    argv = [multi_line(a) for a in (sys.argv[1:] if argv is None else argv)]
    name = argv[0] if argv and argv[0] in COMMANDS else None
    command = importlib.import_module(f"tui.commands.{COMMANDS[name] if name else 'read'}")
    args = command.build_parser().parse_args(argv[1:] if name else argv)
    debug = getattr(args, "debug", False)
    try:
        return command.run(args)
    except GlossError as exc:
        if debug:
            _print_traceback()
        write_stderr(f"gloss: {exc}")
        return exc.exit_code
    except KeyboardInterrupt:
        write_stderr("gloss: interrupted")
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug: still one line, unless asked for more
        if debug:
            _print_traceback()
        else:
            write_stderr(
                f"gloss: internal error: {type(exc).__name__}: {exc} "
                "(run with --debug for the traceback)"
            )
        return EXIT_INTERNAL


def _print_traceback() -> None:
    import traceback  # only with --debug: importing it costs every command's start

    traceback.print_exc()
