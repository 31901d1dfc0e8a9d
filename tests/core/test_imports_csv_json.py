"""Readwise CSV, Instapaper CSV and Hypothesis JSON: exact records, what the notebook holds
after the import (web quotes wait for their page, books have none), a re-import that adds
nothing, and malformed files that import nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.imports import DATA, import_into, quotes
from tui.core.imports import BOOK, NOT_FETCHED, ImportFileError, detect, read
from tui.core.notebook import Notebook

READWISE = DATA / "readwise-export.csv"
INSTAPAPER = DATA / "instapaper-export.csv"
HYPOTHESIS = DATA / "hypothesis-export.json"


def fields(path: Path) -> list[tuple[object, ...]]:
    return [
        (r.url, r.title, r.author, r.quote, r.note, r.tags, r.color, r.created, r.location,
         r.book)
        for r in read(path).records
    ]


def test_readwise_rows() -> None:
    assert detect(READWISE) == "readwise"
    smart = ("How to Take Smart Notes", "Sönke Ahrens")
    assert fields(READWISE) == [
        (None, *smart, "The best way to predict the future is to invent it, and the easiest way "
         "to invent it is to keep a note of what you read.", "the thesis in one line",
         ("zettelkasten", "favorite"), "yellow", "2023-11-02T08:15:43Z", "location 312", True),
        (None, *smart, "Writing is not what follows research, learning or studying, it is the "
         "medium of all this work.", "", (), "blue", "2023-11-02T08:31:07Z", "location 590",
         True),
        (None, *smart, "A link is only as good as the question it answers.",
         "Two lines:\nwhy links matter,\nand when.", ("linking",), "yellow",
         "2023-11-05T21:02:11Z", "location 1204", True),
        (None, "Why the News Is Bad for You", "Rolf Dobelli", "Most of what we read in the news "
         "is noise that distracts from the few signals that matter.", "", ("media", "attention"),
         "yellow", "2024-01-12T13:45:00Z", None, True),
        (None, "Conversations", None, "Ideas, she said, are cheap; it is attention that is dear.",
         "", (), "pink", "2024-02-29T23:59:59Z", "page 17", True),
    ]


def test_readwise_import_and_again(tmp_path: Path) -> None:
    plan = import_into(tmp_path / "nb", READWISE)
    assert (plan.articles_added, len(plan.highlights)) == (3, 5)
    assert {p.outcome for p in plan.placed} == {BOOK}
    assert quotes(tmp_path / "nb")[0] == (
        "Conversations", "Ideas, she said, are cheap; it is attention that is dear.", "", (),
        "2024-02-29T23:59:59Z",
    )
    again = import_into(tmp_path / "nb", READWISE)
    assert (again.articles_added, len(again.highlights), again.count("duplicate")) == (0, 0, 5)


def test_readwise_with_a_url_column_is_a_web_article() -> None:
    text = READWISE.read_text(encoding="utf-8").splitlines()
    rows = [text[0] + ",URL", text[-1] + ",https://example.org/talk"]
    from tui.core.imports.readwise import parse

    (record,) = parse("\n".join(rows).encode())
    assert (record.url, record.book) == ("https://example.org/talk", False)


def test_instapaper_rows(tmp_path: Path) -> None:
    assert detect(INSTAPAPER) == "instapaper"
    assert fields(INSTAPAPER) == [
        ("https://example.org/essays/slow-reading", "The Case for Slow Reading", None,
         "Reading slowly is not reading less; it is reading with the whole mind.", "",
         ("reading", "essays"), "yellow", "2024-03-03T15:14:02Z", None, False),
        ("https://example.net/2024/03/tools", "Tools for Thought", None, "", "", (), "yellow",
         "2024-03-04T15:14:02Z", None, False),
        ("https://example.com/notes/commonplace?utm_source=rss", "Keeping a Commonplace Book",
         None, "A commonplace book is a memory you can search.", "", ("notes", "research"),
         "yellow", "2024-03-05T15:14:02Z", None, False),
    ]
    plan = import_into(tmp_path / "nb", INSTAPAPER)
    assert (plan.articles_added, len(plan.highlights)) == (3, 2)
    assert {p.outcome for p in plan.placed} == {NOT_FETCHED}
    assert sorted(u for _, u in plan.to_fetch) == [
        "https://example.com/notes/commonplace?utm_source=rss",
        "https://example.net/2024/03/tools",
        "https://example.org/essays/slow-reading",
    ]
    nb = Notebook.open(tmp_path / "nb", read_only=True)
    assert sorted((a.title, a.url, a.snapshot) for a in nb.articles())[0] == (
        "Keeping a Commonplace Book", "https://example.com/notes/commonplace?utm_source=rss", "",
    )


def test_hypothesis_annotations(tmp_path: Path) -> None:
    assert detect(HYPOTHESIS) == "hypothesis"
    records = read(HYPOTHESIS).records
    assert [(r.record_id, r.quote, r.prefix, r.suffix, r.note, r.tags, r.created)
            for r in records] == [
        ("Qm9vazEyMzQ1Njc4",
         "Reading slowly is not reading less; it is reading with the whole mind.", "ever. ",
         " The fast", "Compare with Nietzsche's *lento*.", ("reading", "slow-web"),
         "2024-03-14T09:21:44Z"),
        ("UGFnZU5vdGUwMDAx", "", "", "", "A page note: reread in April.", (),
         "2024-03-15T18:00:00Z"),
        ("VG9vbHMwMDAwMDAy", "Tools shape the thoughts\nwe can think.", "", "", "", ("tools",),
         "2024-03-17T07:30:00Z"),
    ]
    plan = import_into(tmp_path / "nb", HYPOTHESIS)
    assert (plan.articles_added, len(plan.highlights)) == (2, 2)
    assert plan.failed == [(
        "https://example.org/essays/slow-reading",
        "a note on the whole page, not on a quote: 'A page note: reread in April.'",
    )]
    stored = Notebook.open(tmp_path / "nb", read_only=True).highlights()
    first = next(h for h in stored if h.note)
    assert (first.target.quote.prefix, first.target.quote.suffix) == ("ever. ", " The fast")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("r.csv", "Highlight,Book Title\nx,y\n",
         "readwise: line 1: no 'Book Author' column in the header"),
        ("r.csv", 'Highlight,Book Title,Book Author,Location,Highlighted at\n"x,y,z,1,2\n',
         "readwise: line 2: unexpected end of data"),
        ("i.csv", "URL,Title,Selection,Folder,Timestamp\nhttps://a.example/,A,,Unread,1\n"
         "javascript:alert(1),B,,Unread,2\n", "instapaper: row 3: no http(s) URL"),
        ("h.json", '{"annotations": [{"uri": "https://a.example/", "target": {}}]}',
         "hypothesis: annotation 1: 'target' must be a list"),
    ],
)
def test_malformed_files_import_nothing(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    fmt = {"r": "readwise", "i": "instapaper", "h": "hypothesis"}[name[0]]
    with pytest.raises(ImportFileError) as caught:
        import_into(tmp_path / "nb", bad, fmt)
    assert str(caught.value) == message
    assert not (tmp_path / "nb" / "highlights").exists()
