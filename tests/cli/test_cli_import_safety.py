"""`gloss import` checks numbers and nesting before it writes, and a failed import leaves a
new or an old notebook exactly as usable as before (issue 18, finding 10). Real files, the
real command; the failing disk is the storage layer's fault hook in a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli_notebook import assert_one_line_error, gloss, seed_notebook
from tests.support.paths import ROOT

BIG = "1" + "0" * 400  # 10**400: no double holds it
IMPORTED = ("gloss: imported 1 highlight and 1 article\n"
            "gloss: 1 highlight without offsets Gloss can trust: placed by its quote when the "
            "page is read\n")


def _annotation(start: str = "0", end: str = "3") -> str:
    return (
        '{"type": "Annotation", "id": "urn:uuid:0e0e0e0e-1111-4222-8333-444444444444",'
        ' "target": {"source": "https://example.com/a", "selector": ['
        '{"type": "TextQuoteSelector", "exact": "abc"},'
        f' {{"type": "TextPositionSelector", "start": {start}, "end": {end}}}]}}}}'
    )


_PROGRESS = (
    '{"type": "AnnotationCollection", "gloss:articles": [{"id": "a1", "title": "t",'
    f' "progress": {BIG}}}], "first": {{"type": "AnnotationPage", "items": []}}}}'
)
CASES = {
    # The column is where the number starts (orjson counts from 1).
    "start 10**400": (_annotation(BIG, BIG + "3"), "not JSON Gloss reads: a number too large "
                      f"(line 1 column {_annotation(BIG, '3').index(BIG) + 1})"),
    "progress 10**400": (_PROGRESS, "not JSON Gloss reads: a number too large "
                         f"(line 1 column {_PROGRESS.index(BIG) + 1})"),
    "100,000 nested [": ("[" * 100_000 + "]" * 100_000,
                         "not JSON Gloss reads: nested more than 1024 levels deep "
                         "(line 1 column 1026)"),
    "a lone surrogate": ('{"type": "Annotation", "x": "\ud800"}',
                         "not JSON Gloss reads: not UTF-8 text"),
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("dry_run", [True, False])
def test_refused_before_anything_is_written(tmp_path: Path, case: str, dry_run: bool) -> None:
    text, message = CASES[case]
    bad = tmp_path / "bad.json"
    bad.write_bytes(text.encode("utf-8", "surrogatepass"))
    nb = tmp_path / "nb"
    args = ["import", bad, "--notebook", nb, *(["--dry-run"] if dry_run else [])]
    assert_one_line_error(gloss(*args), 6, message)
    assert not nb.exists()


def _import_failing_at(step: int, source: Path, nb: Path) -> subprocess.CompletedProcess[str]:
    """`gloss import` in a subprocess whose disk fails at I/O step ``step`` of the write."""
    code = (
        "import sys\n"
        "from tests.support.faults import Steps, injecting\n"
        "from tui.cli import main\n"
        f"with injecting(Steps({step})):\n"
        f"    sys.exit(main(['import', {str(source)!r}, '--notebook', {str(nb)!r}]))\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, check=False)


def _steps_of_import(source: Path, nb: Path) -> list[str]:
    code = (
        "import sys\n"
        "from tests.support.faults import Steps, injecting\n"
        "from tui.cli import main\n"
        "with injecting(Steps()) as steps:\n"
        f"    main(['import', {str(source)!r}, '--notebook', {str(nb)!r}])\n"
        "print('\\n'.join(steps.seen))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, check=True)
    return done.stdout.splitlines()


def test_a_failed_import_leaves_a_new_notebook_usable(tmp_path: Path) -> None:
    """The disk fails as the new notebook's highlights/ folder is made: the rollback has no
    folder to sync, and every later command works (before: each said 'could not save to
    .../undo/manifest.json', `gloss notebook repair` too)."""
    source = tmp_path / "one.json"
    source.write_text(_annotation(), encoding="utf-8")
    steps = _steps_of_import(source, tmp_path / "probe")
    step = steps.index("mkdir highlights") + 1
    nb = tmp_path / "nb"
    done = _import_failing_at(step, source, nb)
    assert done.returncode == 5
    assert done.stderr.endswith("(mkdir); nothing was changed\n")
    assert_one_line_error(gloss("notebook", "list", "--notebook", nb), 5,
                          f"no notebook at {nb} (nothing saved there yet)")
    repaired = gloss("notebook", "repair", "--notebook", nb)
    assert (repaired.returncode, repaired.stdout) == (0, "nothing to repair\n")
    again = gloss("import", source, "--notebook", nb)
    assert (again.returncode, again.stderr) == (0, IMPORTED)


@pytest.mark.slow
def test_a_failed_import_leaves_an_old_notebook_as_it_was(tmp_path: Path) -> None:
    nb = tmp_path / "nb"
    seed_notebook(nb)
    before = gloss("export", "--format", "json", "--notebook", nb).stdout
    source = tmp_path / "one.json"
    source.write_text(_annotation(), encoding="utf-8")
    copy = tmp_path / "copy"
    seed_notebook(copy)
    steps = _steps_of_import(source, copy)
    # Every step of the write that touches a notebook file, the new shard's first.
    step = next(n for n, s in enumerate(steps, 1) if s.startswith("create .tmp-")
                and not s.startswith("create .tmp-changes") and "manifest" not in s)
    done = _import_failing_at(step, source, nb)
    assert done.returncode == 5, done.stderr
    assert gloss("export", "--format", "json", "--notebook", nb).stdout == before
    assert gloss("notebook", "repair", "--notebook", nb).returncode == 0
    again = gloss("import", source, "--notebook", nb)
    assert (again.returncode, again.stderr) == (0, IMPORTED)
    assert json.loads(gloss("export", "--format", "json", "--notebook", nb).stdout)["total"] == 4


def test_a_notebook_left_stuck_by_the_old_rollback_recovers(tmp_path: Path) -> None:
    """What the old rollback left behind (a journal naming a shard in a highlights/ folder
    that was never made) is undone by the next command instead of failing every one."""
    nb = tmp_path / "nb"
    (nb / "undo").mkdir(parents=True)
    (nb / "undo" / "manifest.json").write_text(
        '[{"path": "highlights/577772438ebd4be7.json", "existed": false},'
        ' {"path": "notebook.json", "existed": false}]', encoding="utf-8")
    source = tmp_path / "one.json"
    source.write_text(_annotation(), encoding="utf-8")
    done = gloss("import", source, "--notebook", nb)
    assert (done.returncode, done.stderr) == (0, IMPORTED)
    assert not (nb / "undo" / "manifest.json").exists()
    assert gloss("notebook", "repair", "--notebook", nb).returncode == 0
