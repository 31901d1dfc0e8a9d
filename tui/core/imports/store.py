"""Planning an import against a notebook, and storing the plan all at once."""

from __future__ import annotations

from tui.core.errors import GlossError
from tui.core.imports.place import Plan, place_highlight, plan, with_id
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


def keep_fetched(notebook: Notebook, article_id: str, article: Article) -> list[str]:
    """Save a page fetched for imported article ``article_id`` and place the highlights that
    waited for it; the outcome of each (exact, fuzzy, orphan). One notebook batch."""
    article = with_id(article, article_id)
    outcomes = []
    with notebook.batch():
        notebook.save_article(article)
        for old in notebook.highlights(article_id):
            if old.target.text_hash or old.placement is not None:
                continue  # placed already (highlighted in the reader, or placed before)
            new, outcome = place_highlight(old, article)
            notebook.update_highlight(new, base=old)
            outcomes.append(outcome)
    return outcomes


def not_fetched(notebook: Notebook) -> list[tuple[str, str]]:
    """``(article id, url)`` of every article saved without its page: what ``--retry``
    fetches (imported ones whose fetch failed or was stopped)."""
    return [
        (record.id, record.url)
        for record in notebook.articles()
        if record.url and not record.snapshot and record.url.startswith(("http:", "https:"))
    ]


