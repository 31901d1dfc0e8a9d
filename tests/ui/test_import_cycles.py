"""The UI's modules (and the core's) import each other without a cycle.

An import circle hides the design: a screen that imports the app it is shown in cannot be
read, tested or moved on its own. Imports under ``if TYPE_CHECKING:`` count too (grimp sees
them), since they are where such circles hide; so do imports inside functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import grimp
import pytest


def import_cycles(imports: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The groups of modules that import each other, round and round (Tarjan's strongly
    connected components of more than one module, or of one that imports itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in imports.get(module, ()):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1 or module in imports.get(module, ()):
                found.append(sorted(group))

    for module in sorted(imports):
        if module not in index:
            visit(module)
    return sorted(found)


def imports_within(package: str, graph: grimp.ImportGraph) -> dict[str, set[str]]:
    """Who imports whom among the modules of ``package``."""
    inside = {m for m in graph.modules if m == package or m.startswith(package + ".")}
    return {m: graph.find_modules_directly_imported_by(m) & inside for m in inside}


@pytest.fixture(scope="module")
def tui_graph() -> grimp.ImportGraph:
    return grimp.build_graph("tui", cache_dir=None)


@pytest.mark.parametrize("package", ["tui.ui", "tui.core"])
def test_no_module_imports_itself_round_a_circle(
    tui_graph: grimp.ImportGraph, package: str
) -> None:
    assert import_cycles(imports_within(package, tui_graph)) == []


def test_screens_do_not_import_the_app(tui_graph: grimp.ImportGraph) -> None:
    # The app puts the screens together; a screen asks things of it through Host.
    importers = tui_graph.find_modules_that_directly_import("tui.ui.app")
    assert sorted(m for m in importers if m.startswith("tui.ui")) == []


def test_the_check_finds_circles_even_behind_type_checking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A circle closed only by a TYPE_CHECKING import, or by one inside a function, is
    found: the tests above could fail."""
    package = tmp_path / "circle_demo"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "app.py").write_text("from circle_demo.screen import Screen\n")
    (package / "screen.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from circle_demo.app import App\n"
    )
    (package / "widget.py").write_text("def f():\n    from circle_demo import other\n")
    (package / "other.py").write_text("from circle_demo import widget\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("circle_demo", cache_dir=None)
    assert import_cycles(imports_within("circle_demo", graph)) == [
        ["circle_demo.app", "circle_demo.screen"],
        ["circle_demo.other", "circle_demo.widget"],
    ]


def test_import_cycles_reports_each_circle_once() -> None:
    imports = {"a": ["b"], "b": ["c"], "c": ["a", "d"], "d": [], "e": ["e"], "f": ["a"]}
    assert import_cycles(imports) == [["a", "b", "c"], ["e"]]
