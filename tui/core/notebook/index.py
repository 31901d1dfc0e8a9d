"""Every highlight in memory, with the lookups queries need: by id, by article, by tag, and
folded text for search. Built at open, kept in step with each write and each refresh.
"""

from __future__ import annotations

from collections.abc import Iterable

from tui.core.model import Highlight
from tui.core.notebook.query import searchable


class HighlightIndex:
    """Highlights by id and by article, tag -> ids, and each highlight's searchable text."""

    def __init__(self) -> None:
        self.by_id: dict[str, Highlight] = {}
        self.by_article: dict[str, dict[str, Highlight]] = {}
        self.by_tag: dict[str, set[str]] = {}
        self._folded: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self.by_id)

    def folded(self) -> dict[str, str]:
        """Id -> searchable text of every highlight, computed at the first search and kept.

        Folding 50,000 highlights takes a few hundred milliseconds, so it is not done at open
        when most sessions never search; afterwards only new or changed highlights are folded.
        """
        if len(self._folded) != len(self.by_id):
            for hid, h in self.by_id.items():
                if hid not in self._folded:
                    self._folded[hid] = searchable(h)
        return self._folded

    def add(self, h: Highlight) -> None:
        """Add ``h``, replacing any highlight with its id."""
        self.remove(h.id)
        self._insert(h, self.by_article.setdefault(h.article_id, {}))

    def _insert(self, h: Highlight, shard: dict[str, Highlight]) -> None:
        self.by_id[h.id] = h
        shard[h.id] = h
        by_tag = self.by_tag
        for tag in h.tags:
            ids = by_tag.get(tag)
            if ids is None:
                by_tag[tag] = {h.id}
            else:
                ids.add(h.id)

    def remove(self, highlight_id: str) -> Highlight | None:
        """Take out a highlight; return it (None if absent)."""
        h = self.by_id.pop(highlight_id, None)
        if h is None:
            return None
        self._folded.pop(highlight_id, None)
        shard = self.by_article.get(h.article_id)
        if shard is not None:
            shard.pop(highlight_id, None)
            if not shard:
                del self.by_article[h.article_id]
        for tag in h.tags:
            ids = self.by_tag.get(tag)
            if ids is not None:
                ids.discard(highlight_id)
                if not ids:
                    del self.by_tag[tag]
        return h

    def replace_article(self, article_id: str, highlights: Iterable[Highlight]) -> None:
        """Make the article's highlights exactly ``highlights`` (a reloaded shard)."""
        self.drop_article(article_id)
        shard = self.by_article.setdefault(article_id, {})
        for h in highlights:
            if h.id in self.by_id:  # filed under another article too: keep one copy
                self.remove(h.id)
            self._insert(h, shard)
        if not shard:
            del self.by_article[article_id]

    def drop_article(self, article_id: str) -> list[Highlight]:
        """Take out all the article's highlights; return them."""
        gone = list(self.by_article.get(article_id, {}).values())
        for h in gone:
            self.remove(h.id)
        return gone

    def of_article(self, article_id: str) -> list[Highlight]:
        """The article's highlights in reading order."""
        out = list(self.by_article.get(article_id, {}).values())
        out.sort(key=lambda h: (h.target.position.start, h.target.position.end, h.id))
        return out
