"""tui.core.fetch.source against a real HTTP server on 127.0.0.1, real files and real pipes."""

from __future__ import annotations

import asyncio
import io
import os
import shutil
import subprocess
import sys
import textwrap
import zlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support import paths
from tests.support.httpserver import (
    Drip,
    HTTPProxy,
    HTTPTestServer,
    gzip_bomb,
    gzipped,
    raw,
    redirect,
    refused_port,
    self_signed_tls,
    unresponsive_port,
)
from tui import __version__
from tui.core.errors import (
    BadResponseError,
    EmptyInputError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    InvalidURLError,
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
from tui.core.fetch.source import (
    USER_AGENT,
    BoundedInflater,
    Limits,
    Page,
    decode_html,
    fetch,
    fetch_async,
    is_remote,
    parse_content_type,
    sniff_text,
)

ROOT = paths.ROOT
HTML = "<!doctype html><html><head><title>T</title></head><body><p>Hello, reader.</p></body></html>"
FRENCH = ("<html><head><title>Crème brûlée</title></head><body><p>Le café était très chaud, et "
          "la crème brûlée était délicieuse. À côté, un garçon lisait « Les Misérables » en "
          "mangeant une pêche. Où est la gare? Ça va très bien, merci — dit-il.</p></body></html>")
QUOTES = "<html><body><p>He said “hello” and it’s fine — really… she paid €5.</p></body></html>"
MB = 1 << 20


# -- decode_html ----------------------------------------------------------------------------


@pytest.mark.parametrize(("data", "header", "text", "charset"), [
    # BOMs beat everything, even a header that says otherwise.
    (b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", "iso-8859-1", "<p>café</p>", "utf-8"),
    (b"\xff\xfe" + "<p>café</p>".encode("utf-16-le"), "utf-8", "<p>café</p>", "utf-16le"),
    (b"\xfe\xff" + "<p>café</p>".encode("utf-16-be"), None, "<p>café</p>", "utf-16be"),
    # The header's charset beats a contradicting <meta>.
    (b'<meta charset="windows-1252"><p>caf\xc3\xa9</p>', "utf-8",
     '<meta charset="windows-1252"><p>café</p>', "utf-8"),
    # iso-8859-1 and us-ascii mean windows-1252 on the web: 0x93/0x94 are curly quotes.
    (b"<p>\x93hi\x94</p>", "ISO-8859-1", "<p>“hi”</p>", "windows-1252"),
    (b"<p>\x93hi\x94</p>", "us-ascii", "<p>“hi”</p>", "windows-1252"),
    (b"<p>\x93hi\x94</p>", '"latin1"', "<p>“hi”</p>", "windows-1252"),
    # <meta charset> and <meta http-equiv> when the header says nothing.
    (b'<meta charset="windows-1252"><p>caf\xe9</p>', None,
     '<meta charset="windows-1252"><p>café</p>', "windows-1252"),
    (b"<META HTTP-EQUIV=Content-Type CONTENT='text/html; charset=iso-8859-1'><p>\x93</p>", None,
     "<META HTTP-EQUIV=Content-Type CONTENT='text/html; charset=iso-8859-1'><p>“</p>",
     "windows-1252"),
    (b'<meta charset="koi8-r"><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>', None,
     '<meta charset="koi8-r"><p>Привет</p>', "koi8-r"),
    # An unknown header charset is skipped, and the meta decides.
    (b'<meta charset="windows-1252"><p>caf\xe9</p>', "x-no-such-charset",
     '<meta charset="windows-1252"><p>café</p>', "windows-1252"),
    # A bytes-to-bytes codec name is not a charset.
    (b"<p>caf\xc3\xa9</p>", "base64", "<p>café</p>", "utf-8"),
    # A meta claiming UTF-16 in ASCII-readable bytes means UTF-8 (WHATWG).
    (b'<meta charset="utf-16"><p>caf\xc3\xa9</p>', None,
     '<meta charset="utf-16"><p>café</p>', "utf-8"),
    # A meta inside a comment does not count.
    (b'<!-- <meta charset="koi8-r"> --><p>caf\xc3\xa9</p>', None,
     '<!-- <meta charset="koi8-r"> --><p>café</p>', "utf-8"),
    # An XML declaration (XHTML) when there is no meta.
    (b'<?xml version="1.0" encoding="ISO-8859-15"?><p>\xa4</p>', None,
     '<?xml version="1.0" encoding="ISO-8859-15"?><p>€</p>', "iso-8859-15"),
    # No declaration: UTF-8 when it is, and nearly-UTF-8 with one stray byte still is.
    (b"<p>caf\xc3\xa9 cr\xc3\xa8me br\xc3\xbbl\xc3\xa9e</p>", None,
     "<p>café crème brûlée</p>", "utf-8"),
    (b"<p>caf\xc3\xa9 cr\xc3\xa8me br\xc3\xbbl\xc3\xa9e na\xc3\xafve \xff</p>", None,
     "<p>café crème brûlée naïve \ufffd</p>", "utf-8"),
    (b"<p>plain ascii</p>", None, "<p>plain ascii</p>", "utf-8"),
    # Undecodable bytes become U+FFFD rather than an error.
    (b"<p>caf\xe9</p>", "utf-8", "<p>caf\ufffd</p>", "utf-8"),
])
def test_decode_html_follows_the_browser_order(data: bytes, header: str | None, text: str,
                                               charset: str) -> None:
    assert decode_html(data, header) == (text, charset)


@pytest.mark.parametrize(("text", "encoding", "charset"), [
    (FRENCH, "cp1252", "windows-1252"),  # charset-normalizer alone says cp1250 here
    (QUOTES, "cp1252", "windows-1252"),  # ... and cp852 here
    ("<p>Größere Änderungen für die Übersetzung: Der Bär läuft über die Straße, während die "
     "Bürger schöne Grüße schicken. Müller aß Käse.</p>", "cp1252", "windows-1252"),
    ("<p>Привет, как дела? Это тестовая страница на русском языке, чтобы проверить "
     "определение кодировки.</p>", "cp1251", "windows-1251"),
    ("<p>これは日本語のテストページです。文字コードの判定を確認します。東京は日本の首都です。</p>",
     "shift_jis", "cp932"),
])
def test_decode_html_detects_an_undeclared_encoding(text: str, encoding: str,
                                                    charset: str) -> None:
    assert decode_html(text.encode(encoding)) == (text, charset)


def test_meta_beyond_the_prescan_window_is_not_read() -> None:
    data = b"<p>" + b"x" * 5000 + b'</p><meta charset="koi8-r"><p>caf\xc3\xa9</p>'
    assert decode_html(data)[1] == "utf-8"


def test_every_reported_charset_is_a_python_codec() -> None:
    samples = [b"\xef\xbb\xbfx", b"\xff\xfex\x00", b'<meta charset="iso-8859-15">\xa4',
               b"<p>\x93q\x94</p>", "<p>Привет мир, как дела сегодня?</p>".encode("cp1251")]
    for data in samples:
        text, charset = decode_html(data)
        assert data.removeprefix(b"\xef\xbb\xbf").removeprefix(b"\xff\xfe").decode(
            charset, "replace") == text


@pytest.mark.parametrize(("header", "expected"), [
    (None, ("", None)),
    ("", ("", None)),
    ("text/html", ("text/html", None)),
    ("Text/HTML; Charset=UTF-8", ("text/html", "UTF-8")),
    ('text/html; boundary=x; charset="iso-8859-1"', ("text/html", "iso-8859-1")),
    ("application/xhtml+xml;charset=", ("application/xhtml+xml", None)),
])
def test_parse_content_type(header: str | None, expected: tuple[str, str | None]) -> None:
    assert parse_content_type(header) == expected


@pytest.mark.parametrize(("data", "kind"), [
    (b"<!DOCTYPE html><p>x", "text/html"),
    (b"  \n<div>x</div>", "text/html"),
    (b"Some notes\n<p>with a paragraph</p>", "text/html"),
    (b'{"a": [1, 2]}', "application/json"),
    (b"[1, 2", "text/plain"),
    (b"just words, no markup", "text/plain"),
    (b"\x00\x01\x02 binary", "application/octet-stream"),
    (b"\xff\xfe" + "<p>x</p>".encode("utf-16-le"), "text/html"),
])
def test_sniff_text(data: bytes, kind: str) -> None:
    assert sniff_text(data) == kind


# -- the bounded inflater -------------------------------------------------------------------


def _inflate(encoding: str, body: bytes, max_bytes: int = MB, step: int = 7) -> bytes:
    inflater = BoundedInflater(encoding, max_bytes, "too large")
    for start in range(0, len(body), step):  # tiny chunks cross every boundary
        inflater.feed(body[start:start + step])
    return inflater.finish()


@pytest.mark.parametrize("encoding", ["gzip", "x-gzip", "GZIP", "identity, gzip"])
def test_inflater_reads_gzip_and_multiple_members(encoding: str) -> None:
    body = gzipped(b"<p>one</p>") + gzipped(b"<p>two</p>") + b"\x00trailing junk"
    assert _inflate(encoding, body) == b"<p>one</p><p>two</p>"


@pytest.mark.parametrize("wbits", [zlib.MAX_WBITS, -zlib.MAX_WBITS])
def test_inflater_reads_zlib_and_raw_deflate(wbits: int) -> None:
    packer = zlib.compressobj(6, zlib.DEFLATED, wbits)
    body = packer.compress(HTML.encode()) + packer.flush()
    assert _inflate("deflate", body, step=1) == HTML.encode()


def test_inflater_caps_output_not_input() -> None:
    body = gzipped(bytes(2 * MB))
    with pytest.raises(TooLargeError, match=r"^too large$"):
        _inflate("gzip", body, max_bytes=MB, step=len(body))


def test_inflater_caps_raw_bytes_too() -> None:
    # Endless empty gzip members inflate to nothing; their raw size still counts.
    with pytest.raises(TooLargeError):
        _inflate("gzip", gzipped(b"") * 1000, max_bytes=10_000, step=1000)


def test_inflater_rejects_corrupt_gzip() -> None:
    with pytest.raises(BadResponseError, match=r"^could not decompress the page: corrupt gzip "):
        _inflate("gzip", b"<html>not gzip at all</html>")


@pytest.mark.parametrize("encoding", ["br", "zstd", "compress", "gzip, br"])
def test_inflater_refuses_codings_it_cannot_bound(encoding: str) -> None:
    with pytest.raises(UnsupportedEncodingError) as caught:
        BoundedInflater(encoding, MB, "too large")
    assert str(caught.value) == f"unsupported content encoding: {encoding}"


# -- sources --------------------------------------------------------------------------------


@pytest.mark.parametrize(("source", "remote"), [
    ("https://example.com/a", True),
    ("HTTP://example.com/a", True),
    ("example.com/a/b?c=1", True),
    ("news.example.co.uk", True),
    ("localhost:8000/x", True),
    ("127.0.0.1:8000", True),
    ("-", False),
    ("file:///tmp/x.html", False),
    ("notes.html", False),  # a missing file, not a host called notes.html
    ("./example.com", False),
    ("~/example.com", False),
    ("ftp://example.com/x", False),
    ("javascript:alert(1)", False),
    ("", False),
])
def test_is_remote(source: str, remote: bool) -> None:
    assert is_remote(source) is remote


def test_an_existing_file_named_like_a_host_is_a_file(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("example.com").write_text(HTML)
    assert is_remote("example.com") is False
    assert fetch("example.com").url == (tmp_path / "example.com").as_uri()


@pytest.mark.parametrize(("source", "scheme"), [
    ("ftp://example.com/page.html", "ftp"),
    ("javascript:alert(1)", "javascript"),
    ("data:text/html,<p>hi</p>", "data"),
    ("mailto:someone@example.com", "mailto"),
])
def test_unsupported_schemes(source: str, scheme: str) -> None:
    with pytest.raises(UnsupportedSchemeError) as caught:
        fetch(source)
    assert str(caught.value) == (f"unsupported URL scheme: {scheme}: (Gloss reads http, https "
                                 "and file URLs, paths, and - for stdin)")


# -- files and stdin ------------------------------------------------------------------------


def test_reads_a_file_path(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(HTML.encode())
    page = fetch(str(path))
    assert page == Page(HTML, path.as_uri(), str(path), "text/html", "utf-8")


def test_reads_a_file_url_with_escapes(tmp_path: Path) -> None:
    path = tmp_path / "my page.xhtml"
    path.write_bytes(HTML.encode())
    url = path.as_uri()
    assert "%20" in url
    page = fetch(url)
    assert (page.html, page.url, page.content_type) == (HTML, url, "application/xhtml+xml")
    assert fetch("file://localhost" + path.as_uri()[len("file://"):]).html == HTML


def test_expands_the_home_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "saved.htm").write_text(HTML)
    assert fetch("~/saved.htm").url == (tmp_path / "saved.htm").as_uri()


def test_base_url_names_a_file(tmp_path: Path) -> None:
    path = tmp_path / "saved.html"
    path.write_text(HTML)
    assert fetch(str(path), base_url="https://example.com/a/").url == "https://example.com/a/"


def test_reads_the_legacy_sample_by_its_meta_tag() -> None:
    page = fetch(str(ROOT / "samples" / "legacy-charset.html"))
    assert page.charset == "windows-1252"
    assert "Les Misérables" in page.html
    assert "\ufffd" not in page.html


def test_markup_without_an_html_suffix_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "article"
    path.write_text("\n\n<article><p>x</p></article>")
    assert fetch(str(path)).content_type == "text/html"


@pytest.mark.parametrize(("name", "data", "kind"), [
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "application/pdf"),
    ("disguised.html", b"%PDF-1.4\n", "application/pdf"),  # magic beats the suffix
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
    ("photo", b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
    ("anim.gif", b"GIF89a\x01\x00\x01\x00", "image/gif"),
    ("book.epub", b"PK\x03\x04\x14\x00", "application/zip"),
    ("data.json", b'{"title": "not a page"}', "application/json"),
])
def test_refuses_files_that_are_not_html(tmp_path: Path, name: str, data: bytes,
                                         kind: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UnsupportedTypeError) as caught:
        fetch(str(path))
    assert str(caught.value) == f"not an HTML page: {kind}"
    assert caught.value.content_type == kind


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MissingFileError) as caught:
        fetch(str(tmp_path / "gone.html"))
    assert str(caught.value) == f"no such file: {tmp_path / 'gone.html'}"


def test_missing_file_url(tmp_path: Path) -> None:
    with pytest.raises(MissingFileError) as caught:
        fetch((tmp_path / "gone.html").as_uri())
    assert str(caught.value) == f"no such file: {tmp_path / 'gone.html'}"


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(NotAFileError) as caught:
        fetch(str(tmp_path))
    assert str(caught.value) == f"is a directory: {tmp_path}"


def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.html"
    path.write_text(HTML)
    path.chmod(0)
    if os.geteuid() != 0:
        with pytest.raises(PermissionDeniedError) as caught:
            fetch(str(path))
        assert str(caught.value) == f"permission denied: {path}"
        return
    # root reads anything: fetch in a forked child that has become nobody (the interpreter
    # may live where nobody cannot exec it, so no subprocess).
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report one line, never return into pytest
        try:
            os.setgid(65534)
            os.setuid(65534)
            fetch(str(path))
            line = "read it"
        except BaseException as error:  # anything at all must reach the parent
            line = f"{type(error).__name__} {error}"
        os.write(writer, line.encode())
        os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        line = pipe.read().decode()
    os.waitpid(pid, 0)
    assert line == f"PermissionDeniedError permission denied: {path}"


def test_file_url_on_another_host() -> None:
    with pytest.raises(InvalidURLError) as caught:
        fetch("file://server/share/page.html")
    assert str(caught.value) == ("file URL on another host is not supported: "
                                 "file://server/share/page.html")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_bytes(b"  \n\t")
    with pytest.raises(EmptyInputError) as caught:
        fetch(str(path))
    assert str(caught.value) == f"file is empty: {path}"


def test_oversized_file(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_bytes(b"<p>" + b"x" * 2048)
    with pytest.raises(TooLargeError) as caught:
        fetch(str(path), limits=Limits(max_bytes=1024))
    assert str(caught.value) == f"file is larger than 1 KiB: {path}"
    assert caught.value.limit == 1024


def test_oversized_pipe_is_refused_while_reading(tmp_path: Path) -> None:
    # A FIFO reports size 0, so only the capped read can catch it.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    done = subprocess.Popen(["sh", "-c", f"head -c 5000 /dev/zero > '{fifo}'"])
    try:
        with pytest.raises(TooLargeError) as caught:
            fetch(str(fifo), limits=Limits(max_bytes=4096))
    finally:
        done.kill()
        done.wait()
    assert str(caught.value) == f"file is larger than 4 KiB: {fifo}"


def test_reads_stdin() -> None:
    page = fetch("-", stdin=io.BytesIO(FRENCH.encode("cp1252")))
    assert page == Page(FRENCH, None, "-", "text/html", "windows-1252")


def test_stdin_with_base_url() -> None:
    page = fetch("-", stdin=io.BytesIO(HTML.encode()), base_url="https://example.com/x")
    assert page.url == "https://example.com/x"


def test_reads_the_real_stdin_pipe() -> None:
    script = ("from tui.core.fetch.source import fetch\np = fetch('-')\n"
              "print(p.url, p.charset, p.html.count('café'))")
    done = subprocess.run([sys.executable, "-c", script], input=FRENCH.encode("cp1252"),
                          capture_output=True, timeout=60, cwd=ROOT, check=True)
    assert done.stdout == b"None windows-1252 1\n"


def test_empty_stdin() -> None:
    with pytest.raises(EmptyInputError) as caught:
        fetch("-", stdin=io.BytesIO(b"\n"))
    assert str(caught.value) == "standard input is empty"


def test_oversized_stdin() -> None:
    with pytest.raises(TooLargeError) as caught:
        fetch("-", stdin=io.BytesIO(b"<p>" + b"x" * 1500), limits=Limits(max_bytes=1024))
    assert str(caught.value) == "standard input is larger than 1 KiB"


def test_stdin_that_is_not_html() -> None:
    with pytest.raises(UnsupportedTypeError) as caught:
        fetch("-", stdin=io.BytesIO(b"%PDF-1.5\n"))
    assert str(caught.value) == "not an HTML page: application/pdf"


# -- HTTP: pages, headers, proxies ----------------------------------------------------------


async def test_fetches_a_page(http_server: HTTPTestServer) -> None:
    url = http_server.page("/article", HTML)
    page = await fetch_async(url)
    assert page == Page(HTML, url, url, "text/html", "utf-8")


async def test_sends_an_honest_user_agent(http_server: HTTPTestServer) -> None:
    await fetch_async(http_server.page("/ua", HTML))
    seen = http_server.requests[-1].headers
    assert seen["user-agent"] == f"gloss/{__version__} (+terminal reader)" == USER_AGENT
    assert seen["accept-encoding"] == "gzip, deflate"


async def test_a_given_client_is_used_and_left_open(http_server: HTTPTestServer) -> None:
    url = http_server.page("/shared", HTML)
    async with httpx.AsyncClient(headers={"User-Agent": "other"}) as client:
        page = await fetch_async(url, client=client)
        assert not client.is_closed
    assert page.html == HTML
    assert http_server.requests[-1].headers["user-agent"] == USER_AGENT


def test_sync_fetch_over_http(http_server: HTTPTestServer) -> None:
    assert fetch(http_server.page("/sync", HTML)).html == HTML


async def test_a_scheme_less_address_is_fetched(http_server: HTTPTestServer) -> None:
    url = http_server.page("/bare", HTML)
    page = await fetch_async(f"127.0.0.1:{http_server.port}/bare")
    assert (page.url, page.source) == (url, f"127.0.0.1:{http_server.port}/bare")


async def test_honours_the_proxy_environment(http_server: HTTPTestServer,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    http_server.page("/proxied", HTML)
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    with HTTPProxy(http_server) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        # The host resolves nowhere: only the proxy can answer for it.
        page = await fetch_async("http://gloss-article.invalid/proxied")
    assert proxy.seen == ["http://gloss-article.invalid/proxied"]
    assert (page.html, page.url) == (HTML, "http://gloss-article.invalid/proxied")
    assert http_server.requests[-1].headers["user-agent"] == USER_AGENT


# -- HTTP: redirects and statuses -----------------------------------------------------------


async def test_follows_redirects_and_reports_the_final_url(http_server: HTTPTestServer) -> None:
    final = http_server.page("/final", HTML)
    http_server.route("/r1", redirect("/r2", status=301))
    http_server.route("/r2", redirect("r3", status=302))  # relative to /r2
    http_server.route("/r3", redirect(http_server.url("/r4"), status=303))
    http_server.route("/r4", redirect("/r5#frag", status=307))
    http_server.route("/r5", redirect("/final", status=308))
    page = await fetch_async(http_server.url("/r1"))  # five redirects: the most allowed
    assert (page.url, page.source, page.html) == (final, http_server.url("/r1"), HTML)
    assert [r.path for r in http_server.requests] == ["/r1", "/r2", "/r3", "/r4", "/r5",
                                                      "/final"]


async def test_too_many_redirects(http_server: HTTPTestServer) -> None:
    for n in range(6):
        http_server.route(f"/hop{n}", redirect(f"/hop{n + 1}"))
    http_server.page("/hop6", HTML)
    with pytest.raises(TooManyRedirectsError) as caught:
        await fetch_async(http_server.url("/hop0"))
    assert str(caught.value) == f"too many redirects (more than 5) from {http_server.url('/hop0')}"
    assert len(http_server.requests) == 6


async def test_redirect_limit_is_configurable(http_server: HTTPTestServer) -> None:
    http_server.route("/one", redirect("/two"))
    http_server.page("/two", HTML)
    with pytest.raises(TooManyRedirectsError):
        await fetch_async(http_server.url("/one"), limits=Limits(max_redirects=0))


@pytest.mark.parametrize("paths", [["/loop"], ["/ping", "/pong"]])
async def test_redirect_loop(http_server: HTTPTestServer, paths: list[str]) -> None:
    for here, there in zip(paths, paths[1:] + paths[:1], strict=True):
        http_server.route(here, redirect(there))
    with pytest.raises(TooManyRedirectsError) as caught:
        await fetch_async(http_server.url(paths[0]))
    assert str(caught.value) == (f"too many redirects: {http_server.url(paths[0])} "
                                 "redirects in a loop")


async def test_redirect_to_another_scheme(http_server: HTTPTestServer) -> None:
    url = http_server.route("/ftp", redirect("ftp://example.com/file"))
    with pytest.raises(UnsupportedSchemeError) as caught:
        await fetch_async(url)
    assert str(caught.value) == f"{url} redirects to an unsupported URL scheme: ftp:"


@pytest.mark.parametrize(("status", "phrase"), [
    (404, "Not Found"), (500, "Internal Server Error"), (403, "Forbidden"),
    (304, "Not Modified"), (302, "Found"),  # a redirect without a Location is a failure too
])
async def test_http_status_errors(http_server: HTTPTestServer, status: int, phrase: str) -> None:
    url = http_server.page("/status", "<p>error page</p>", status=status)
    with pytest.raises(HTTPStatusError) as caught:
        await fetch_async(url)
    assert str(caught.value) == f"HTTP {status} {phrase} for {url}"
    assert (caught.value.status_code, caught.value.url) == (status, url)


async def test_unrouted_path_is_a_404(http_server: HTTPTestServer) -> None:
    with pytest.raises(HTTPStatusError, match=r"^HTTP 404 Not Found for http://127\.0\.0\.1:"):
        await fetch_async(http_server.url("/nowhere"))


async def test_a_404_after_a_redirect_names_the_final_url(http_server: HTTPTestServer) -> None:
    http_server.route("/moved", redirect("/missing"))
    with pytest.raises(HTTPStatusError) as caught:
        await fetch_async(http_server.url("/moved"))
    assert str(caught.value) == f"HTTP 404 Not Found for {http_server.url('/missing')}"


# -- HTTP: time limits and cancellation -----------------------------------------------------


@pytest.mark.slow
async def test_a_slow_drip_hits_the_deadline(http_server: HTTPTestServer) -> None:
    drip = Drip(HTML.encode(), interval=1.0)
    url = http_server.route("/drip", drip)
    with pytest.raises(FetchTimeoutError) as caught:
        await fetch_async(url, limits=Limits(deadline=1.5))
    assert str(caught.value) == f"timed out after 1.5 s fetching {url}"
    assert drip.disconnected.wait(10), "the connection was left open"


async def test_the_deadline_covers_redirects(http_server: HTTPTestServer) -> None:
    http_server.route("/slow-start", redirect("/slow"))
    http_server.route("/slow", Drip(HTML.encode(), interval=0.5))
    with pytest.raises(FetchTimeoutError) as caught:
        await fetch_async(http_server.url("/slow-start"), limits=Limits(deadline=1.0))
    assert str(caught.value) == f"timed out after 1 s fetching {http_server.url('/slow-start')}"


async def test_cancelling_closes_the_connection(http_server: HTTPTestServer) -> None:
    drip = Drip(HTML.encode(), interval=0.2)
    task = asyncio.create_task(fetch_async(http_server.route("/drip", drip)))
    assert await asyncio.to_thread(drip.started.wait, 10)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await asyncio.to_thread(drip.disconnected.wait, 10), "the connection was left open"


async def test_connect_timeout() -> None:
    with unresponsive_port() as port, pytest.raises(FetchTimeoutError) as caught:
        await fetch_async(f"http://127.0.0.1:{port}/",
                          limits=Limits(connect_timeout=0.3, deadline=20))
    assert str(caught.value) == "timed out connecting to 127.0.0.1 after 0.3 s"


async def test_connection_refused() -> None:
    port = refused_port()
    with pytest.raises(NetworkError) as caught:
        await fetch_async(f"http://127.0.0.1:{port}/page")
    assert str(caught.value) == f"connection refused by 127.0.0.1:{port}"


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[HTTPTestServer, Path]]:
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command makes the test certificate")
    context, cert = self_signed_tls(tmp_path_factory.mktemp("tls"))
    with HTTPTestServer(tls=context) as server:
        server.page("/secure", HTML)
        yield server, cert


async def test_an_untrusted_certificate(tls_server: tuple[HTTPTestServer, Path],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    with pytest.raises(NetworkError, match=r"^TLS error with 127\.0\.0\.1: self[- ]signed "
                                           r"certificate$"):
        await fetch_async(tls_server[0].url("/secure"))


async def test_https_with_a_trusted_certificate(tls_server: tuple[HTTPTestServer, Path],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # SSL_CERT_FILE is honoured like the proxy variables (httpx's trust_env).
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_server[1]))
    url = tls_server[0].url("/secure")
    assert (await fetch_async(url)) == Page(HTML, url, url, "text/html", "utf-8")


async def test_unknown_host(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(NetworkError) as caught:
        await fetch_async("http://no-such-host.invalid/", limits=Limits(deadline=20))
    assert str(caught.value) == "could not resolve host no-such-host.invalid"


# -- HTTP: sizes and encodings --------------------------------------------------------------


async def test_gzip_and_deflate_pages_are_decoded(http_server: HTTPTestServer) -> None:
    body = (HTML * 50).encode()
    gz = http_server.page("/gz", gzipped(body), headers={"Content-Encoding": "gzip"})
    df = http_server.page("/df", zlib.compress(body), headers={"Content-Encoding": "deflate"})
    assert (await fetch_async(gz)).html == HTML * 50
    assert (await fetch_async(df)).html == HTML * 50


async def test_a_gzip_bomb_is_refused(http_server: HTTPTestServer) -> None:
    url = http_server.page("/bomb", gzip_bomb(64 * MB), headers={"Content-Encoding": "gzip"})
    with pytest.raises(TooLargeError) as caught:
        await fetch_async(url)
    assert str(caught.value) == "page is larger than 10 MiB"


@pytest.fixture(scope="module")
def bomb_server() -> Iterator[HTTPTestServer]:
    with HTTPTestServer() as server:
        server.page("/bomb", gzip_bomb(1 << 30), headers={"Content-Encoding": "gzip"})
        server.page("/small", HTML)
        yield server


@pytest.mark.slow
def test_a_gigabyte_gzip_bomb_keeps_memory_bounded(bomb_server: HTTPTestServer) -> None:
    # Peak RSS is per process: measure in a fresh one, after a warm-up fetch has loaded
    # everything, so the growth is the bomb's alone.
    script = textwrap.dedent("""
        import sys
        from tests.support.memory import peak_rss_mb as peak_mb
        from tui.core.fetch.source import fetch
        from tui.core.errors import GlossError
        fetch(sys.argv[1])
        before = peak_mb()
        try:
            fetch(sys.argv[2])
        except GlossError as error:
            print(type(error).__name__, error)
        print(round(peak_mb() - before))
    """)
    done = subprocess.run(
        [sys.executable, "-c", script, bomb_server.url("/small"), bomb_server.url("/bomb")],
        capture_output=True, text=True, timeout=120, cwd=ROOT, check=True)
    error, growth = done.stdout.splitlines()
    assert error == "TooLargeError page is larger than 10 MiB"
    assert int(growth) < 60, f"peak RSS grew by {growth} MB"


async def test_unbounded_encodings_are_refused(http_server: HTTPTestServer) -> None:
    url = http_server.page("/br", b"\x1b\x00\xf8\xa5", headers={"Content-Encoding": "br"})
    with pytest.raises(UnsupportedEncodingError) as caught:
        await fetch_async(url)
    assert str(caught.value) == "unsupported content encoding: br"


async def test_an_oversized_page_is_refused_by_its_length(http_server: HTTPTestServer) -> None:
    url = http_server.page("/big", b"<p>" + b"x" * (MB + 1))
    with pytest.raises(TooLargeError) as caught:
        await fetch_async(url, limits=Limits(max_bytes=MB))
    assert str(caught.value) == "page is larger than 1 MiB"


async def test_an_oversized_page_without_a_length_is_cut_off(
        http_server: HTTPTestServer) -> None:
    body = b"<p>" + b"x" * (3 * MB)
    url = http_server.route("/endless", raw(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n" + body))
    with pytest.raises(TooLargeError) as caught:
        await fetch_async(url, limits=Limits(max_bytes=MB + MB // 2))
    assert str(caught.value) == "page is larger than 1.5 MiB"


async def test_a_content_length_that_claims_too_much_is_refused(
        http_server: HTTPTestServer) -> None:
    url = http_server.route("/claims-big", raw(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 20971520\r\n\r\n"
        + HTML.encode()))
    with pytest.raises(TooLargeError) as caught:
        await fetch_async(url)
    assert str(caught.value) == "page is larger than 10 MiB"


async def test_a_body_shorter_than_its_content_length(http_server: HTTPTestServer) -> None:
    url = http_server.route("/truncated", raw(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n"
        + HTML.encode()))
    with pytest.raises(BadResponseError) as caught:
        await fetch_async(url)
    assert str(caught.value) == f"connection closed before the page was complete: {url}"


async def test_a_body_longer_than_its_content_length(http_server: HTTPTestServer) -> None:
    # Only the declared bytes are read: the rest is never buffered.
    url = http_server.route("/overlong", raw(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 12\r\n\r\n"
        + b"<p>short</p>" + b"x" * (2 * MB)))
    page = await fetch_async(url, limits=Limits(max_bytes=MB))
    assert page.html == "<p>short</p>"


async def test_an_empty_response(http_server: HTTPTestServer) -> None:
    url = http_server.page("/empty", b"")
    with pytest.raises(EmptyInputError) as caught:
        await fetch_async(url)
    assert str(caught.value) == f"empty response from {url}"


# -- HTTP: content types --------------------------------------------------------------------


@pytest.mark.parametrize(("content_type", "body", "refused"), [
    ("application/pdf", b"%PDF-1.7\n", "application/pdf"),
    ("image/png", b"\x89PNG\r\n\x1a\n", "image/png"),
    ("application/json; charset=utf-8", b'{"a": 1}', "application/json"),
    # No type at all: the bytes decide.
    (None, b"%PDF-1.4\n", "application/pdf"),
    (None, b'[{"a": 1}]', "application/json"),
    # A server that calls a PDF HTML is still serving a PDF.
    ("text/html", b"%PDF-1.4\n", "application/pdf"),
])
async def test_non_html_is_refused(http_server: HTTPTestServer, content_type: str | None,
                                   body: bytes, refused: str) -> None:
    url = http_server.page("/thing", body, content_type=content_type)
    with pytest.raises(UnsupportedTypeError) as caught:
        await fetch_async(url)
    assert str(caught.value) == f"not an HTML page: {refused}"


@pytest.mark.parametrize(("content_type", "reported"), [
    ("application/xhtml+xml", "application/xhtml+xml"),
    ("TEXT/HTML", "text/html"),
    (None, "text/html"),
    ("application/octet-stream", "text/html"),
    ("application/xml", "application/xhtml+xml"),
])
async def test_html_is_accepted(http_server: HTTPTestServer, content_type: str | None,
                                reported: str) -> None:
    page = await fetch_async(http_server.page("/doc", HTML, content_type=content_type))
    assert (page.html, page.content_type) == (HTML, reported)


# -- HTTP: charsets -------------------------------------------------------------------------


async def test_a_windows_1252_page_declared_only_by_meta(http_server: HTTPTestServer) -> None:
    html = '<html><head><meta charset="windows-1252"></head><body>' + QUOTES + "</body></html>"
    page = await fetch_async(http_server.page("/w", html.encode("cp1252"),
                                              content_type="text/html"))
    assert (page.html, page.charset) == (html, "windows-1252")


async def test_the_legacy_sample_over_http(http_server: HTTPTestServer) -> None:
    data = (ROOT / "samples" / "legacy-charset.html").read_bytes()
    page = await fetch_async(http_server.page("/legacy", data, content_type="text/html"))
    assert page.charset == "windows-1252"
    assert "Les Misérables" in page.html


async def test_the_header_charset_beats_the_meta(http_server: HTTPTestServer) -> None:
    html = '<meta charset="windows-1252"><p>café crème</p>'
    page = await fetch_async(http_server.page("/h", html.encode("utf-8"),
                                              content_type="text/html; charset=UTF-8"))
    assert (page.html, page.charset) == (html, "utf-8")


async def test_a_latin1_header_decodes_as_windows_1252(http_server: HTTPTestServer) -> None:
    page = await fetch_async(http_server.page("/l", QUOTES.encode("cp1252"),
                                              content_type="text/html; charset=iso-8859-1"))
    assert (page.html, page.charset) == (QUOTES, "windows-1252")


async def test_a_bogus_header_charset_falls_back(http_server: HTTPTestServer) -> None:
    page = await fetch_async(http_server.page("/b", FRENCH.encode("utf-8"),
                                              content_type="text/html; charset=no-such"))
    assert (page.html, page.charset) == (FRENCH, "utf-8")


async def test_no_declaration_with_non_ascii_text(http_server: HTTPTestServer) -> None:
    page = await fetch_async(http_server.page("/n", FRENCH.encode("cp1252"),
                                              content_type="text/html"))
    assert (page.html, page.charset) == (FRENCH, "windows-1252")


async def test_a_gzipped_page_keeps_its_header_charset(http_server: HTTPTestServer) -> None:
    url = http_server.page("/gzc", gzipped(FRENCH.encode("cp1252")),
                           content_type="text/html; charset=windows-1252",
                           headers={"Content-Encoding": "gzip"})
    page = await fetch_async(url)
    assert (page.html, page.charset) == (FRENCH, "windows-1252")


def test_every_fetch_error_is_one_line() -> None:
    # The CLI prints str(error) as is: a message must never carry a line break.
    error = HTTPStatusError("HTTP 500\nInternal", status_code=500, url="u")
    assert str(error) == "HTTP 500 Internal"
    assert isinstance(error, FetchError)
