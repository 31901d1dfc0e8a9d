"""A real HTTP server on 127.0.0.1 for tests, plus a forwarding proxy and hostile responses.

Use the ``http_server`` fixture (register it with ``pytest_plugins = ["tests.support.httpserver"]``
in a conftest or a test module) or ``with HTTPTestServer() as server:``. Routes are
``handler(request)`` callables on a ``BaseHTTPRequestHandler``; ``respond``, ``redirect``,
``drip`` and ``raw`` build the common ones. Every request is recorded in ``server.requests``.
"""

from __future__ import annotations

import contextlib
import gzip
import http.client
import select
import socket
import ssl
import struct
import subprocess
import sys
import threading
import time
import urllib.parse
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

import pytest

Route = Callable[[BaseHTTPRequestHandler], None]
# What a peer that went away looks like to a writer.
_GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)


@dataclass(frozen=True)
class SeenRequest:
    """One request as the server received it (header names lower-cased)."""

    method: str
    path: str
    headers: dict[str, str]


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        """Say nothing when a client hangs up: tests do that on purpose (limits, cancels)."""
        if not isinstance(sys.exc_info()[1], _GONE):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class _Server(_QuietServer):
    routes: dict[str, Route]
    requests: list[SeenRequest]
    stopping: threading.Event


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers do
    server: _Server

    def _dispatch(self) -> None:
        self.server.requests.append(SeenRequest(
            self.command, self.path, {k.lower(): v for k, v in self.headers.items()}))
        route = self.server.routes.get(urllib.parse.urlsplit(self.path).path)
        try:
            if route is None:
                respond(b"<h1>no such page</h1>", status=404)(self)
            else:
                route(self)
        except _GONE:
            self.close_connection = True

    do_GET = do_HEAD = do_POST = _dispatch  # http.server looks up do_<METHOD>

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: pytest shows output only for failures, and these lines are noise there."""


class HTTPTestServer:
    """A threaded HTTP/1.1 server on an ephemeral port of 127.0.0.1 (HTTPS with ``tls``)."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self._server.routes = {}
        self._server.requests = []
        self._server.stopping = threading.Event()
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.port: int = self._server.server_address[1]
        self.base_url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"

    @property
    def requests(self) -> list[SeenRequest]:
        """Every request received so far, oldest first."""
        return self._server.requests

    @property
    def stopping(self) -> threading.Event:
        """Set when the server closes; long-running routes should end then."""
        return self._server.stopping

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this server."""
        return self.base_url + path

    def route(self, path: str, handler: Route) -> str:
        """Serve ``path`` with ``handler``; returns its URL."""
        self._server.routes[path] = handler
        return self.url(path)

    def page(self, path: str, body: bytes | str, *, status: int = 200,
             content_type: str | None = "text/html; charset=utf-8",
             headers: dict[str, str] | None = None) -> str:
        """Serve a fixed response at ``path``; returns its URL."""
        return self.route(path, respond(body, status=status, content_type=content_type,
                                        headers=headers))

    def start(self) -> HTTPTestServer:
        """Start serving in a daemon thread."""
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving and release the port."""
        self._server.stopping.set()
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> HTTPTestServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


# -- routes ---------------------------------------------------------------------------------


def respond(body: bytes | str, *, status: int = 200,
            content_type: str | None = "text/html; charset=utf-8",
            headers: dict[str, str] | None = None) -> Route:
    """A fixed response with a correct Content-Length (``content_type=None`` omits it)."""
    data = body.encode() if isinstance(body, str) else body

    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_response(status)
        if content_type is not None:
            request.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            request.send_header(name, value)
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        if request.command != "HEAD":
            request.wfile.write(data)

    return handler


def redirect(to: str, *, status: int = 302) -> Route:
    """A redirect to ``to`` (absolute or relative), with a small body as servers send."""
    return respond(b"<p>moved</p>", status=status, headers={"Location": to})


def raw(response: bytes) -> Route:
    """Write ``response`` verbatim (status line, headers, body) and close: for lying servers."""

    def handler(request: BaseHTTPRequestHandler) -> None:
        request.wfile.write(response)
        request.wfile.flush()
        request.close_connection = True

    return handler


@dataclass
class Drip:
    """A route that sends ``body`` one byte every ``interval`` seconds (a slow-loris server).

    ``started`` is set when the headers are out; ``disconnected`` when a write finds the
    client gone (how a test sees that a cancelled fetch really closed its connection).
    """

    body: bytes
    interval: float = 1.0
    content_type: str = "text/html; charset=utf-8"
    started: threading.Event = field(default_factory=threading.Event)
    disconnected: threading.Event = field(default_factory=threading.Event)

    def __call__(self, request: BaseHTTPRequestHandler) -> None:
        server: _Server = request.server  # type: ignore[assignment]
        request.send_response(200)
        request.send_header("Content-Type", self.content_type)
        request.send_header("Content-Length", str(len(self.body)))
        request.end_headers()
        request.wfile.flush()
        self.started.set()
        try:
            for byte in self.body:
                if self._client_left(request.connection) or server.stopping.is_set():
                    break
                request.wfile.write(bytes([byte]))
                request.wfile.flush()
        except _GONE:
            self.disconnected.set()
        request.close_connection = True

    def _client_left(self, conn: socket.socket) -> bool:
        """Wait one interval, watching for the client to hang up (EOF or reset)."""
        readable, _, _ = select.select([conn], [], [], self.interval)
        if readable:
            try:
                gone = conn.recv(1, socket.MSG_PEEK) == b""
            except _GONE:
                gone = True
            if gone:
                self.disconnected.set()
                return True
            time.sleep(self.interval)  # a client that talks mid-body: keep dripping
        return False


# -- hostile bodies -------------------------------------------------------------------------


def gzip_bomb(size: int = 1 << 30) -> bytes:
    """A single gzip stream that inflates to ``size`` zero bytes (1 GB -> about 1 MB).

    Built from one compressed megabyte repeated: after a full flush deflate restarts from
    scratch, so each megabyte of zeros compresses to the same bytes. Takes ~0.3 s, not the
    3 s of compressing a gigabyte.
    """
    block = 1 << 20
    if size % block:
        raise ValueError("size must be a whole number of megabytes")
    zeros = bytes(block)
    deflater = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    piece = deflater.compress(zeros) + deflater.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(size // block):
        crc = zlib.crc32(zeros, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
    trailer = struct.pack("<II", crc, size & 0xFFFFFFFF)
    return header + piece * (size // block) + deflater.flush() + trailer


def gzipped(data: bytes) -> bytes:
    """``data`` as a gzip stream (for Content-Encoding: gzip)."""
    return gzip.compress(data, mtime=0)


# -- a proxy and dead addresses -------------------------------------------------------------


class _ProxyServer(_QuietServer):
    upstream: tuple[str, int]
    seen: list[str]


class _ProxyHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _ProxyServer

    def do_GET(self) -> None:
        """Forward an absolute-form request to the upstream server, whatever its host."""
        self.server.seen.append(self.path)
        parts = urllib.parse.urlsplit(self.path)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        upstream = http.client.HTTPConnection(*self.server.upstream, timeout=10)
        try:
            headers = {k: v for k, v in self.headers.items()
                       if k.lower() not in ("proxy-connection", "connection")}
            upstream.request("GET", target, headers=headers)
            reply = upstream.getresponse()
            body = reply.read()
        finally:
            upstream.close()
        self.send_response(reply.status, reply.reason)
        for name, value in reply.getheaders():
            if name.lower() not in ("content-length", "connection", "transfer-encoding"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Via", "1.1 gloss-test-proxy")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet, as the server's."""


class HTTPProxy:
    """A forward proxy on 127.0.0.1 that sends every request to one upstream server.

    ``seen`` lists the absolute URLs clients asked for, so a test can prove a request went
    through the proxy (even for a host name that resolves nowhere).
    """

    def __init__(self, upstream: HTTPTestServer) -> None:
        self._server = _ProxyServer(("127.0.0.1", 0), _ProxyHandler)
        self._server.upstream = ("127.0.0.1", upstream.port)
        self._server.seen = []
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def seen(self) -> list[str]:
        """The request targets received, oldest first."""
        return self._server.seen

    def __enter__(self) -> HTTPProxy:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._server.shutdown()
        self._server.server_close()


def self_signed_tls(directory: Path) -> tuple[ssl.SSLContext, Path]:
    """A server TLS context for 127.0.0.1 with a fresh self-signed certificate (by openssl).

    Returns the context and the certificate's path, which a client may trust (SSL_CERT_FILE).
    """
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True, timeout=60)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context, cert


def refused_port() -> int:
    """A port on 127.0.0.1 where nothing listens (connecting is refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def unresponsive_port() -> Iterator[int]:
    """A port whose connects hang: a listener with a full backlog that never accepts.

    Linux drops SYNs once the accept queue is full, so a client waits for its connect
    timeout, as with a firewalled host, without leaving 127.0.0.1.
    """
    listener = socket.socket()
    fillers: list[socket.socket] = []
    try:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:  # fill the queue until a connect stalls
            filler = socket.socket()
            filler.settimeout(0.2)
            fillers.append(filler)
            try:
                filler.connect(("127.0.0.1", port))
            except TimeoutError:
                break
        yield port
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


@pytest.fixture
def http_server() -> Iterator[HTTPTestServer]:
    """A running :class:`HTTPTestServer`, closed after the test."""
    with HTTPTestServer() as server:
        yield server
