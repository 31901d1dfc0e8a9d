"""Loading over HTTP, link rules, errors and cancelling, against a real server on 127.0.0.1."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.support.httpserver import Drip, HTTPTestServer
from tests.support.reader_app import SEED, SIZE, make_app, reader, settle, status, view
from tui.core.library import Opened
from tui.core.loader import ArticleLoader
from tui.ui.dialogs.error import ErrorScreen

ARTICLE = (
    "<html><head><title>{title}</title><meta property='og:site_name' content='Test Site'>"
    "</head><body><article><h1>{title}</h1>"
    "<p>{body}</p>"
    "<p>A second paragraph that is long enough for the extractor to call this an article, "
    "with enough words in it to count as prose rather than navigation or chrome.</p>"
    "</article></body></html>"
)


def page(title: str, body: str) -> str:
    return ARTICLE.format(title=title, body=body)


def serve_pair(server: HTTPTestServer) -> str:
    """/one links to /two (relative), /gone (404), a mailto: and a file: link."""
    server.page(
        "/dir/one",
        page(
            "One",
            'Links: <a href="two">the second page</a>, <a href="/gone">a dead page</a>, '
            '<a href="mailto:someone@example.com">an address</a> and '
            '<a href="file:///etc/passwd">a local file</a>.',
        ),
    )
    server.page("/dir/two", page("Two", "The second page, reached by a relative link."))
    return server.url("/dir/one")


async def select_link(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Tab to the link whose text is ``text``."""
    app = pilot.app
    links = view(app).links
    body = reader(app).article.text
    index = next(i for i, link in enumerate(links) if body[link.start : link.end] == text)
    for _ in range(index + 1):
        await pilot.press("tab")
    await pilot.pause()
    assert body[reader(app).focused_link.start : reader(app).focused_link.end] == text


def messages(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in app._notifications]


async def test_remote_page_and_relative_link(http_server: HTTPTestServer) -> None:
    url = serve_pair(http_server)
    app = make_app(url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert reader(app).article.title == "One"
        assert [link.href for link in view(app).links][:2] == [
            http_server.url("/dir/two"),
            http_server.url("/gone"),
        ]
        await select_link(pilot, "the second page")
        await pilot.press("enter")
        await settle(pilot)
        assert reader(app).article.title == "Two"
        assert status(app).info == http_server.url("/dir/two")
        await pilot.press("H")
        await settle(pilot)
        assert reader(app).article.title == "One"


async def test_refused_links_say_why(http_server: HTTPTestServer) -> None:
    url = serve_pair(http_server)
    app = make_app(url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await select_link(pilot, "a local file")
        await pilot.press("enter")
        await pilot.pause()
        await select_link(pilot, "an address")
        await pilot.press("enter")
        await pilot.pause()
        assert messages(app) == [
            "not following a local file link from a web page: file:///etc/passwd",
            "Gloss does not follow mailto: links",
        ]
        assert reader(app).article.title == "One"
        assert [r.path for r in http_server.requests] == ["/dir/one"]


@pytest.mark.slow
async def test_a_dead_link_is_a_notification_and_the_page_stays(
    http_server: HTTPTestServer,
) -> None:
    url = serve_pair(http_server)
    app = make_app(url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await select_link(pilot, "a dead page")
        await pilot.press("enter")
        await settle(pilot)
        assert messages(app) == [f"HTTP 404 Not Found for {http_server.url('/gone')}"]
        assert reader(app).article.title == "One"
        assert status(app).mode == "READ"
        assert len(reader(app).history) == 1
        await pilot.press("j")  # still usable
        await pilot.pause()


@pytest.mark.slow
async def test_a_missing_file_opens_an_error_modal_then_o_works(tmp_path: Path) -> None:
    app = make_app(tmp_path / "missing.html")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ErrorScreen)
        assert str(app.screen.query_one("#message").content) == (
            f"no such file: {tmp_path / 'missing.html'}"
        )
        await pilot.press("enter")
        await pilot.pause()
        assert view(app).message.startswith("Nothing to read.")
        await pilot.press("o", *str(SEED), "enter")
        await settle(pilot)
        assert reader(app).article.title.startswith("How The Defenders")


async def test_escape_stops_a_slow_load(http_server: HTTPTestServer) -> None:
    drip = Drip(b"<html><body>" + b"x" * 200, interval=0.5)
    slow = http_server.route("/slow", drip)
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader(app).open(type(reader(app).entry)(slow))
        await asyncio.to_thread(drip.started.wait, 5)
        await pilot.pause()
        assert status(app).mode == "LOADING"
        assert status(app).info == f"Loading {slow} · Esc to stop"
        assert view(app).loading
        await pilot.press("escape")
        await settle(pilot)
        assert messages(app) == ["Stopped loading."]
        assert not view(app).loading
        assert status(app).mode == "READ"
        assert reader(app).article.title.startswith("How The Defenders")
        # The fetch really stopped: the server sees the client go.
        assert await asyncio.to_thread(drip.disconnected.wait, 5)


class BrokenLoader(ArticleLoader):
    """A loader with a bug in it, to prove a bug becomes one line and not a crash."""

    async def load(
        self, source: str, base_url: str | None = None, *, fresh: bool = False
    ) -> Opened:
        raise RuntimeError("boom\nsecond line")


async def test_an_unexpected_error_is_one_line_and_the_app_lives() -> None:
    app = make_app(SEED, loader=BrokenLoader())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ErrorScreen)
        assert str(app.screen.query_one("#message").content) == (
            "internal error: RuntimeError: boom second line"
        )
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
    assert app.crash is None


async def test_stdin_source_loads_from_the_bytes_read_at_start() -> None:
    html = page("From Stdin", 'Piped in, with <a href="next">a relative link</a>.').encode()
    loader = ArticleLoader(stdin_data=html)
    app = make_app("-", base_url="https://example.com/dir/page", loader=loader)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert reader(app).article.title == "From Stdin"
        assert view(app).links[0].href == "https://example.com/dir/next"
        await pilot.press("r")
        await settle(pilot)
        assert reader(app).article.title == "From Stdin"
