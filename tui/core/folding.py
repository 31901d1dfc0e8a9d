"""Text as Gloss compares it (:func:`fold`: case, accents and compatibility forms ignored) and
tags as Gloss stores them (:func:`normalize_tag`).

Pure functions on strings, in a module of their own: searching the index needs them at the
start of a command that builds no record, so they must come without the model.
"""

from __future__ import annotations

import re
import unicodedata

from tui.core.sanitize import strip_controls

_MARKS = re.compile("[\u0300-\u036f]+")  # combining diacritics: nearly every accent
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_RUNS: dict[str, str] = {}  # folded non-ASCII runs ("é", "ü"): natural text repeats them


def _fold_run(match: re.Match[str]) -> str:
    run = match.group()
    out = _RUNS.get(run)
    if out is None:
        out = _MARKS.sub("", unicodedata.normalize("NFKD", run.casefold()))
        if not out.isascii():
            out = "".join(c for c in out if not unicodedata.combining(c))
        if len(_RUNS) > 50_000:  # long runs of CJK text would grow it without end
            _RUNS.clear()
        _RUNS[run] = out
    return out


def fold(text: str) -> str:
    """``text`` for comparison: case folded, compatibility-decomposed, combining marks gone.

    Only non-ASCII runs need the slow Unicode work (casefold, NFKD, dropping marks); each
    is a per-character mapping, so folding runs one by one equals folding the whole.
    """
    if text.isascii():
        return text.lower()
    return _NON_ASCII.sub(_fold_run, text).lower()


def normalize_tag(tag: str) -> str:
    """A tag as stored: no leading '#', lower case, inner spaces as hyphens ('' if empty).

    Obsidian and most Markdown tools read ``#tag`` up to the first space and compare tags
    case-insensitively, so this is the one form that survives an export.
    """
    # Every tag, typed, configured or imported, passes here: controls and escapes go first.
    return "-".join(strip_controls(tag).strip().lstrip("#").lower().split())
