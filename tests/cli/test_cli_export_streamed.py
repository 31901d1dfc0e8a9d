"""`gloss export -o FILE` of the whole notebook streams from the index (issue 19): it never
asks for every record, and writes what the whole-notebook export (no index) writes, on a new
file, on a re-export of the same, and through a merge after a highlight is deleted."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli_notebook import gloss
from tests.support.notebookgen import generate
from tui.cli import main
from tui.core.notebook import Notebook
from tui.core.notebook.qindex import QueryIndex


@pytest.fixture
def notebook(tmp_path: Path) -> Path:
    root = tmp_path / "nb"
    generate(root, 300, 12, seed=8)
    return root


def test_the_export_never_reads_every_record(
    notebook: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def whole(*_: object, **__: object) -> None:
        raise AssertionError("the whole notebook was read")

    monkeypatch.setattr(QueryIndex, "highlights", whole)
    monkeypatch.setattr(QueryIndex, "articles", whole)
    out = tmp_path / "all.md"
    for action in ("created", "unchanged"):
        assert main(["export", "-o", str(out), "--notebook", str(notebook)]) == 0
        assert capsys.readouterr().err == (
            f"gloss: 300 highlights from 12 articles: 1 {action}\n")
    assert main(["export", "-o", str(tmp_path / "tagged.md"), "--tag", "research",
                 "--notebook", str(notebook)]) == 0
    assert "1 created" in capsys.readouterr().err


@pytest.mark.parametrize("filters", [(), ("--tag", "research"), ("--since", "2025-06")],
                         ids=repr)
def test_the_streamed_file_is_the_whole_export(
    notebook: Path, tmp_path: Path, filters: tuple[str, ...]
) -> None:
    ours, theirs = tmp_path / "ours.md", tmp_path / "theirs.md"
    no_index = {"GLOSS_NO_INDEX": "1"}

    def both() -> None:
        a = gloss("export", "-o", ours, *filters, "--notebook", notebook)
        b = gloss("export", "-o", theirs, *filters, "--notebook", notebook, env=no_index)
        assert (a.returncode, b.returncode) == (0, 0), a.stderr + b.stderr
        assert a.stderr == b.stderr
        assert ours.read_bytes() == theirs.read_bytes()

    both()  # created
    both()  # unchanged
    nb = Notebook.open(notebook)
    for h in nb.highlights()[:7]:
        nb.delete_highlight(h.id)
    both()  # the deleted quotes merged out of the file, the whole way
