"""Importing a sample export into a real notebook in a temporary folder, as `gloss import`
does (read, plan, store), for the per-format tests."""

from __future__ import annotations

from pathlib import Path

from tests.support import paths
from tui.core.imports import Plan, apply, plan_for, read
from tui.core.notebook import Notebook

DATA = paths.ROOT / "tests" / "data" / "imports"


def import_into(notebook: Path, source: Path, fmt: str | None = None) -> Plan:
    """Import ``source`` into the notebook at ``notebook``; the plan that was stored."""
    nb = Notebook.open(notebook)
    plan = plan_for(nb, read(source, fmt))
    apply(nb, plan)
    return plan


def quotes(notebook: Path) -> list[tuple[str, str, str, tuple[str, ...], str]]:
    """(article title, quote, note, tags, created) of every stored highlight, sorted."""
    nb = Notebook.open(notebook, read_only=True)
    titles = {a.id: a.title for a in nb.articles()}
    return sorted(
        (titles[h.article_id], h.quote, h.note, h.tags, h.created) for h in nb.highlights()
    )
