"""Bytes from a URL, a file or stdin, within limits, decoded to HTML text.

Every failure is a :class:`~tui.core.errors.FetchError` subclass with a one-line message.
Network reads are bounded three ways: a connect timeout, one deadline over the whole fetch
(redirects and body included), and a cap on the *decompressed* size, enforced while
inflating so a gzip bomb never gets further than the cap.

What ``source`` means: ``-`` is stdin; ``http:``/``https:`` URLs are fetched; ``file:`` URLs
and paths (``~`` expanded) are read. A scheme-less ``example.com/x`` that is not an existing
file is taken as a URL (as w3m does): ``https://`` for host names, ``http://`` for
``localhost`` and IPv4 addresses. A name ending in a document suffix (``notes.html``) is never
taken for a host, so a typo gives "no such file" rather than a DNS error.
"""

from __future__ import annotations

import json
import os
import re
import sys
import urllib.parse
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from tui import __version__
from tui.core.errors import (
    BadResponseError,
    EmptyInputError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    InvalidURLError,
    LocalFileError,
    MissingFileError,
    NetworkError,
    NotAFileError,
    PermissionDeniedError,
    TooLargeError,
    TooManyRedirectsError,
    UnsupportedSchemeError,
    UnsupportedTypeError,
)
from tui.core.fetch.charset import BOMS, decode_html
from tui.core.fetch.inflate import BoundedInflater
from tui.core.text import human_size

if TYPE_CHECKING:
    import httpx  # imported when a URL is fetched: a file or stdin never pays for it

USER_AGENT = f"gloss/{__version__} (+terminal reader)"
# Only codings whose output we can bound while inflating (zlib's max_length); never br/zstd.
ACCEPT_ENCODING = "gzip, deflate"
_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
    "Accept-Encoding": ACCEPT_ENCODING,
}
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Types that say nothing useful: the bytes decide.
_SNIFFED_TYPES = frozenset({"", "application/octet-stream", "text/xml", "application/xml"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


# -- public API -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    """Bounds on one fetch; the defaults suit an interactive reader."""

    connect_timeout: float = 10.0
    deadline: float = 30.0  # seconds for the whole fetch: connect, redirects, body
    max_bytes: int = 10 * 1024 * 1024  # decompressed; files and stdin too
    max_redirects: int = 5


@dataclass(frozen=True)
class Page:
    """A fetched HTML document and where it really came from."""

    html: str  # decoded text
    url: str | None  # final URL; file:///abs/path for files; base_url (or None) for stdin
    source: str  # what the user gave
    content_type: str  # e.g. "text/html"
    charset: str  # encoding actually used; a name codecs.lookup() accepts


DEFAULT_LIMITS = Limits()


def is_remote(source: str) -> bool:
    """True when fetching ``source`` goes to the network (so the UI can show progress)."""
    try:
        return _classify(source)[0] == "http"
    except FetchError:
        return False


def source_url(source: str, base_url: str | None = None) -> str | None:
    """The URL a fetch of ``source`` starts from (before redirects), without fetching.

    Lets a caller find a saved copy first: stdin is ``base_url`` (often None), a path its
    ``file:`` URL (or ``base_url``), a URL itself (a scheme-less host gains its scheme).
    """
    kind, target = _classify(source)
    if kind == "stdin":
        return base_url
    if kind == "file":
        return base_url or Path(target).resolve().as_uri()
    return target


def check_source(source: str) -> None:
    """Raise the error reading ``source`` would, where that is known without reading it:
    a local file that is missing, a directory or unreadable, or a scheme Gloss cannot read.

    Lets the command line refuse a bad path in one line before the reader takes the screen.
    """
    kind, target = _classify(source)
    if kind != "file":
        return
    path = Path(target)
    if not path.exists():
        raise local_file_error(FileNotFoundError(), path)
    if path.is_dir():
        raise local_file_error(IsADirectoryError(), path)
    if not os.access(path, os.R_OK):
        raise local_file_error(PermissionError(), path)


def fetch(source: str, *, limits: Limits = DEFAULT_LIMITS, base_url: str | None = None,
          stdin: BinaryIO | None = None) -> Page:
    """Blocking :func:`fetch_async`, for the CLI (not callable from a running event loop).

    A file or stdin is read without starting an event loop (nor importing asyncio).
    """
    kind, target = _classify(source)
    if kind != "http":
        return _read_local(kind, target, source, limits, base_url, stdin)
    from tui.core import aio

    return aio.run(fetch_async(source, limits=limits, base_url=base_url, stdin=stdin))


async def fetch_async(source: str, *, limits: Limits = DEFAULT_LIMITS,
                      base_url: str | None = None, stdin: BinaryIO | None = None,
                      client: httpx.AsyncClient | None = None) -> Page:
    """Read ``source`` (``-``, URL, ``file:`` URL or path) into a :class:`Page`.

    ``base_url`` names the page read from stdin or a file (its links resolve against it);
    it is ignored for URLs. A given ``client`` is used and left open; otherwise one is made
    per fetch (trusting proxy environment variables). Cancelling the task closes the
    connection. Files and stdin are read synchronously: they are local, and a thread blocked
    on a terminal's stdin would outlive a cancelled task.
    """
    kind, target = _classify(source)
    if kind != "http":
        return _read_local(kind, target, source, limits, base_url, stdin)
    return await _fetch_http(target, source, limits, client)


def _read_local(kind: str, target: str, source: str, limits: Limits, base_url: str | None,
                stdin: BinaryIO | None) -> Page:
    """A file (``kind`` "file") or stdin, read synchronously."""
    if kind == "stdin":
        stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
        too_large = f"standard input is larger than {human_size(limits.max_bytes)}"
        data = b"" if stream is None else _read_capped(stream, limits.max_bytes, too_large)
        return _local_page(data, source, base_url, "standard input", "")
    path = Path(target)
    data = _read_file(path, limits.max_bytes)
    url = base_url or path.resolve().as_uri()
    return _local_page(data, source, url, str(path), path.suffix.lower())


# -- what the source is ---------------------------------------------------------------------

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_BARE_HOST = re.compile(
    r"^(?P<host>localhost|\d{1,3}(?:\.\d{1,3}){3}"
    r"|(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?P<tld>[A-Za-z]{2,63}))"
    r"(?::\d{1,5})?(?:[/?#]|$)")
# Looks like a file name, not a host: "notes.html" is a missing file, not a DNS lookup.
_FILE_SUFFIXES = frozenset({"htm", "html", "xhtml", "xht", "xml", "txt", "md", "json", "pdf",
                            "png", "jpg", "jpeg", "gif", "svg", "epub", "zip", "gz"})


def _classify(source: str) -> tuple[str, str]:
    """("stdin" | "http" | "file", URL or path) for a source, or a typed error."""
    if source == "-":
        return "stdin", ""
    text = source.strip()
    if not text:
        raise EmptyInputError("no source given")
    match = _SCHEME.match(text)
    if match:
        scheme = match.group(1).lower()
        if scheme in ("http", "https"):
            return "http", text
        if scheme == "file":
            return "file", _path_from_file_url(text)
        if not _BARE_HOST.match(text) and not _exists(text):
            raise UnsupportedSchemeError(
                f"unsupported URL scheme: {scheme}: (Gloss reads http, https and file URLs, "
                "paths, and - for stdin)")
    if _exists(text):
        return "file", str(Path(text).expanduser())
    bare = _BARE_HOST.match(text)
    if bare and (bare.group("tld") or "").lower() not in _FILE_SUFFIXES:
        local = bare.group("tld") is None  # localhost or an IPv4 address
        return "http", ("http://" if local else "https://") + text
    return "file", str(Path(text).expanduser())


def _exists(text: str) -> bool:
    try:
        return Path(text).expanduser().exists()
    except (OSError, ValueError):  # a name too long, or a NUL byte
        return False


def _path_from_file_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise InvalidURLError(f"file URL on another host is not supported: {url}")
    if not parts.path:
        raise InvalidURLError(f"file URL without a path: {url}")
    from urllib.request import url2pathname  # for this only: it imports http.client, ssl

    return url2pathname(parts.path)


# -- files and stdin ------------------------------------------------------------------------


def local_file_error(exc: OSError, path: Path | str) -> LocalFileError:
    """The one-line error for reading the local file ``path`` failing with ``exc``: one
    wording wherever Gloss reads a file it is given (an article, an import)."""
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        return MissingFileError(f"no such file: {path}")
    if isinstance(exc, IsADirectoryError):
        return NotAFileError(f"is a directory: {path}")
    if isinstance(exc, PermissionError):
        return PermissionDeniedError(f"permission denied: {path}")
    return LocalFileError(f"cannot read {path}: {exc.strerror or exc}")


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size  # 0 for pipes: the capped read guards
            too_large = f"file is larger than {human_size(max_bytes)}: {path}"
            if size > max_bytes:
                raise TooLargeError(too_large, limit=max_bytes)
            return _read_capped(handle, max_bytes, too_large)
    except OSError as exc:
        raise local_file_error(exc, path) from None


def _read_capped(stream: BinaryIO, max_bytes: int, too_large: str) -> bytes:
    """Read to EOF, refusing as soon as more than ``max_bytes`` arrive."""
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(min(1 << 16, max_bytes + 1 - total)):
        total += len(chunk)
        if total > max_bytes:
            raise TooLargeError(too_large, limit=max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


def _local_page(data: bytes, source: str, url: str | None, what: str, suffix: str) -> Page:
    if not data.strip():
        raise EmptyInputError("standard input is empty" if what == "standard input"
                              else f"file is empty: {what}")
    content_type = _local_content_type(data, suffix)
    text, charset = decode_html(data)
    return Page(text, url, source, content_type, charset)


def _local_content_type(data: bytes, suffix: str) -> str:
    """The type of local bytes: magic numbers first (a PDF named .html is still a PDF)."""
    binary = sniff_binary(data)
    if binary:
        raise UnsupportedTypeError(binary)
    if suffix in (".xhtml", ".xht"):
        return "application/xhtml+xml"
    if suffix in (".html", ".htm"):
        return "text/html"
    if suffix in MARKDOWN_SUFFIXES:
        return "text/markdown"
    kind = sniff_text(data)
    if kind == "text/html" and _text_head(data).lstrip().startswith("<"):
        return kind
    if kind in ("text/html", "text/plain"):
        # Markup inside running text (an <a>, a <!-- -->) is Markdown's, not a page's.
        if suffix not in TEXT_SUFFIXES and _MARKDOWN.search(_text_head(data)):
            return "text/markdown"
        return "text/plain" if kind == "text/plain" or suffix in TEXT_SUFFIXES else kind
    raise UnsupportedTypeError(kind)


# -- sniffing -------------------------------------------------------------------------------

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
# Read as themselves, not refused: Markdown and plain text (files, stdin, and servers).
MARKUP_TYPES = frozenset({"text/markdown", "text/x-markdown", "text/plain"})
# Lines only Markdown writes: an ATX heading, a code fence, a setext underline, a link.
_MARKDOWN = re.compile(r"^(?:#{1,6}[ \t]+\S|```|~~~|(?:=+|-+)[ \t]*$)|\]\([^)\s]+\)", re.M)

_MAGIC = (
    (b"%PDF-", "application/pdf"), (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"), (b"GIF87a", "image/gif"), (b"GIF89a", "image/gif"),
    (b"PK\x03\x04", "application/zip"), (b"\x1f\x8b", "application/gzip"),
    (b"%!PS", "application/postscript"), (b"\x7fELF", "application/octet-stream"),
    (b"\x00\x00\x01\x00", "image/x-icon"), (b"OggS", "audio/ogg"), (b"ID3", "audio/mpeg"),
)
_MARKUP = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|base|link|!--|\?xml|article|main|section"
    r"|div|p|h[1-6]|a|ul|ol|table|pre|blockquote|br|span|img|header|nav|script|style)[\s/>]",
    re.IGNORECASE)


def sniff_binary(data: bytes) -> str | None:
    """The media type of a known binary format at the start of ``data``, else None."""
    for magic, media in _MAGIC:
        if data.startswith(magic):
            return media
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def sniff_text(data: bytes) -> str:
    """"text/html" when the bytes look like markup; else "application/json", "text/plain"
    or "application/octet-stream" (for naming the refused type)."""
    head = _text_head(data).lstrip()
    if head.startswith("<") or _MARKUP.search(head):
        return "text/html"
    if head[:1] in ("{", "["):
        try:
            json.loads(decode_html(data)[0])
        except ValueError:
            return "text/plain"
        return "application/json"
    return "application/octet-stream" if "\x00" in head else "text/plain"


def _text_head(data: bytes, size: int = 4096) -> str:
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data[len(bom):size].decode(codec, "replace")
    return data[:size].decode("latin-1")  # every byte maps; markup is ASCII


# -- HTTP -----------------------------------------------------------------------------------


async def _fetch_http(url: str, source: str, limits: Limits,
                      client: httpx.AsyncClient | None) -> Page:
    # Imported here: reading a file or stdin never pays for them (httpx brings its CLI).
    import asyncio

    import httpx

    try:
        # One deadline over everything, so a server dripping a byte a second cannot hold us.
        async with asyncio.timeout(limits.deadline):
            if client is not None:
                return await _follow(client, url, source, limits)
            timeout = _timeouts(limits)
            async with httpx.AsyncClient(headers=_HEADERS, timeout=timeout, trust_env=True,
                                         follow_redirects=False) as own:
                return await _follow(own, url, source, limits)
    except TimeoutError:
        raise FetchTimeoutError(
            f"timed out after {_seconds(limits.deadline)} s fetching {url}") from None


def _timeouts(limits: Limits) -> httpx.Timeout:
    import httpx

    connect = min(limits.connect_timeout, limits.deadline)
    return httpx.Timeout(limits.deadline, connect=connect, pool=connect)


async def _follow(client: httpx.AsyncClient, url: str, source: str, limits: Limits) -> Page:
    """Follow redirects by hand: httpx reads (and inflates, unbounded) each redirect's body."""
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
                    return await _read_page(response, source, limits)
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise _network_error(exc, current, limits) from exc
        if len(chain) > limits.max_redirects:
            if target in chain:
                raise TooManyRedirectsError(f"too many redirects: {url} redirects in a loop")
            raise TooManyRedirectsError(
                f"too many redirects (more than {limits.max_redirects}) from {url}")
        chain.append(target)


def _redirect_target(response: httpx.Response) -> str | None:
    import httpx

    location = response.headers.get("location")
    if response.status_code not in _REDIRECTS or not location:
        return None
    try:
        target = response.url.join(location.strip())
    except httpx.InvalidURL:
        raise InvalidURLError(f"{response.url} redirects to an invalid URL: {location}") from None
    if target.scheme not in ("http", "https"):
        raise UnsupportedSchemeError(
            f"{response.url} redirects to an unsupported URL scheme: {target.scheme}:")
    return str(target.copy_with(fragment=None))


async def _read_page(response: httpx.Response, source: str, limits: Limits) -> Page:
    final = str(response.url)
    status = response.status_code
    if not 200 <= status < 300:
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = response.reason_phrase
        raise HTTPStatusError(f"HTTP {status} {phrase} for {final}".replace("  ", " "),
                              status_code=status, url=final)
    media, header_charset = parse_content_type(response.headers.get("content-type"))
    # Refuse a PDF or an image before downloading it.
    if media not in HTML_TYPES and media not in _SNIFFED_TYPES and media not in MARKUP_TYPES:
        raise UnsupportedTypeError(media)
    too_large = f"page is larger than {human_size(limits.max_bytes)}"
    encoding = response.headers.get("content-encoding", "")
    inflater = BoundedInflater(encoding, limits.max_bytes, too_large, final)
    declared = response.headers.get("content-length", "")
    if inflater.identity and declared.isdigit() and int(declared) > limits.max_bytes:
        raise TooLargeError(too_large, limit=limits.max_bytes)
    async for chunk in response.aiter_raw():
        inflater.feed(chunk)
    data = inflater.finish()
    if not data.strip():
        raise EmptyInputError(f"empty response from {final}")
    binary = sniff_binary(data)
    if binary:
        raise UnsupportedTypeError(binary)
    if media in _SNIFFED_TYPES:
        kind = sniff_text(data)
        if kind == "text/plain" and not media:
            media = _markup_type(final, data)
        elif kind != "text/html":
            raise UnsupportedTypeError(media or kind)
        else:
            media = "application/xhtml+xml" if media.endswith("/xml") else "text/html"
    elif media in MARKUP_TYPES:
        media = _markup_type(final, data) if media == "text/plain" else "text/markdown"
    text, charset = decode_html(data, header_charset)
    return Page(text, final, source, media, charset)


def _markup_type(url: str, data: bytes) -> str:
    """A plain-text response is Markdown when its name says so (a raw README.md)."""
    suffix = Path(urllib.parse.urlsplit(url).path).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "text/markdown"
    return "text/plain"


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """("text/html", "utf-8") from a Content-Type header; ("", None) when it is missing."""
    if not value:
        return "", None
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, raw = param.partition("=")
        if name.strip().lower() == "charset":
            charset = raw.strip().strip("\"'") or None
    return media.strip().lower(), charset


def _network_error(exc: Exception, url: str, limits: Limits) -> FetchError:
    """One human line for an httpx failure."""
    import socket
    import ssl

    import httpx

    try:
        parsed = httpx.URL(url)
        host = f"[{parsed.host}]" if ":" in parsed.host else (parsed.host or url)  # IPv6
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
    except (httpx.InvalidURL, ValueError):
        host, port = url, 0
    if isinstance(exc, httpx.ConnectTimeout):
        return FetchTimeoutError(f"timed out connecting to {host} after "
                                 f"{_seconds(min(limits.connect_timeout, limits.deadline))} s")
    if isinstance(exc, httpx.TimeoutException):
        return FetchTimeoutError(f"timed out waiting for {url}")
    if isinstance(exc, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
        return InvalidURLError(f"not a valid URL: {url}")
    if isinstance(exc, httpx.RemoteProtocolError):
        if "complete message body" in str(exc):
            return BadResponseError(f"connection closed before the page was complete: {url}")
        return BadResponseError(f"bad HTTP response from {url}: {exc}")
    cause = _root_cause(exc)
    if isinstance(cause, socket.gaierror):
        return NetworkError(f"could not resolve host {host}")
    if isinstance(cause, ConnectionRefusedError):
        return NetworkError(f"connection refused by {host}:{port}")
    if isinstance(cause, ssl.SSLCertVerificationError):
        return NetworkError(f"TLS error with {host}: {cause.verify_message or 'bad certificate'}")
    if isinstance(cause, ssl.SSLError):
        return NetworkError(f"TLS error with {host}: {cause.reason or cause}")
    if isinstance(cause, ConnectionResetError):
        return NetworkError(f"connection reset by {host}")
    if isinstance(cause, OSError) and cause.strerror:
        return NetworkError(f"could not connect to {host}: {cause.strerror}")
    return NetworkError(f"network error fetching {url}: {exc or type(exc).__name__}")


def _root_cause(exc: BaseException) -> BaseException:
    for _ in range(10):
        nxt = exc.__cause__ or exc.__context__
        if nxt is None:
            break
        exc = nxt
    return exc


def _seconds(value: float) -> str:
    return f"{value:g}"


