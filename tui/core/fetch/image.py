"""A figure's bytes from an http(s) URL, within the same bounds as a page.

The reader asks for a figure only when it is about to be drawn, and only when images are on.
The same connect timeout, deadline, redirect limit and decompressed-size cap apply as for
pages (:class:`~tui.core.fetch.source.Limits`); the reply must say ``image/*``, and its first
bytes must look like an image format, so a server's HTML error page is never handed to a decoder.
"""

from __future__ import annotations

import asyncio
import urllib.parse
from typing import TYPE_CHECKING

from tui.core.errors import (
    EmptyInputError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    TooLargeError,
    TooManyRedirectsError,
    UnsupportedSchemeError,
)
from tui.core.fetch.inflate import BoundedInflater
from tui.core.fetch.source import (
    ACCEPT_ENCODING,
    USER_AGENT,
    Limits,
    _network_error,
    _redirect_target,
    _seconds,
    _timeouts,
    parse_content_type,
)
from tui.core.text import human_size

if TYPE_CHECKING:
    import httpx

# A figure is smaller than a page: a 5 MiB cap keeps a decoded bitmap within reason.
IMAGE_LIMITS = Limits(max_bytes=5 * 1024 * 1024)
_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "image/png,image/jpeg,image/gif,image/webp;q=0.9,image/*;q=0.8",
    "Accept-Encoding": ACCEPT_ENCODING,
}
# Magic numbers of the formats Pillow reads without plugins the reader would not trust.
_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")


class NotAnImageError(FetchError):
    """The reply is not an image (an HTML error page, a PDF...)."""


def looks_like_image(data: bytes) -> bool:
    """Whether ``data`` starts like a PNG, JPEG, GIF, BMP or WebP file."""
    return data.startswith(_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


async def fetch_image(url: str, *, limits: Limits = IMAGE_LIMITS,
                      client: httpx.AsyncClient | None = None) -> bytes:
    """The image at ``url``; raises a one-line :class:`FetchError` when it cannot be had."""
    import httpx

    if urllib.parse.urlsplit(url).scheme.lower() not in ("http", "https"):
        raise UnsupportedSchemeError(f"images are fetched over http(s) only: {url}")
    try:
        async with asyncio.timeout(limits.deadline):
            if client is not None:
                return await _follow(client, url, limits)
            async with httpx.AsyncClient(headers=_HEADERS, timeout=_timeouts(limits),
                                         trust_env=True, follow_redirects=False) as own:
                return await _follow(own, url, limits)
    except TimeoutError:
        raise FetchTimeoutError(
            f"timed out after {_seconds(limits.deadline)} s fetching {url}") from None


async def _follow(client: httpx.AsyncClient, url: str, limits: Limits) -> bytes:
    """Follow redirects by hand, as pages do, so no redirect body is read unbounded."""
    import httpx

    chain = [url]
    while True:
        current = chain[-1]
        try:
            async with client.stream("GET", current, headers=_HEADERS,
                                     timeout=_timeouts(limits),
                                     follow_redirects=False) as response:
                target = _redirect_target(response)
                if target is None:
                    return await _read_image(response, limits)
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise _network_error(exc, current, limits) from exc
        if len(chain) > limits.max_redirects:
            raise TooManyRedirectsError(
                f"too many redirects (more than {limits.max_redirects}) from {url}")
        chain.append(target)


async def _read_image(response: httpx.Response, limits: Limits) -> bytes:
    final = str(response.url)
    if not 200 <= response.status_code < 300:
        raise HTTPStatusError(f"HTTP {response.status_code} for {final}",
                              status_code=response.status_code, url=final)
    media, _ = parse_content_type(response.headers.get("content-type"))
    if not media.startswith("image/"):
        raise NotAnImageError(f"not an image ({media or 'no type'}): {final}")
    too_large = f"image is larger than {human_size(limits.max_bytes)}"
    inflater = BoundedInflater(response.headers.get("content-encoding", ""), limits.max_bytes,
                               too_large, final)
    declared = response.headers.get("content-length", "")
    if inflater.identity and declared.isdigit() and int(declared) > limits.max_bytes:
        raise TooLargeError(too_large, limit=limits.max_bytes)
    async for chunk in response.aiter_raw():
        inflater.feed(chunk)
    data = inflater.finish()
    if not data:
        raise EmptyInputError(f"empty image from {final}")
    if not looks_like_image(data):
        raise NotAnImageError(f"not an image format Gloss reads: {final}")
    return data
