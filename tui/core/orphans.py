"""Orphans: highlights that no longer anchor in their article's saved text.

Only a highlight taken from another version of the text (its ``text_hash`` differs from the
article's) can be an orphan, so most of a notebook is settled without opening a single
article. The rest are placed against the saved copy, and the answer is kept per article
text, so asking again after a small change costs only what changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui.core.anchor import UNCHECKED, QuoteState, describe, state_of, states_in
from tui.core.errors import GlossError, UsageError
from tui.core.model import Highlight, Target

if TYPE_CHECKING:  # only its type: the quote states of a listing read from the index
    from tui.core.notebook import Notebook


@dataclass(frozen=True, slots=True)
class Orphans:
    """The orphaned highlights' ids, and the articles whose saved copy could not be read."""

    ids: frozenset[str]
    unreadable: tuple[str, ...] = ()
    checked: int = 0  # highlights that had to be placed against their article's text
    # Highlights whose passage is there but whose words the page changed: id -> its wording now
    changed: Mapping[str, str] = field(default_factory=dict)

    @property
    def flagged(self) -> frozenset[str]:
        """Orphans and changed quotes: what the notebook's "only flagged" filter keeps."""
        return self.ids | frozenset(self.changed)


CANDIDATE_BATCH = 1000  # articles asked about at once (10,000 articles: ten questions)


class OrphanFinder:
    """Finds a notebook's orphans; keeps what it learnt for the next time it is asked.

    Thread-safe enough for one worker at a time: it reads the notebook through its API.
    """

    def __init__(self, notebook: Notebook) -> None:
        self.notebook = notebook
        # (article id, article text hash) -> highlight id -> (target placed, its state)
        self._known: dict[tuple[str, str], dict[str, tuple[Target, QuoteState]]] = {}

    def candidates(self, cancelled: Callable[[], bool] = lambda: False
                   ) -> dict[str, list[Highlight]]:
        """Article id -> its highlights taken from another version of its text: asked of
        the notebook (its query index answers without reading every highlight), a batch of
        articles at a time, so other readers of a shared index get their turn between
        batches and ``cancelled()`` is heard."""
        out: dict[str, list[Highlight]] = {}
        ids = self.notebook.library_ids()
        for start in range(0, len(ids), CANDIDATE_BATCH):
            if cancelled():
                break
            out.update(self.notebook.unplaced(ids[start:start + CANDIDATE_BATCH]))
        return out

    def find(self, cancelled: Callable[[], bool] = lambda: False) -> Orphans:
        """Every orphan (and changed quote) now; ``cancelled()`` is asked between articles
        to stop early."""
        ids: set[str] = set()
        changed: dict[str, str] = {}
        unreadable: list[str] = []
        checked = 0
        for article_id, stale in self.candidates(cancelled).items():
            if cancelled():
                break
            record = self.notebook.article(article_id)
            if record is None:
                continue
            known = self._known.setdefault((article_id, record.text_hash), {})
            todo = []
            for h in stale:
                if h.id in known and known[h.id][0] == h.target:
                    continue
                stored = state_of(h, record.text_hash)
                if stored is not None:
                    known[h.id] = (h.target, stored)
                else:
                    todo.append(h)
            if todo:
                try:
                    article = self.notebook.load_article(article_id)
                except GlossError:
                    unreadable.append(article_id)
                    continue
                states = states_in(todo, article.text, article.text_hash)
                for h, state in zip(todo, states, strict=True):
                    known[h.id] = (h.target, state)
                checked += len(todo)
            for h in stale:
                state = known[h.id][1]
                if state.orphan:
                    ids.add(h.id)
                elif state.changed and state.current is not None:
                    changed[h.id] = state.current
        return Orphans(frozenset(ids), tuple(unreadable), checked, changed)


def quote_states(notebook: Notebook, highlights: Sequence[Highlight]) -> dict[str, QuoteState]:
    """Each highlight's :class:`QuoteState` in its article's saved text, by id: stored where
    known, else worked out from the saved copy (read once per article; nothing is written).
    A highlight whose article or copy cannot be read is ``unchecked``."""
    out: dict[str, QuoteState] = {}
    todo: dict[str, list[Highlight]] = {}
    hashes: dict[str, str | None] = {}
    for h in highlights:
        if h.article_id not in hashes:
            record = notebook.article(h.article_id)
            hashes[h.article_id] = record.text_hash if record is not None else None
        text_hash = hashes[h.article_id]
        state = None if text_hash is None else state_of(h, text_hash)
        if state is not None:
            out[h.id] = state
        elif text_hash is None:
            out[h.id] = UNCHECKED
        else:
            todo.setdefault(h.article_id, []).append(h)
    for article_id, stale in todo.items():
        try:
            article = notebook.load_article(article_id)
        except GlossError:
            out.update((h.id, UNCHECKED) for h in stale)
            continue
        for h, state in zip(stale, states_in(stale, article.text, article.text_hash), strict=True):
            out[h.id] = state
    return out


class NothingToAdopt(UsageError):
    """``adopt`` on a quote whose words the page has, or whose passage is gone."""


def adopt_wording(notebook: Notebook, highlight: Highlight) -> Highlight:
    """Make the page's current wording ``highlight``'s quote, as the user asked: an edit
    (``updated`` moves), the same id, tags, note and colour. Raises :class:`NothingToAdopt`
    if the page has the words as highlighted, or no longer has the passage."""
    record = notebook.article(highlight.article_id)
    if record is None:
        raise NothingToAdopt(f"nothing to adopt for highlight {highlight.id[:8]}: its "
                             "article is gone")
    state = quote_states(notebook, [highlight])[highlight.id]
    if state.orphan:
        why = "its passage is gone from the page"
    elif not state.changed:
        why = "the page has its words as highlighted"
    else:
        article = notebook.load_article(highlight.article_id)
        target = describe(article.text, state.start, state.end)
        return notebook.update_highlight(highlight.adopted(target))
    raise NothingToAdopt(f"nothing to adopt for highlight {highlight.id[:8]}: {why}")
