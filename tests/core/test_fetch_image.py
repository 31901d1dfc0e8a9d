"""tui.core.fetch.image against a real HTTP server on 127.0.0.1: figures within page limits."""

from __future__ import annotations

import asyncio

import pytest

from tests.support.httpserver import HTTPTestServer, gzip_bomb, redirect
from tests.support.images import png
from tui.core.errors import HTTPStatusError, TooLargeError, UnsupportedSchemeError
from tui.core.fetch import IMAGE_LIMITS, Limits, NotAnImageError, fetch_image, looks_like_image


@pytest.fixture
def server() -> HTTPTestServer:
    with HTTPTestServer() as srv:
        yield srv


def test_an_image_comes_back_byte_for_byte(server: HTTPTestServer) -> None:
    data = png()
    url = server.page("/a.png", data, content_type="image/png")
    assert asyncio.run(fetch_image(url)) == data
    assert [r.path for r in server.requests] == ["/a.png"]


def test_redirects_are_followed_within_the_limit(server: HTTPTestServer) -> None:
    data = png()
    server.page("/real.png", data, content_type="image/png")
    url = server.route("/moved.png", redirect("/real.png"))
    assert asyncio.run(fetch_image(url)) == data


def test_a_404_is_a_one_line_error(server: HTTPTestServer) -> None:
    url = server.page("/gone.png", b"<p>no</p>", status=404)
    with pytest.raises(HTTPStatusError, match=r"^HTTP 404 for http://127\.0\.0\.1:\d+/gone\.png$"):
        asyncio.run(fetch_image(url))


def test_a_reply_that_is_not_image_typed_is_refused(server: HTTPTestServer) -> None:
    url = server.page("/page.png", b"<html>error</html>")
    with pytest.raises(NotAnImageError, match=r"^not an image \(text/html\): "):
        asyncio.run(fetch_image(url))


def test_image_typed_bytes_that_are_not_an_image_are_refused(server: HTTPTestServer) -> None:
    url = server.page("/fake.png", b"<html>error</html>", content_type="image/png")
    with pytest.raises(NotAnImageError, match=r"^not an image format Gloss reads: "):
        asyncio.run(fetch_image(url))


def test_an_oversized_image_is_refused_before_its_body(server: HTTPTestServer) -> None:
    url = server.page("/big.png", png(64, 64), content_type="image/png")
    with pytest.raises(TooLargeError, match=r"^image is larger than 100 bytes$"):
        asyncio.run(fetch_image(url, limits=Limits(max_bytes=100)))


def test_a_compressed_bomb_stops_at_the_cap(server: HTTPTestServer) -> None:
    url = server.page("/bomb.png", gzip_bomb(1 << 24), content_type="image/png",
                      headers={"Content-Encoding": "gzip"})
    with pytest.raises(TooLargeError):
        asyncio.run(fetch_image(url, limits=Limits(max_bytes=1 << 16)))


def test_only_http_urls_are_fetched() -> None:
    with pytest.raises(UnsupportedSchemeError):
        asyncio.run(fetch_image("file:///etc/passwd"))


def test_the_image_cap_is_below_the_page_cap() -> None:
    assert IMAGE_LIMITS.max_bytes == 5 * 1024 * 1024
    assert looks_like_image(png()) and not looks_like_image(b"GIF8")
