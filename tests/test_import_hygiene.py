"""Core never imports Textual: every module under tui/core, each in a fresh interpreter.

Found by walking the package, so a new core module is covered the day it is written.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import tui.core

CORE_MODULES = sorted(m.name for m in pkgutil.iter_modules(tui.core.__path__, "tui.core."))


def test_every_core_module_is_checked() -> None:
    assert {"tui.core.article", "tui.core.notebook", "tui.core.anchor"} <= set(CORE_MODULES)


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if m == 'textual'))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", f"{module} imports {done.stdout.strip()}"


def test_cli_for_clean_does_not_load_textual() -> None:
    """`gloss clean` in a pipeline should not pay for the UI."""
    code = (
        "import sys; from tui.cli import main; "
        "import tui.commands.clean, tui.core.extract; "
        "print('textual' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
