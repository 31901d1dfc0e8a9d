"""`gloss export --format json` from the query index one article at a time (issue 19: within
150 MB at 200k highlights): the text equals, byte for byte, what the whole-notebook export
writes (to a new file, into a file Gloss wrote before with another scope, which keeps the
annotations still in the notebook, and to stdout), on seeded random notebooks and scopes; a
file that is not plainly Gloss's goes the whole way; a failure to read writes nothing."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from tests.core.test_export_streamed import random_filters
from tests.support.notebookgen import generate
from tui.core.export import ExportOptions, Scope, export_file, export_text
from tui.core.export.errors import ExportError
from tui.core.export.streamed_json import export_json_streamed, render_json
from tui.core.model import Highlight
from tui.core.notebook import HighlightFilter, Notebook, open_index
from tui.core.notebook.qindex import QueryIndex

JSON = ExportOptions(format="json")


def scope_of(nb: Notebook, f: HighlightFilter) -> Scope:
    """The CLI's scope for the filter ``f`` (as tui/commands/export.py makes it)."""
    if f == HighlightFilter():
        return Scope()
    chosen = {h.id for h in nb.query(f)}
    tags = frozenset(f.all_tags + f.any_tags)
    return Scope(article_ids=frozenset(f.article_ids) or None, tags=tags or None,
                 where=lambda h: h.id in chosen)


def whole(path: Path, nb: Notebook, f: HighlightFilter) -> str:
    """What `gloss export --format json -o` wrote before: every record in, the scope picks."""
    report = export_file(path, nb.articles(), nb.highlights(), JSON, scope_of(nb, f))
    return f"{report.summary()}\n{path.read_text(encoding='utf-8')}"


def streamed(path: Path, index: QueryIndex, f: HighlightFilter) -> str | None:
    report = export_json_streamed(path, index, f, named=f.article_ids)
    if report is None:
        return None
    return f"{report.summary()}\n{path.read_text(encoding='utf-8')}"


def to_stdout(index: QueryIndex, f: HighlightFilter) -> tuple[int, str]:
    with render_json(index, f, named=f.article_ids) as rendered:
        return rendered.articles, "".join(rendered.pieces())


@pytest.mark.parametrize("seed", range(6))
def test_the_streamed_json_export_is_the_whole_export(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    root = tmp_path / "nb"
    made = generate(root, rng.randrange(40, 220), rng.randrange(3, 12), seed=seed)
    nb = Notebook.open(root)
    for hid in rng.sample(made.highlight_ids, len(made.highlight_ids) // 5):
        nb.delete_highlight(hid)
    bare = rng.choice([a.id for a in nb.articles()])
    for h in nb.highlights(bare):
        nb.delete_highlight(h.id)
    index = open_index(root)
    assert index is not None
    try:
        filters = [*random_filters(rng, nb), HighlightFilter(article_ids=(bare,))]
        for n, f in enumerate(filters):
            ours = streamed(tmp_path / f"s{n}.json", index, f)
            theirs = whole(tmp_path / f"w{n}.json", nb, f)
            assert ours == theirs, f
            again = export_json_streamed(tmp_path / f"s{n}.json", index, f, f.article_ids)
            assert again is not None and again.files[0].action == "unchanged", f
            chosen, text = to_stdout(index, f)
            scope = scope_of(nb, f)
            assert text == export_text(nb.articles(), nb.highlights(), JSON, scope), f
            assert chosen == len({h.article_id for h in nb.query(f)} & {
                a.id for a in nb.articles()} | set(f.article_ids))
    finally:
        index.close()


@pytest.mark.parametrize("seed", range(4))
def test_a_file_from_another_scope_keeps_what_the_notebook_still_has(
    tmp_path: Path, seed: int
) -> None:
    rng = random.Random(100 + seed)
    root = tmp_path / "nb"
    made = generate(root, rng.randrange(60, 200), rng.randrange(3, 10), seed=seed)
    nb = Notebook.open(root)
    index = open_index(root)
    assert index is not None
    try:
        filters = random_filters(rng, nb)
        before, now = rng.choice(filters), rng.choice(filters[1:])
        whole(tmp_path / "before.json", nb, before)
        # Some of the file's highlights deleted since, one edited: gone, and up to date.
        for hid in rng.sample(made.highlight_ids, len(made.highlight_ids) // 4):
            nb.delete_highlight(hid)
        edited = rng.choice(nb.highlights())
        nb.update_highlight(replace(edited, note="Changed since."))
        shutil.copy(tmp_path / "before.json", tmp_path / "s.json")
        shutil.copy(tmp_path / "before.json", tmp_path / "w.json")
        ours = streamed(tmp_path / "s.json", index, now)
        assert ours == whole(tmp_path / "w.json", nb, now), (before, now)
    finally:
        index.close()


def test_a_file_not_plainly_glosss_goes_the_whole_way(tmp_path: Path) -> None:
    root = tmp_path / "nb"
    generate(root, 40, 4, seed=2)
    index = open_index(root)
    assert index is not None
    out = tmp_path / "all.json"
    try:
        everything = HighlightFilter()
        assert streamed(out, index, everything) is not None
        text = out.read_bytes()
        foreign = json.dumps({"generator": {"name": "Other"}}).encode()
        for other in (text.replace(b"\n", b"\r\n"), b"\xef\xbb\xbf" + text, text[:-30],
                      b"", b"[1, 2]", foreign, text.replace(b'"Gloss"', b'"Glass"', 1),
                      b'{"generator": {"name": "Gloss"}, "first": {"items": {"item": {}}}}',
                      b'{"generator": {"name": "Gloss"}, "generator": 1}'):
            out.write_bytes(other)
            assert export_json_streamed(out, index, HighlightFilter(any_tags=("ux",))) is None
            assert export_json_streamed(out, index, everything) is None
            assert out.read_bytes() == other  # nothing written
        # A Gloss file with its keys in another order and other spacing is still Gloss's.
        data = json.loads(text)
        out.write_text(json.dumps(dict(reversed(list(data.items())))), encoding="utf-8")
        report = export_json_streamed(out, index, everything)
        assert report is not None and report.files[0].action == "updated"
        assert out.read_bytes() == text
    finally:
        index.close()


def test_a_failure_to_read_writes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "nb"
    generate(root, 60, 5, seed=6)
    index = open_index(root)
    assert index is not None
    read = index.chosen_highlights
    calls = [0]

    def failing(article_id: str, f: HighlightFilter) -> list[Highlight]:
        calls[0] += 1
        if calls[0] == 3:  # mid-way, the index goes (as a damaged file would answer)
            raise sqlite3.DatabaseError("database disk image is malformed")
        return read(article_id, f)

    index.chosen_highlights = failing  # type: ignore[method-assign]
    out = tmp_path / "out" / "all.json"
    out.parent.mkdir()
    try:
        with pytest.raises(ExportError, match="cannot read the notebook's index"):
            export_json_streamed(out, index, HighlightFilter())
        assert list(out.parent.iterdir()) == []  # no file, no temporary file
        calls[0] = 0
        with pytest.raises(ExportError, match="nothing was written"):
            render_json(index, HighlightFilter())
    finally:
        index.close()
