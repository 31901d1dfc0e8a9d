"""The notebook screen's reads (issue 19): what the query index answers equals what the
loaded notebook answers, for the ids in each order (of some articles only), a page of
records, which highlights are saved, titles and sources, the orphan candidates (all at once
or a batch of articles at a time) and sync's flags; and HighlightPages reads a page at a time."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

from tests.support.notebookgen import generate, make_article, make_highlight
from tui.core.model import source_of
from tui.core.model.highlight import Overwritten
from tui.core.notebook import HighlightFilter, HighlightSort, Notebook, open_index, reindex
from tui.core.notebook.pages import HighlightPages
from tui.core.notebook.qindex import QueryIndex
from tui.core.orphans import OrphanFinder


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("GLOSS_NO_INDEX", raising=False)
    path = tmp_path / "nb"
    made = generate(path, 400, 25)
    nb = Notebook.open(path)
    rng = random.Random(9)
    for i, title in enumerate(("Ünïcode", "unicode", "UNICODE")):
        article = dataclasses.replace(make_article(rng, 200 + i), title=title)
        record = nb.save_article(article, imported_from="pocket" if i else None)
        nb.add_highlights([make_highlight(rng, article, record.id) for _ in range(3)])
    h = nb.highlight(made.highlight_ids[0])
    assert h is not None
    nb.update_highlight(dataclasses.replace(h, history=(Overwritten("note", "x", "2024"),)))
    for article in made.articles[:3]:  # new versions: their highlights are unplaced
        nb.save_article(dataclasses.replace(article, blocks=article.blocks[:1] +
                                            article.blocks[2:]))
    reindex(path)
    return path


@pytest.fixture
def both(root: Path) -> tuple[Notebook, QueryIndex]:
    index = open_index(root)
    assert index is not None
    return Notebook.open(root, read_only=True), index


FILTERS = [HighlightFilter(sort=s) for s in HighlightSort] + [
    HighlightFilter(text="cafe", sort=HighlightSort.ARTICLE),
    HighlightFilter(any_tags=("method", "theory"), sort=HighlightSort.QUOTE),
    HighlightFilter(colors=("green",), since="2024-06"),
]


@pytest.mark.parametrize("f", FILTERS)
def test_ids_in_every_order_are_the_notebooks(both: tuple[Notebook, QueryIndex],
                                              f: HighlightFilter) -> None:
    nb, index = both
    expected = [h.id for h in nb.query(f)]
    assert nb.highlight_ids(f) == index.highlight_ids(f) == expected
    some = {a.id for a in nb.articles()[::3]}
    of_some = [h.id for h in nb.query(f) if h.article_id in some]
    assert nb.highlight_ids(f, some) == index.highlight_ids(f, some) == of_some
    assert index.highlight_ids(f, []) == []


def test_records_titles_sources_and_flags_are_the_notebooks(
    both: tuple[Notebook, QueryIndex],
) -> None:
    nb, index = both
    ids = [h.id for h in nb.query(HighlightFilter())]
    asked = [ids[5], "no-such-id", *ids[100:160], ids[5]]
    assert index.highlights_of(asked) == nb.highlights_of(asked)
    assert [h.id for h in nb.highlights_of(asked)] == [ids[5], *ids[100:160], ids[5]]
    assert index.saved_highlights(asked) == nb.saved_highlights(asked) == set(asked) - {
        "no-such-id"}
    expected = {a.id: (a.title, source_of(a)) for a in nb.articles()}
    assert index.titles_and_sources() == nb.titles_and_sources() == expected
    assert {s for _, s in expected.values()} == {"opened", "pocket"}
    flagged = index.highlights_with_history()
    assert flagged == nb.highlights_with_history() and len(flagged) == 1


def test_orphan_candidates_are_the_notebooks_whole_or_in_batches(
    both: tuple[Notebook, QueryIndex],
) -> None:
    nb, index = both
    expected = {}
    for record in nb.articles():  # as the finder asked before: every article's highlights
        stale = [h for h in nb.highlights(record.id) if h.target.text_hash != record.text_hash]
        if stale:
            expected[record.id] = stale
    assert len(expected) == 3
    assert index.unplaced() == nb.unplaced() == expected
    ids = nb.library_ids()
    for start in range(0, len(ids), 7):
        chunk = ids[start:start + 7]
        wanted = {k: v for k, v in expected.items() if k in chunk}
        assert index.unplaced(chunk) == nb.unplaced(chunk) == wanted
    assert OrphanFinder(index).find() == OrphanFinder(nb).find()  # type: ignore[arg-type]
    assert OrphanFinder(nb).find().flagged


def test_pages_are_read_as_asked(both: tuple[Notebook, QueryIndex]) -> None:
    nb, index = both
    ids = index.highlight_ids(HighlightFilter())
    asked: list[int] = []

    class Counting:
        def highlights_of(self, wanted: list[str]):  # type: ignore[no-untyped-def]
            asked.append(len(wanted))
            return index.highlights_of(wanted)

    pages = HighlightPages(Counting(), [*ids[:120], "deleted-since"], page=50)
    assert len(pages) == 121 and pages.read == 0
    assert pages[0].id == ids[0] and pages.read == 50 and asked == [50]
    assert pages[49] == nb.highlight(ids[49]) and asked == [50]
    assert pages[-1].quote == "(no longer saved)" and pages[-1].id == "deleted-since"
    assert pages[60:62] == [nb.highlight(ids[60]), nb.highlight(ids[61])]
    assert asked == [50, 21, 50]
    assert list(pages)[:120] == nb.highlights_of(ids[:120]) and asked == [50, 21, 50]
    with pytest.raises(IndexError):
        pages[121]
    assert pages == [*nb.highlights_of(ids[:120]), pages[-1]]
    assert pages != nb.highlights_of(ids[:120])
