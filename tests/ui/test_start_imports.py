"""What starting the app imports: only what the first screen needs (issues 14 and 19).

Dialogs, other screens' helpers, the sync engine, fuzzy re-anchoring, exports and fetching
libraries are imported where they are used; each costs every start its import time if a
module on the way to the first screen imports it at the top. Checked in a fresh interpreter
that imports what `gloss` imports before its first screen.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

# What `gloss` (tui.cli → tui.commands.read → prepare_start → run_app) imports to start.
START = ("tui.cli", "tui.commands.read", "tui.core.loader", "tui.ui.app")

# Third-party libraries for commands, dialogs and later steps, never for the first screen.
LIBRARIES = (
    "rapidfuzz", "jinja2", "yaml", "httpx", "PIL", "textual_image", "citeproc", "luaparser",
    "markdown_it", "readability", "lxml",
)
# Gloss's own modules that the first screen does without.
OWN = (
    "tui.core.export.citation",
    "tui.core.sync",
    "tui.ui.dialogs.confirm",
    "tui.ui.dialogs.contents",
    "tui.ui.dialogs.error",
    "tui.ui.dialogs.figure",
    "tui.ui.dialogs.help",
    "tui.ui.dialogs.highlight",
    "tui.ui.dialogs.open",
    "tui.ui.dialogs.orphans",
    "textual.widgets._text_area",
)


def _loaded_at_start() -> set[str]:
    code = (
        "import importlib, json, sys\n"
        f"for name in {START!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout))


def test_named_modules_exist() -> None:
    # A renamed module would make the check below pass for nothing.
    missing = [name for name in OWN if importlib.util.find_spec(name) is None]
    assert missing == []


def test_start_does_not_import_what_the_first_screen_does_without() -> None:
    loaded = _loaded_at_start()
    tops = {name.split(".")[0] for name in loaded}
    assert sorted(set(LIBRARIES) & tops) == []
    assert sorted(set(OWN) & loaded) == []
