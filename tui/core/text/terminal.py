"""What leaves for a terminal, and command-line text coming in: controls and escape sequences
removed (:func:`terminal_safe`, :func:`multi_line`, :func:`one_line`).

Apart from :mod:`tui.core.text.untrusted` (which re-exports these) because every `gloss`
command needs them at start, and the record cleaning there needs the model, which a command
answering from the index does without.
"""

from __future__ import annotations

import re

from tui.core.sanitize import strip_controls

SPACES = re.compile(r"[ \t\n]+")
# A quick test that text holds nothing strip_controls would change (most text does not).
UNSAFE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b\u2028\u2029\u2060\ufeff\u202a-\u202e\u2066-\u2069]"
)


def holds_controls(text: str) -> bool:
    """Whether ``text`` holds anything :func:`terminal_safe` would remove or change."""
    return UNSAFE.search(text) is not None


def multi_line(text: str) -> str:
    """Text that may span lines (a note, a quote): controls gone, newlines and tabs kept."""
    return strip_controls(text) if UNSAFE.search(text) else text


def one_line(text: str) -> str:
    """A one-line field (title, byline, site, tag): controls gone, all whitespace one space."""
    return SPACES.sub(" ", strip_controls(text)).strip()


def terminal_safe(text: str, *, multiline: bool = True) -> str:
    """``text`` as it may be written to a terminal: no escape sequence, no C0/C1 control but
    newline and tab (none at all when not ``multiline``), no bidi override or isolate."""
    if UNSAFE.search(text):
        text = strip_controls(text)
    # strip_controls turns \r, \v, \f and the Unicode line separators into \n: nothing in a
    # terminal's output may move the cursor back to overwrite what was printed.
    return text if multiline else SPACES.sub(" ", text)
