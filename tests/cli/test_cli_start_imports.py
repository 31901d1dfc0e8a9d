"""What the notebook's read commands import (issue 19): only what answering from the query
index needs, since every import is paid by every run of a command a script may call often.

`gloss search`, `gloss notebook search --json` and `gloss notebook tags` on a notebook whose
index is current import no UI (Textual, Rich), none of the libraries of exports, imports and
fetching, and none of the writing machinery (TinyDB, the store, the catch-up); `gloss
search` and `tags` build no records either (the model, and dataclasses with it). Checked in
a fresh interpreter that runs the command as `gloss` does, then lists sys.modules.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.notebookgen import generate
from tui.core.notebook import open_index

# Third-party libraries no read of the index needs.
LIBRARIES = (
    "textual", "rich", "jinja2", "httpx", "readability", "lxml", "yaml", "PIL", "rapidfuzz",
    "citeproc", "luaparser", "markdown_it", "tldextract", "tinydb",
)
# Gloss's own modules for other commands, for writing, and for catching the index up.
OWN = (
    "tui.ui.app",
    "tui.core.export",
    "tui.core.fetch",
    "tui.core.notebook.api",
    "tui.core.notebook.store",
    "tui.core.notebook.storage",
    "tui.core.notebook.journal",
    "tui.core.notebook.qindex.sync",
    "tui.core.sync",
)
# What building records brings: `gloss search` reads the stored records as they are, and
# tags are counted in SQLite.
RECORDS = ("tui.core.model", "tui.core.notebook.files", "tui.core.anchor", "dataclasses")

COMMANDS = {
    # Highlights only (an article hit reads its saved text, which is a record).
    "search": (["search", "cafe", "in:quotes", "--json"], RECORDS),
    "search-table": (["search", "cafe", "in:quotes"], RECORDS),
    "search-articles": (["search", "cafe", "--json"], ()),
    "tags": (["notebook", "tags"], (*RECORDS, "tui.core.notebook.query")),
    "tags-json": (["notebook", "tags", "--json"], (*RECORDS, "tui.core.text.cell_table")),
    "notebook-search": (["notebook", "search", "cafe", "--json"], ()),
}


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("nb") / "notebook"
    generate(root, 60, 6)
    return root


def _loaded(argv: list[str]) -> set[str]:
    code = (
        "import contextlib, io, json, sys\n"
        "from tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main({argv!r})\n"
        "print(json.dumps([code, sorted(sys.modules)]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    code, modules = json.loads(done.stdout)
    assert code == 0, done.stderr
    return set(modules)


def test_named_modules_exist() -> None:
    # A renamed module would make the checks below pass for nothing.
    named = [m for m in (*OWN, *RECORDS) if m != "dataclasses"]
    assert [m for m in named if importlib.util.find_spec(m) is None] == []


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_read_of_the_index_imports_only_what_it_needs(indexed: Path, name: str) -> None:
    index = open_index(indexed)  # built and current: the command only reads it
    assert index is not None
    index.close()
    argv, more = COMMANDS[name]
    loaded = _loaded([*argv, "--notebook", str(indexed)])
    tops = {module.split(".")[0] for module in loaded}
    assert sorted(set(LIBRARIES) & tops) == []
    assert sorted({*OWN, *more} & loaded) == []
