"""`gloss export --folder` from the query index one article at a time (issue 19: within 150
MB at 200k highlights): the folder equals, file for file and byte for byte, what the
whole-notebook export makes, on seeded random notebooks and scopes: a new folder, the same
export again, and after deletions, an edit in a file, a renamed file and another scope
(merges and prunes); a write during the export reads it again before any file changes."""

from __future__ import annotations

import json
import random
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.core.test_export_streamed import random_filters
from tests.core.test_export_streamed_json import scope_of
from tests.support.notebookgen import generate
from tui.core.export import ExportOptions, export_folder, saved_bodies
from tui.core.export.streamed_folder import export_folder_streamed
from tui.core.model import Highlight
from tui.core.notebook import HighlightFilter, Notebook, open_index
from tui.core.notebook.qindex import QueryIndex

MARKDOWN = ExportOptions(format="markdown")


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def whole(
    folder: Path, nb: Notebook, f: HighlightFilter, options: ExportOptions = MARKDOWN
) -> str:
    """What `gloss export --folder` did before: every record in, the scope picks."""
    scope = scope_of(nb, f)
    articles, highlights = nb.articles(), nb.highlights()
    bodies = saved_bodies(nb, [a.id for a in articles]) if options.format == "markdown" else None
    return export_folder(folder, articles, highlights, options, scope, bodies).summary()


def streamed(
    folder: Path, index: QueryIndex, f: HighlightFilter, options: ExportOptions = MARKDOWN
) -> str:
    report = export_folder_streamed(folder, index, f, options, named=f.article_ids)
    assert report is not None
    return report.summary()


def both(
    tmp_path: Path, nb: Notebook, index: QueryIndex, f: HighlightFilter,
    options: ExportOptions = MARKDOWN,
) -> None:
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    assert streamed(ours, index, f, options) == whole(theirs, nb, f, options), f
    assert tree(ours) == tree(theirs), f


@pytest.mark.parametrize("fmt", ["markdown", "json"])
@pytest.mark.parametrize("seed", range(5))
def test_the_streamed_folder_is_the_whole_export(tmp_path: Path, seed: int, fmt: str) -> None:
    options = MARKDOWN if fmt == "markdown" else ExportOptions(format="json")
    suffix = ".md" if fmt == "markdown" else ".json"
    rng = random.Random(200 + seed)
    root = tmp_path / "nb"
    made = generate(root, rng.randrange(40, 200), rng.randrange(3, 10), seed=seed)
    nb = Notebook.open(root)
    index = open_index(root)
    assert index is not None
    try:
        filters = random_filters(rng, nb)
        everything = filters[0]
        both(tmp_path, nb, index, everything, options)  # new
        both(tmp_path, nb, index, everything, options)  # unchanged
        for hid in rng.sample(made.highlight_ids, len(made.highlight_ids) // 4):
            nb.delete_highlight(hid)
        # In both folders: a user's line in one file (Markdown), one file renamed.
        for folder in (tmp_path / "ours", tmp_path / "theirs"):
            files = sorted(folder.glob("*" + suffix))
            if fmt == "markdown":
                files[0].write_text(files[0].read_text(encoding="utf-8") + "\nMy line.\n",
                                    encoding="utf-8")
            files[-1].rename(folder / ("renamed" + suffix))
        both(tmp_path, nb, index, everything, options)  # merged, pruned
        for f in filters[1:]:
            both(tmp_path, nb, index, f, options)  # another scope into the same folder
        for folder in (tmp_path / "ours", tmp_path / "theirs"):
            shutil.rmtree(folder)
        for f in filters[1:]:
            both(tmp_path, nb, index, f, options)  # a new folder per scope
            for folder in (tmp_path / "ours", tmp_path / "theirs"):
                shutil.rmtree(folder)
    finally:
        index.close()


def test_a_write_during_a_folder_export_changes_no_file_before_it_is_read_again(
    tmp_path: Path,
) -> None:
    root = tmp_path / "nb"
    generate(root, 80, 5, seed=12)
    nb = Notebook.open(root)
    index = open_index(root)
    assert index is not None
    order = [a.id for a in sorted(nb.articles(), key=lambda a: (a.saved, a.id))]
    gone = [nb.highlights(order[0])[0].id, nb.highlights(order[-1])[0].id]
    read = index.chosen_highlights
    seen: list[str] = []

    def write() -> None:
        writer = Notebook.open(root)
        with writer.batch():
            for hid in gone:
                writer.delete_highlight(hid)

    def chosen(article_id: str, f: HighlightFilter) -> list[Highlight]:
        seen.append(article_id)
        if len(seen) == 2:  # once, mid-way: a real thread on its own notebook handle
            writer = threading.Thread(target=write)
            writer.start()
            writer.join()
        return read(article_id, f)

    index.chosen_highlights = chosen  # type: ignore[method-assign]
    try:
        summary = streamed(tmp_path / "ours", index, HighlightFilter())
        assert seen == order + order
        assert summary == whole(tmp_path / "theirs", Notebook.open(root), HighlightFilter())
        assert tree(tmp_path / "ours") == tree(tmp_path / "theirs")
    finally:
        index.close()


def test_other_forms_go_the_whole_way(tmp_path: Path) -> None:
    root = tmp_path / "nb"
    generate(root, 30, 3, seed=1)
    index = open_index(root)
    assert index is not None
    try:
        everything = HighlightFilter()
        forms: list[Callable[[], object]] = [
            lambda: export_folder_streamed(tmp_path / "a", index, everything,
                                           ExportOptions(layout="tag")),
            lambda: export_folder_streamed(tmp_path / "a", index, everything,
                                           ExportOptions(template="tags")),
        ]
        assert [form() for form in forms] == [None, None]
        (tmp_path / "file").write_text("x", encoding="utf-8")
        assert export_folder_streamed(tmp_path / "file", index, everything, MARKDOWN) is None
        assert not (tmp_path / "a").exists()
    finally:
        index.close()


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_an_unsaved_article_and_a_missing_text(tmp_path: Path, fmt: str) -> None:
    options = MARKDOWN if fmt == "markdown" else ExportOptions(format="json")
    root = tmp_path / "nb"
    generate(root, 30, 3, seed=5)
    # A highlight whose article is not saved (a notebook edited by hand), and an article
    # whose saved text is gone (as an imported one has none): both exports alike.
    shard = sorted((root / "highlights").glob("*.json"))[0]
    data = json.loads(shard.read_text(encoding="utf-8"))
    record = dict(next(iter(data["highlights"].values())))
    record.update(id="0badc0de-0000-4000-8000-000000000000", article_id="ffffffffffffffff")
    (root / "highlights" / "ffffffffffffffff.json").write_text(
        json.dumps({"highlights": {record["id"]: record}}), encoding="utf-8")
    nb = Notebook.open(root)
    (root / "snapshots" / f"{nb.articles()[0].snapshot}.json.gz").unlink()
    nb = Notebook.open(root)
    index = open_index(root)
    assert index is not None
    try:
        both(tmp_path, nb, index, HighlightFilter(), options)
        names = tree(tmp_path / "ours")
        assert any("Unknown article" in n for n in names) == (fmt == "markdown")
    finally:
        index.close()
