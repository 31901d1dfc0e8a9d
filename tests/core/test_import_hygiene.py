"""Core never imports Textual: every module under tui/core, each in a fresh interpreter.

Found by walking the package and its subpackages, so a new core module is covered the day it
is written. (The layers themselves are import-linter contracts in pyproject.toml.)
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import tui.core

CORE_MODULES = sorted(m.name for m in pkgutil.walk_packages(tui.core.__path__, "tui.core."))


def test_every_core_module_is_checked() -> None:
    expected = {"tui.core.model.article", "tui.core.notebook.api", "tui.core.extract.clean.tree"}
    assert expected <= set(CORE_MODULES)


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    # Rich is not checked here: httpx loads it for its own command line when it is installed.
    # That core's own code never imports Rich is an import-linter contract (pyproject.toml).
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if m == 'textual'))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", f"{module} imports {done.stdout.strip()}"


def test_cli_for_clean_does_not_load_textual() -> None:
    """`gloss clean` in a pipeline should not pay for the UI."""
    code = (
        "import sys; from tui.cli import main; "
        "import tui.commands.clean, tui.core.extract.pipeline; "
        "print('textual' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
