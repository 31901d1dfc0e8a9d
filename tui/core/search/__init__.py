"""One search over the notebook: highlights, notes, tags, titles, authors, sites and the
saved text of every article, with a small query language (see :mod:`.parse`)."""

from __future__ import annotations

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
