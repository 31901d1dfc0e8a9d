"""A 1,000-URL import in a real terminal: a progress bar with counts and rate, Ctrl-C stops
it keeping every page fetched, and running it again resumes with the rest."""

from __future__ import annotations

import json
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from tests.cli.test_cli_notebook import gloss
from tests.core.test_imports_fetch import PAGE
from tests.support.httpserver import HTTPTestServer, respond
from tests.support.pty import TerminalSession

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
PAGES = 1000


def slow_page(request: BaseHTTPRequestHandler) -> None:
    time.sleep(0.02)  # a little latency, so the import is still running when Ctrl-C comes
    respond(PAGE.format(title=request.path.strip("/")))(request)


def test_thousand_urls_progress_ctrl_c_and_resume(tmp_path: Path) -> None:
    servers = [HTTPTestServer().start() for _ in range(4)]
    try:
        urls = []
        for n in range(PAGES):
            server = servers[n % len(servers)]
            urls.append(server.route(f"/page-{n}", slow_page))
        listing = tmp_path / "urls.txt"
        listing.write_text("# a reading list\n" + "\n".join(urls) + "\n", encoding="utf-8")
        nb = tmp_path / "nb"
        args = ["import", str(listing), "--delay", "0", "--notebook", str(nb)]
        with TerminalSession(args, size=(120, 20), timeout=120) as term:
            screen = term.wait_until(lambda text: "fetching" in text and "/1000" in text)
            assert "pages/s" in screen
            term.child.sendintr()
            status = term.wait_exit()
            text = term.text()
        assert status == 130
        assert "stopped:" in text and "run the same import again to resume" in text
        articles = json.loads(gloss("notebook", "articles", "--json", "--notebook", nb).stdout)
        assert len(articles) == PAGES  # every URL is kept, fetched or not
        first = gloss("import", listing, "--dry-run", "--notebook", nb).stderr
        left = int(first.split("would fetch ")[1].split()[0])
        assert 0 < left < PAGES
        done = gloss("import", listing, "--delay", "0", "--notebook", nb)
        assert done.returncode == 0, done.stderr
        assert done.stderr == (
            "gloss: urls: nothing new to import\n"
            f"gloss: fetched {left} of {left} pages\n"
        )
    finally:
        for server in servers:
            server.close()
