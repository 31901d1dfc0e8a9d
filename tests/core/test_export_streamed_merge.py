"""`gloss export -o FILE` into a Markdown file that needs a merge (edited by the user, or
the notebook changed since), merged from the index without holding the file or the export
whole (issue 19): the file and the report equal, byte for byte, what the whole-notebook
merge gives, on seeded random notebooks, edits and scopes; what is not plain goes the
whole way."""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from tests.core.test_export_streamed import random_filters
from tests.core.test_export_streamed_json import scope_of
from tests.support.notebookgen import generate
from tui.core.export import ExportOptions, export_file, saved_bodies
from tui.core.export.streamed_merge import merge_streamed
from tui.core.notebook import HighlightFilter, Notebook, open_index
from tui.core.notebook.qindex import QueryIndex

MARKDOWN = ExportOptions(format="markdown")
_BODY = re.compile(r"(<!-- gloss:begin id=\S+ hash=\S+ -->\n)(.*?)(\n<!-- gloss:end)", re.S)


def whole(path: Path, nb: Notebook, f: HighlightFilter, overwrite: bool = False) -> str:
    articles, highlights = nb.articles(), nb.highlights()
    bodies = saved_bodies(nb, [a.id for a in articles])
    report = export_file(path, articles, highlights, MARKDOWN, scope_of(nb, f), bodies,
                         overwrite_edits=overwrite)
    return f"{report_text(report)}\n{path.read_text(encoding='utf-8')}"


def report_text(report: object) -> str:
    files = report.files  # type: ignore[attr-defined]
    return f"{report.summary()} {[(r.action, r.regions) for r in files]}"  # type: ignore[attr-defined]


def streamed(path: Path, index: QueryIndex, f: HighlightFilter, overwrite: bool = False
             ) -> str | None:
    report = merge_streamed(path, index, f, MARKDOWN, named=f.article_ids,
                            overwrite_edits=overwrite)
    if report is None:
        return None
    return f"{report_text(report)}\n{path.read_text(encoding='utf-8')}"


def user_edits(text: str, rng: random.Random) -> str:
    """What a person does to the file: a line of their own, a quote's text edited, a
    region cut out, the front matter given a key of theirs, the last newline gone."""
    text = text.replace("# Gloss highlights\n", "# Gloss highlights\n\nMy own line.\n", 1)
    bodies = list(_BODY.finditer(text))
    edit, cut = rng.sample(bodies, 2)
    pieces = []
    at = 0
    for match in sorted((edit, cut), key=lambda m: m.start()):
        pieces.append(text[at:match.start()])
        if match is edit:
            pieces.append(match.group(1) + match.group(2) + " (my edit)" + match.group(3))
            at = match.end()
        else:  # the whole region: from its begin line to the end of its end line
            at = text.index("\n", match.end()) + 1
    pieces.append(text[at:])
    text = "".join(pieces).replace("---\n", "---\nmine: yes\n", 1)
    return text.rstrip("\n") if rng.random() < 0.5 else text


@pytest.mark.parametrize("seed", range(8))
def test_the_streamed_merge_is_the_whole_merge(tmp_path: Path, seed: int) -> None:
    # (Across the seeds: regions added, updated, unchanged, removed, kept, in conflict,
    # released and outside the scope all come up.)
    rng = random.Random(300 + seed)
    root = tmp_path / "nb"
    made = generate(root, rng.randrange(60, 220), rng.randrange(3, 12), seed=seed)
    nb = Notebook.open(root)
    index = open_index(root)
    assert index is not None
    try:
        filters = random_filters(rng, nb)
        first = rng.choice(filters[:5])  # not one article's own document
        start = tmp_path / "start.md"
        whole(start, nb, first)
        # The notebook changes: quotes deleted, one note changed, one quote added.
        gone = rng.sample(made.highlight_ids, len(made.highlight_ids) // 6)
        for hid in gone:
            nb.delete_highlight(hid)
        edited = rng.choice(nb.highlights())
        nb.update_highlight(replace(edited, note="Changed since."))
        nb.add_highlight(made.new_highlight())
        edits = user_edits(start.read_text(encoding="utf-8"), rng)
        # And a quote deleted in Gloss edited in the file: kept as the user's text.
        released = next((h for h in gone if f"id={h} " in edits), None)
        if released is not None:
            at = edits.index("\n", edits.index(f"<!-- gloss:begin id={released} ")) + 1
            edits = edits[:at] + "My words. " + edits[at:]
        done = 0
        for n, f in enumerate(filters):
            for overwrite in (False, True):
                ours, theirs = tmp_path / f"s{n}{overwrite}.md", tmp_path / f"w{n}{overwrite}.md"
                for path in (ours, theirs):
                    path.write_text(edits, encoding="utf-8")
                got = streamed(ours, index, f, overwrite)
                if got is None:  # one article's own document: the whole way
                    assert ours.read_text(encoding="utf-8") == edits
                    continue
                assert got == whole(theirs, nb, f, overwrite), (f, overwrite)
                done += 1
        assert done >= 8
        # Merged again: unchanged, both ways.
        shutil.copy(tmp_path / "s0False.md", tmp_path / "again.md")
        again = streamed(tmp_path / "again.md", index, filters[0])
        assert again is not None and again.startswith(
            whole(tmp_path / "w0False.md", nb, filters[0]).split(" [")[0])
        assert "unchanged" in again.split("\n")[0]
    finally:
        index.close()


def test_what_is_not_plain_goes_the_whole_way(tmp_path: Path) -> None:
    root = tmp_path / "nb"
    generate(root, 60, 5, seed=7)
    nb = Notebook.open(root)
    index = open_index(root)
    assert index is not None
    out = tmp_path / "all.md"
    try:
        whole(out, nb, HighlightFilter())
        text = out.read_text(encoding="utf-8") + "\nMy line.\n"
        broken = text.replace("<!-- gloss:end", "<!-- gloss:nope", 1)
        for other in (text.replace("\n", "\r\n").encode(), b"\xef\xbb\xbf" + text.encode(),
                      broken.encode(), b"", b"no markers here\n", b"\xff\xfe" + text.encode(),
                      text.replace("---\n", "---\nx: [\n", 1).encode(),
                      text.replace("id=", "tag=ux id=", 1).encode()):
            out.write_bytes(other)
            assert merge_streamed(out, index, HighlightFilter(), MARKDOWN) is None
            assert out.read_bytes() == other
        assert merge_streamed(out, index, HighlightFilter(), ExportOptions(layout="tag")) is None
        out.write_text(text, encoding="utf-8")
        one = HighlightFilter(article_ids=(nb.articles()[0].id,))
        assert merge_streamed(out, index, one, MARKDOWN) is None
        # Only a line of the user's: merged, the file is as it was.
        report = merge_streamed(out, index, HighlightFilter(), MARKDOWN)
        assert report is not None and report.files[0].action == "unchanged"
        assert out.read_text(encoding="utf-8") == text
        assert sorted(p.name for p in tmp_path.iterdir()) == ["all.md", "nb"]
    finally:
        index.close()


def test_odd_files_merge_as_the_whole_way_merges_them(tmp_path: Path) -> None:
    root = tmp_path / "nb"
    generate(root, 80, 5, seed=9)
    nb = Notebook.open(root)
    index = open_index(root)
    assert index is not None
    start = tmp_path / "start.md"
    whole(start, nb, HighlightFilter())
    text = start.read_text(encoding="utf-8")
    regions = [m.group(0) for m in re.finditer(
        r"<!-- gloss:begin id=.*?<!-- gloss:end id=\S+ -->\n", text, re.S)]
    after_front = text.index("\n---\n") + 5
    odd = {
        "no front matter": text[after_front:],
        "a '...' fence": text.replace("\n---\n", "\n...\n", 1),
        "a region pasted twice": text + "\n" + regions[3],
        "a region pasted twice, edited": text + "\n" + regions[3].replace("\n>", "\n> Mine", 1),
        "an odd recorded hash": text.replace(" hash=", " hash=XYZ", 1),
        "a region with no hash": re.sub(r" hash=\S+ -->", " -->", text, count=2),
        "a marker-like line in the text": text + "\n<!-- gloss:note not a marker\n",
        "an empty region": text.replace(regions[1], regions[1].split("\n", 1)[0] + "\n"
                                        + regions[1].rsplit("\n", 2)[-2] + "\n"),
        "regions reordered": text.replace(regions[1] + "\n" + regions[2],
                                          regions[2] + "\n" + regions[1], 1),
    }
    try:
        for name, edited in odd.items():
            assert edited != text, name
            for f in (HighlightFilter(), HighlightFilter(any_tags=("ux", "method"))):
                ours, theirs = tmp_path / "ours.md", tmp_path / "theirs.md"
                for path in (ours, theirs):
                    path.write_text(edited, encoding="utf-8")
                assert streamed(ours, index, f) == whole(theirs, nb, f), name
    finally:
        index.close()


def test_a_failure_to_read_is_one_error_and_changes_no_file(tmp_path: Path) -> None:
    """Every streamed export: the index failing mid-way (as a damaged file answers) is an
    ExportError, and the file (or folder) is as it was, with no temporary file left."""
    import sqlite3

    from tui.core.export.errors import ExportError
    from tui.core.export.streamed import export_file_streamed
    from tui.core.export.streamed_folder import export_folder_streamed
    from tui.core.export.streamed_json import export_json_streamed
    from tui.core.model import Highlight

    root = tmp_path / "nb"
    generate(root, 80, 6, seed=13)
    nb = Notebook.open(root)
    index = open_index(root)
    assert index is not None
    out = tmp_path / "out"
    out.mkdir()
    edited = out / "edited.md"
    whole(edited, nb, HighlightFilter())
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMine.\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    read = index.chosen_highlights
    calls = [0]

    def failing(article_id: str, f: HighlightFilter) -> list[Highlight]:
        calls[0] += 1
        if calls[0] == 3:
            raise sqlite3.DatabaseError("database disk image is malformed")
        return read(article_id, f)

    index.chosen_highlights = failing  # type: ignore[method-assign]
    everything = HighlightFilter()
    exports = [
        lambda: export_file_streamed(out / "new.md", index, everything, MARKDOWN),
        lambda: merge_streamed(edited, index, everything, MARKDOWN),
        lambda: export_folder_streamed(out / "folder", index, everything, MARKDOWN),
        lambda: export_json_streamed(out / "new.json", index, everything),
    ]
    try:
        for export in exports:
            calls[0] = 0
            with pytest.raises(ExportError, match="cannot read the notebook's index"):
                export()
            assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    finally:
        index.close()
