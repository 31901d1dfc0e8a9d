"""A book highlight's location (Kindle location and page, KOReader page and chapter,
Readwise's Location): read by the importers, kept on the highlight, cleaned on the way in,
carried by both merges and given back by the W3C and Markdown exports. Highlights without
one (every web page's) are written exactly as before."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from tests.core.test_export_golden import check_golden
from tests.support.imports import DATA, import_into
from tui.core.export.annotations import dump_annotations, parse_annotations
from tui.core.export.exporter import ExportOptions, export_text
from tui.core.model import Highlight, Target
from tui.core.notebook import Notebook
from tui.core.notebook.merge import apply_edit, edit_between, merge3
from tui.core.text import clean_highlight

TEXT = "Alpha beta gamma delta epsilon."
OLD_RECORD = {
    "id": "h1", "article_id": "a1",
    "target": {"quote": {"exact": "Alpha", "prefix": "", "suffix": " beta gamma delta epsilon."},
               "position": {"start": 0, "end": 5}, "text_hash": "h"},
    "tags": [], "note": "", "color": "yellow",
    "created": "2030-01-01T00:00:00Z", "updated": "2030-01-01T00:00:00Z",
}
BOOK = Highlight("a1", Target.of(TEXT, 0, 5, "h"), id="h1", created="2030-01-01T00:00:00Z",
                 location="page 6, location 84-86")


def test_a_record_keeps_its_location_and_an_old_record_reads_and_writes_as_before() -> None:
    assert BOOK.to_dict()["location"] == "page 6, location 84-86"
    assert Highlight.from_dict(BOOK.to_dict()) == BOOK
    old = Highlight.from_dict(OLD_RECORD)
    assert old.location is None
    assert old.to_dict() == OLD_RECORD  # no "location" key: old notebook files do not change
    assert Highlight.from_dict({**OLD_RECORD, "location": 1234}).location is None


def test_a_location_is_cleaned_on_the_way_in() -> None:
    dirty = replace(BOOK, location="\x1b]0;owned\x07page\n12,\tlocation\u202e 170 ")
    assert clean_highlight(dirty).location == "page 12, location 170"
    assert clean_highlight(replace(BOOK, location=" \n ")).location is None
    long = clean_highlight(replace(BOOK, location="chapter " + "word " * 40))
    assert long.location == "chapter" + " word" * 14  # 80 characters at most, cut at a word
    assert clean_highlight(long) is long  # cleaning again finds nothing to do
    assert clean_highlight(BOOK) is BOOK


def quote_locations(notebook: Path) -> list[tuple[str, str, str | None]]:
    nb = Notebook.open(notebook, read_only=True)
    titles = {a.id: a.title for a in nb.articles()}
    return sorted((titles[h.article_id], h.quote[:24], h.location) for h in nb.highlights())


def test_a_kindle_import_stores_each_highlights_location(tmp_path: Path) -> None:
    import_into(tmp_path / "nb", DATA / "kindle-clippings.txt")
    assert quote_locations(tmp_path / "nb") == [
        ("Cien años de soledad", "Muchos años después, fre", "page 1, location 5-7"),
        ("Die Verwandlung", "Als Gregor Samsa eines M", "page 3, location 41-42"),
        ("Du côté de chez Swann", "Longtemps, je me suis co", "page 1, location 12-13"),
        ("Memórias Póstumas de Brás Cubas", "Ao verme que primeiro ro", "page 2, location 20-21"),
        ("Se questo è un uomo", "Voi che vivete sicuri ne", "page 9, location 130-131"),
        ("The Shallows: What the Internet Is Doing to Our Brains", "Once I was a scuba diver",
         "page 6, location 84-86"),
        ("吾輩は猫である", "吾輩は猫である。名前はまだ無い。", "page 1, location 8-9"),
        ("围城", "城外的人想冲进去，城里的人想逃出来。", "page 3, location 40-41"),
    ]


def test_a_koreader_import_stores_page_and_chapter(tmp_path: Path) -> None:
    import_into(tmp_path / "nb", DATA / "koreader")
    import_into(tmp_path / "nb", DATA / "koreader-export.json")
    assert quote_locations(tmp_path / "nb") == [
        ("Old_Book", "It was a bright cold day", "page 1, chapter Part One"),
        ("The Shallows", "The Net seizes our atten", "page 115, chapter The Juggler's Brain"),
        ("The Shallows", "What we're experiencing ", "page 118, chapter The Juggler's Brain"),
        ("Walden", "I went to the woods beca", "page 88, chapter Where I Lived"),
        ("Walden", "Our life is frittered aw", "page 88, chapter Where I Lived"),
    ]


def test_both_merges_keep_a_location_from_whichever_side_has_it() -> None:
    plain = replace(BOOK, location=None)  # as a Gloss that knows no location writes it back
    noted = replace(plain, note="mine", updated="2030-01-02T00:00:00Z")
    for base in (BOOK, plain, None):
        assert merge3(base, BOOK, noted) == replace(noted, location=BOOK.location)
        assert merge3(base, noted, BOOK) == replace(noted, location=BOOK.location)
    assert merge3(BOOK, BOOK, plain) == BOOK
    assert merge3(BOOK, plain, BOOK) == BOOK
    other = replace(BOOK, location="page 7")  # two imports that disagree: one fixed choice
    assert merge3(None, BOOK, other) == merge3(None, other, BOOK) == BOOK  # the lesser
    # A field-level edit (the note dialog) keeps the stored location, and gives one to a
    # record written without it.
    assert apply_edit(BOOK, edit_between(plain, noted)).location == BOOK.location
    assert apply_edit(plain, edit_between(plain, BOOK)).location == BOOK.location


def test_the_w3c_export_gives_the_location_under_gloss_location(tmp_path: Path) -> None:
    import_into(tmp_path / "nb", DATA / "kindle-clippings.txt")
    nb = Notebook.open(tmp_path / "nb", read_only=True)
    text = dump_annotations(nb.articles(), nb.highlights())
    items = json.loads(text)["first"]["items"]
    assert sorted(item["gloss:location"] for item in items) == sorted(
        h.location for h in nb.highlights())
    articles, highlights = parse_annotations(text)
    assert {h.id: h.location for h in highlights} == {h.id: h.location for h in nb.highlights()}
    assert dump_annotations(articles, highlights) == text
    # A web page's highlight has no such key.
    web = replace(BOOK, location=None)
    assert "gloss:location" not in json.loads(dump_annotations([], [web]))["first"]["items"][0]


@pytest.mark.parametrize("template", ["article", "tags"])
def test_a_kindle_book_exports_to_markdown_with_its_locations(
    template: str, tmp_path: Path
) -> None:
    """Golden: the Kindle books as Markdown, each quote with its location under it (the
    layout by article: ``> — page 6, location 84-86``; by tag: after the citation)."""
    import_into(tmp_path / "nb", DATA / "kindle-clippings.txt")
    nb = Notebook.open(tmp_path / "nb", read_only=True)
    books = [a for a in nb.articles() if a.title in ("The Shallows: What the Internet Is "
                                                     "Doing to Our Brains", "Die Verwandlung")]
    highlights = [h for h in nb.highlights() if h.article_id in {a.id for a in books}]
    assert len(books) == 2 and len(highlights) == 2
    text = export_text(books, highlights, ExportOptions(template=template))
    check_golden(f"kindle-books-{template}.md", text)
