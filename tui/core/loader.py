"""Loading an article for the reader: fetch (async), then clean in a thread.

:func:`load_article` is the whole pipeline; :class:`ArticleLoader` is the one object the
app talks to. It keeps the last few articles so that going back is instant, and it is
where offline snapshots from the notebook will plug in.
"""

from __future__ import annotations

import asyncio
import io
from collections import OrderedDict
from typing import BinaryIO

from tui.core.article import Article
from tui.core.extract import extract
from tui.core.fetch import DEFAULT_LIMITS, Limits, fetch_async

CACHE_SIZE = 8


async def load_article(
    source: str,
    base_url: str | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
    stdin: BinaryIO | None = None,
) -> Article:
    """Fetch ``source`` and clean it; raises FetchError or ExtractError (one-line messages).

    Cleaning runs in a thread so the UI stays responsive; cancelling the awaiting task
    stops the fetch (the thread finishes on its own and its result is dropped).
    """
    page = await fetch_async(source, limits=limits, base_url=base_url, stdin=stdin)
    return await asyncio.to_thread(extract, page.html, page.url, source=page.source)


class ArticleLoader:
    """Loads articles for the reader, remembering the last few it loaded.

    ``stdin_data`` holds HTML read from standard input before the app took the terminal,
    so that ``-`` can be loaded (and reloaded) like any other source.
    """

    def __init__(
        self,
        *,
        limits: Limits = DEFAULT_LIMITS,
        stdin_data: bytes | None = None,
        cache_size: int = CACHE_SIZE,
    ) -> None:
        self.limits = limits
        self.stdin_data = stdin_data
        self._cache: OrderedDict[tuple[str, str | None], Article] = OrderedDict()
        self._cache_size = cache_size

    async def load(
        self, source: str, base_url: str | None = None, *, fresh: bool = False
    ) -> Article:
        """The article at ``source``; ``fresh`` skips the cache (a reload)."""
        key = (source, base_url)
        if not fresh and key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        stdin = None
        if source == "-" and self.stdin_data is not None:
            stdin = io.BytesIO(self.stdin_data)
        article = await load_article(source, base_url, limits=self.limits, stdin=stdin)
        self._cache[key] = article
        self._cache.move_to_end(key)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return article
