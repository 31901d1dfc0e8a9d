"""The README stays true: its key tables are the bindings, its commands the real ones.

The key tables are rendered from the same binding lists the screens, the help screen and
the palette use. After changing a binding, rewrite them with
``GLOSS_UPDATE_README=1 python -m pytest tests/cli/test_readme.py``.
"""

from __future__ import annotations

import os
import re
import tomllib

from textual.binding import Binding

from tests.support import paths
from tui.commands import COMMANDS
from tui.ui.keys.app import APP_SECTIONS, LIBRARY_SECTIONS, NOTEBOOK_SECTIONS
from tui.ui.keys.app import EXTRA_KEYS as APP_EXTRA
from tui.ui.keys.reader import EXTRA_KEYS as READER_EXTRA
from tui.ui.keys.reader import SECTIONS as READER_SECTIONS
from tui.ui.keys.reader import key_label

README = paths.ROOT / "README.md"
KEYS = re.compile(r"(<!-- keys -->\n)(.*?)(<!-- /keys -->)", re.S)


def _keys(binding: Binding) -> str:
    return " ".join(f"`{key_label(k)}`" for k in binding.key.split(","))


def _table(title: str, sections, extra) -> str:
    rows = [f"**{title}**", "", "| keys | what | id (for `[keys]`) |", "|---|---|---|"]
    for section, bindings in sections:
        for binding in bindings:
            rows.append(f"| {_keys(binding)} | {binding.description} | `{binding.id}` |")
        for extra_section, keys, description in extra:
            if extra_section == section:
                rows.append(f"| {keys} | {description} | |")
    return "\n".join(rows) + "\n"


def rendered_keys() -> str:
    """The README's key tables, from the bindings."""
    return "\n".join(
        [
            _table("Reader", READER_SECTIONS, READER_EXTRA),
            _table("Everywhere", APP_SECTIONS, ()),
            _table("Library", LIBRARY_SECTIONS, APP_EXTRA),
            _table("Notebook", NOTEBOOK_SECTIONS, APP_EXTRA),
        ]
    )


def test_readme_key_tables_are_the_bindings() -> None:
    text = README.read_text(encoding="utf-8")
    match = KEYS.search(text)
    assert match, "README.md needs <!-- keys --> ... <!-- /keys --> markers"
    want = rendered_keys()
    if os.environ.get("GLOSS_UPDATE_README") and match.group(2) != want:
        README.write_text(text[: match.start(2)] + want + text[match.end(2) :], encoding="utf-8")
        return
    assert match.group(2) == want, "key tables are stale: GLOSS_UPDATE_README=1 pytest this"


def test_readme_names_every_command() -> None:
    text = README.read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"`gloss {name}" in text, f"README's command table lacks gloss {name}"


def _commands(text: str, kind: str) -> list[str]:
    """The commands between the README's ``<!-- KIND-command -->`` markers."""
    block = rf"<!-- {kind}-command -->\n```sh\n(.*?)\n```\n<!-- /{kind}-command -->"
    return re.findall(block, text, re.S)


def test_readme_quick_start_has_exactly_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"<!-- (open|test)-command -->\n```sh\n(.*?)\n```", text, re.S)
    assert [kind for kind, _ in blocks] == ["open", "test"]
    assert all(len(command.splitlines()) == 1 for _, command in blocks)
    (open_command,), (test_command,) = _commands(text, "open"), _commands(text, "test")
    # Both work on a fresh Debian or Ubuntu: only `python3` is on the PATH (no `python`) and
    # pip refuses to install into the system's Python, so each makes or reuses .venv and
    # runs everything from there.
    for command in (open_command, test_command):
        first, *rest = command.split(" && ")
        assert first == "python3 -m venv .venv"
        assert rest and all(part.startswith(".venv/bin/") for part in rest), command
    assert open_command.endswith(" && .venv/bin/gloss samples/jessica-jones-season-2.html")
    assert " && .venv/bin/pip install -q -e \".[test]\" && " in test_command
    assert re.search(r" && \.venv/bin/python -m pytest -n \d+$", test_command), test_command


def test_the_test_extra_brings_what_the_test_command_uses() -> None:
    extra = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"
    ]["optional-dependencies"]["test"]
    assert any(re.match(r"pytest-xdist\b", requirement) for requirement in extra)


def test_the_quick_subset_names_registered_markers() -> None:
    text = README.read_text(encoding="utf-8")
    (command,) = _commands(text, "quick")
    expression = re.search(r' -m "([^"]+)"', command)
    assert command.startswith(".venv/bin/python -m pytest ") and expression, command
    pytest_options = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"
    ]["pytest"]["ini_options"]
    registered = {marker.split(":")[0] for marker in pytest_options["markers"]}
    words = set(expression.group(1).split()) - {"not", "and", "or"}
    assert words and words <= registered


def test_the_benchmark_table_lists_every_benchmark() -> None:
    # One row per tests/benchmarks/bench_<name>.py, in the table after "## Benchmarks":
    # `start`, `resize` and `figures` had none.
    section = README.read_text(encoding="utf-8").split("## Benchmarks", 1)[1].split("\n## ", 1)[0]
    rows = set(re.findall(r"^\| `([a-z_]+)` \|", section, re.M))
    benches = {p.stem.removeprefix("bench_")
               for p in (paths.ROOT / "tests" / "benchmarks").glob("bench_*.py")}
    assert rows == benches
