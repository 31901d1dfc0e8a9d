"""Importing other services' exports: Omnivore, Pocket, Readwise, Instapaper, Hypothesis,
Kindle, KOReader, and lists of URLs (plain, OPML, bookmarks).

Each format has one small pure parser to a common :class:`Record`; :func:`detect` tells the
format from the content; :func:`plan` turns records into notebook articles and highlights,
each quote placed in its article's text (or kept as an orphan, never dropped);
:func:`fetch_pages` fetches the pages still missing and places their quotes.

This face loads each satellite on first use of one of its names (PEP 562), as
tui.core.export's does: building `gloss import`'s options needs only :data:`FORMATS`, and the
fetching half brings httpx.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.faces import lazy_face

if TYPE_CHECKING:
    from tui.core.imports.bulk import Fetched, fetch_all
    from tui.core.imports.formats import FORMATS, W3C
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
    from tui.core.imports.reading import detect, detect_folder, read
    from tui.core.imports.record import ImportFileError, Parsed, Record
    from tui.core.imports.store import (
        FetchReport,
        apply,
        fetch_pages,
        keep_fetched,
        not_fetched,
        plan_for,
    )

__all__ = [
    "BOOK",
    "DUPLICATE",
    "EXACT",
    "FORMATS",
    "FUZZY",
    "NOT_FETCHED",
    "ORPHAN",
    "W3C",
    "FetchReport",
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
    "fetch_pages",
    "keep_fetched",
    "not_fetched",
    "place_in",
    "plan",
    "plan_for",
    "read",
]

_FROM: dict[str, tuple[str, ...]] = {
    "bulk": ("Fetched", "fetch_all"),
    "formats": ("FORMATS", "W3C"),
    "reading": ("detect", "detect_folder", "read"),
    "place": ("BOOK", "DUPLICATE", "EXACT", "FUZZY", "NOT_FETCHED", "ORPHAN", "Placed", "Plan",
              "place_in", "plan"),
    "record": ("ImportFileError", "Parsed", "Record"),
    "store": ("FetchReport", "apply", "fetch_pages", "keep_fetched", "not_fetched", "plan_for"),
}
if not TYPE_CHECKING:  # hidden from mypy, which would take any name of the face as Any
    __getattr__, __dir__ = lazy_face(__name__, _FROM, __all__)
