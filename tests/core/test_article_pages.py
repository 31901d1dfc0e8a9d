"""The library's articles a page at a time (issue 19): the ids in the library's first order,
the records and their highlight counts, read from the query index, are exactly what the
notebook's records give; ties on the saved time fall to the folded title, then the id, as
the library's sort does."""

from __future__ import annotations

import random
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from tests.support.notebookgen import generate, make_article, make_highlight
from tui.core.model import SavedArticle
from tui.core.notebook import Notebook, index_file, open_index, reindex
from tui.core.notebook.pages import ArticlePages
from tui.core.notebook.query import fold

# Titles whose order differs by case, accents and code points beyond Latin, all saved at the
# same moment: the order of the ties is the folded title's, then the id's.
TITLES = ("Zebra", "zèbre", "Éclair", "eclair", "Äpfel", "apple", "Ωmega", "日本", "b", "B")


def library_order(records: list[SavedArticle]) -> list[str]:
    """The library screen's first order, as it sorts records (titles, then newest first)."""
    shown = sorted(records, key=lambda a: (fold(a.title), a.id))
    shown.sort(key=lambda a: a.saved, reverse=True)
    return [a.id for a in shown]


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("GLOSS_NO_INDEX", raising=False)
    path = tmp_path / "nb"
    generate(path, 300, 40)
    nb = Notebook.open(path)
    rng = random.Random(3)
    for i, title in enumerate(TITLES):
        article = make_article(rng, 100 + i)
        record = nb.save_article(replace(article, title=title), saved="2024-01-01T00:00:00Z")
        if i % 2:
            nb.add_highlight(make_highlight(rng, nb.load_article(record.id), record.id))
    reindex(path)
    return path


def test_the_index_and_the_notebook_give_the_library_order(root: Path) -> None:
    nb = Notebook.open(root)
    expected = library_order(nb.articles())
    index = open_index(root)
    assert index is not None
    assert nb.library_ids() == expected
    assert index.library_ids() == expected
    assert len(expected) == 50
    tied = [a.title for a in nb.articles() if a.saved == "2024-01-01T00:00:00Z"]
    assert sorted(tied) == sorted(TITLES)


@pytest.mark.parametrize("page", [1, 7, 200])
def test_pages_read_what_the_records_hold(root: Path, page: int) -> None:
    nb = Notebook.open(root)
    index = open_index(root)
    assert index is not None
    by_id = {a.id: a for a in nb.articles()}
    pages = ArticlePages(index, page=page)
    # Asked for out of order, one by one: each is its record, and its count as the notebook's.
    for i in (len(pages) - 1, 0, 23, 24, 8):
        assert pages[i] == by_id[pages.ids[i]]
        assert pages.counts.get(pages.ids[i], 0) == nb.highlight_counts().get(pages.ids[i], 0)
    assert pages.read <= 5 * page
    assert list(pages) == [by_id[i] for i in library_order(nb.articles())]
    assert dict(pages.counts) == nb.highlight_counts()
    assert pages[-1] == pages[len(pages) - 1] and pages[1:3] == list(pages)[1:3]
    with pytest.raises(IndexError):
        pages[len(pages)]


def test_pages_of_the_notebook_itself_are_the_same(root: Path) -> None:
    nb = Notebook.open(root)
    pages = ArticlePages(nb, page=4)
    assert list(pages) == [nb.article(i) for i in library_order(nb.articles())]
    assert dict(pages.counts) == nb.highlight_counts()
    assert nb.highlight_counts(pages.ids[:9]) == {
        i: n for i, n in nb.highlight_counts().items() if i in pages.ids[:9]
    }


def test_an_article_deleted_after_the_ids_were_read_is_no_record_of_another(root: Path) -> None:
    nb = Notebook.open(root)
    pages = ArticlePages(nb, page=4)
    gone = pages.ids[5]
    nb.delete_article(gone)
    assert pages[5].id == gone and pages[5].title == "(no longer saved)"
    assert pages[6].id == pages.ids[6] and pages[6] == nb.article(pages.ids[6])


def test_the_library_order_is_read_from_an_sql_index_and_answered_without_it(
    root: Path,
) -> None:
    """The ids come from the articles_library index (no sort of the table); an index file
    built before that SQL index existed answers the same by a scan and a sort."""
    index = open_index(root)
    assert index is not None
    sql = "SELECT id FROM articles ORDER BY saved DESC, title_key, id"
    plan = " ".join(str(row[-1]) for row in index.db.execute("EXPLAIN QUERY PLAN " + sql))
    assert "articles_library" in plan and "TEMP B-TREE" not in plan
    expected = index.library_ids()
    index.close()
    db = sqlite3.connect(index_file(root))
    db.execute("DROP INDEX articles_library")
    db.commit()
    db.close()
    older = open_index(root)
    assert older is not None
    plan = " ".join(str(row[-1]) for row in older.db.execute("EXPLAIN QUERY PLAN " + sql))
    assert "TEMP B-TREE" in plan
    assert older.library_ids() == expected == library_order(Notebook.open(root).articles())


def test_has_articles_says_what_the_records_say(root: Path, tmp_path: Path) -> None:
    index = open_index(root)
    assert index is not None and index.has_articles() and Notebook.open(root).has_articles()
    empty = tmp_path / "empty"
    nb = Notebook.open(empty)
    record = nb.save_article(make_article(random.Random(1), 1))
    nb.delete_article(record.id)
    reindex(empty)
    index = open_index(empty)
    assert index is not None and not index.has_articles() and not nb.has_articles()
