"""End to end: `gloss PAGE` saves the page after its first frame, and always saves it.

The snapshot (gzip) and the library entry are written once the first screen is painted,
in a thread; quitting right after that frame, or the terminal hanging up, still leaves the
article saved, so the next start opens it from the notebook.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from tests.support.pty import TerminalSession
from tests.support.reader_app import ROOT
from tui.core.model import article_id_for
from tui.core.notebook import Notebook

pytestmark = pytest.mark.e2e

SEED = ROOT / "samples" / "jessica-jones-season-2.html"
TITLE = "How The Defenders Is Affecting Jessica Jones Season 2"


def _painted(text: str) -> bool:
    return TITLE in text and " of " in text.splitlines()[-1]


def _saved(notebook: Path) -> None:
    """The seed article is in ``notebook``: its record, pointing at a stored snapshot that
    holds the article."""
    opened = Notebook.open(notebook)
    records = opened.articles()
    assert [r.url for r in records] == [SEED.resolve().as_uri()]
    record = records[0]
    assert record.snapshot in opened.snapshots
    article = opened.load_article(record.id)
    assert (article.title, article_id_for(article)) == (TITLE, record.id)


def _env(notebook: Path) -> dict[str, str]:
    return {**os.environ, "GLOSS_NOTEBOOK": str(notebook)}


def test_quitting_at_the_first_frame_still_saves_the_page(tmp_path: Path) -> None:
    notebook = tmp_path / "nb"
    with TerminalSession([str(SEED)], size=(110, 32), cwd=ROOT, env=_env(notebook)) as term:
        term.wait_until(_painted)
        term.press("q")
        assert term.wait_exit() == 0
    _saved(notebook)


def test_a_hang_up_at_the_first_frame_still_saves_the_page(tmp_path: Path) -> None:
    notebook = tmp_path / "nb"
    with TerminalSession([str(SEED)], size=(110, 32), cwd=ROOT, env=_env(notebook)) as term:
        term.wait_until(_painted)
        term.child.kill(signal.SIGHUP)
        assert term.wait_exit() == -signal.SIGHUP  # dies of it, as before, once saved
    _saved(notebook)


def test_the_next_start_opens_the_saved_copy(tmp_path: Path) -> None:
    notebook = tmp_path / "nb"
    env = _env(notebook)
    page = tmp_path / "page.html"
    page.write_bytes(SEED.read_bytes())
    with TerminalSession([str(page)], size=(110, 32), cwd=ROOT, env=env) as term:
        term.wait_until(_painted)
        term.press("q")
        assert term.wait_exit() == 0
    page.unlink()  # only the notebook's copy can open it now
    with TerminalSession([str(page)], size=(110, 32), cwd=ROOT, env=env) as term:
        term.wait_until(_painted)
        term.press("q")
        assert term.wait_exit() == 0
