"""A crafted notebook folder is data: paths in it never reach outside it, bad values never
brick it, and every command either works or says one clear line (never exit 70).

Notebook folders get synced, shared and unzipped, so each case here is a folder someone else
could have written: an undo journal naming ``../`` or absolute paths, a kept copy that is a
symlink, a garbled journal, NaN and 1e308 progress, positions past 2^63, deep nesting.
"""

from __future__ import annotations

import json
import math
import subprocess
from pathlib import Path

import orjson
import pytest

from tests.cli.test_cli_escapes import run
from tests.cli.test_cli_notebook import gloss, seed_notebook

# Commands that open the notebook (for writing, most of them) and print what it holds.
COMMANDS = [
    ["notebook", "list"],
    ["notebook", "tags"],
    ["notebook", "articles"],
    ["notebook", "search", "Kilgrave"],
    ["export"],
]


def tree(folder: Path, skip: Path) -> dict[str, bytes | str]:
    """Every file (its bytes) and symlink (its target) under ``folder``, but ``skip``'s."""
    out: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        if path == skip or skip in path.parents:
            continue
        if path.is_symlink():
            out[str(path)] = "-> " + str(path.readlink())
        elif path.is_file():
            out[str(path)] = path.read_bytes()
        else:
            out[str(path)] = "dir"
    return out


def assert_works_or_one_line(done: subprocess.CompletedProcess[str] | tuple[int, str, str],
                             ) -> None:
    code, _, err = done if isinstance(done, tuple) else (
        done.returncode, done.stdout, done.stderr)
    assert code in (0, 2, 5, 6), err
    if code:
        assert err.startswith("gloss: ") and err.count("\n") == 1, err
        assert "internal error" not in err and "Traceback" not in err


def craft_journal(nb: Path, entries: object, kept: dict[str, bytes] | None = None) -> None:
    undo = nb / "undo"
    undo.mkdir(exist_ok=True)
    (undo / "manifest.json").write_bytes(
        entries if isinstance(entries, bytes) else orjson.dumps(entries)
    )
    for name, data in (kept or {}).items():
        (undo / name).write_bytes(data)


@pytest.fixture
def victim(tmp_path: Path) -> tuple[Path, Path]:
    """A seeded notebook, and a file beside it that a journal must never reach."""
    nb = tmp_path / "nb"
    seed_notebook(nb)
    outside = tmp_path / "outside.txt"
    outside.write_text("the user's own file\n", encoding="utf-8")
    return nb, outside


@pytest.mark.parametrize(
    "entries",
    [
        [{"path": "../outside.txt", "existed": False}],  # would delete it
        [{"path": "../outside.txt", "existed": True}],  # would overwrite it with kept copy 0
        [{"path": "ABSOLUTE", "existed": False}],
        [{"path": "ABSOLUTE", "existed": True}],
        [{"path": "highlights/../../outside.txt", "existed": False}],
        [{"path": "notebook.json", "existed": True}, {"path": "../outside.txt", "existed": False}],
        [{"path": "undo/manifest.json", "existed": False}],
        [{"path": "", "existed": False}],
        [{"path": 7, "existed": False}],
        {"path": "notebook.json"},
    ],
    ids=["dotdot-delete", "dotdot-write", "absolute-delete", "absolute-write", "nested-dotdot",
         "second-entry", "itself", "empty", "not-text", "not-a-list"],
)
def test_a_journal_naming_paths_outside_touches_nothing(
    victim: tuple[Path, Path], entries: object
) -> None:
    nb, outside = victim
    entries = json.loads(json.dumps(entries).replace("ABSOLUTE", str(outside)))
    craft_journal(nb, entries, {"0": b"planted by the journal\n", "1": b"planted\n"})
    before = tree(nb.parent, skip=nb / "undo")
    for command in COMMANDS:
        code, out, err = run(*command, "--notebook", nb)
        assert code == 5, (command, err)
        assert err.count("\n") == 1 and "undo journal" in err and "nothing was touched" in err
        assert "gloss notebook repair" in err
    assert tree(nb.parent, skip=nb / "undo") == before
    assert outside.read_text(encoding="utf-8") == "the user's own file\n"
    # repair sets the journal aside, touches nothing it names, and the notebook opens again.
    code, out, err = run("notebook", "repair", "--notebook", nb)
    assert code == 0, err
    assert "undo journal could not be trusted: set aside in" in out
    assert not (nb / "undo").exists()
    (aside,) = (nb / "damaged").glob("*/undo")
    assert (aside / "manifest.json").exists()
    assert outside.read_text(encoding="utf-8") == "the user's own file\n"
    for command in COMMANDS:
        code, out, err = run(*command, "--notebook", nb)
        assert code == 0, (command, err)


def test_a_symlinked_folder_or_kept_copy_does_not_lead_outside(
    victim: tuple[Path, Path], tmp_path: Path
) -> None:
    nb, outside = victim
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.json").write_text("theirs\n", encoding="utf-8")
    (nb / "linked").symlink_to(elsewhere)
    craft_journal(nb, [{"path": "linked/x.json", "existed": False}])
    assert_works_or_one_line(run("notebook", "list", "--notebook", nb))
    assert (elsewhere / "x.json").read_text(encoding="utf-8") == "theirs\n"
    # A kept copy that is a link to a file outside is not moved into the notebook.
    (nb / "undo" / "manifest.json").write_bytes(
        orjson.dumps([{"path": "notebook.json", "existed": True}]))
    (nb / "undo" / "0").symlink_to(outside)
    index = (nb / "notebook.json").read_bytes()
    code, _, err = run("notebook", "list", "--notebook", nb)
    assert code == 5 and "symbolic link" in err
    assert (nb / "notebook.json").read_bytes() == index
    assert outside.read_text(encoding="utf-8") == "the user's own file\n"
    assert run("notebook", "repair", "--notebook", nb)[0] == 0
    assert run("notebook", "list", "--notebook", nb)[0] == 0


def test_a_garbled_journal_is_quarantined_by_repair(victim: tuple[Path, Path]) -> None:
    nb, _ = victim
    craft_journal(nb, b'[{"path": "notebook.js')
    code, _, err = run("notebook", "articles", "--notebook", nb)
    assert code == 5 and "Run 'gloss notebook repair'" in err
    code, out, err = run("notebook", "repair", "--notebook", nb)
    assert code == 0, err
    assert out.endswith("set aside in " + str(next((nb / "damaged").glob("*/undo"))) + "\n")
    assert run("notebook", "articles", "--notebook", nb)[0] == 0


def _set_progress(nb: Path, raw: bytes) -> None:
    index = nb / "notebook.json"
    text = index.read_bytes()
    start = text.index(b'"progress":') + len(b'"progress":')
    end = start + len(text[start:].split(b",", 1)[0])
    index.write_bytes(text[:start] + raw + text[end:])


@pytest.mark.parametrize("raw", [b"1e308", b"-5", b'"x"', b"null"])
def test_bad_progress_in_the_notebook_is_repaired_on_read(
    victim: tuple[Path, Path], raw: bytes
) -> None:
    nb, _ = victim
    _set_progress(nb, raw)
    for command in [*COMMANDS, ["notebook", "articles", "--json"]]:
        code, _out, err = run(*command, "--notebook", nb)
        assert code == 0, (command, err)
    (record,) = json.loads(run("notebook", "articles", "--json", "--notebook", nb)[1])
    assert record["progress"] == (1.0 if raw == b"1e308" else 0.0)


def test_nan_written_by_hand_is_one_line_and_repair_fixes_it(victim: tuple[Path, Path]) -> None:
    nb, _ = victim
    _set_progress(nb, b"NaN")  # not JSON: the file is damaged, and says so
    assert_works_or_one_line(run("notebook", "articles", "--notebook", nb))
    assert run("notebook", "repair", "--notebook", nb)[0] == 0
    assert run("notebook", "articles", "--notebook", nb)[0] == 0


@pytest.mark.parametrize("progress", [float("nan"), float("inf")])
def test_imported_nan_or_infinity_is_refused(tmp_path: Path, progress: float) -> None:
    """Python's json writes NaN and Infinity, but they are no JSON: one line, nothing saved
    (issue 18: the import is read by orjson, which refuses them)."""
    source = tmp_path / "in.json"
    text = json.dumps({"type": "AnnotationPage", "items": [], "gloss:articles": [
        {"id": "0123456789abcdef", "title": "T", "progress": progress}]})
    source.write_text(text, encoding="utf-8")
    nb = tmp_path / "nb"
    column = text.index("NaN" if math.isnan(progress) else "Infinity") + 1
    assert run("import", source, "--notebook", nb) == (
        6, "", f"gloss: not JSON: NaN and Infinity are no JSON numbers (line 1 column {column})\n")
    assert not nb.exists()


@pytest.mark.parametrize("progress", [1e308, -1.0])
def test_imported_bad_progress_is_repaired(tmp_path: Path, progress: float) -> None:
    source = tmp_path / "in.json"
    # json.dumps writes NaN and Infinity, as other tools do; Python's reader accepts them.
    source.write_text(json.dumps({"type": "AnnotationPage", "items": [], "gloss:articles": [
        {"id": "0123456789abcdef", "title": "T", "progress": progress}]}), encoding="utf-8")
    nb = tmp_path / "nb"
    assert run("import", source, "--notebook", nb)[0] == 0
    code, out, err = run("notebook", "articles", "--json", "--notebook", nb)
    assert code == 0, err
    (record,) = json.loads(out)
    assert record["progress"] == (1.0 if progress > 0.5 else 0.0)


def test_positions_past_2_to_the_63_are_dropped_not_a_crash(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text(json.dumps({"type": "Annotation", "target": {
        "source": "https://example.com/a",
        "selector": [{"type": "TextQuoteSelector", "exact": "a phrase"},
                     {"type": "TextPositionSelector", "start": 2**64, "end": 2**64 + 8}],
    }}), encoding="utf-8")
    nb = tmp_path / "nb"
    code, _, err = run("import", source, "--notebook", nb)
    assert code == 0, err
    code, out, err = run("notebook", "list", "--json", "--notebook", nb)
    assert code == 0, err
    assert json.loads(out)[0]["quote"] == "a phrase"
    assert run("export", "--notebook", nb)[0] == 0


def test_deeply_nested_import_is_one_line(tmp_path: Path) -> None:
    source = tmp_path / "deep.json"
    source.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    done = gloss("import", source, "--notebook", tmp_path / "nb")
    assert (done.returncode, done.stdout, done.stderr) == (
        6, "", "gloss: not JSON Gloss reads: nested more than 1024 levels deep "
        "(line 1 column 1026)\n")


def test_deeply_nested_config_is_one_line(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    nb = tmp_path / "nb"
    seed_notebook(nb)
    done = gloss("export", "--notebook", nb, env={"GLOSS_CONFIG": str(config)})
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"gloss: config file {config}: nested too deeply to be a Gloss config\n"


@pytest.mark.parametrize("name", ["highlights", "snapshots", "undo", "notebook.json"])
def test_a_notebook_folder_linking_outside_itself_is_refused(
    victim: tuple[Path, Path], tmp_path: Path, name: str
) -> None:
    nb, _ = victim
    elsewhere = tmp_path / "elsewhere"
    (nb / name).rename(elsewhere) if (nb / name).exists() else elsewhere.mkdir()
    (nb / name).symlink_to(elsewhere)
    before = tree(tmp_path, skip=nb)
    for command in [*COMMANDS, ["highlight", "-", "--quote", "x", "--url", "https://e.org/"]]:
        code, out, err = run(*command, "--notebook", nb)
        assert (code, out) == (5, ""), (command, err)
        assert err == (f"gloss: the notebook {nb} links outside itself ({name} -> "
                       f"{elsewhere.resolve()}); nothing was read or written. Move that file "
                       "or folder back inside the notebook.\n")
    assert tree(tmp_path, skip=nb) == before
