"""The article's title and facts (byline, site, date, reading time) above the text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.core.model import Article
from tui.core.text import terminal_safe


def article_facts(article: Article) -> str:
    """``By Ada · Site · 2024-03-05 · 4 min read`` (only the parts the article has)."""
    parts = []
    byline, site = article.byline, article.site_name
    if byline and site and " ".join(byline.casefold().split()) == " ".join(
        site.casefold().split()
    ):
        byline = None  # "By BBC News · BBC News": the publisher, named once
    if byline:
        parts.append(byline if byline.lower().startswith("by ") else f"By {byline}")
    if site:
        parts.append(site)
    if article.published:
        parts.append(article.published[:10])  # the date; the time of day is noise here
    parts.append(f"{article.reading_minutes} min read")
    return " · ".join(parts)


class ArticleHeader(Vertical):
    """Two lines: the title, then the facts. Text is shown literally (never as markup)."""

    DEFAULT_CSS = """
    ArticleHeader {
        height: auto;
        dock: top;
        padding: 0 2;
        border-bottom: solid $primary 30%;
        background: $background;
        & > #title { text-style: bold; color: $primary; width: 100%; text-align: center; }
        & > #facts { color: $foreground 70%; width: 100%; text-align: center; }
    }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="title", markup=False)
        yield Static("", id="facts", markup=False)

    def show(self, article: Article | None, fallback: str = "Gloss") -> None:
        """Show ``article``'s title and facts (or just ``fallback`` when there is none)."""
        title = article.title if article else fallback
        facts = article_facts(article) if article else ""
        self.query_one("#title", Static).update(terminal_safe(title, multiline=False))
        self.query_one("#facts", Static).update(terminal_safe(facts, multiline=False))
