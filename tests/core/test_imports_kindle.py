"""Kindle's My Clippings.txt: eight languages' headers, BOM and CRLF, notes attached to their
highlight, an edited highlight's older version collapsed, bookmarks left out; books become
articles without a body; importing twice adds nothing; a broken file imports nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.imports import DATA, import_into, quotes
from tui.core.imports import BOOK, ImportFileError, detect, read
from tui.core.notebook import Notebook

SAMPLE = DATA / "kindle-clippings.txt"


def test_the_sample_is_written_as_a_kindle_writes_it() -> None:
    raw = SAMPLE.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw


def test_every_language_header_is_read() -> None:
    parsed = read(SAMPLE)
    assert parsed.format == detect(SAMPLE) == "kindle"
    got = [(r.title, r.author, r.quote, r.note, r.created, r.location) for r in parsed.records]
    assert got == [
        ("The Shallows: What the Internet Is Doing to Our Brains", "Nicholas Carr",
         "Once I was a scuba diver in the sea of words. Now I zip along the surface like a "
         "guy on a Jet Ski.", "Jet Ski: the attention metaphor for chapter 1",
         "2024-03-03T21:15:40Z", "page 6, location 84-86"),
        ("Die Verwandlung", "Franz Kafka",
         "Als Gregor Samsa eines Morgens aus unruhigen Träumen erwachte, fand er sich in "
         "seinem Bett zu einem ungeheueren Ungeziefer verwandelt.", "der berühmte erste Satz",
         "2024-03-05T08:30:00Z", "page 3, location 41-42"),
        ("Du côté de chez Swann", "Marcel Proust",
         "Longtemps, je me suis couché de bonne heure.", "", "2024-03-06T22:05:09Z",
         "page 1, location 12-13"),
        ("Cien años de soledad", "Gabriel García Márquez",
         "Muchos años después, frente al pelotón de fusilamiento, el coronel Aureliano Buendía "
         "había de recordar aquella tarde remota.", "", "2024-03-07T18:45:00Z",
         "page 1, location 5-7"),
        ("Se questo è un uomo", "Primo Levi", "Voi che vivete sicuri nelle vostre tiepide case",
         "", "2024-03-08T12:00:30Z", "page 9, location 130-131"),
        ("Memórias Póstumas de Brás Cubas", "Machado de Assis",
         "Ao verme que primeiro roeu as frias carnes do meu cadáver", "",
         "2024-03-09T10:10:10Z", "page 2, location 20-21"),
        ("吾輩は猫である", "夏目 漱石", "吾輩は猫である。名前はまだ無い。", "有名な書き出し",
         "2024-03-10T23:01:02Z", "page 1, location 8-9"),
        ("围城", "钱钟书", "城外的人想冲进去，城里的人想逃出来。", "", "2024-03-11T14:05:33Z",
         "page 3, location 40-41"),
    ]
    assert all(r.book and r.url is None for r in parsed.records)


def test_books_become_articles_without_a_body(tmp_path: Path) -> None:
    plan = import_into(tmp_path / "nb", SAMPLE)
    assert plan.summary() | {"failed": []} == {
        "format": "kindle", "articles_added": 8, "articles_already_saved": 0,
        "pages_added": 0, "highlights_added": 8, "placed_exactly": 0, "placed_fuzzily": 0,
        "orphaned": 0, "in_books": 8, "waiting_for_page": 0, "duplicates_skipped": 0,
        "failed": [],
    }
    assert {p.outcome for p in plan.placed} == {BOOK}
    nb = Notebook.open(tmp_path / "nb", read_only=True)
    shallows = next(a for a in nb.articles() if a.title.startswith("The Shallows"))
    assert (shallows.byline, shallows.url, shallows.snapshot) == ("Nicholas Carr", None, "")
    assert quotes(tmp_path / "nb")[0] == (
        "Cien años de soledad",
        "Muchos años después, frente al pelotón de fusilamiento, el coronel Aureliano Buendía "
        "había de recordar aquella tarde remota.", "", (), "2024-03-07T18:45:00Z",
    )


def test_importing_twice_changes_nothing(tmp_path: Path) -> None:
    import_into(tmp_path / "nb", SAMPLE)
    before = sorted(p.read_bytes() for p in (tmp_path / "nb").rglob("*.json"))
    again = import_into(tmp_path / "nb", SAMPLE)
    assert (again.articles_added, len(again.highlights), again.count("duplicate")) == (0, 0, 8)
    assert sorted(p.read_bytes() for p in (tmp_path / "nb").rglob("*.json")) == before


def test_a_newer_export_adds_only_what_is_new(tmp_path: Path) -> None:
    import_into(tmp_path / "nb", SAMPLE)
    newer = tmp_path / "My Clippings.txt"
    newer.write_bytes(SAMPLE.read_bytes() + (
        "围城 (钱钟书)\r\n- 您在第 9 页（位置 #120-121）的标注 | 添加于 2024年3月12日星期二 "
        "上午9:00:00\r\n\r\n婚姻是一座围城。\r\n==========\r\n"
    ).encode())
    plan = import_into(tmp_path / "nb", newer)
    assert (plan.articles_added, [h.quote for h in plan.highlights]) == (0, ["婚姻是一座围城。"])
    assert plan.highlights[0].created == "2024-03-12T09:00:00Z"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Just a title\r\nno header\r\n==========\r\n",
         "kindle: clipping 1: expected a title line and a '- ...' header line"),
        ("Book (A)\r\n- Your Highlight on page 1 | Location 1 | Added on Sunday, March 3, 2024"
         "\r\n\r\nfine\r\n==========\r\nBook (A)\r\n- Something else entirely\r\n\r\nx\r\n"
         "==========\r\n", "kindle: clipping 2: unknown header '- Something else entirely'"),
    ],
)
def test_a_malformed_file_imports_nothing(tmp_path: Path, text: str, message: str) -> None:
    bad = tmp_path / "My Clippings.txt"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        import_into(tmp_path / "nb", bad, "kindle")
    assert str(caught.value) == message
    assert not (tmp_path / "nb" / "highlights").exists()


def test_opening_a_book_says_it_has_no_text(tmp_path: Path) -> None:
    import asyncio

    from tui.core.errors import ExtractError
    from tui.core.library import Library, saved_source

    import_into(tmp_path / "nb", SAMPLE)
    nb = Notebook.open(tmp_path / "nb")
    book = next(a for a in nb.articles() if a.title == "Die Verwandlung")
    with pytest.raises(ExtractError) as caught:
        asyncio.run(Library(nb).open(saved_source(book.id)))
    assert str(caught.value) == (
        "Die Verwandlung has no text to read (a book's highlights, imported): "
        f"`gloss notebook list --article {book.id}` lists them"
    )


@pytest.mark.parametrize(
    ("author", "byline"),
    [
        ("Kafka, Franz", "Franz Kafka"),
        ("Nicholas Carr", "Nicholas Carr"),
        ("Pratchett, Terry;Gaiman, Neil", "Terry Pratchett and Neil Gaiman"),
        ("Bach, Johann Sebastian", "Johann Sebastian Bach"),
        ("Strunk, Jr., William", "Strunk, Jr., William"),  # not one "Last, First": kept as written
    ],
)
def test_kindle_last_first_authors_read_in_reading_order(
    tmp_path: Path, author: str, byline: str
) -> None:
    # Kindle writes "Last, First"; a citation would read the comma as two people.
    clippings = tmp_path / "My Clippings.txt"
    clippings.write_text(
        f"Book ({author})\r\n- Your Highlight on page 1 | Location 1-2 | Added on Sunday, "
        "March 3, 2024 9:15:40 PM\r\n\r\nwords\r\n==========\r\n", encoding="utf-8")
    assert [r.author for r in read(clippings).records] == [byline]
