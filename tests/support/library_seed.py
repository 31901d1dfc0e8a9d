"""Notebooks for the library, notebook and export tests: real samples, real highlights.

``seed_notebook`` saves bundled sample pages the way the reader does (fetched from their
files, cleaned, saved) and adds highlights at known quotes, so tests can assert exact titles,
counts and tags. ``frozen_clock`` pins Gloss's clock, so saved dates are the same on every
run (snapshots).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support import paths
from tui.core.anchor.attach import describe
from tui.core.extract.pipeline import extract
from tui.core.fetch.source import fetch
from tui.core.model import highlight as highlight_module
from tui.core.model.article import Article
from tui.core.model.highlight import Highlight
from tui.core.model.records import SavedArticle
from tui.core.notebook.api import Notebook

ROOT = paths.ROOT
SAMPLES = ROOT / "samples"
FROZEN = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)


class _FrozenDatetime(datetime):
    """``datetime`` whose ``now`` is :data:`FROZEN` (what now_iso asks)."""

    @classmethod
    def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
        return FROZEN if tz is not None else FROZEN.replace(tzinfo=None)


@contextlib.contextmanager
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every ``now_iso()`` is 2026-03-14T09:30:00Z while this is open."""
    monkeypatch.setattr(highlight_module, "datetime", _FrozenDatetime)
    yield


def load_sample(name: str) -> Article:
    """A bundled sample, fetched from its file and cleaned as the reader would."""
    page = fetch(str(SAMPLES / name))
    return extract(page.html, page.url, source=page.source)


def quote(article: Article, text: str, occurrence: int = 0) -> tuple[int, int]:
    """Where ``text`` sits in the article's canonical text."""
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(text, start + 1)
    return start, start + len(text)


def mark(
    article: Article,
    record: SavedArticle,
    text: str,
    *,
    tags: tuple[str, ...] = (),
    color: str = "yellow",
    note: str = "",
    created: str = "2026-01-01T10:00:00Z",
) -> Highlight:
    """A highlight of ``text`` in ``article``."""
    start, end = quote(article, text)
    return Highlight(
        record.id,
        describe(article.text, start, end),
        tags=tags,
        color=color,
        note=note,
        created=created,
        updated=created,
    )


@dataclass
class Seeded:
    """A seeded notebook: its folder, records by sample name, articles, highlights."""

    path: Path
    records: dict[str, SavedArticle]
    articles: dict[str, Article]
    highlights: list[Highlight]

    def notebook(self) -> Notebook:
        """The notebook, opened again (as another process would see it)."""
        return Notebook.open(self.path)


SEED = "jessica-jones-season-2.html"
LONG = "long-read.html"
LIST = "listicle.html"
SHORT = "short.html"


def seed_notebook(path: Path, *, highlights: bool = True) -> Seeded:
    """Four samples saved, and six highlights over two of them."""
    notebook = Notebook.open(path)
    articles = {name: load_sample(name) for name in (SEED, LONG, LIST, SHORT)}
    records = {name: notebook.save_article(a) for name, a in articles.items()}
    made: list[Highlight] = []
    if highlights:
        seed, long = articles[SEED], articles[LONG]
        rs, rl = records[SEED], records[LONG]
        made = [
            mark(seed, rs, "Jessica Jones", tags=("marvel", "tv"), color="yellow",
                 created="2026-01-05T10:00:00Z"),
            mark(seed, rs, "The Defenders", tags=("marvel",), color="green",
                 note="Crossover timing.", created="2026-02-10T10:00:00Z"),
            mark(seed, rs, "Melissa Rosenberg", tags=("people",), color="blue",
                 created="2026-02-20T10:00:00Z"),
            mark(long, rl, long.blocks[1].text[:40], tags=("essay", "tv"), color="pink",
                 created="2026-03-01T10:00:00Z"),
            mark(long, rl, long.blocks[2].text[:30], color="purple",
                 created="2025-12-24T10:00:00Z"),
            mark(long, rl, long.blocks[3].text[:50], tags=("essay",), color="yellow",
                 note="Élan vital, again.", created="2026-03-10T10:00:00Z"),
        ]
        made = notebook.add_highlights(made)
    return Seeded(path, records, articles, made)
