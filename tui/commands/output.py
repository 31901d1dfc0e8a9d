"""Writing command output to stdout safely."""

from __future__ import annotations

import os
import sys


def write_stdout(text: str) -> None:
    """Write to stdout; a closed pipe (`gloss clean x | head`) is not an error."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would complain again when flushing at exit; point stdout at nothing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
