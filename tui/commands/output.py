"""Writing command output to stdout and stderr safely.

Everything the CLI prints goes through :func:`tui.core.text.untrusted.terminal_safe` here:
titles, notes and tags come from pages and files Gloss does not control, and a notebook may
have been written by hand, so no escape sequence or control character may reach a terminal
whatever was stored.
"""

from __future__ import annotations

import os
import sys


def write_stdout(text: str) -> None:
    """Write to stdout; a closed pipe (`gloss clean x | head`) is not an error."""
    from tui.core.text import terminal_safe

    try:
        sys.stdout.write(terminal_safe(text))
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would complain again when flushing at exit; point stdout at nothing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def write_stderr(line: str) -> None:
    """One line for the person at the terminal, on stderr, made terminal-safe."""
    from tui.core.text import terminal_safe

    print(terminal_safe(line, multiline=False), file=sys.stderr)
