"""Planning an import against a notebook, and storing the plan all at once."""

from __future__ import annotations

from tui.core.errors import GlossError
from tui.core.imports.place import Plan, plan
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
            notebook.save_article(body)
        notebook.add_articles(plan.records)
        notebook.add_highlights(plan.highlights)
