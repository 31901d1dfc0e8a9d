"""Omnivore's zip (saved pages: every quote placed exactly, approximately or as an orphan),
Pocket's zip and ril_export.html, KOReader's metadata.lua sidecars (both layouts, read with a
Lua parser, never run) and its exporter JSON."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.support.imports import DATA, import_into, quotes
from tui.core.imports import (
    BOOK,
    EXACT,
    FUZZY,
    NOT_FETCHED,
    ORPHAN,
    ImportFileError,
    detect,
    read,
)
from tui.core.library import Library
from tui.core.model import AnchorStatus
from tui.core.notebook import Notebook

OMNIVORE = DATA / "omnivore-export"
POCKET = DATA / "pocket-export"
KOREADER = DATA / "koreader"
MARGINALIA = "https://essays.example.org/2024/marginalia"


def zipped(folder: Path, out: Path) -> Path:
    """The folder as the service's zip (the samples are kept unpacked, to be read)."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return out


def test_omnivore_quotes_are_placed_in_the_saved_page(tmp_path: Path) -> None:
    export = zipped(OMNIVORE, tmp_path / "omnivore.zip")
    assert detect(export) == "omnivore"
    plan = import_into(tmp_path / "nb", export)
    assert [(p.record.quote[:30], p.record.note, p.outcome) for p in plan.placed] == [
        ("Marginalia are a conversation ", "", EXACT),
        ('The reader who writes "surely ', "the best line in the piece", EXACT),
        ("Coleridge filled the margins o",
         "Coleridge as a service:\nlend the book, get the commentary.", FUZZY),
        ("Footnotes are the basement of ", "", ORPHAN),
        ("An index is an argument about ", "", NOT_FETCHED),
    ]
    assert plan.summary()["placed_exactly"] == 2 and plan.to_fetch == [
        (plan.placed[4].highlight.article_id, "https://blog.example.net/indexes")
    ]
    nb = Notebook.open(tmp_path / "nb")
    record = nb.find_article(MARGINALIA)
    assert record is not None and record.snapshot and record.byline == "Ada Pemberton"
    opened = Library(nb).open_saved(record.id)
    statuses = [(p.highlight.quote[:20], p.anchor.status) for p in opened.placed]
    assert statuses == [
        ("Footnotes are the ba", AnchorStatus.ORPHAN),
        ("Marginalia are a con", AnchorStatus.EXACT),
        ('The reader who write', AnchorStatus.MOVED),
        ("Coleridge filled the", AnchorStatus.FUZZY),
    ]
    fuzzy = next(p for p in opened.placed if p.anchor.status is AnchorStatus.FUZZY)
    # The imported words stay the quote; the page's wording sits beside them.
    assert "loan him" in fuzzy.highlight.quote
    assert fuzzy.highlight.placement is not None
    assert "lend him" in fuzzy.highlight.placement.current
    assert fuzzy.highlight.tags == ("reading", "history-of-the-book")
    again = import_into(tmp_path / "nb", export)
    assert (again.articles_added, len(again.highlights), again.count("duplicate")) == (0, 0, 5)


def test_omnivore_unpacked_folder_is_the_same_import(tmp_path: Path) -> None:
    from_zip = import_into(tmp_path / "a", zipped(OMNIVORE, tmp_path / "o.zip"))
    from_folder = import_into(tmp_path / "b", OMNIVORE)
    assert [p.highlight for p in from_zip.placed] == [p.highlight for p in from_folder.placed]


def test_pocket_zip(tmp_path: Path) -> None:
    export = zipped(POCKET, tmp_path / "pocket.zip")
    assert detect(export) == "pocket"
    plan = import_into(tmp_path / "nb", export)
    assert (plan.articles_added, len(plan.highlights)) == (3, 3)
    assert {p.outcome for p in plan.placed} == {NOT_FETCHED}
    assert quotes(tmp_path / "nb") == [
        ("Maps, Territories, and Notes", "A note is a map of a thought, never the thought itself.",
         "", ("notes", "long-reads"), "2024-03-05T15:20:00Z"),
        ("The Case for Slow Reading",
         "Reading slowly is not reading less; it is reading with the whole mind.", "",
         ("reading", "essays"), "2024-03-03T15:33:20Z"),
        ("The Case for Slow Reading", "Speed is a setting, not a virtue.", "",
         ("reading", "essays"), "2024-03-03T15:35:00Z"),
    ]
    nb = Notebook.open(tmp_path / "nb", read_only=True)
    assert sorted((a.title, a.saved) for a in nb.articles()) == [
        ("Maps, Territories, and Notes", "2024-03-05T15:20:00Z"),
        ("The Case for Slow Reading", "2024-03-03T15:33:20Z"),
        ("Tools for Thought", "2024-03-04T15:14:02Z"),
    ]


def test_pocket_html_export(tmp_path: Path) -> None:
    export = DATA / "ril_export.html"
    assert detect(export) == "pocket"
    assert [(r.url, r.title, r.tags, r.created) for r in read(export).records] == [
        ("https://example.org/essays/slow-reading", "The Case for Slow Reading",
         ("reading", "essays"), "2024-03-03T15:14:02Z"),
        ("https://example.net/2024/03/tools", "Tools for Thought", (), "2024-03-04T15:14:02Z"),
    ]
    plan = import_into(tmp_path / "nb", export)
    assert (plan.articles_added, len(plan.highlights), len(plan.to_fetch)) == (2, 0, 2)


def test_koreader_sidecars_both_layouts(tmp_path: Path) -> None:
    assert detect(KOREADER) == "koreader"
    got = [(r.title, r.author, r.quote, r.note, r.color, r.created, r.location)
           for r in read(KOREADER).records]
    assert got == [
        ("Old_Book", None, "It was a bright cold day in April", "Famous first line", "yellow",
         "2021-08-01T10:00:00Z", "page 1, chapter Part One"),
        ("The Shallows", "Nicholas Carr", "The Net seizes our attention only to scatter it.", "",
         "yellow", "2024-03-14T21:05:11Z", "page 115, chapter The Juggler's Brain"),
        ("The Shallows", "Nicholas Carr", "What we're experiencing is, in a metaphorical sense, "
         "a reversal of the early trajectory of civilization.",
         'Compare with "continuous partial attention".\nSee chapter 9.', "blue",
         "2024-03-14T21:09:40Z", "page 118, chapter The Juggler's Brain"),
    ]
    plan = import_into(tmp_path / "nb", KOREADER)
    assert (plan.articles_added, len(plan.highlights)) == (2, 3)
    assert {p.outcome for p in plan.placed} == {BOOK}


def test_koreader_exporter_json() -> None:
    export = DATA / "koreader-export.json"
    assert detect(export) == "koreader"
    assert [(r.title, r.author, r.quote, r.note, r.color, r.created, r.location)
            for r in read(export).records] == [
        ("Walden", "Henry David Thoreau",
         "I went to the woods because I wished to live deliberately.", "", "yellow",
         "2024-03-14T21:00:00Z", "page 88, chapter Where I Lived"),
        ("Walden", "Henry David Thoreau", "Our life is frittered away by detail.",
         "the whole book in a sentence", "green", "2024-03-14T21:01:40Z",
         "page 88, chapter Where I Lived"),
    ]


@pytest.mark.parametrize(
    ("lua", "message"),
    [
        ('return { ["annotations"] = { [1] = { ["text"] = os.execute("true") } } }',
         "koreader: books/x.sdr/metadata.epub.lua: a Call where a plain value belongs "
         "(only literal tables are read)"),
        ('return { ["annotations"] = { [1] = { ["text"] = "unterminated } } }',
         "koreader: books/x.sdr/metadata.epub.lua: not a Lua table (a syntax error)"),
        ('print("hi")', "koreader: books/x.sdr/metadata.epub.lua: expected one 'return { ... }'"),
        ("return { [{}] = 1 }", "koreader: books/x.sdr/metadata.epub.lua: a table used as a key"),
    ],
)
def test_koreader_lua_is_parsed_never_run(tmp_path: Path, lua: str, message: str) -> None:
    sidecar = tmp_path / "books" / "x.sdr" / "metadata.epub.lua"
    sidecar.parent.mkdir(parents=True)
    sidecar.write_text(lua, encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        import_into(tmp_path / "nb", tmp_path / "books", "koreader")
    assert str(caught.value) == message
    assert not (tmp_path / "nb" / "highlights").exists()


def test_malformed_zips_import_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "omnivore.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("metadata_0_to_1.json", '[{"url": "https://a.example/", "slug": "a"},')
    with pytest.raises(ImportFileError) as caught:
        import_into(tmp_path / "nb", bad)
    assert str(caught.value) == "omnivore: metadata_0_to_1.json: not JSON"
    pocket = tmp_path / "pocket.zip"
    with zipfile.ZipFile(pocket, "w") as archive:
        archive.writestr("part_000000.csv", "title,url,time_added\nA,https://a.example/,1\n")
        archive.writestr("annotations/part_000000.json", '[{"url": "https://a.example/", '
                         '"highlights": [{"created_at": 1}]}]')
    with pytest.raises(ImportFileError) as caught:
        import_into(tmp_path / "nb", pocket)
    assert str(caught.value) == (
        "pocket: annotations/part_000000.json: item 1: a highlight without a 'quote'"
    )
    assert not (tmp_path / "nb" / "highlights").exists()


def test_a_zip_bomb_stops_at_the_member_budget(tmp_path: Path) -> None:
    bomb = tmp_path / "omnivore.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("metadata_0_to_1.json", b" " * (64 * 1024 * 1024 + 1))
    with pytest.raises(ImportFileError) as caught:
        import_into(tmp_path / "nb", bomb)
    assert str(caught.value) == "omnivore: metadata_0_to_1.json: larger than 64 MiB"
    assert bomb.stat().st_size < 1024 * 1024
