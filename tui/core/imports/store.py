"""Planning an import against a notebook, storing the plan all at once, and fetching and
keeping the pages its articles still lack."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tui.core.errors import GlossError
from tui.core.fetch import DEFAULT_LIMITS, Limits
from tui.core.imports.bulk import DELAY, WORKERS, Fetched, fetch_all
from tui.core.imports.place import EXACT, FUZZY, ORPHAN, Plan, place_highlight, plan, with_id
from tui.core.imports.record import Parsed
from tui.core.model import Article
from tui.core.notebook import Notebook


def plan_for(notebook: Notebook, parsed: Parsed) -> Plan:
    """What importing ``parsed`` would add to ``notebook`` (nothing is written)."""

    def saved_text(article_id: str) -> Article | None:
        try:
            return notebook.load_article(article_id)
        except (GlossError, OSError):
            return None  # unreadable: its quotes wait for the page, like a new article's

    return plan(
        parsed,
        article=notebook.article,
        saved_text=saved_text,
        has_highlight=lambda highlight_id: notebook.highlight(highlight_id) is not None,
    )


def apply(notebook: Notebook, plan: Plan) -> None:
    """Store ``plan``: all of it or, if anything fails, none of it (one notebook batch)."""
    if not (plan.records or plan.bodies or plan.highlights):
        return
    with notebook.batch():
        for body in plan.bodies:
            # A page the file kept: a new article records the import (one the notebook had
            # keeps its own record, where it came from included).
            notebook.save_article(body, imported_from=plan.format)
        notebook.add_articles(plan.records)
        notebook.add_highlights(plan.highlights)


def keep_fetched(notebook: Notebook, pages: Sequence[tuple[str, Article]]) -> list[str]:
    """Save pages fetched for imported articles (``(article id, article)``) and place the
    highlights that waited for them, all in one notebook batch; each highlight's outcome
    (exact, fuzzy, orphan)."""
    outcomes = []
    with notebook.batch():
        for article_id, fetched in pages:
            article = with_id(fetched, article_id)
            notebook.save_article(article)
            for old in notebook.highlights(article_id):
                if old.target.text_hash or old.placement is not None:
                    continue  # placed already (highlighted in the reader, or placed before)
                new, outcome = place_highlight(old, article)
                notebook.update_highlight(new, base=old)
                outcomes.append(outcome)
    return outcomes


@dataclass(slots=True)
class FetchReport:
    """What the fetching step did: pages kept, quotes placed in them, failures."""

    total: int
    kept: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, why)
    stopped: bool = False

    @property
    def finished(self) -> int:
        """Pages done, fetched or failed."""
        return self.kept + len(self.failed)

    def summary(self) -> dict[str, Any]:
        """JSON-ready counts."""
        return {
            "pages_to_fetch": self.total, "pages_fetched": self.kept,
            "placed_exactly": self.outcomes.get(EXACT, 0),
            "placed_fuzzily": self.outcomes.get(FUZZY, 0),
            "orphaned": self.outcomes.get(ORPHAN, 0),
            "not_fetched": [{"url": url, "reason": why} for url, why in self.failed],
            "stopped": self.stopped,
        }


# Fetched pages are kept in batches: one notebook commit (and its fsyncs) for many pages,
# written in a thread while the fetches go on. At most this long between two commits.
_KEEP_EVERY = 0.5


async def fetch_pages(
    notebook: Notebook,
    jobs: Sequence[tuple[str, str]],
    report: FetchReport,
    on_progress: Callable[[FetchReport], None] = lambda _: None,
    *,
    limits: Limits = DEFAULT_LIMITS,
    workers: int = WORKERS,
    delay: float = DELAY,
) -> None:
    """Fetch ``jobs`` (``(article id, url)``), keep each page and place its quotes, counting
    into ``report``. Cancelled (Ctrl-C), it keeps every page already fetched first."""
    pending: list[tuple[str, str, Article]] = []

    def keep(batch: list[tuple[str, str, Article]]) -> None:
        try:
            outcomes = keep_fetched(notebook, [(aid, article) for aid, _, article in batch])
        except GlossError as exc:
            report.failed += [(url, exc.message) for _, url, _ in batch]
        else:
            report.kept += len(batch)
            for outcome in outcomes:
                report.outcomes[outcome] = report.outcomes.get(outcome, 0) + 1
        on_progress(report)

    def on_result(done: Fetched) -> None:
        if done.article is None:
            report.failed.append((done.url, done.error))
            on_progress(report)
        else:
            pending.append((done.article_id, done.url, done.article))

    async def keeper() -> None:
        while True:
            await asyncio.sleep(_KEEP_EVERY)
            if pending:
                batch = pending[:]
                del pending[:]
                await asyncio.to_thread(keep, batch)

    task = asyncio.create_task(keeper())
    try:
        await fetch_all(jobs, on_result, limits=limits, workers=workers, delay=delay)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task  # asyncio.run waits for a batch still being written in its thread
        if pending:
            keep(pending[:])  # what finished before the end (or the Ctrl-C) is kept
            del pending[:]


def not_fetched(notebook: Notebook) -> list[tuple[str, str]]:
    """``(article id, url)`` of every article saved without its page: what ``--retry``
    fetches (imported ones whose fetch failed or was stopped)."""
    return [
        (record.id, record.url)
        for record in notebook.articles()
        if record.url and not record.snapshot and record.url.startswith(("http:", "https:"))
    ]


