"""Cleaning the start page in a forked child: the same Article, the same one-line errors."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pytest

from tests.support import paths
from tests.support.httpserver import HTTPTestServer
from tui.core.background import BackgroundError, clean_in_background
from tui.core.errors import GlossError
from tui.core.extract import extract
from tui.core.fetch import fetch
from tui.core.loader import prepare_start

SEED = paths.ROOT / "samples" / "jessica-jones-season-2.html"


def test_the_child_cleans_the_page_as_the_parent_would() -> None:
    cleaning = clean_in_background(str(SEED))
    assert cleaning is not None
    page = fetch(str(SEED))
    assert cleaning.article() == extract(page.html, page.url, source=page.source)


def test_stdin_bytes_go_to_the_child() -> None:
    cleaning = clean_in_background("-", stdin_data=b"Plain words from a pipe.\n")
    assert cleaning is not None
    article = cleaning.article()
    assert article is not None
    assert article.text == "Plain words from a pipe."


def test_the_childs_failures_come_back_as_one_line(http_server: HTTPTestServer) -> None:
    url = http_server.page("/gone", "<p>gone</p>", status=404)
    cleaning = clean_in_background(url)
    assert cleaning is not None
    with pytest.raises(BackgroundError) as caught:
        cleaning.article()
    assert (str(caught.value), caught.value.exit_code) == (f"HTTP 404 Not Found for {url}", 3)
    nav = http_server.page("/nav", "<nav><a href='/a'>Home</a></nav>")
    cleaning = clean_in_background(nav)
    assert cleaning is not None
    with pytest.raises(BackgroundError) as caught:
        cleaning.article()
    assert caught.value.exit_code == 4


def test_a_saved_page_is_not_cleaned_again(tmp_path: Path) -> None:
    start = prepare_start(str(SEED), notebook=tmp_path / "nb")
    assert start.cleaning is not None
    opened = start.open_first()
    assert opened is not None and not opened.offline
    start.settle()  # as the app does when it ends: the save waits for the first paint
    again = prepare_start(str(SEED), notebook=tmp_path / "nb")
    assert again.cleaning is None
    reopened = again.open_first()
    assert reopened is not None and reopened.offline
    assert reopened.article == opened.article


def test_cancel_stops_the_child() -> None:
    cleaning = clean_in_background(str(SEED))
    assert cleaning is not None
    cleaning.cancel()
    assert cleaning.article() is None


class _NoCounting:
    def findall(self, text: str) -> list[str]:
        raise AssertionError("the parent counted the words again")


def test_the_child_counts_the_words_for_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader's header shows the reading time on its first frame: the words are
    counted in the child, and the count comes back with the Article."""
    page = fetch(str(SEED))
    words = extract(page.html, page.url, source=page.source).word_count
    cleaning = clean_in_background(str(SEED))
    assert cleaning is not None
    monkeypatch.setattr("tui.core.model.article._WORD", _NoCounting())  # the parent's only
    article = cleaning.article()
    assert article is not None
    assert (article.word_count, article.reading_minutes) == (words, max(1, round(words / 230)))


def test_a_local_file_starts_cleaning_before_the_notebook_opens(tmp_path: Path) -> None:
    """``gloss FILE`` forks its child before importing the notebook's machinery; the start
    takes that child over when the page is not saved yet."""
    from tui.core.background import clean_early

    early = clean_early(str(SEED))
    assert early is not None
    start = prepare_start(str(SEED), notebook=tmp_path / "nb", early=early)
    assert start.cleaning is early
    opened = start.open_first()
    assert opened is not None and not opened.offline
    page = fetch(str(SEED))
    assert opened.article == extract(page.html, page.url, source=page.source)
    start.settle()


def test_an_early_child_is_stopped_when_the_page_is_saved(tmp_path: Path) -> None:
    from tui.core.background import clean_early

    first = prepare_start(str(SEED), notebook=tmp_path / "nb")
    assert first.open_first() is not None
    first.settle()
    early = clean_early(str(SEED))
    assert early is not None
    again = prepare_start(str(SEED), notebook=tmp_path / "nb", early=early)
    assert again.cleaning is None
    assert early.article() is None  # stopped: no answer
    reopened = again.open_first()
    assert reopened is not None and reopened.offline


def test_an_early_child_is_stopped_when_the_start_fails(tmp_path: Path) -> None:
    from tui.core.background import clean_early

    early = clean_early(str(SEED))
    assert early is not None
    (tmp_path / "nb").write_text("not a folder")  # the notebook cannot be opened
    with pytest.raises(GlossError):
        prepare_start(str(SEED), notebook=tmp_path / "nb", early=early)
    assert early.article() is None


def test_only_readable_local_files_start_early(
    tmp_path: Path, http_server: HTTPTestServer
) -> None:
    from tui.core.background import clean_early

    url = http_server.page("/a", "<p>An article.</p>")
    for source in ("-", url, "gloss:article/abc", str(tmp_path / "missing.html"), str(tmp_path)):
        assert clean_early(source) is None, source
    assert http_server.requests == []  # a URL is never fetched before the notebook says


def test_a_long_answer_never_waits_for_the_parent_to_read(tmp_path: Path) -> None:
    """The child of a long page (a pickled Article of over a megabyte, a pipe holds 64 KB)
    finishes and exits while the parent is busy elsewhere, without a read from it: the
    answer is read as it comes, not when the parent asks for it."""
    paragraph = "<p>" + "A sentence of the article, long enough to be read as prose. " * 8 + "</p>"
    page = tmp_path / "long.html"
    page.write_text(f"<html><body><article>{paragraph * 2500}</article></body></html>")
    cleaning = clean_in_background(str(page))
    assert cleaning is not None
    pid = cleaning._pid
    deadline = 600  # seconds: only so that a child stuck on a full pipe fails, not hangs
    start = time.monotonic()
    # WNOWAIT: see the child exit without reaping it (article() reaps it).
    while os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
        assert time.monotonic() - start < deadline, "the child waits for its answer to be read"
        time.sleep(0.05)
    article = cleaning.article()
    assert article is not None
    assert len(article.blocks) == 2500
    assert len(pickle.dumps(article)) > 1_000_000
