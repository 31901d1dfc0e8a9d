"""Make untrusted page text safe to show in a terminal and to store.

Page text is data: a terminal escape sequence in it could retitle the terminal, move the
cursor or write to the clipboard, so every sequence and every other control character is
removed before the text reaches an Article.
"""

from __future__ import annotations

import re
import unicodedata

# ESC- and C1-introduced sequences are removed whole (not just their ESC), so that the
# payload of, say, an OSC title sequence does not show up as stray text either.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?     # CSI ... final byte
    | (?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])               # OSC, DCS, SOS, PM, APC ...
      [^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?                 # ... up to BEL or ST
    | \x1b[\x20-\x2f]*[\x30-\x7e]?                          # two- and three-byte escapes
    """,
    re.VERBOSE,
)
# Every C0 and C1 control, DEL, the bidi overrides/isolates that can make text render in an
# order other than the one it is stored in, and invisible characters that would split a word
# for search and anchoring (zero-width space, word joiner, soft hyphen, a stray BOM).
# ZWJ and ZWNJ stay: some scripts and emoji need them. Newline and tab: see the callers.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]"
)
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")
# Every character that any of the three patterns above can match or start a match with,
# but "\n": text without one of these comes out of strip_controls as it went in. (A run of
# newlines is rewritten as itself; every escape starts with ESC or a C1 control.)
_ANY_SPECIAL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b\u2028\u2029\u2060\ufeff"
    r"\u202a-\u202e\u2066-\u2069]"
)


def strip_controls(text: str) -> str:
    """Remove escape sequences and control characters, keeping newlines and tabs."""
    # Nearly all page text holds none of them: one scan instead of three rewrites (the
    # escape pattern alone scans slowly: ~90 ms of a 100,000-word page's clean). Every
    # special character is a control, a format character or a line or paragraph separator,
    # which isprintable() refuses; it lets through what the scan would (C speed).
    if text.isprintable() or not _ANY_SPECIAL.search(text):
        return text
    text = _LINE_BREAKS.sub(lambda m: "\n" * m.group().count("\n") or "\n", text)
    text = _ESCAPE_SEQUENCE.sub("", text)
    return _CONTROL.sub("", text)


def clean_inline(text: str) -> str:
    """Safe, NFC, single-spaced text for one line of prose (no newlines, no tabs)."""
    text = strip_controls(unicodedata.normalize("NFC", text))
    return " ".join(text.split())


def clean_preformatted(text: str, tab_size: int = 8) -> str:
    """Safe, NFC text for a code block: line structure kept, tabs expanded to the
    terminal's 8-column stops (code aligned for them stays aligned), ends trimmed."""
    text = strip_controls(unicodedata.normalize("NFC", text))
    lines = [line.expandtabs(tab_size).rstrip() for line in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)
