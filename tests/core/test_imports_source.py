"""Where an article came from: the import that created it is kept on its record (for the
library's and notebook's source filters), written only when set, read from older notebooks
as none, cleaned on the way in, and kept when the article's page is saved later."""

from __future__ import annotations

import json
from pathlib import Path

from tests.core.test_imports_archives import OMNIVORE, zipped
from tests.support.imports import DATA, import_into
from tui.core.model import Article, Block, BlockKind, SavedArticle, article_id_for
from tui.core.notebook import Notebook
from tui.core.text import clean_saved_article

KINDLE = DATA / "kindle-clippings.txt"


def test_a_record_without_a_source_is_written_as_before() -> None:
    record = SavedArticle(id="a" * 16, title="Opened", saved="2024-01-01T00:00:00Z")
    assert "imported_from" not in record.to_dict()
    assert SavedArticle.from_dict(record.to_dict()) == record


def test_a_source_round_trips() -> None:
    record = SavedArticle(id="a" * 16, title="Book", saved="2024-01-01T00:00:00Z",
                          imported_from="kindle")
    assert record.to_dict()["imported_from"] == "kindle"
    assert SavedArticle.from_dict(record.to_dict()) == record


def test_an_old_record_reads_with_no_source() -> None:
    old = {"id": "a" * 16, "title": "Old", "saved": "2023-05-01T10:00:00Z", "progress": 0.5}
    assert SavedArticle.from_dict(old).imported_from is None


def test_a_hostile_source_is_dropped() -> None:
    for bad in ("\x1b]0;pwned\x07", "Kindle", "a" * 40, "", 7, "po cket"):
        record = SavedArticle(id="a" * 16, title="T", saved="2024-01-01T00:00:00Z",
                              imported_from=bad)  # type: ignore[arg-type]
        assert clean_saved_article(record).imported_from is None
    good = SavedArticle(id="a" * 16, title="T", saved="2024-01-01T00:00:00Z",
                        imported_from="readwise")
    assert clean_saved_article(good) is good


def test_an_import_records_its_source_and_an_opened_article_has_none(tmp_path: Path) -> None:
    nb = Notebook.open(tmp_path / "nb")
    opened = nb.save_article(Article(
        "Opened", (Block(BlockKind.PARAGRAPH, "Read in Gloss."),), url="https://o.example/"))
    nb.close()
    import_into(tmp_path / "nb", KINDLE)
    import_into(tmp_path / "nb", zipped(OMNIVORE, tmp_path / "omnivore.zip"))
    nb = Notebook.open(tmp_path / "nb", read_only=True)
    sources = {a.imported_from for a in nb.articles() if a.id != opened.id}
    assert sources == {"kindle", "omnivore"}
    assert nb.article(opened.id).imported_from is None  # type: ignore[union-attr]
    # Omnivore's saved pages are stored with their records: those record it too.
    assert all(a.imported_from == "omnivore" for a in nb.articles() if a.snapshot
               and a.id != opened.id)


def test_an_old_notebook_file_opens_and_keeps_no_source(tmp_path: Path) -> None:
    nb = Notebook.open(tmp_path / "nb")
    nb.save_article(Article("Kept", (Block(BlockKind.PARAGRAPH, "Text."),),
                            url="https://k.example/"))
    nb.close()
    text = "\n".join(p.read_text("utf-8") for p in (tmp_path / "nb").rglob("*.json")
                     if p.is_file())
    assert "imported_from" not in text  # the files of articles opened are as before
    again = Notebook.open(tmp_path / "nb", read_only=True)
    assert [a.imported_from for a in again.articles()] == [None]


def test_a_page_fetched_later_keeps_the_source(tmp_path: Path) -> None:
    nb = Notebook.open(tmp_path / "nb")
    page = Article("Later", (Block(BlockKind.PARAGRAPH, "Fetched."),),
                   url="https://later.example/")
    record = SavedArticle(id=article_id_for(page), title="Later", url=page.url,
                          saved="2024-01-01T00:00:00Z", imported_from="pocket")
    nb.add_articles([record])
    saved = nb.save_article(page)
    assert (saved.snapshot != "", saved.imported_from) == (True, "pocket")
    assert json.loads(json.dumps(saved.to_dict()))["imported_from"] == "pocket"
