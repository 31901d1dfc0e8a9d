"""The notebook API: articles, highlights, queries, tags, sharing between instances, and
where the notebook lives. Real TinyDB files in tmp dirs."""

from __future__ import annotations

import os
import threading
from datetime import UTC, date, datetime
from pathlib import Path

import orjson
import pytest

from tests.support import paths
from tui.core.locations import config_path, default_notebook_path, resource_path
from tui.core.model.article import Article, Block, BlockKind
from tui.core.model.highlight import Highlight, Target
from tui.core.model.records import article_id_for
from tui.core.notebook.api import Notebook
from tui.core.notebook.errors import NotebookError, NotebookReadOnly, NotInNotebook
from tui.core.notebook.query import HighlightFilter, HighlightSort, fold

ROOT = paths.ROOT


def article(n: int = 1, text: str | None = None, **meta: str) -> Article:
    body = text or f"Article {n} says the élan of a café is its crème brûlée. Then more words."
    return Article(
        title=meta.pop("title", f"Title {n}"),
        blocks=(Block(BlockKind.PARAGRAPH, body), Block(BlockKind.PARAGRAPH, "Second block.")),
        url=meta.pop("url", f"https://example.com/{n}?utm=x"),
        canonical_url=meta.pop("canonical_url", f"https://example.com/{n}"),
        **meta,
    )


def mark(a: Article, start: int, end: int, **fields: object) -> Highlight:
    return Highlight(article_id_for(a), Target.of(a.text, start, end, a.text_hash), **fields)


@pytest.fixture
def nb(tmp_path: Path) -> Notebook:
    return Notebook.open(tmp_path / "nb")


# -- where it lives -------------------------------------------------------------------------


def test_default_path_is_the_user_data_folder_unless_overridden(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert default_notebook_path() == Path(os.environ["XDG_DATA_HOME"]) / "gloss" / "notebook"
    monkeypatch.setenv("GLOSS_NOTEBOOK", str(tmp_path / "mine"))
    assert default_notebook_path() == tmp_path / "mine"
    assert Notebook.open().path == tmp_path / "mine"


def test_config_and_resource_paths(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert config_path() == Path(os.environ["XDG_CONFIG_HOME"]) / "gloss" / "config.toml"
    monkeypatch.setenv("GLOSS_CONFIG", str(tmp_path / "c.toml"))
    assert config_path() == tmp_path / "c.toml"
    assert resource_path("styles") == ROOT / "styles"
    assert resource_path("samples") == ROOT / "samples"


def test_nothing_is_written_until_the_first_write(tmp_path: Path) -> None:
    root = tmp_path / "deep" / "nb"
    nb = Notebook.open(root)
    assert (nb.articles(), nb.highlights(), nb.tags(), len(nb)) == ([], [], {}, 0)
    assert nb.refresh() is False
    assert not (tmp_path / "deep").exists()
    nb.save_article(article())
    assert sorted(p.name for p in root.iterdir()) == [
        "changes.log", "notebook.json", "notebook.lock", "snapshots",
    ]


def test_a_file_is_not_a_notebook(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    with pytest.raises(NotebookError, match="is a file, not a notebook folder"):
        Notebook.open(tmp_path / "f")


# -- articles -------------------------------------------------------------------------------


def test_save_article_keeps_the_body_in_a_snapshot_and_opens_it_offline(nb: Notebook) -> None:
    a = article(title="Élan")
    record = nb.save_article(a)
    assert record.id == article_id_for(a)
    assert (record.title, record.url, record.canonical_url) == (
        "Élan", "https://example.com/1?utm=x", "https://example.com/1",
    )
    assert record.text_hash == a.text_hash
    assert (nb.path / "snapshots" / f"{record.snapshot}.json.gz").is_file()
    index = orjson.loads((nb.path / "notebook.json").read_bytes())
    assert "blocks" not in orjson.dumps(index).decode()  # bodies never enter the index
    assert index["meta"]["1"]["schema"] == 1
    assert Notebook.open(nb.path).load_article(record.id) == a


def test_find_article_by_url_or_canonical_url(nb: Notebook) -> None:
    record = nb.save_article(article())
    assert nb.find_article("https://example.com/1?utm=x") == record
    assert nb.find_article("https://example.com/1#section-2") == record
    assert nb.find_article("https://example.com/2") is None
    assert nb.article(record.id) == record
    assert nb.article("0000") is None


def test_a_new_version_gets_a_new_snapshot_and_keeps_the_old_and_reading_state(
    nb: Notebook,
) -> None:
    old = article()
    first = nb.save_article(old)
    nb.update_article(first.id, progress=0.5, last_read="2026-01-02T00:00:00Z", read=True)
    new = article(text="Rewritten: the élan of a café.")
    second = nb.save_article(new)
    assert second.id == first.id
    assert second.snapshot != first.snapshot
    assert (second.saved, second.progress, second.read) == (first.saved, 0.5, True)
    assert second.last_read == "2026-01-02T00:00:00Z"
    versions = nb.versions(first.id)
    assert [v.snapshot for v in versions] == [first.snapshot, second.snapshot]
    assert versions[0].replaced and versions[1].replaced == ""
    again = Notebook.open(nb.path)
    assert again.load_article(first.id) == new
    assert again.load_article(first.id, snapshot=first.snapshot) == old
    with pytest.raises(NotInNotebook):
        again.load_article(first.id, snapshot="0" * 64)


def test_saving_the_same_article_again_writes_nothing(nb: Notebook) -> None:
    nb.save_article(article())
    before = (nb.path / "notebook.json").stat()
    nb.save_article(article())
    after = (nb.path / "notebook.json").stat()
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


def test_update_article_changes_reading_state_only(nb: Notebook) -> None:
    record = nb.save_article(article())
    updated = nb.update_article(record.id, progress=1.7, read=1, title="New title")
    assert (updated.progress, updated.read, updated.title) == (1.0, True, "New title")
    assert Notebook.open(nb.path).article(record.id) == updated
    with pytest.raises(TypeError, match="snapshot"):
        nb.update_article(record.id, snapshot="x")
    with pytest.raises(NotInNotebook, match="no article nope in the notebook"):
        nb.update_article("nope", read=True)


def test_articles_are_listed_newest_first_with_highlight_counts(
    nb: Notebook, monkeypatch: pytest.MonkeyPatch
) -> None:
    a1, a2 = article(1), article(2)
    _set_clock(monkeypatch, datetime(2026, 1, 1, tzinfo=UTC))
    r1 = nb.save_article(a1)
    _set_clock(monkeypatch, datetime(2026, 1, 2, tzinfo=UTC))
    r2 = nb.save_article(a2)
    nb.add_highlight(mark(a1, 0, 7))
    nb.add_highlight(mark(a1, 8, 9))
    assert (r1.saved, r2.saved) == ("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z")
    assert [a.id for a in nb.articles()] == [r2.id, r1.id]
    assert nb.highlight_counts() == {r1.id: 2}


def _set_clock(monkeypatch: pytest.MonkeyPatch, now: datetime) -> None:
    """Make tui.core.model.highlight.now_iso (which stamps records) return ``now``."""

    class Frozen(datetime):
        @classmethod
        def now(cls, tz: object = None) -> datetime:  # type: ignore[override]
            return now

    monkeypatch.setattr("tui.core.model.highlight.datetime", Frozen)


def test_delete_article_removes_its_highlights_and_restore_undoes_it(nb: Notebook) -> None:
    a = article()
    record = nb.save_article(a)
    hs = [nb.add_highlight(mark(a, 0, 7, tags=("x",))), nb.add_highlight(mark(a, 8, 9))]
    deleted = nb.delete_article(record.id)
    assert deleted.article == record
    assert set(deleted.highlights) == set(hs)
    assert (nb.articles(), nb.highlights(), nb.tags()) == ([], [], {})
    assert not (nb.path / "highlights" / f"{record.id}.json").exists()
    again = Notebook.open(nb.path)
    assert (again.articles(), len(again)) == ([], 0)
    again.restore(deleted)
    reopened = Notebook.open(nb.path)
    assert reopened.article(record.id) == record
    assert reopened.highlights(record.id) == sorted(hs, key=lambda h: h.target.position.start)
    assert reopened.load_article(record.id) == a  # the snapshot was kept


# -- highlights -----------------------------------------------------------------------------


def test_highlights_round_trip_with_normalised_tags(nb: Notebook) -> None:
    a = article()
    nb.save_article(a)
    h = mark(a, 4, 9, tags=("#Key Idea", "key-idea", "", "UX"), note="n", color="blue")
    stored = nb.add_highlight(h)
    assert stored.tags == ("key-idea", "ux")
    assert stored.id == h.id
    assert Notebook.open(nb.path).highlight(h.id) == stored
    assert nb.add_highlight(h) == stored  # the same again: a no-op
    with pytest.raises(ValueError, match="already saved"):
        nb.add_highlight(Highlight(h.article_id, h.target, id=h.id, note="other"))


def test_a_highlight_needs_its_article(nb: Notebook) -> None:
    with pytest.raises(NotInNotebook):
        nb.add_highlight(mark(article(), 0, 4))
    assert not (nb.path / "notebook.json").exists()
    assert not (nb.path / "highlights").exists()


def test_update_and_delete_highlight(nb: Notebook) -> None:
    a = article()
    nb.save_article(a)
    h = nb.add_highlight(mark(a, 0, 7))
    edited = nb.update_highlight(h.edited(note="A note", tags=("New",)))
    assert (edited.note, edited.tags) == ("A note", ("new",))
    assert Notebook.open(nb.path).highlight(h.id) == edited
    assert nb.delete_highlight(h.id) == edited
    assert nb.delete_highlight(h.id) is None
    assert Notebook.open(nb.path).highlight(h.id) is None
    with pytest.raises(NotInNotebook):
        nb.update_highlight(h)


def test_highlights_of_an_article_come_in_reading_order(nb: Notebook) -> None:
    a = article()
    nb.save_article(a)
    late, early = nb.add_highlight(mark(a, 30, 40)), nb.add_highlight(mark(a, 2, 6))
    assert nb.highlights(article_id_for(a)) == [early, late]


# -- queries --------------------------------------------------------------------------------


@pytest.fixture
def corpus(nb: Notebook) -> dict[str, Highlight]:
    """Five highlights over two articles, with known tags, colours, dates and text."""
    a1 = article(1, "The Élan of a CAFÉ. Naïve façades. Plain words here and more.")
    a2 = article(2, "Zebra notes about Straße and œuvre, plus déjà vu at the end.", title="Another")
    nb.save_article(a1)
    nb.save_article(a2)
    specs = {
        "elan": (a1, 4, 8, ("ux", "theory"), "yellow", "2025-01-10T10:00:00Z", ""),
        "cafe": (a1, 14, 18, ("ux",), "blue", "2025-02-01T00:00:00Z", "Crème brûlée!"),
        "naive": (a1, 20, 25, (), "yellow", "2025-02-28T23:59:59Z", ""),
        "strasse": (a2, 18, 24, ("theory", "german"), "pink", "2025-03-01T00:00:00Z", ""),
        "deja": (a2, 41, 45, ("german",), "yellow", "2024-12-31T23:59:59Z", "ÉLAN again"),
    }
    out = {}
    for key, (a, s, e, tags, color, when, note) in specs.items():
        h = mark(a, s, e, tags=tags, color=color, created=when, note=note)
        out[key] = nb.add_highlight(h)
    return out


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (HighlightFilter(), ["strasse", "naive", "cafe", "elan", "deja"]),
        (HighlightFilter(all_tags=("ux", "theory")), ["elan"]),
        (HighlightFilter(all_tags=("#UX",)), ["cafe", "elan"]),
        (HighlightFilter(any_tags=("german", "ux")), ["strasse", "cafe", "elan", "deja"]),
        (HighlightFilter(all_tags=("theory",), any_tags=("german",)), ["strasse"]),
        (HighlightFilter(colors=("yellow",)), ["naive", "elan", "deja"]),
        (HighlightFilter(since="2025-02-01"), ["strasse", "naive", "cafe"]),
        (HighlightFilter(until="2025-02"), ["naive", "cafe", "elan", "deja"]),
        (HighlightFilter(since=date(2025, 1, 1), until=date(2025, 2, 1)), ["cafe", "elan"]),
        (HighlightFilter(text="elan"), ["elan", "deja"]),  # quote, and a note
        (HighlightFilter(text="CAFE"), ["cafe"]),
        (HighlightFilter(text="creme brulee"), ["cafe"]),
        (HighlightFilter(text="strasse"), ["strasse"]),  # ß folds to ss
        (HighlightFilter(text="naive"), ["naive"]),
        (HighlightFilter(text="german deja"), ["deja"]),  # tags are searched; every word must be
        (HighlightFilter(text="nowhere"), []),
        (HighlightFilter(colors=("yellow",), text="élan", any_tags=("ux",)), ["elan"]),
        (HighlightFilter(sort=HighlightSort.OLDEST), ["deja", "elan", "cafe", "naive", "strasse"]),
        (HighlightFilter(sort=HighlightSort.ARTICLE), ["strasse", "deja", "elan", "cafe", "naive"]),
        (HighlightFilter(sort=HighlightSort.QUOTE), ["cafe", "deja", "elan", "naive", "strasse"]),
        (HighlightFilter(limit=2), ["strasse", "naive"]),
    ],
)
def test_query(
    nb: Notebook, corpus: dict[str, Highlight], f: HighlightFilter, expected: list[str]
) -> None:
    names = {h.id: k for k, h in corpus.items()}
    assert [names[h.id] for h in nb.query(f)] == expected


def test_query_by_article_and_edited_order(nb: Notebook, corpus: dict[str, Highlight]) -> None:
    a2 = corpus["strasse"].article_id
    assert {h.id for h in nb.query(HighlightFilter(article_ids=(a2,)))} == {
        corpus["strasse"].id, corpus["deja"].id,
    }
    nb.update_highlight(corpus["naive"].edited(note="touched"))
    assert nb.query(HighlightFilter(sort=HighlightSort.EDITED))[0].id == corpus["naive"].id
    assert nb.query(HighlightFilter(text="touched"))[0].id == corpus["naive"].id


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Élan", "elan"),
        ("CAFÉ", "cafe"),
        ("Straße", "strasse"),
        ("ﬁne", "fine"),  # a ligature decomposes
        ("e\u0301", "e"),  # an accent already decomposed
        ("Ωμέγα", "ωμεγα"),
        ("Ὀδυσσεύς", "οδυσσευσ"),  # casefold: final sigma is sigma
        ("日本語", "日本語"),
        ("plain ascii", "plain ascii"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


# -- tags -----------------------------------------------------------------------------------


def test_tags_with_counts(nb: Notebook, corpus: dict[str, Highlight]) -> None:
    assert nb.tags() == {"german": 2, "theory": 2, "ux": 2}


def test_rename_tag_everywhere_and_merge(nb: Notebook, corpus: dict[str, Highlight]) -> None:
    assert nb.rename_tag("UX", "design") == 2
    assert nb.tags() == {"design": 2, "german": 2, "theory": 2}
    assert nb.rename_tag("theory", "design") == 2  # a merge: "elan" had both
    assert Notebook.open(nb.path).tags() == {"design": 3, "german": 2}
    assert Notebook.open(nb.path).highlight(corpus["elan"].id).tags == ("design",)
    assert nb.rename_tag("missing", "x") == 0
    with pytest.raises(ValueError):
        nb.rename_tag("design", " ")


def test_tag_and_untag_many(nb: Notebook, corpus: dict[str, Highlight]) -> None:
    ids = [corpus["naive"].id, corpus["cafe"].id, corpus["elan"].id]
    assert nb.tag_highlights(ids, add=("Reread",)) == 3
    assert nb.tag_highlights(ids, add=("reread",)) == 0
    assert nb.tag_highlights(ids, remove=("ux",)) == 2
    again = Notebook.open(nb.path)
    assert again.highlight(corpus["cafe"].id).tags == ("reread",)
    assert again.highlight(corpus["elan"].id).tags == ("theory", "reread")
    with pytest.raises(NotInNotebook):
        nb.tag_highlights(["nope"], add=("x",))


# -- sharing between instances (another process does the same through the same files) -------


def test_two_instances_writing_the_same_article_both_keep_their_highlights(
    tmp_path: Path,
) -> None:
    a = article()
    first = Notebook.open(tmp_path / "nb")
    first.save_article(a)
    second = Notebook.open(tmp_path / "nb")
    h1 = first.add_highlight(mark(a, 0, 7))
    h2 = second.add_highlight(mark(a, 8, 9))  # second has not refreshed: it must merge
    assert {h.id for h in second.highlights()} == {h1.id, h2.id}
    assert {h.id for h in Notebook.open(tmp_path / "nb").highlights()} == {h1.id, h2.id}
    record = second.update_article(article_id_for(a), progress=0.3)
    first.save_article(article(2))
    assert Notebook.open(tmp_path / "nb").article(record.id).progress == 0.3


def test_threads_sharing_one_notebook_lose_nothing(nb: Notebook) -> None:
    a = article()
    nb.save_article(a)
    added: list[str] = []

    def work(offset: int) -> None:
        for i in range(25):
            start = (offset + i) % 80  # positions may repeat: each highlight is its own
            added.append(nb.add_highlight(mark(a, start, start + 2)).id)
            nb.query(HighlightFilter(text="cafe"))

    threads = [threading.Thread(target=work, args=(n * 25,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(added) == 100
    assert {h.id for h in Notebook.open(nb.path).highlights()} == set(added)


def test_refresh_picks_up_other_writes_for_one_stat(tmp_path: Path) -> None:
    a = article()
    writer = Notebook.open(tmp_path / "nb")
    writer.save_article(a)
    reader = Notebook.open(tmp_path / "nb")
    assert reader.refresh() is False
    h = writer.add_highlight(mark(a, 0, 7, tags=("x",)))
    assert reader.highlight(h.id) is None
    assert reader.refresh() is True
    assert reader.highlight(h.id) == h
    assert reader.tags() == {"x": 1}
    writer.delete_highlight(h.id)
    writer.update_article(h.article_id, read=True)
    assert reader.refresh() is True
    assert (reader.highlight(h.id), reader.tags(), reader.article(h.article_id).read) == (
        None, {}, True,
    )
    assert reader.refresh() is False


def test_refresh_after_the_change_log_is_compacted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.core.notebook.changes.COMPACT_AT", 100)
    a = article()
    writer = Notebook.open(tmp_path / "nb")
    writer.save_article(a)
    reader = Notebook.open(tmp_path / "nb")
    added = [writer.add_highlight(mark(a, i, i + 3)) for i in range(10)]
    assert reader.refresh() is True
    assert {h.id for h in reader.highlights()} == {h.id for h in added}


def test_a_batch_writes_each_file_once_and_nothing_if_it_fails(nb: Notebook) -> None:
    a = article()
    nb.save_article(a)
    shard = nb.path / "highlights" / f"{article_id_for(a)}.json"
    with nb.batch():
        hs = [nb.add_highlight(mark(a, i, i + 2)) for i in range(5)]
        assert not shard.exists()
    assert len(Notebook.open(nb.path)) == 5
    log_lines = (nb.path / "changes.log").read_text().splitlines()
    assert log_lines.count(f"h:{article_id_for(a)}") == 1
    with pytest.raises(RuntimeError), nb.batch():
        nb.delete_highlight(hs[0].id)
        nb.add_highlight(mark(a, 20, 25))
        raise RuntimeError("changed my mind")
    assert {h.id for h in nb.highlights()} == {h.id for h in hs}  # memory rolled back too
    assert len(Notebook.open(nb.path)) == 5


def test_read_only_refuses_writes_and_writes_nothing(tmp_path: Path) -> None:
    nb = Notebook.open(tmp_path / "nb", read_only=True)
    with pytest.raises(NotebookReadOnly) as caught:
        nb.save_article(article())
    assert str(tmp_path / "nb") in str(caught.value)
    assert caught.value.exit_code == 5
    assert not (tmp_path / "nb").exists()
