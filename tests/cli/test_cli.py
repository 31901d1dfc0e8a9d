"""The real `gloss` command in a subprocess: exit codes, stdout, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import paths
from tests.support.httpserver import Drip, HTTPTestServer, redirect
from tui import __version__

ROOT = paths.ROOT
SEED = ROOT / "samples" / "jessica-jones-season-2.html"
SEED_TEXT = paths.SEED_TEXT.read_text(encoding="utf-8")


def gloss(
    *args: str, stdin: bytes | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run `python -m tui ARGS` (the same entry point as the `gloss` script)."""
    done = subprocess.run(
        [sys.executable, "-m", "tui", *args],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        cwd=ROOT,
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    )


def assert_one_line_error(done: subprocess.CompletedProcess[str], code: int, message: str) -> None:
    assert done.returncode == code
    assert done.stdout == ""
    assert done.stderr == f"gloss: {message}\n"
    assert "Traceback" not in done.stderr


def test_version() -> None:
    done = gloss("--version")
    assert (done.returncode, done.stdout) == (0, f"gloss {__version__}\n")


def test_help_lists_commands() -> None:
    done = gloss("--help")
    assert done.returncode == 0
    assert "gloss clean ..." in done.stdout and "SOURCE" in done.stdout


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "gloss"
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=True)
    assert done.stdout == f"gloss {__version__}\n"


@pytest.mark.slow
def test_clean_text_is_the_whole_article_and_nothing_else() -> None:
    done = gloss("clean", str(SEED), "--format", "text")
    assert done.returncode == 0, done.stderr
    assert done.stdout == SEED_TEXT.strip() + "\n"
    assert done.stderr == ""


@pytest.mark.slow
def test_clean_markdown_has_title_metadata_and_quote() -> None:
    done = gloss("clean", str(SEED), "--format", "markdown")
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0] == "# How The Defenders Is Affecting Jessica Jones Season 2"
    assert lines[2] == "*Nick Venable · CinemaBlend · 2016-08-13T14:30:00-07:00*"
    assert (
        "> My colleagues Marco Ramirez and Doug Petrie, who are doing *Defenders*, they've"
        in done.stdout
    )
    assert (
        "[told EW](<https://ew.com/article/2016/08/12/jessica-jones-season-2-melissa-rosenberg-trish/>)"
        in done.stdout
    )


def test_clean_json_has_metadata_blocks_and_offsets() -> None:
    done = gloss("clean", str(SEED), "--format", "json")
    data = json.loads(done.stdout)
    assert data["title"] == "How The Defenders Is Affecting Jessica Jones Season 2"
    assert data["byline"] == "Nick Venable"
    assert data["site_name"] == "CinemaBlend"
    assert [b["kind"] for b in data["blocks"]] == ["paragraph", "quote"] + ["paragraph"] * 4
    assert data["offsets"][1] == len(data["blocks"][0]["text"]) + 2


def test_stdin_with_base_url() -> None:
    html = (
        b"<html><body><article><p>A paragraph long enough to count as prose, with a "
        b'<a href="/next">relative link</a> in it.</p></article></body></html>'
    )
    done = gloss("clean", "-", "--url", "https://example.com/a/b", "--format", "json", stdin=html)
    assert done.returncode == 0, done.stderr
    (span,) = json.loads(done.stdout)["blocks"][0]["spans"]
    assert span["href"] == "https://example.com/next"


@pytest.mark.slow
def test_url_through_a_redirect(http_server: HTTPTestServer) -> None:
    http_server.page("/article", SEED.read_bytes())
    url = http_server.route("/old", redirect("/article", status=301))
    done = gloss("clean", url, "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["url"] == http_server.url("/article")


def test_missing_file() -> None:
    assert_one_line_error(
        gloss("clean", "no/such/page.html"), 3, "no such file: no/such/page.html"
    )


def test_http_404(http_server: HTTPTestServer) -> None:
    url = http_server.page("/gone", "<p>nope</p>", status=404)
    assert_one_line_error(gloss("clean", url), 3, f"HTTP 404 Not Found for {url}")


@pytest.mark.slow
def test_http_500(http_server: HTTPTestServer) -> None:
    url = http_server.page("/boom", "<p>oops</p>", status=500)
    assert_one_line_error(gloss("clean", url), 3, f"HTTP 500 Internal Server Error for {url}")


@pytest.mark.slow
def test_redirect_loop(http_server: HTTPTestServer) -> None:
    url = http_server.route("/loop", redirect("/loop"))
    assert_one_line_error(gloss("clean", url), 3, f"too many redirects: {url} redirects in a loop")


def test_pdf_is_refused(http_server: HTTPTestServer) -> None:
    url = http_server.page("/paper.pdf", b"%PDF-1.7\n...", content_type="application/pdf")
    assert_one_line_error(gloss("clean", url), 3, "not an HTML page: application/pdf")


@pytest.mark.slow
def test_slow_drip_hits_the_deadline(http_server: HTTPTestServer) -> None:
    url = http_server.route("/drip", Drip(b"<html>" + b"x" * 100, interval=1.0))
    assert_one_line_error(
        gloss("clean", url, "--timeout", "1.5"), 3, f"timed out after 1.5 s fetching {url}"
    )


def test_page_without_an_article() -> None:
    done = gloss("clean", str(ROOT / "samples" / "no-article.html"))
    assert_one_line_error(
        done, 4, "no article text found: the page holds only navigation, links or scripts"
    )


def test_empty_stdin() -> None:
    assert_one_line_error(gloss("clean", "-", stdin=b""), 3, "standard input is empty")


def test_bad_option_is_a_usage_error() -> None:
    done = gloss("clean", str(SEED), "--format", "pdf")
    assert done.returncode == 2
    assert "invalid choice: 'pdf'" in done.stderr


def test_debug_shows_the_traceback() -> None:
    done = gloss("clean", "no/such/page.html", "--debug")
    assert done.returncode == 3
    assert "Traceback" in done.stderr and done.stderr.endswith(
        "gloss: no such file: no/such/page.html\n"
    )


def test_closed_pipe_is_not_an_error() -> None:
    cmd = f"{sys.executable} -m tui clean {SEED} | head -c 10"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.stdout == SEED_TEXT[:10]
    assert done.stderr == ""


@pytest.mark.parametrize("source", ["ftp://example.com/x.html", "javascript:alert(1)"])
def test_unsupported_schemes(source: str) -> None:
    done = gloss("clean", source)
    assert done.returncode == 3
    assert done.stderr.startswith("gloss: unsupported URL scheme: ")


def test_clean_keeps_text_nested_past_lxmls_depth_limit(tmp_path: Path) -> None:
    """libxml2 stops at 256 levels unless told otherwise, and the text below was lost."""
    depth = 300
    sentences = [
        f"Sentence number {n} sits deep inside the page and has to survive the cleaning."
        for n in range(0, depth + 1, 25)
    ]
    parts = ["<html><head><title>Deep page</title></head><body><article>"]
    for level in range(depth):
        if level % 25 == 0:
            parts.append(f"<p>{sentences[level // 25]}</p>")
        parts.append("<div>")
    parts.append(f"<p>{sentences[-1]}</p>")
    parts.append("</div>" * depth + "</article></body></html>")
    page = tmp_path / "deep.html"
    page.write_text("".join(parts), encoding="utf-8")
    done = gloss("clean", str(page), "--format", "text")
    assert (done.returncode, done.stderr) == (0, "")
    missing = [s for s in sentences if s not in done.stdout]
    assert missing == []


def test_clean_markdown_of_the_seed_links_to_its_site() -> None:
    done = gloss("clean", str(SEED), "--format", "markdown")
    assert done.returncode == 0, done.stderr
    assert "*[Luke Cage](<https://www.cinemablend.com/television/luke-cage>)*" in done.stdout
    assert (
        "[Netflix premiere schedule](<https://www.cinemablend.com/television/"
        "netflix-premiere-schedule>)" in done.stdout
    )
    assert "file:" not in done.stdout


def test_clean_pauses_the_collector_only_while_it_reads_the_page(tmp_path: Path) -> None:
    """`gloss clean` runs with the cyclic collector paused (one page, then exit): called in
    a process that goes on, it leaves the collector on, after an error too."""
    code = (
        "import gc, sys; from tui.cli import main\n"
        "ok = main(['clean', sys.argv[1]])\n"
        "print(ok, gc.isenabled(), file=sys.stderr)\n"
        "failed = main(['clean', sys.argv[2]])\n"
        "print(failed, gc.isenabled(), file=sys.stderr)\n"
    )
    missing = tmp_path / "missing.html"
    done = subprocess.run(
        [sys.executable, "-c", code, str(SEED), str(missing)],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )
    assert done.stdout == SEED_TEXT.strip() + "\n"
    lines = done.stderr.strip().splitlines()
    assert lines[0] == "0 True"
    failed, enabled = lines[-1].split()
    assert failed != "0" and enabled == "True"
