"""`gloss export -o FILE` from the query index one article at a time (issue 19: within 150 MB
at 200k highlights): the file equals, byte for byte, what the whole-notebook export writes,
on seeded random notebooks (deleted highlights, tags, notes, scopes); a file already holding
the export is found unchanged; anything that needs a merge goes the whole way."""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.notebookgen import generate
from tui.core.export import ExportOptions, Scope, export_file, saved_bodies
from tui.core.export import streamed as streamed_module
from tui.core.export.errors import ExportError
from tui.core.export.streamed import export_file_streamed
from tui.core.model import Highlight
from tui.core.notebook import HighlightFilter, Notebook, open_index
from tui.core.notebook.qindex import QueryIndex

MARKDOWN = ExportOptions(format="markdown")


def whole(path: Path, nb: Notebook, f: HighlightFilter) -> str:
    """What `gloss export -o` wrote before: every record in, the CLI's scope picks."""
    filtered = f != HighlightFilter()
    chosen = {h.id for h in nb.query(f)}
    tags = frozenset(f.all_tags + f.any_tags)
    scope = Scope(
        article_ids=frozenset(f.article_ids) or None,
        tags=tags or None,
        where=(lambda h: h.id in chosen) if filtered else None,
    )
    articles, highlights = nb.articles(), nb.highlights()
    bodies = saved_bodies(nb, [a.id for a in articles])
    report = export_file(path, articles, highlights, MARKDOWN, scope, bodies)
    return f"{report.summary()}\n{path.read_text(encoding='utf-8')}"


def streamed(path: Path, index: QueryIndex, f: HighlightFilter) -> str | None:
    report = export_file_streamed(path, index, f, MARKDOWN, named=f.article_ids)
    if report is None:
        return None
    return f"{report.summary()}\n{path.read_text(encoding='utf-8')}"


@pytest.fixture
def indexed(tmp_path: Path) -> Iterator[tuple[Notebook, QueryIndex]]:
    """A seeded notebook and its index."""
    root = tmp_path / "nb"
    generate(root, 160, 9, seed=11)
    nb = Notebook.open(root)
    index = open_index(root)
    assert index is not None
    yield nb, index
    index.close()


def random_filters(rng: random.Random, nb: Notebook) -> list[HighlightFilter]:
    """Scopes like --tag, --any-tag, --since, --until, --article (one with no highlights
    left), --color, and everything."""
    highlights = nb.highlights()
    tags = sorted({t for h in highlights for t in h.tags})
    days = sorted(h.created[:10] for h in highlights)
    ids = [a.id for a in nb.articles()]
    return [
        HighlightFilter(),
        HighlightFilter(all_tags=(rng.choice(tags),)),
        HighlightFilter(any_tags=tuple(rng.sample(tags, 3))),
        HighlightFilter(since=rng.choice(days)),
        HighlightFilter(until=rng.choice(days), colors=("yellow", "blue")),
        HighlightFilter(article_ids=tuple(rng.sample(ids, 3))),
        HighlightFilter(article_ids=tuple(rng.sample(ids, 2)), all_tags=(rng.choice(tags),)),
    ]


@pytest.mark.parametrize("seed", range(6))
def test_the_streamed_export_is_the_whole_export(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    root = tmp_path / "nb"
    made = generate(root, rng.randrange(40, 220), rng.randrange(3, 12), seed=seed)
    nb = Notebook.open(root)
    for hid in rng.sample(made.highlight_ids, len(made.highlight_ids) // 5):
        nb.delete_highlight(hid)
    # An article whose highlights are all gone: named by --article it still comes along.
    bare = rng.choice([a.id for a in nb.articles()])
    for h in nb.highlights(bare):
        nb.delete_highlight(h.id)
    index = open_index(root)
    assert index is not None
    try:
        filters = [*random_filters(rng, nb), HighlightFilter(article_ids=(bare,)),
                   HighlightFilter(article_ids=(bare, nb.articles()[0].id))]
        done = 0
        for n, f in enumerate(filters):
            ours = streamed(tmp_path / f"s{n}.md", index, f)
            theirs = whole(tmp_path / f"w{n}.md", nb, f)
            if ours is None:  # one article: its own document, the whole way
                chosen = {h.article_id for h in nb.query(f)} | set(f.article_ids)
                assert len(chosen) == 1, f
                continue
            assert ours == theirs, f
            done += 1
            # Again into the same file: found unchanged, a block at a time.
            again = export_file_streamed(tmp_path / f"s{n}.md", index, f, MARKDOWN,
                                         named=f.article_ids)
            assert again is not None and again.files[0].action == "unchanged", f
            assert (tmp_path / f"s{n}.md").read_text(encoding="utf-8") == theirs.split(
                "\n", 1)[1]
        assert done >= 5
    finally:
        index.close()


def test_a_file_that_needs_a_merge_goes_the_whole_way(
    tmp_path: Path, indexed: tuple[Notebook, QueryIndex]
) -> None:
    _, index = indexed
    out = tmp_path / "all.md"
    assert streamed(out, index, HighlightFilter()) is not None
    before = out.read_bytes()
    # A user's line in the file, and one region's body edited: only a merge keeps them.
    text = out.read_text(encoding="utf-8").replace("# Gloss highlights\n",
                                                   "# Gloss highlights\n\nMy own line.\n", 1)
    out.write_text(text, encoding="utf-8")
    assert export_file_streamed(out, index, HighlightFilter(), MARKDOWN) is None
    assert out.read_text(encoding="utf-8") == text  # nothing written
    # The file longer than the export (a line after it): not unchanged either.
    out.write_bytes(before + b"\nmore\n")
    assert export_file_streamed(out, index, HighlightFilter(), MARKDOWN) is None
    out.write_bytes(before[:-1])
    assert export_file_streamed(out, index, HighlightFilter(), MARKDOWN) is None
    out.write_bytes(before.replace(b"\n", b"\r\n"))
    assert export_file_streamed(out, index, HighlightFilter(), MARKDOWN) is None
    out.write_bytes(before)
    report = export_file_streamed(out, index, HighlightFilter(), MARKDOWN)
    assert report is not None and report.files[0].action == "unchanged"


def test_other_forms_go_the_whole_way(
    tmp_path: Path, indexed: tuple[Notebook, QueryIndex]
) -> None:
    _, index = indexed
    everything = HighlightFilter()
    for options in (ExportOptions(format="json"), ExportOptions(layout="tag"),
                    ExportOptions(template="tags")):
        assert export_file_streamed(tmp_path / "x.md", index, everything, options) is None
    (tmp_path / "dir.md").mkdir()
    assert export_file_streamed(tmp_path / "dir.md", index, everything, MARKDOWN) is None
    assert not (tmp_path / "x.md").exists()


def test_an_unsaved_article_and_a_missing_text(tmp_path: Path) -> None:
    root = tmp_path / "nb"
    generate(root, 30, 3, seed=5)
    # A shard holding a highlight whose article is not saved (a notebook edited by hand, or
    # merged from elsewhere): both exports keep it, under a stand-in article.
    shard = sorted((root / "highlights").glob("*.json"))[0]
    data = json.loads(shard.read_text(encoding="utf-8"))
    record = dict(next(iter(data["highlights"].values())))
    record.update(id="0badc0de-0000-4000-8000-000000000000", article_id="ffffffffffffffff")
    (root / "highlights" / "ffffffffffffffff.json").write_text(
        json.dumps({"highlights": {record["id"]: record}}), encoding="utf-8")
    nb = Notebook.open(root)
    assert nb.highlight(record["id"]) is not None
    # And an article whose saved text is gone (as an imported one has none): quoted alone.
    snapshot = nb.articles()[0].snapshot
    assert nb.highlights(nb.articles()[0].id)
    (root / "snapshots" / f"{snapshot}.json.gz").unlink()
    nb = Notebook.open(root)
    index = open_index(root)
    assert index is not None
    try:
        ours = streamed(tmp_path / "s.md", index, HighlightFilter())
        assert ours is not None and "Unknown article" in ours
        assert ours == whole(tmp_path / "w.md", nb, HighlightFilter())
    finally:
        index.close()



def _write_midway(index: QueryIndex, before: str, write: Callable[[], None]) -> list[str]:
    """Make each read of article ``before``'s highlights from ``index`` wait for ``write``,
    run in a real thread on its own notebook handle (which updates the index, as any other
    process's write does). Returns the articles read, in order, to show the retries."""
    seen: list[str] = []
    read = index.chosen_highlights

    def chosen(article_id: str, f: HighlightFilter) -> list[Highlight]:
        seen.append(article_id)
        if article_id == before:
            writer = threading.Thread(target=write)
            writer.start()
            writer.join()
        return read(article_id, f)

    index.chosen_highlights = chosen  # type: ignore[method-assign]
    return seen


def test_a_write_during_the_export_is_not_half_in_it(tmp_path: Path) -> None:
    root = tmp_path / "nb"
    generate(root, 120, 6, seed=3)
    nb = Notebook.open(root)
    index = open_index(root)
    assert index is not None
    order = [a.id for a in sorted(nb.articles(), key=lambda a: (a.saved, a.id))]
    gone = [nb.highlights(order[0])[0].id, nb.highlights(order[-1])[0].id]
    done: list[bool] = []

    def write() -> None:  # once: delete a quote of the first and of the last article
        if not done:
            writer = Notebook.open(root)
            with writer.batch():
                for hid in gone:
                    writer.delete_highlight(hid)
            done.append(True)

    try:
        seen = _write_midway(index, order[1], write)
        ours = streamed(tmp_path / "s.md", index, HighlightFilter())
        # Read again from the top: the file is the notebook after the write, not a mix of
        # the first article before it and the rest after.
        assert ours == whole(tmp_path / "w.md", Notebook.open(root), HighlightFilter())
        assert seen == order + order
        assert ours is not None and all(f"id={h}" not in ours for h in gone)
    finally:
        index.close()


def test_a_notebook_that_keeps_changing_is_not_exported(tmp_path: Path) -> None:
    root = tmp_path / "nb"
    made = generate(root, 60, 4, seed=4)
    index = open_index(root)
    assert index is not None
    victims = iter(made.highlight_ids)

    def write() -> None:  # every time: a write during every try
        Notebook.open(root).delete_highlight(next(victims))

    try:
        order = sorted(Notebook.open(root).articles(), key=lambda a: (a.saved, a.id))
        seen = _write_midway(index, order[1].id, write)
        with pytest.raises(ExportError, match="changed during the export"):
            export_file_streamed(tmp_path / "s.md", index, HighlightFilter(), MARKDOWN)
        assert len(seen) == streamed_module.TRIES * len(order)
        assert sorted(tmp_path.iterdir()) == [root]  # no file, no temporary file left
    finally:
        index.close()
