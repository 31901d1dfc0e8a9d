"""One search over the notebook: highlights, notes, tags, titles, authors, sites and the
saved text of every article, with a small query language (see :mod:`.parse`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.faces import lazy_face

if TYPE_CHECKING:
    from tui.core.search.match import scan
    from tui.core.search.parse import Query, QueryError, Term, parse_query, words
    from tui.core.search.run import Hit, Results, search_index, search_notebook

__all__ = [
    "Hit",
    "Query",
    "QueryError",
    "Results",
    "Term",
    "parse_query",
    "scan",
    "search_index",
    "search_notebook",
    "words",
]

# satellite -> the names this face takes from it (a lazy face, as tui.core.notebook's: the
# plain scan, for notebooks without an index and for tests, loads only when asked for)
_FROM: dict[str, tuple[str, ...]] = {
    "match": ("scan",),
    "parse": ("Query", "QueryError", "Term", "parse_query", "words"),
    "run": ("Hit", "Results", "search_index", "search_notebook"),
}
if not TYPE_CHECKING:  # hidden from mypy, which would take any name of the face as Any
    __getattr__, __dir__ = lazy_face(__name__, _FROM, __all__)
