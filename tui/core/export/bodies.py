"""The saved texts an export needs, for the CLI and the app alike.

With an article's saved text, passage links land on the right words (a prefix when the quote's
first words occur earlier) and quotes keep the page's italics and bold; without it (an
imported article has no snapshot) a highlight is exported from its quote alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from tui.core.model import Article
from tui.core.notebook import Notebook, QueryIndex, SnapshotMissing


def saved_bodies(notebook: Notebook | QueryIndex, article_ids: Iterable[str]) -> dict[str, Article]:
    """The saved text of each article that has one, by article id."""
    bodies = {}
    for article_id in article_ids:
        try:
            bodies[article_id] = notebook.load_article(article_id)
        except SnapshotMissing:
            continue
    return bodies
