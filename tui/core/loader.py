"""Loading an article for the reader: through the notebook when there is one.

:class:`ArticleLoader` is the one object the app talks to. With a :class:`Library` it opens
saved articles offline and saves new ones (see :mod:`tui.core.library`); without one (tests,
a throwaway reader) it fetches and cleans, keeping the last few articles so going back is
instant. Either way the answer is an :class:`Opened`.
"""

from __future__ import annotations

import asyncio
import io
from collections import OrderedDict

from tui.core.fetch import DEFAULT_LIMITS, Limits
from tui.core.library import Library, Opened, fetch_and_clean
from tui.core.model import Article, SavedArticle

CACHE_SIZE = 8


class ArticleLoader:
    """Loads articles for the reader.

    ``stdin_data`` holds HTML read from standard input before the app took the terminal,
    so that ``-`` can be loaded (and reloaded) like any other source.
    """

    def __init__(
        self,
        *,
        limits: Limits = DEFAULT_LIMITS,
        stdin_data: bytes | None = None,
        cache_size: int = CACHE_SIZE,
        library: Library | None = None,
    ) -> None:
        self.limits = limits
        self.stdin_data = stdin_data
        self.library = library
        self._cache: OrderedDict[tuple[str, str | None], Article] = OrderedDict()
        self._cache_size = cache_size
        self._opened_first: dict[tuple[str, str | None], Opened] = {}

    def open_first(self, source: str, base_url: str | None = None) -> Opened:
        """Open the start source now, blocking, before any screen exists.

        A source that cannot be opened (a failed URL, empty stdin, a page with no article)
        raises its one-line error here, so the command line can report it and exit the same
        way it does for a missing file. The article is kept for the first :meth:`load`.
        """
        opened = asyncio.run(self.load(source, base_url))
        self._opened_first[(source, base_url)] = opened
        return opened

    async def load(
        self, source: str, base_url: str | None = None, *, fresh: bool = False
    ) -> Opened:
        """The article at ``source``; ``fresh`` fetches again (a reload)."""
        first = self._opened_first.pop((source, base_url), None)
        if first is not None and not fresh:
            return first
        stdin = None
        if source == "-" and self.stdin_data is not None:
            stdin = io.BytesIO(self.stdin_data)
        if self.library is not None:
            return await self.library.open(source, base_url, refresh=fresh, stdin=stdin)
        key = (source, base_url)
        if fresh or key not in self._cache:
            self._cache[key] = await fetch_and_clean(
                source, base_url, limits=self.limits, stdin=stdin
            )
        self._cache.move_to_end(key)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        article = self._cache[key]
        return Opened(SavedArticle.from_article(article), article, (), offline=False)
