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

import asyncio
import codecs
import json
import os
import re
import socket
import ssl
import sys
import urllib.parse
import urllib.request
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import BinaryIO

import charset_normalizer
import httpx

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
    UnsupportedEncodingError,
    UnsupportedSchemeError,
    UnsupportedTypeError,
)

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


def fetch(source: str, *, limits: Limits = DEFAULT_LIMITS, base_url: str | None = None,
          stdin: BinaryIO | None = None) -> Page:
    """Blocking :func:`fetch_async`, for the CLI (not callable from a running event loop)."""
    return asyncio.run(fetch_async(source, limits=limits, base_url=base_url, stdin=stdin))


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
    if kind == "stdin":
        stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
        too_large = f"standard input is larger than {_human_size(limits.max_bytes)}"
        data = b"" if stream is None else _read_capped(stream, limits.max_bytes, too_large)
        return _local_page(data, source, base_url, "standard input", "")
    if kind == "file":
        path = Path(target)
        data = _read_file(path, limits.max_bytes)
        url = base_url or path.resolve().as_uri()
        return _local_page(data, source, url, str(path), path.suffix.lower())
    return await _fetch_http(target, source, limits, client)


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
    return urllib.request.url2pathname(parts.path)


# -- files and stdin ------------------------------------------------------------------------


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size  # 0 for pipes: the capped read guards
            too_large = f"file is larger than {_human_size(max_bytes)}: {path}"
            if size > max_bytes:
                raise TooLargeError(too_large, limit=max_bytes)
            return _read_capped(handle, max_bytes, too_large)
    except (FileNotFoundError, NotADirectoryError):
        raise MissingFileError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise NotAFileError(f"is a directory: {path}") from None
    except PermissionError:
        raise PermissionDeniedError(f"permission denied: {path}") from None
    except OSError as exc:
        raise LocalFileError(f"cannot read {path}: {exc.strerror or exc}") from None


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
    kind = sniff_text(data)
    if kind != "text/html":
        raise UnsupportedTypeError(kind)
    return kind


# -- sniffing -------------------------------------------------------------------------------

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
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):size].decode(codec, "replace")
    return data[:size].decode("latin-1")  # every byte maps; markup is ASCII


# -- HTTP -----------------------------------------------------------------------------------


async def _fetch_http(url: str, source: str, limits: Limits,
                      client: httpx.AsyncClient | None) -> Page:
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
    connect = min(limits.connect_timeout, limits.deadline)
    return httpx.Timeout(limits.deadline, connect=connect, pool=connect)


async def _follow(client: httpx.AsyncClient, url: str, source: str, limits: Limits) -> Page:
    """Follow redirects by hand: httpx reads (and inflates, unbounded) each redirect's body."""
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
    if media not in HTML_TYPES and media not in _SNIFFED_TYPES:
        raise UnsupportedTypeError(media)
    too_large = f"page is larger than {_human_size(limits.max_bytes)}"
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
        if kind != "text/html":
            raise UnsupportedTypeError(media or kind)
        media = "application/xhtml+xml" if media.endswith("/xml") else "text/html"
    text, charset = decode_html(data, header_charset)
    return Page(text, final, source, media, charset)


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


class BoundedInflater:
    """Decodes a Content-Encoding chunk by chunk, never holding more than ``max_bytes``.

    httpx's decoder inflates each network chunk whole (one 64 KB chunk of a bomb is 64 MB);
    here zlib's ``max_length`` caps every step, so memory stays near the cap.
    """

    _STEP = 256 * 1024

    def __init__(self, encoding: str, max_bytes: int, too_large: str,
                 url: str = "the page") -> None:
        codings = [c.strip().lower() for c in encoding.split(",")]
        codings = [c for c in codings if c not in ("", "identity")]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise UnsupportedEncodingError(
                f"unsupported content encoding: {', '.join(codings)}")
        self._coding = codings[0] if codings else ""
        self._max = max_bytes
        self._too_large = too_large
        self._corrupt = f"could not decompress {url}: corrupt {self._coding} data"
        self._out = bytearray()
        self._raw = 0
        self._inflater: zlib._Decompress | None = None
        self._head = b""  # bytes held until a stream's first two tell its format
        self._members = 0  # gzip members started: a body may hold several, back to back
        self._done = False

    @property
    def identity(self) -> bool:
        """True when the body is not compressed (its length is its size)."""
        return not self._coding

    def feed(self, chunk: bytes) -> None:
        """Take the next raw chunk; raise TooLargeError past the cap."""
        self._raw += len(chunk)
        if self._raw > self._max:  # compressed bytes count too: no endless empty members
            raise TooLargeError(self._too_large, limit=self._max)
        if not self._coding:
            self._append(chunk)
            return
        data = chunk
        while data and not self._done:
            if self._inflater is None:
                data = self._head + data
                if len(data) < 2:
                    self._head = data
                    return
                self._head = b""
                if self._coding != "deflate" and not data.startswith(b"\x1f\x8b"):
                    if self._members:
                        self._done = True  # trailing bytes after a member, as gzip(1) allows
                        return
                    raise BadResponseError(self._corrupt)
                self._inflater = zlib.decompressobj(self._wbits(data))
                self._members += 1
            try:
                self._append(self._inflater.decompress(data, self._room()))
            except zlib.error:
                raise BadResponseError(self._corrupt) from None
            data = self._inflater.unconsumed_tail
            if self._inflater.eof:
                data = self._inflater.unused_data + data
                self._inflater = None
                self._done = self._coding == "deflate"  # only gzip has further members

    def finish(self) -> bytes:
        """The whole decoded body. A truncated stream yields what arrived, as browsers do."""
        if self._inflater is not None:
            try:
                self._append(self._inflater.flush())
            except zlib.error:
                raise BadResponseError(self._corrupt) from None
        return bytes(self._out)

    def _wbits(self, data: bytes) -> int:
        if self._coding != "deflate":
            return 16 + zlib.MAX_WBITS
        # "deflate" should be zlib-wrapped, but servers send raw deflate too.
        zlib_header = (data[0] & 0x0F) == 8 and ((data[0] << 8) | data[1]) % 31 == 0
        return zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS

    def _room(self) -> int:
        # One byte past the cap proves the page too large; never 0 (0 means unlimited).
        return min(self._STEP, self._max - len(self._out) + 1)

    def _append(self, data: bytes) -> None:
        self._out += data
        if len(self._out) > self._max:
            raise TooLargeError(self._too_large, limit=self._max)


def _network_error(exc: Exception, url: str, limits: Limits) -> FetchError:
    """One human line for an httpx failure."""
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


def _human_size(size: int) -> str:
    for unit, scale in (("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return f"{size // scale} {unit}" if size % scale == 0 else f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


# -- charsets -------------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
# WHATWG Encoding: all of these labels mean windows-1252, as browsers decode them.
_WINDOWS_1252 = frozenset({
    "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
    "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1",
    "latin-1", "us-ascii", "windows-1252", "x-cp1252", "x-user-defined"})
# Other WHATWG label mappings that differ from Python's reading of the same name.
_WEB_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "chinese": "gb18030",
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932",
    "windows-31j": "cp932", "ms_kanji": "cp932", "euc-kr": "cp949", "ks_c_5601-1987": "cp949",
    "iso-8859-9": "cp1254", "latin5": "cp1254", "iso-8859-11": "cp874", "tis-620": "cp874",
    "big5": "big5hkscs", "utf-16": "utf-16-le", "unicode": "utf-16-le", "utf8": "utf-8",
}
_REFUSED = frozenset({"utf-7", "utf_7"})  # WHATWG drops it: a script-injection vector
_COMMENT = re.compile(rb"<!--.*?(?:-->|\Z)", re.DOTALL)
_META = re.compile(rb"<meta(?=[\s/])([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(rb"""([^\s"'=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_CONTENT_CHARSET = re.compile(rb"""charset\s*=\s*["']?([^\s"';]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)""", re.IGNORECASE)
_TAG_OR_CODE = re.compile(
    rb"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.DOTALL | re.IGNORECASE)
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_DETECT_WINDOW = 512 * 1024
_PRESCAN = 4096


def decode_html(data: bytes, header_charset: str | None = None) -> tuple[str, str]:
    """(text, charset) for HTML bytes, chosen as a browser would.

    BOM, then the Content-Type charset, then ``<meta charset>`` or ``http-equiv`` in the first
    4 KB (or an XML declaration), then detection, then UTF-8. Unknown names are skipped;
    undecodable bytes become U+FFFD.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, "replace"), _web_name(codec)
    codec = _codec_for(header_charset)
    if codec is None:
        head = data[:_PRESCAN]
        for label in _meta_charsets(head):
            codec = _codec_for(label, from_meta=True)
            if codec:
                break
    if codec is None and (decl := _XML_DECL.match(data[:_PRESCAN])):
        codec = _codec_for(decl.group(1).decode("ascii", "replace"))
    if codec is None:
        codec = _detect(data)
    return data.decode(codec, "replace"), _web_name(codec)


def _meta_charsets(head: bytes) -> Iterator[str]:
    """Charset labels declared by <meta> tags, in order (a simplified HTML5 prescan)."""
    for meta in _META.finditer(_COMMENT.sub(b"", head)):
        attrs: dict[bytes, bytes] = {}
        for attr in _ATTR.finditer(meta.group(1)):
            value = attr.group(2) or attr.group(3) or attr.group(4) or b""
            attrs.setdefault(attr.group(1).lower(), value)
        if b"charset" in attrs:
            yield attrs[b"charset"].decode("ascii", "replace")
        elif attrs.get(b"http-equiv", b"").lower() == b"content-type":
            found = _CONTENT_CHARSET.search(attrs.get(b"content", b""))
            if found:
                yield found.group(1).decode("ascii", "replace")


def _codec_for(label: str | None, *, from_meta: bool = False) -> str | None:
    """The Python codec for a charset label as the web reads it, or None if unknown."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    if name in _WINDOWS_1252:
        return "cp1252"
    if from_meta and name.startswith(("utf-16", "unicode")):
        return "utf-8"  # a meta tag readable as ASCII cannot be UTF-16 (WHATWG says UTF-8)
    name = _WEB_ALIASES.get(name, name)
    try:
        codec = codecs.lookup(name).name
        b"x".decode(codec, "ignore")  # rejects bytes-to-bytes codecs such as base64
    except LookupError:
        return None
    return None if codec in _REFUSED else codec


def _web_name(codec: str) -> str:
    """A familiar spelling of a Python codec name ("cp1252" -> "windows-1252")."""
    name = codecs.lookup(codec).name.replace("_", "-")
    if re.fullmatch(r"cp(125\d|874)", name):
        return "windows-" + name[2:]
    return {"utf-16-le": "utf-16le", "utf-16-be": "utf-16be"}.get(
        name, name.replace("iso8859-", "iso-8859-"))


def _detect(data: bytes) -> str:
    """Guess an undeclared encoding: UTF-8 if it nearly is, else charset-normalizer."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    window = data[:_DETECT_WINDOW]
    # Mostly valid UTF-8 with a stray bad byte is still UTF-8 (a legacy code page almost
    # never forms valid multi-byte sequences by chance).
    valid = len(_UTF8_MULTIBYTE.findall(window))
    invalid = window.decode("utf-8", "replace").count("\ufffd") - window.count(b"\xef\xbf\xbd")
    if valid >= 4 * invalid > 0:
        return "utf-8"
    # Markup is ASCII and dilutes the language statistics the detector relies on.
    sample = _TAG_OR_CODE.sub(b" ", window)
    if not re.search(rb"[\x80-\xff]", sample):
        sample = window
    results = charset_normalizer.from_bytes(sample)
    best = results.best()
    if best is None:
        return "utf-8"
    codec = _codec_for(best.encoding) or "utf-8"
    # charset-normalizer ranks near-identical Latin code pages arbitrarily on short pages
    # (French cp1252 -> cp1250, curly quotes -> cp852). windows-1252 is the web's legacy
    # default, so it wins a tie, and beats DOS and Mac code pages that the web never uses.
    if codec == "cp1252" or "cp1252" in best.could_be_from_charset:
        return "cp1252"
    for other in results:
        if ("cp1252" in (other.encoding, *other.could_be_from_charset)
                and abs(other.chaos - best.chaos) < 0.01
                and other.coherence >= best.coherence - 0.01):
            return "cp1252"
    if re.fullmatch(r"cp(437|7\d\d|8[56]\d)|mac[-_].*", codec) and _clean_cp1252(sample):
        return "cp1252"
    return codec


def _clean_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True
