"""A built, non-editable wheel carries styles/ and samples/ and finds them from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support import paths

ROOT = paths.ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel once, offline (hatchling comes with the test extra)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(out), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (built,) = out.glob("gloss_reader-*.whl")
    return built


@pytest.mark.slow
def test_wheel_holds_styles_samples_and_entry_point(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("styles", "samples"):
        files = (ROOT / folder).rglob("*")
        bundled = {p.relative_to(ROOT).as_posix() for p in files if p.is_file()}
        assert bundled, f"{folder}/ is empty"
        assert {f"tui/{name}" for name in bundled} <= names
    # The JSON-LD context of the gloss: keys, which every JSON export carries (issue 18).
    assert "tui/core/w3c/gloss.jsonld" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "gloss = tui.cli:main" in text


def test_installed_wheel_finds_resources_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    """Unpack the wheel as pip would and run from an unrelated folder, clone out of reach."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import tui, tui.core.locations as loc; "
        "print(tui.__file__); print(loc.resource_path('styles')); print(loc.sample_path())"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env,
                          capture_output=True, text=True, check=True)
    package_file, styles, sample = done.stdout.splitlines()
    assert Path(package_file).is_relative_to(site)
    assert Path(styles) == site / "tui" / "styles" and any(Path(styles).glob("*.tcss"))
    assert Path(sample) == site / "tui" / "samples" / "jessica-jones-season-2.html"
    assert Path(sample).is_file()
    # And the installed command cleans the bundled sample it found.
    done = subprocess.run([sys.executable, "-m", "tui", "clean", sample], cwd=elsewhere,
                          env=env, capture_output=True, text=True, check=True)
    assert "My colleagues Marco Ramirez and Doug Petrie" in done.stdout


def test_clone_finds_resources() -> None:
    from tui.core.locations import resource_path, sample_path

    assert resource_path("styles") == ROOT / "styles"
    assert sample_path() == ROOT / "samples" / "jessica-jones-season-2.html"
