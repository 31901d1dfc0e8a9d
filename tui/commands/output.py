"""Writing command output to stdout and stderr safely.

Everything the CLI prints goes through :func:`tui.core.text.untrusted.terminal_safe` here:
titles, notes and tags come from pages and files Gloss does not control, and a notebook may
have been written by hand, so no escape sequence or control character may reach a terminal
whatever was stored.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable


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


def write_stdout_chunks(chunks: Iterable[str]) -> None:
    """Write the concatenation of ``chunks`` as :func:`write_stdout` would write it whole,
    each chunk as it comes, so that a long output is never held in memory.

    Chunks are written as they are while none holds anything :func:`terminal_safe` would
    change; from the first that does, the rest is held and cleaned as one text, as the whole
    would have been (an escape sequence may run across chunks). Line breaks at the end of a
    chunk wait for the next, so that a run of them is never cut in two.
    """
    from tui.core.text import holds_controls, terminal_safe

    held: list[str] | None = None
    pending = ""  # line breaks ending the last chunk written
    out = sys.stdout
    try:
        for chunk in chunks:
            if held is not None:
                held.append(chunk)
            elif holds_controls(chunk):
                held = [pending, chunk]
            else:
                text = pending + chunk
                kept = text.rstrip("\n")
                pending = text[len(kept):]
                out.write(kept)
        out.write(pending if held is None else terminal_safe("".join(held)))
        out.flush()
    except BrokenPipeError:
        # As write_stdout: a closed pipe is not an error; nothing more is written.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
