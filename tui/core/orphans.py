"""Orphans: highlights that no longer anchor in their article's saved text.

Only a highlight taken from another version of the text (its ``text_hash`` differs from the
article's) can be an orphan, so most of a notebook is settled without opening a single
article. The rest are placed against the saved copy, and the answer is kept per article
text, so asking again after a small change costs only what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tui.core.errors import GlossError
from tui.core.library import place
from tui.core.model.highlight import AnchorStatus, Highlight, Target
from tui.core.notebook.api import Notebook


@dataclass(frozen=True, slots=True)
class Orphans:
    """The orphaned highlights' ids, and the articles whose saved copy could not be read."""

    ids: frozenset[str]
    unreadable: tuple[str, ...] = ()
    checked: int = 0  # highlights that had to be placed against their article's text


class OrphanFinder:
    """Finds a notebook's orphans; keeps what it learnt for the next time it is asked.

    Thread-safe enough for one worker at a time: it reads the notebook through its API.
    """

    def __init__(self, notebook: Notebook) -> None:
        self.notebook = notebook
        # (article id, article text hash) -> highlight id -> (target placed, orphaned?)
        self._known: dict[tuple[str, str], dict[str, tuple[Target, bool]]] = {}

    def candidates(self) -> dict[str, list[Highlight]]:
        """Article id -> its highlights taken from another version of its text."""
        out: dict[str, list[Highlight]] = {}
        for record in self.notebook.articles():
            stale = [
                h for h in self.notebook.highlights(record.id)
                if h.target.text_hash != record.text_hash
            ]
            if stale:
                out[record.id] = stale
        return out

    def find(self, cancelled: Callable[[], bool] = lambda: False) -> Orphans:
        """Every orphan now; ``cancelled()`` is asked between articles to stop early."""
        ids: set[str] = set()
        unreadable: list[str] = []
        checked = 0
        for article_id, stale in self.candidates().items():
            if cancelled():
                break
            record = self.notebook.article(article_id)
            if record is None:
                continue
            known = self._known.setdefault((article_id, record.text_hash), {})
            todo = [h for h in stale if h.id not in known or known[h.id][0] != h.target]
            if todo:
                try:
                    article = self.notebook.load_article(article_id)
                except GlossError:
                    unreadable.append(article_id)
                    continue
                for placed in place(article, todo):
                    orphaned = placed.anchor.status is AnchorStatus.ORPHAN
                    known[placed.highlight.id] = (placed.highlight.target, orphaned)
                checked += len(todo)
            ids.update(h.id for h in stale if known[h.id][1])
        return Orphans(frozenset(ids), tuple(unreadable), checked)
