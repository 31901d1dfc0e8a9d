"""The start page's save put off until after the first paint (Library.keep_later): what the
reader shows is what is saved, nothing reads the notebook without it, and it happens even
when Gloss ends at once (quit, crash, hang-up)."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from tests.support import paths
from tui.core.errors import GlossError
from tui.core.extract import extract
from tui.core.fetch import fetch
from tui.core.library import Library
from tui.core.loader import prepare_start
from tui.core.model import Article
from tui.core.notebook import Notebook

SEED = paths.ROOT / "samples" / "jessica-jones-season-2.html"


def _seed() -> Article:
    page = fetch(str(SEED))
    return extract(page.html, page.url, source=page.source)


def test_what_is_shown_is_what_is_saved(tmp_path: Path) -> None:
    notebook = Notebook.open(tmp_path / "nb")
    library = Library(notebook)
    article = _seed()
    shown = library.keep_later(article)
    assert Notebook.open(tmp_path / "nb").articles() == []  # nothing written yet
    assert not any((tmp_path / "nb").rglob("*.json.gz"))
    library.save_later()
    library.settle()
    assert library.save_error is None
    saved = Notebook.open(tmp_path / "nb")
    assert saved.articles() == [shown.record]  # the same record, its saved time too
    assert saved.load_article(shown.record.id) == article
    assert (shown.article, shown.placed, shown.offline) == (article, (), False)


def test_reading_the_notebook_finishes_the_save_first(tmp_path: Path) -> None:
    library = Library(Notebook.open(tmp_path / "nb"))
    shown = library.keep_later(_seed())
    assert library.notebook.article(shown.record.id) == shown.record  # not started: saved now
    assert Notebook.open(tmp_path / "nb").article(shown.record.id) == shown.record


def test_an_article_already_in_the_notebook_is_kept_at_once(tmp_path: Path) -> None:
    notebook = Notebook.open(tmp_path / "nb")
    article = _seed()
    first = Library(notebook).keep(article)
    notebook.update_article(first.record.id, progress=0.5)
    again = Library(notebook).keep_later(article)
    assert again.record.progress == 0.5  # the record as saved, reading state and all


def test_a_failed_save_is_raised_when_the_app_ends(tmp_path: Path) -> None:
    start = prepare_start(str(SEED), notebook=tmp_path / "nb")
    start.open_first()  # the page cleaned in a child, its save put off
    blocker = tmp_path / "nb" / "snapshots"
    assert not blocker.exists()  # nothing saved yet
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("a file where the snapshots' folder should be")
    start.library.save_later()
    with pytest.raises(GlossError):
        start.settle()
    start.settle()  # raised once; nothing left to do


def test_a_hang_up_finishes_the_save_before_dying(tmp_path: Path) -> None:
    # In a child: the app runs (here: waits) with the save put off, not started; a hang-up
    # arrives. The child dies of it, as it would have, and the article is saved.
    code = textwrap.dedent(f"""
        import os, signal, time
        from pathlib import Path
        from tui.core.loader import prepare_start
        start = prepare_start({str(SEED)!r}, notebook=Path({str(tmp_path / "nb")!r}))
        start.open_first()
        with start.saving_on_hangup():
            os.kill(os.getpid(), signal.SIGHUP)
            time.sleep(30)
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60,
                          check=False)
    assert done.returncode == -signal.SIGHUP, done.stderr
    records = Notebook.open(tmp_path / "nb").articles()
    assert [r.url for r in records] == [SEED.resolve().as_uri()]
    assert records[0].snapshot in Notebook.open(tmp_path / "nb").snapshots


@pytest.mark.parametrize("when", ["before the thread starts", "while it starts"])
def test_a_hang_up_while_the_save_thread_starts_still_saves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    # The hang-up's handler (Start.saving_on_hangup) runs in the main thread between two
    # bytecodes: here, inside save_later, around the start of the thread it made. It used
    # to join a thread not started yet (RuntimeError) and die with nothing saved.
    library = Library(Notebook.open(tmp_path / "nb"))
    shown = library.keep_later(_seed())

    class HungUpOnThread(threading.Thread):
        def start(self) -> None:
            if when == "before the thread starts":
                library.settle()  # what the handler does before Gloss dies
                super().start()
            else:
                super().start()
                library.settle()

    monkeypatch.setattr(threading, "Thread", HungUpOnThread)
    library.save_later()
    library.settle()
    assert library.save_error is None
    saved = Notebook.open(tmp_path / "nb")
    assert saved.articles() == [shown.record]
    assert saved.load_article(shown.record.id) == shown.article


def test_a_hang_up_during_the_main_threads_own_save_saves_and_returns(tmp_path: Path) -> None:
    # The handler interrupting the main thread's own save (settle, no thread started) must
    # not wait for that save: it would wait for ever. It saves, and the process dies after.
    notebook = Notebook.open(tmp_path / "nb")
    library = Library(notebook)
    shown = library.keep_later(_seed())
    save = notebook.save_article
    hung_up: list[bool] = []

    def save_then_hang_up(article: Article, **kwargs: object) -> object:
        if not hung_up:
            hung_up.append(True)
            library.settle()  # the handler, re-entering in this thread
        return save(article, **kwargs)  # type: ignore[arg-type]

    notebook.save_article = save_then_hang_up  # type: ignore[method-assign]
    library.settle()
    assert hung_up == [True]
    assert library.save_error is None
    saved = Notebook.open(tmp_path / "nb")
    assert saved.articles() == [shown.record]
