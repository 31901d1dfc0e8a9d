"""The boundary for untrusted text (tui.core.text.untrusted): terminal-safe output, web-only
URLs, repaired numbers, and canonical URLs trusted only on the fetched page's own site."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.support.httpserver import HTTPTestServer
from tui.core.extract.pipeline import extract
from tui.core.library import Library
from tui.core.model.highlight import Highlight, Target
from tui.core.model.records import SavedArticle
from tui.core.notebook.api import Notebook
from tui.core.notebook.paths import inside
from tui.core.text.untrusted import (
    clean_saved_article,
    one_line,
    safe_progress,
    safe_url,
    same_site,
    terminal_safe,
)

PROSE = "".join(
    f"<p>Paragraph {n} of the piece says something in a full sentence, as prose does.</p>"
    for n in range(3)
)


def page(title: str, canonical: str | None = None, og: str | None = None) -> str:
    head = f"<title>{title}</title>"
    if canonical is not None:
        head += f'<link rel="canonical" href="{canonical}">'
    if og is not None:
        head += f'<meta property="og:url" content="{og}">'
    return f"<html><head>{head}</head><body><article>{PROSE}</article></body></html>"


@pytest.mark.parametrize(
    ("text", "multiline", "safe"),
    [
        ("a\x1b]52;c;ZWNobyBQV05FRA==\x07b", True, "ab"),
        ("t\x1b]0;Owned\x1b\\itle", True, "title"),
        ("\x1b[2J\x1b[31mred\x1b[0m", True, "red"),
        ("\x9b31mC1\x9d0;x\x9c", True, "C1"),
        ("left\u202eright\u2066x\u2069", True, "leftrightx"),
        ("over\rwrite", True, "over\nwrite"),
        ("one\ntwo\tthree", True, "one\ntwo\tthree"),
        ("one\ntwo\tthree\r\n", False, "one two three "),
        ("bell\x07 nul\x00 del\x7f", True, "bell nul del"),
    ],
)
def test_terminal_safe(text: str, multiline: bool, safe: str) -> None:
    assert terminal_safe(text, multiline=multiline) == safe


def test_one_line() -> None:
    assert one_line("  A\x1b[1m  title\n\twith\u202e breaks ") == "A title with breaks"


@pytest.mark.parametrize(
    ("url", "allow_file", "safe"),
    [
        ("https://example.com/a?b=c#d", False, "https://example.com/a?b=c#d"),
        ("HTTP://Example.com/", False, "HTTP://Example.com/"),
        (" https://example.com/\x1b]0;T\x07x ", False, "https://example.com/x"),
        ("javascript:alert(1)", False, None),
        ("JaVaScRiPt:alert(1)", False, None),
        (" \tjavascript:alert(1)", False, None),
        ("java\x00script:alert(1)", False, None),
        ("data:text/html,<script>x</script>", False, None),
        ("vbscript:msgbox", False, None),
        ("file:///etc/passwd", False, None),
        ("file:///home/me/page.html", True, "file:///home/me/page.html"),
        ("https:///no-host", False, None),
        ("//example.com/x", False, None),
        ("http://[::1", False, None),
        ("", False, None),
        (None, False, None),
    ],
)
def test_safe_url(url: str | None, allow_file: bool, safe: str | None) -> None:
    assert safe_url(url, allow_file=allow_file) == safe


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("https://www.example.co.uk/a", "http://news.example.co.uk/b", True),
        ("https://example.com/a", "https://example.com:8443/b", True),
        ("https://a.github.io/x", "https://b.github.io/x", False),  # a private suffix
        ("https://example.com/a", "https://example.org/a", False),
        ("https://example.com/a", "https://example.com.evil.org/a", False),
        ("https://co.uk/a", "https://other.co.uk/a", False),
        ("http://127.0.0.1:8000/a", "http://127.0.0.1:9000/b", True),  # the same host
        ("http://localhost/a", "http://127.0.0.1/a", False),
        ("http://intranet/a", "http://intranet/b", True),
        ("javascript:x", "https://example.com", False),
        ("file:///a", "file:///b", False),
    ],
)
def test_same_site(a: str, b: str, same: bool) -> None:
    assert same_site(a, b) is same
    assert same_site(b, a) is same


@pytest.mark.parametrize(
    ("canonical", "og", "kept"),
    [
        ("https://www.example.com/story", None, "https://www.example.com/story"),
        ("/story?amp=0", None, "https://news.example.com/story?amp=0"),
        ("https://example.org/story", None, None),  # another site: ignored
        ("https://example.org/story", "https://example.com/og", "https://example.com/og"),
        ("javascript:alert(1)", None, None),
        ("https://example.com/\x1b]52;c;ZWNobyBQV05FRA==\x07s", None, "https://example.com/s"),
        ("data:text/html,x", "vbscript:x", None),
    ],
)
def test_canonical_url_is_kept_only_on_the_same_site(
    canonical: str, og: str | None, kept: str | None
) -> None:
    html = page("Story", canonical.replace("\x1b", "&#27;").replace("\x07", "&#7;"), og)
    article = extract(html, "https://news.example.com/story")
    assert article.canonical_url == kept


def test_a_local_file_keeps_the_canonical_url_it_names() -> None:
    article = extract(page("Saved copy", "https://news.example/story"), "file:///tmp/copy.html")
    assert article.canonical_url == "https://news.example/story"


def test_a_page_from_another_site_cannot_take_over_a_saved_article(
    tmp_path: Path, http_server: HTTPTestServer
) -> None:
    """An impostor on 127.0.0.1 declares the canonical URL of an article saved from
    news.example: the saved article, its snapshot and its highlight stay as they were."""
    notebook = Notebook.open(tmp_path / "nb")
    real = extract(page("The real story", "https://news.example/story"),
                   "https://news.example/story")
    record = notebook.save_article(real)
    start = real.text.index("Paragraph 1")
    highlight = notebook.add_highlight(Highlight(
        article_id=record.id, target=Target.of(real.text, start, start + 11, real.text_hash)))
    impostor = http_server.page("/fake", page("An impostor", "https://news.example/story"))
    opened = asyncio.run(Library(notebook).open(impostor))
    assert (opened.record.url, opened.record.canonical_url) == (impostor, None)
    assert opened.record.id != record.id
    assert notebook.article(record.id) == record
    assert notebook.load_article(record.id) == real
    assert notebook.highlights(record.id) == [highlight]
    assert notebook.highlights(opened.record.id) == []


def test_records_read_back_clean() -> None:
    record = SavedArticle(
        id="0123456789abcdef", title="T\x1b]0;x\x07itle", url="javascript:alert(1)",
        canonical_url="https://e.org/\x9b31mx", byline="\u202eBy", progress=float("nan"),
        saved="yesterday",
    )
    clean = clean_saved_article(record)
    assert (clean.title, clean.url, clean.canonical_url, clean.byline, clean.progress,
            clean.saved) == ("Title", None, "https://e.org/x", "By", 0.0,
                             "1970-01-01T00:00:00Z")
    assert clean_saved_article(clean) is clean


@pytest.mark.parametrize(("value", "safe"), [(0.25, 0.25), (1e308, 1.0), (float("inf"), 1.0),
                                             (float("-inf"), 0.0), (float("nan"), 0.0),
                                             (-3, 0.0), (True, 0.0), ("0.5", 0.0)])
def test_safe_progress(value: object, safe: float) -> None:
    assert safe_progress(value) == safe


@pytest.mark.parametrize(
    ("name", "ok"),
    [("notebook.json", True), ("highlights/abc.json", True), ("../x", False),
     ("highlights/../../x", False), ("/etc/passwd", False), ("", False), (".", False),
     ("a\x00b", False), ("a\\..\\b", False), (3, False)],
)
def test_inside(tmp_path: Path, name: object, ok: bool) -> None:
    (tmp_path / "highlights").mkdir()
    assert (inside(tmp_path, name) is not None) is ok


def test_an_import_keeps_no_local_file_url() -> None:
    from tui.core.export.annotations import parse_annotations

    articles, _ = parse_annotations({"type": "AnnotationPage", "items": [], "gloss:articles": [
        {"id": "0123456789abcdef", "title": "T", "url": "file:///etc/passwd"}]})
    assert articles[0].url is None
    saved = SavedArticle(id="0123456789abcdef", title="T", url="file:///home/me/a.html")
    assert clean_saved_article(saved) is saved  # a page the user saved from a file


@pytest.mark.parametrize("content", ["[" * 100_000 + "]" * 100_000, "[1, 2]", '{"positions": 3}',
                                     '{"positions": {"x": "y"}}'])
def test_a_bad_state_file_is_forgotten(tmp_path: Path, content: str) -> None:
    from tui.core.state import UiState, load_state

    path = tmp_path / "state.json"
    path.write_text(content, encoding="utf-8")
    assert isinstance(load_state(path), UiState)
