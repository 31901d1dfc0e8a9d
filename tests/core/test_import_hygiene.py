"""Core never imports Textual: every module under tui/core, each in a fresh interpreter.

Found by walking the package and its subpackages, so a new core module is covered the day it
is written. (The layers themselves are import-linter contracts in pyproject.toml.)
"""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import pytest

import tui.core
from tests.support.paths import SAMPLES

CORE_MODULES = sorted(m.name for m in pkgutil.walk_packages(tui.core.__path__, "tui.core."))
# A face: a core package whose __init__ lists in __all__ what callers outside it use.
FACES = sorted(m.name for m in pkgutil.walk_packages(tui.core.__path__, "tui.core.") if m.ispkg)


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


def test_every_core_subpackage_has_a_face() -> None:
    expected = {"tui.core.model", "tui.core.notebook", "tui.core.export", "tui.core.extract.clean"}
    assert expected <= set(FACES)
    for face in FACES:
        assert importlib.import_module(face).__all__, f"{face} lists nothing in __all__"


@pytest.mark.parametrize("face", FACES)
def test_face_gives_every_name_it_lists(face: str) -> None:
    code = (
        f"import {face} as face; "
        "print(sorted(n for n in face.__all__ if getattr(face, n, None) is None))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_lazy_export_face_knows_where_each_name_lives() -> None:
    import tui.core.export as face

    assert sorted(n for names in face._FROM.values() for n in names) == sorted(face.__all__)


def test_cli_clean_loads_neither_jinja_nor_yaml() -> None:
    """`gloss clean` renders with export's article_text only: the export face stays lazy."""
    page = SAMPLES / "hostile.html"
    code = (
        "import sys; from tui.cli import main; code = main(['clean', sys.argv[1]]); "
        "print(code, sorted(m for m in ('jinja2', 'yaml', 'textual') if m in sys.modules), "
        "file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(page)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip()  # the article was printed
    assert done.stderr.strip().splitlines()[-1] == "0 []"
