"""Fetching many pages at once, politely: a bounded pool (``workers`` at a time), at most
``per_host`` at once on one site with ``delay`` seconds between starts there, each fetch
within the usual limits (tui.core.fetch). Each result is handed to ``on_result`` as soon as
it is in, so a caller can keep it at once: stopping (Ctrl-C) keeps everything finished.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from tui.core.errors import GlossError
from tui.core.extract import extract
from tui.core.fetch import DEFAULT_LIMITS, Limits, fetch_async
from tui.core.model import Article

WORKERS = 8
PER_HOST = 2
DELAY = 0.25  # seconds between two fetches starting on one host


@dataclass(frozen=True, slots=True)
class Fetched:
    """One page's outcome: its article, or the one-line reason it was not fetched."""

    article_id: str
    url: str
    article: Article | None
    error: str = ""


class _Hosts:
    """Per-host admission: a semaphore and the earliest time the next fetch may start."""

    def __init__(self, per_host: int, delay: float) -> None:
        self.per_host, self.delay = per_host, delay
        self.gates: dict[str, asyncio.Semaphore] = {}
        self.next_start: dict[str, float] = {}

    def gate(self, host: str) -> asyncio.Semaphore:
        return self.gates.setdefault(host, asyncio.Semaphore(self.per_host))

    async def wait_turn(self, host: str) -> None:
        now = time.monotonic()
        start = max(now, self.next_start.get(host, now))
        self.next_start[host] = start + self.delay
        if start > now:
            await asyncio.sleep(start - now)


async def fetch_all(
    jobs: Sequence[tuple[str, str]],
    on_result: Callable[[Fetched], None],
    *,
    limits: Limits = DEFAULT_LIMITS,
    workers: int = WORKERS,
    per_host: int = PER_HOST,
    delay: float = DELAY,
) -> None:
    """Fetch and clean each ``(article_id, url)``; ``on_result`` gets each outcome in the
    order they finish. Cancelling stops the fetches under way; finished ones were handed on."""
    pool = asyncio.Semaphore(max(1, workers))
    hosts = _Hosts(max(1, per_host), delay)
    pool_limits = httpx.Limits(max_connections=max(1, workers), max_keepalive_connections=workers)
    timeout = httpx.Timeout(limits.deadline, connect=min(limits.connect_timeout, limits.deadline))
    async with httpx.AsyncClient(
        timeout=timeout, limits=pool_limits, trust_env=True, follow_redirects=False,
    ) as client:  # fetch_async sets its own headers and timeouts on each request

        async def one(article_id: str, url: str) -> None:
            host = urlsplit(url).netloc.lower()  # a site: host and port
            async with hosts.gate(host):  # waiting for a host holds no place in the pool
                await hosts.wait_turn(host)
                async with pool:
                    try:
                        page = await fetch_async(url, limits=limits, client=client)
                    except GlossError as exc:
                        on_result(Fetched(article_id, url, None, exc.message))
                        return
            try:
                article = await asyncio.to_thread(
                    extract, page.html, page.url, source=url, content_type=page.content_type
                )
            except GlossError as exc:
                on_result(Fetched(article_id, url, None, exc.message))
                return
            on_result(Fetched(article_id, url, article))

        async with asyncio.TaskGroup() as group:
            for article_id, url in jobs:
                group.create_task(one(article_id, url))
