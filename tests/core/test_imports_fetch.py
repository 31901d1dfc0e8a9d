"""Fetching imported articles' pages from a real server on 127.0.0.1: quotes placed in the
fetched text, failures listed and kept as "not fetched", a re-run fetching only what is
missing, and the pool's bounds (at most 2 at once per site, ``workers`` in all)."""

from __future__ import annotations

import asyncio
import threading
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from tests.support.httpserver import HTTPTestServer, respond
from tests.support.imports import import_into
from tui.core.imports import Fetched, FetchReport, fetch_all, fetch_pages, not_fetched
from tui.core.notebook import Notebook

PAGE = """<html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>Every reader who keeps notes knows the feeling of finding an old one and not remembering
why it mattered, which is why the note should say so in a sentence of its own.</p>
<p>Reading slowly is not reading less; it is reading with the whole mind. The fast reader
skims the surface and calls it efficiency, but the slow one comes back with something.</p>
<p>A third paragraph closes the piece with a few more sentences, so that the page is not
taken for navigation or a footer by the cleaner that finds the article in it.</p>
</article></body></html>"""


def csv_for(server: HTTPTestServer, rows: list[tuple[str, str]]) -> bytes:
    """An Instapaper export whose pages live on ``server``."""
    lines = ["URL,Title,Selection,Folder,Timestamp"]
    lines += [f'{server.url(path)},{path.strip("/")},"{quote}",Unread,1709478842'
              for path, quote in rows]
    return ("\n".join(lines) + "\n").encode()


def fetch_into(notebook: Path, jobs: list[tuple[str, str]]) -> FetchReport:
    report = FetchReport(len(jobs))
    asyncio.run(fetch_pages(Notebook.open(notebook), jobs, report, delay=0))
    return report


def test_quotes_are_placed_in_fetched_pages_and_failures_kept(
    http_server: HTTPTestServer, tmp_path: Path
) -> None:
    http_server.page("/slow", PAGE.format(title="Slow"))
    http_server.page("/fuzzy", PAGE.format(title="Fuzzy"))
    http_server.page("/pdf", b"%PDF-1.4", content_type="application/pdf")
    export = tmp_path / "instapaper.csv"
    export.write_bytes(csv_for(http_server, [
        ("/slow", "Reading slowly is not reading less; it is reading with the whole mind."),
        ("/fuzzy", "The fast reader skims the surface and calls it efficient, but the slow one "
                   "comes back with something."),
        ("/gone", "A page that is not there any more."),
        ("/pdf", "A PDF is not a page Gloss reads."),
    ]))
    plan = import_into(tmp_path / "nb", export)
    assert len(plan.to_fetch) == 4
    report = fetch_into(tmp_path / "nb", plan.to_fetch)
    assert (report.kept, report.outcomes) == (2, {"exact": 1, "fuzzy": 1})
    assert sorted(report.failed) == [
        (http_server.url("/gone"), f"HTTP 404 Not Found for {http_server.url('/gone')}"),
        (http_server.url("/pdf"), "not an HTML page: application/pdf"),
    ]
    nb = Notebook.open(tmp_path / "nb", read_only=True)
    by_title = {a.title: a for a in nb.articles()}
    placed = {
        by_title_id: [(h.placement.status.value if h.placement else "exact") for h in
                      nb.highlights(by_title_id)]
        for by_title_id in (by_title["Slow"].id, by_title["Fuzzy"].id)
    }
    assert placed == {by_title["Slow"].id: ["exact"], by_title["Fuzzy"].id: ["fuzzy"]}
    slow = nb.highlights(by_title["Slow"].id)[0]
    assert slow.target.text_hash == nb.article(by_title["Slow"].id).text_hash  # type: ignore[union-attr]
    # The two failures stay, with their quotes, as articles without a page: --retry's list.
    assert sorted(url for _, url in not_fetched(nb)) == [
        http_server.url("/gone"), http_server.url("/pdf")
    ]
    assert len(nb.highlights()) == 4
    # A re-run plans only what is missing and imports nothing twice.
    again = import_into(tmp_path / "nb", export)
    assert (again.articles_added, len(again.highlights)) == (0, 0)
    assert sorted(url for _, url in again.to_fetch) == [
        http_server.url("/gone"), http_server.url("/pdf")
    ]


class InFlight:
    """A route that counts requests being served at once, per server and in all."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now: dict[int, int] = {}
        self.total = 0
        self.most_per_site = 0
        self.most = 0

    def route(self, port: int) -> object:
        body = PAGE.format(title="Page")

        def handler(request: BaseHTTPRequestHandler) -> None:
            with self.lock:
                self.now[port] = self.now.get(port, 0) + 1
                self.total += 1
                self.most_per_site = max(self.most_per_site, self.now[port])
                self.most = max(self.most, self.total)
            time.sleep(0.05)  # overlap the fetches, so the bounds are what stops them
            with self.lock:
                self.now[port] -= 1
                self.total -= 1
            respond(body)(request)

        return handler


def test_the_pool_keeps_to_two_per_site_and_its_workers(tmp_path: Path) -> None:
    counter = InFlight()
    servers = [HTTPTestServer().start() for _ in range(6)]
    try:
        urls = []
        for server in servers:
            for n in range(4):
                server.route(f"/p{n}", counter.route(server.port))  # type: ignore[arg-type]
                urls.append(server.url(f"/p{n}"))
        jobs = [(f"{i:016x}", url) for i, url in enumerate(urls)]
        results: list[Fetched] = []
        asyncio.run(fetch_all(jobs, results.append, workers=5, delay=0))
    finally:
        for server in servers:
            server.close()
    assert (len(results), [r.error for r in results if r.error]) == (24, [])
    assert counter.most_per_site <= 2 and counter.most <= 5
