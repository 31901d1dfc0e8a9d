"""`gloss export -o` onto what is already at the path: modes, symlinks, FIFOs."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.test_cli_notebook import assert_one_line_error, gloss, seed_notebook

SUMMARY = "gloss: 3 highlights from 1 article: {}\n"


@pytest.fixture(scope="module")
def notebook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-export-files") / "nb"
    seed_notebook(path)
    return path


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The child inherits the umask: set the usual one, whatever the runner has."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.usefixtures("umask_022")
@pytest.mark.parametrize("options", [["-o", "out.md"], ["--folder", "vault"]])
def test_export_files_take_their_mode_from_the_umask(
    notebook: Path, tmp_path: Path, options: list[str]
) -> None:
    options = [options[0], str(tmp_path / options[1])]
    done = gloss("export", *options, "--notebook", notebook)
    assert done.returncode == 0, done.stderr
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written
    assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in written} == {"0o644"}


def test_an_existing_files_mode_is_kept(notebook: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    out.write_text("", encoding="utf-8")
    out.chmod(0o640)
    assert gloss("export", "-o", out, "--notebook", notebook).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_output_onto_a_symlink_writes_through_to_its_target(
    notebook: Path, tmp_path: Path
) -> None:
    target = tmp_path / "notes" / "highlights.md"
    target.parent.mkdir()
    target.write_text("", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(Path("notes") / "highlights.md")
    done = gloss("export", "-o", link, "--notebook", notebook)
    assert (done.returncode, done.stderr) == (0, SUMMARY.format("1 updated"))
    assert link.is_symlink()
    assert link.readlink() == Path("notes") / "highlights.md"
    assert target.stat().st_size > 0
    assert [p.name for p in target.parent.iterdir()] == ["highlights.md"]  # no temp left


def test_a_dangling_symlink_creates_its_target(notebook: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to("made.md")
    done = gloss("export", "-o", link, "--notebook", notebook)
    assert (done.returncode, done.stderr) == (0, SUMMARY.format("1 created"))
    assert link.is_symlink() and (tmp_path / "made.md").stat().st_size > 0


def test_output_onto_a_fifo_is_refused_without_opening_it(
    notebook: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    done = gloss("export", "-o", fifo, "--notebook", notebook)  # times out if it opens it
    assert_one_line_error(done, 5, f"{fifo} is not a regular file: name a file to export to")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_output_onto_a_socket_is_refused(notebook: Path, tmp_path: Path) -> None:
    # A socket made here, not a real device: the old code replaced what it was given.
    path = tmp_path / "sock.md"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        done = gloss("export", "-o", path, "--notebook", notebook)
    assert_one_line_error(done, 5, f"{path} is not a regular file: name a file to export to")
    assert stat.S_ISSOCK(path.lstat().st_mode)
