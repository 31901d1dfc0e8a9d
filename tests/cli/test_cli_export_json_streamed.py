"""`gloss export --format json` streams from the index (issue 19): it never asks for every
record, writes what the whole-notebook export (no index) writes, to a file and to stdout,
and a failure to read mid-way is one line and a non-zero exit with nothing written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.test_cli_notebook import gloss
from tests.support.notebookgen import generate
from tui.cli import main
from tui.core.model import Highlight
from tui.core.notebook import HighlightFilter, Notebook
from tui.core.notebook.qindex import QueryIndex


@pytest.fixture
def notebook(tmp_path: Path) -> Path:
    root = tmp_path / "nb"
    generate(root, 300, 12, seed=9)
    return root


def test_the_json_export_never_reads_every_record(
    notebook: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def whole(*_: object, **__: object) -> None:
        raise AssertionError("the whole notebook was read")

    monkeypatch.setattr(QueryIndex, "highlights", whole)
    monkeypatch.setattr(QueryIndex, "articles", whole)
    out = tmp_path / "all.json"
    for action in ("created", "unchanged"):
        assert main(["export", "-o", str(out), "--notebook", str(notebook)]) == 0
        assert capsys.readouterr().err == (
            f"gloss: 300 highlights from 12 articles: 1 {action}\n")
    assert main(["export", "--format", "json", "--tag", "research",
                 "--notebook", str(notebook)]) == 0
    got = capsys.readouterr()
    assert got.out.startswith("{\n") and got.err == ""
    assert main(["export", "--format", "json", "--tag", "no-such-tag",
                 "--notebook", str(notebook)]) == 0
    assert capsys.readouterr() == ("", "gloss: no highlights match\n")


@pytest.mark.parametrize("filters", [(), ("--tag", "research"), ("--since", "2025-06")],
                         ids=repr)
def test_the_streamed_json_is_the_whole_export(
    notebook: Path, tmp_path: Path, filters: tuple[str, ...]
) -> None:
    ours, theirs = tmp_path / "ours.json", tmp_path / "theirs.json"
    no_index = {"GLOSS_NO_INDEX": "1"}

    def both() -> None:
        a = gloss("export", "-o", ours, *filters, "--notebook", notebook)
        b = gloss("export", "-o", theirs, *filters, "--notebook", notebook, env=no_index)
        assert (a.returncode, b.returncode) == (0, 0), a.stderr + b.stderr
        assert a.stderr == b.stderr
        assert ours.read_bytes() == theirs.read_bytes()
        a = gloss("export", "--format", "json", *filters, "--notebook", notebook)
        b = gloss("export", "--format", "json", *filters, "--notebook", notebook,
                  env=no_index)
        assert (a.returncode, a.stderr, a.stdout) == (b.returncode, b.stderr, b.stdout)

    both()  # created
    both()  # unchanged
    nb = Notebook.open(notebook)
    for h in nb.highlights()[:7]:
        nb.delete_highlight(h.id)
    both()  # updated


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_a_failure_mid_way_is_one_line_and_nothing_written(
    notebook: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    to_file: bool,
) -> None:
    read = QueryIndex.chosen_highlights
    calls = [0]

    def failing(self: QueryIndex, article_id: str, f: HighlightFilter) -> list[Highlight]:
        calls[0] += 1
        if calls[0] == 5:  # mid-way, the index answers as a damaged file does
            raise sqlite3.DatabaseError("database disk image is malformed")
        return read(self, article_id, f)

    monkeypatch.setattr(QueryIndex, "chosen_highlights", failing)
    folder = tmp_path / "out"
    folder.mkdir()
    where = ["-o", str(folder / "all.json")] if to_file else ["--format", "json"]
    code = main(["export", *where, "--notebook", str(notebook)])
    got = capsys.readouterr()
    assert code != 0
    assert got.out == ""
    assert got.err == ("gloss: cannot read the notebook's index: database disk image is "
                       "malformed; nothing was written (run `gloss notebook reindex` if "
                       "this stays)\n")
    assert list(folder.iterdir()) == []  # no file, no temporary file


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_the_folder_export_streams_and_is_the_whole_export(
    notebook: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fmt: str,
) -> None:
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    b = gloss("export", "--format", fmt, "--folder", theirs, "--notebook", notebook,
              env={"GLOSS_NO_INDEX": "1"})
    assert b.returncode == 0, b.stderr

    def whole(*_: object, **__: object) -> None:
        raise AssertionError("the whole notebook was read")

    monkeypatch.setattr(QueryIndex, "highlights", whole)
    monkeypatch.setattr(QueryIndex, "articles", whole)
    assert main(["export", "--format", fmt, "--folder", str(ours),
                 "--notebook", str(notebook)]) == 0
    assert f"gloss: {capsys.readouterr().err[7:]}" == b.stderr
    files = {p.name: p.read_bytes() for p in ours.iterdir()}
    assert files == {p.name: p.read_bytes() for p in theirs.iterdir()}
    assert len(files) == 12


def test_a_merge_into_an_edited_file_streams_and_is_the_whole_merge(
    notebook: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ours, theirs = tmp_path / "ours.md", tmp_path / "theirs.md"
    assert main(["export", "-o", str(ours), "--notebook", str(notebook)]) == 0
    text = ours.read_text(encoding="utf-8").replace(
        "# Gloss highlights\n", "# Gloss highlights\n\nMy own line.\n", 1)
    nb = Notebook.open(notebook)
    for h in nb.highlights()[:5]:
        nb.delete_highlight(h.id)
    for path in (ours, theirs):
        path.write_text(text, encoding="utf-8")
    b = gloss("export", "-o", theirs, "--notebook", notebook, env={"GLOSS_NO_INDEX": "1"})
    assert b.returncode == 0, b.stderr
    capsys.readouterr()

    def whole(*_: object, **__: object) -> None:
        raise AssertionError("the whole notebook was read")

    monkeypatch.setattr(QueryIndex, "highlights", whole)
    monkeypatch.setattr(QueryIndex, "articles", whole)
    assert main(["export", "-o", str(ours), "--notebook", str(notebook)]) == 0
    assert capsys.readouterr().err == b.stderr == (
        "gloss: 295 highlights from 12 articles: 1 updated; 1 edited in the file, left as "
        "you wrote them\n")
    assert ours.read_bytes() == theirs.read_bytes()
    assert "My own line." in ours.read_text(encoding="utf-8")
