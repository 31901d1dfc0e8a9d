"""Core never imports Textual: every module under tui/core, each in a fresh interpreter.

Found by walking the package and its subpackages, so a new core module is covered the day it
is written. (The layers themselves are import-linter contracts in pyproject.toml.)
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import pkgutil
import subprocess
import sys

import pytest

import tui.core
from tests.support.paths import ROOT, SAMPLES

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



# tui.core's packages (notebook, model, ...): their modules are satellites behind a face.
CORE_PACKAGES = {m.name for m in pkgutil.iter_modules(tui.core.__path__) if m.ispkg}


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # a name inside a module, not a module
        return False


def _face_names(module: str) -> set[str]:
    """What a core package's face gives by name (its ``__all__``); nothing for others."""
    if not module.startswith("tui.core.") or not _is_module(module):
        return set()
    return set(getattr(importlib.import_module(module), "__all__", ()))


def _satellite_imports(source: str) -> list[str]:
    """``line: module`` for each satellite of a core package that ``source`` imports."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from tui.core.notebook import store` imports a satellite too, unless the face
            # gives that name (tui.core.text's cells is a function, from its module cells).
            given = _face_names(node.module)
            modules = [node.module]
            modules += [f"{node.module}.{a.name}" for a in node.names if a.name not in given]
        else:
            continue
        for module in modules:
            parts = module.split(".")
            if (
                len(parts) >= 4
                and parts[:2] == ["tui", "core"]
                and parts[2] in CORE_PACKAGES
                and _is_module(module)
            ):
                found.append(f"{node.lineno}: {module}")
    return found


def test_ui_and_commands_import_core_packages_through_their_faces() -> None:
    """tui/ui, tui/commands and tui/cli.py say `from tui.core.notebook import Notebook`.

    A satellite (tui.core.notebook.api) is its package's business: it may move or split
    without its callers knowing. (Tests may import satellites.)
    """
    tui_dir = ROOT / "tui"
    files = [tui_dir / "cli.py", *sorted((tui_dir / "ui").rglob("*.py"))]
    files += sorted((tui_dir / "commands").rglob("*.py"))
    assert len(files) > 40
    found = [
        f"{path.relative_to(ROOT)}:{hit}"
        for path in files
        for hit in _satellite_imports(path.read_text())
    ]
    assert found == []


def test_satellite_imports_are_found() -> None:
    source = (
        "from tui.core.notebook import Notebook, store\n"
        "import tui.core.model.article\n"
        "def f():\n"
        "    from tui.core.extract.clean.tree import clean_tree\n"
        "from tui.core import config\n"
        "from tui.core.model import Article\n"
        "from tui.core.text import cells\n"
    )
    assert _satellite_imports(source) == [
        "1: tui.core.notebook.store",
        "2: tui.core.model.article",
        "4: tui.core.extract.clean.tree",
    ]
