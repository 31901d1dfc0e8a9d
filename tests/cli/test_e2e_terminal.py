"""The pseudo-terminal the end-to-end tests run `gloss` in (tests/support/pty.py)."""

from __future__ import annotations

import sys

import pytest

from tests.support.pty import TerminalSession

pytestmark = pytest.mark.e2e

SIZE = [sys.executable, "-c", "import shutil; print('size', *shutil.get_terminal_size())"]


def test_the_program_sees_the_terminals_size_not_the_environments(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # pytest-xdist's workers run with COLUMNS=80 and LINES=24 in their environment, and a
    # program asks those before the terminal (shutil.get_terminal_size, so Textual too):
    # inherited, they would pin every session at 80 × 24 and make resizing a no-op.
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "24")
    with TerminalSession([], command=SIZE, size=(110, 32)) as term:
        term.wait_for("size 110 32")
        assert term.wait_exit() == 0
