"""OrphanFinder: which highlights no longer anchor in their article's saved text."""

from __future__ import annotations

from pathlib import Path

from tui.core.anchor.attach import describe
from tui.core.model.article import Article, Block, BlockKind
from tui.core.model.highlight import Highlight
from tui.core.notebook.api import Notebook
from tui.core.orphans import OrphanFinder

KEPT = "The committee met on Tuesday and agreed on the budget for the coming year."
CUT = "A second paragraph about the harbour, which the new version no longer has."
OTHER = "A third paragraph that stays in every version of the page, word for word."


def page(*paragraphs: str, url: str = "https://example.com/a") -> Article:
    blocks = tuple(Block(BlockKind.PARAGRAPH, p) for p in paragraphs)
    return Article(title="A page", blocks=blocks, url=url)


def highlight(article: Article, article_id: str, text: str) -> Highlight:
    start = article.text.index(text)
    return Highlight(article_id, describe(article.text, start, start + len(text)))


def test_only_highlights_whose_text_is_gone_are_orphans(tmp_path: Path) -> None:
    nb = Notebook.open(tmp_path / "nb")
    old = page(KEPT, CUT, OTHER)
    record = nb.save_article(old)
    kept, cut = highlight(old, record.id, KEPT), highlight(old, record.id, CUT)
    nb.add_highlights([kept, cut])
    finder = OrphanFinder(nb)
    assert finder.find().ids == frozenset()
    assert finder.candidates() == {}  # same text: nothing needs placing

    new = page(OTHER, KEPT)  # the harbour paragraph is gone, the rest moved
    nb.save_article(new)
    found = finder.find()
    assert found.ids == frozenset({cut.id})
    assert found.checked == 2 and found.unreadable == ()
    # Asked again: known answers are kept, nothing is placed again.
    assert finder.find().checked == 0
    late = highlight(old, record.id, OTHER)
    nb.add_highlight(late)
    again = finder.find()
    assert again.ids == frozenset({cut.id}) and again.checked == 1


def test_articles_without_stale_highlights_are_not_opened(tmp_path: Path) -> None:
    nb = Notebook.open(tmp_path / "nb")
    a = page(KEPT, url="https://example.com/a")
    b = page(CUT, url="https://example.com/b")
    ra, rb = nb.save_article(a), nb.save_article(b)
    nb.add_highlights([highlight(a, ra.id, KEPT), highlight(b, rb.id, CUT)])
    nb.save_article(page(OTHER, url="https://example.com/b"))
    # a's snapshot is gone: had the finder opened it, a would be listed unreadable.
    nb.snapshots.path(ra.snapshot).unlink()
    found = OrphanFinder(nb).find()
    assert found.unreadable == ()
    assert len(found.ids) == 1


def test_an_unreadable_copy_is_reported_not_guessed(tmp_path: Path) -> None:
    nb = Notebook.open(tmp_path / "nb")
    old = page(KEPT, CUT)
    record = nb.save_article(old)
    nb.add_highlight(highlight(old, record.id, CUT))
    current = nb.save_article(page(KEPT))
    nb.snapshots.path(current.snapshot).unlink()
    found = OrphanFinder(nb).find()
    assert found.ids == frozenset() and found.unreadable == (record.id,)


def test_cancelled_stops_between_articles(tmp_path: Path) -> None:
    nb = Notebook.open(tmp_path / "nb")
    old = page(KEPT, CUT)
    record = nb.save_article(old)
    nb.add_highlight(highlight(old, record.id, CUT))
    nb.save_article(page(KEPT))
    assert OrphanFinder(nb).find(cancelled=lambda: True).ids == frozenset()
