"""End to end: a source that cannot be opened at start fails before the screen is taken.

A failed URL, empty stdin and a page with no article answer as a missing file does: one
line on the terminal, a non-zero exit, and the alternate screen never entered (so the line
stays in the scrollback).
"""

from __future__ import annotations

import shlex
import threading
from http.server import BaseHTTPRequestHandler

import pytest

from tests.support.httpserver import HTTPTestServer, respond
from tests.support.pty import TerminalSession, gloss_command
from tests.support.reader_app import ROOT

pytestmark = pytest.mark.e2e

NAV_ONLY = "<html><body><nav><a href='/a'>Home</a> <a href='/b'>About</a></nav></body></html>"


def _one_line_then_exit(term: TerminalSession, line: str, code: int) -> None:
    term.wait_for(line)
    assert term.wait_exit() == code
    text = term.text()  # everything it wrote, read to the end
    assert [row.rstrip() for row in text.splitlines() if row.strip()] == [line]
    assert b"\x1b[?1049h" not in term.raw  # no alternate screen
    assert b"Traceback" not in term.raw


def test_a_url_that_fails_is_one_line_before_the_screen(http_server: HTTPTestServer) -> None:
    url = http_server.page("/gone", "<p>gone</p>", status=404)
    with TerminalSession([url], size=(100, 24), cwd=ROOT) as term:
        _one_line_then_exit(term, f"gloss: HTTP 404 Not Found for {url}", 3)


def test_a_page_with_no_article_is_one_line_before_the_screen(
    http_server: HTTPTestServer,
) -> None:
    url = http_server.page("/nav", NAV_ONLY)
    with TerminalSession([url], size=(120, 24), cwd=ROOT) as term:
        _one_line_then_exit(
            term,
            "gloss: no article text found: the page holds only navigation, links or scripts",
            4,
        )


def test_empty_stdin_is_one_line_before_the_screen() -> None:
    command = " ".join(shlex.quote(part) for part in gloss_command())
    with TerminalSession(
        ["-c", f"{command} - < /dev/null"], command=["/bin/sh"], size=(90, 24), cwd=ROOT
    ) as term:
        _one_line_then_exit(term, "gloss: standard input is empty", 3)


ARTICLE = (
    "<html><head><title>Slow But Sure</title></head><body><article><h1>Slow But Sure</h1>"
    "<p>A paragraph long enough to count as prose for the cleaner, with a full stop.</p>"
    "<p>Another paragraph that carries the article on, so there is text to read here.</p>"
    "</article></body></html>"
)


def test_a_slow_start_page_is_announced_until_it_opens(http_server: HTTPTestServer) -> None:
    # The page is fetched before the screen is taken, so the terminal says what is going on
    # (and how to stop it) until the reader shows it.
    release = threading.Event()
    serve = respond(ARTICLE)

    def slow(request: BaseHTTPRequestHandler) -> None:
        release.wait(30)
        serve(request)

    url = http_server.route("/slow", slow)
    with TerminalSession([url], size=(110, 32), cwd=ROOT) as term:
        term.wait_for(f"gloss: opening {url} … (Ctrl+C stops)")
        release.set()
        text = term.wait_until(lambda t: "Slow But Sure" in t and " of " in t.splitlines()[-1])
        assert "gloss: opening" not in text
        term.press("q")
        assert term.wait_exit() == 0
