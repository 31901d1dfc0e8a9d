"""Shared fixtures. Helpers that several test modules use live in tests/support/."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from tests.support import paths

# The real HTTP server on 127.0.0.1 (`http_server` fixture) that fetching tests use.
pytest_plugins = ["tests.support.httpserver"]

# The suite is the gate every change lands through, so by default each run draws the same
# examples: a rare case found once must not turn CI red at random on an unrelated change.
# HYPOTHESIS_PROFILE=explore draws fresh ones each run, to hunt for new failures.
settings.register_profile("gate", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "gate"))

ROOT = paths.ROOT
SAMPLES = ROOT / "samples"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep every test away from the user's real notebook and config."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("GLOSS_NOTEBOOK", raising=False)
    monkeypatch.delenv("GLOSS_CONFIG", raising=False)
    # pytest-xdist's workers set COLUMNS=80 and LINES=24, which a serial run lacks: without
    # them, every test sees the same widths however the suite is run.
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
    # No test reaches the user's real clipboard (tests that copy put a fake tool on PATH).
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    # Tests reach only 127.0.0.1; a proxy set in the environment must not capture that.
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
