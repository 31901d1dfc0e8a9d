"""Importing other services' exports: Omnivore, Pocket, Readwise, Instapaper, Hypothesis,
Kindle, KOReader, and lists of URLs (plain, OPML, bookmarks).

Each format has one small pure parser to a common :class:`Record`; :func:`detect` tells the
format from the content; :func:`plan` turns records into notebook articles and highlights,
each quote placed in its article's text (or kept as an orphan, never dropped).
"""

from __future__ import annotations

from tui.core.imports.bulk import Fetched, fetch_all
from tui.core.imports.detect import FORMATS, W3C, detect, detect_folder, read
from tui.core.imports.place import (
    BOOK,
    DUPLICATE,
    EXACT,
    FUZZY,
    NOT_FETCHED,
    ORPHAN,
    Placed,
    Plan,
    place_in,
    plan,
)
from tui.core.imports.record import ImportFileError, Parsed, Record
from tui.core.imports.store import apply, keep_fetched, not_fetched, plan_for

__all__ = [
    "BOOK",
    "DUPLICATE",
    "EXACT",
    "FORMATS",
    "FUZZY",
    "NOT_FETCHED",
    "ORPHAN",
    "W3C",
    "Fetched",
    "ImportFileError",
    "Parsed",
    "Placed",
    "Plan",
    "Record",
    "apply",
    "detect",
    "detect_folder",
    "fetch_all",
    "keep_fetched",
    "not_fetched",
    "place_in",
    "plan",
    "plan_for",
    "read",
]
