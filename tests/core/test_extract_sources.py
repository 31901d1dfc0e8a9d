"""Pages read from a file or stdin: their links resolve against the address they declare."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.support import paths
from tui.core.extract import extract
from tui.core.fetch import fetch
from tui.core.model import Article, SpanKind

SEED = paths.ROOT / "samples" / "jessica-jones-season-2.html"
PROSE = "A paragraph long enough to count as prose, with a {link} in the middle of it."


def links(article: Article) -> list[str]:
    return [s.href or "" for b in article.blocks for s in b.spans if s.kind is SpanKind.LINK]


def page(head: str) -> str:
    body = PROSE.format(link='<a href="/next">relative link</a>')
    return f"<html><head>{head}</head><body><article><p>{body}</p></article></body></html>"


def test_the_seed_file_links_to_its_site_not_to_file_urls() -> None:
    fetched = fetch(str(SEED))
    article = extract(fetched.html, fetched.url, source=fetched.source)
    assert article.url == SEED.resolve().as_uri()  # where the copy was read from
    assert links(article) == [
        "https://ew.com/article/2016/08/12/jessica-jones-season-2-melissa-rosenberg-trish/",
        "https://www.cinemablend.com/television/luke-cage",
        "https://www.cinemablend.com/television/netflix-premiere-schedule",
    ]


@pytest.mark.parametrize("head", [
    '<link rel="canonical" href="https://example.org/news/story">',
    '<meta property="og:url" content="https://example.org/news/story">',
])
def test_a_file_resolves_links_against_its_declared_url(tmp_path: Path, head: str) -> None:
    path = tmp_path / "saved.html"
    path.write_text(page(head), encoding="utf-8")
    fetched = fetch(str(path))
    assert links(extract(fetched.html, fetched.url)) == ["https://example.org/next"]


def test_stdin_resolves_links_against_its_declared_url() -> None:
    html = page('<link rel="canonical" href="https://example.org/news/story">')
    fetched = fetch("-", stdin=io.BytesIO(html.encode()))
    assert fetched.url is None
    assert links(extract(fetched.html, fetched.url)) == ["https://example.org/next"]


def test_the_url_given_on_the_command_line_wins() -> None:
    html = page('<link rel="canonical" href="https://example.org/news/story">')
    fetched = fetch("-", stdin=io.BytesIO(html.encode()), base_url="https://mirror.test/a/b")
    assert links(extract(fetched.html, fetched.url)) == ["https://mirror.test/next"]


def test_a_relative_base_element_resolves_against_the_declared_url() -> None:
    html = page('<link rel="canonical" href="https://example.org/news/story">'
                '<base href="/archive/">').replace('href="/next"', 'href="next"')
    assert links(extract(html, None)) == ["https://example.org/archive/next"]


def test_a_file_without_a_declared_url_keeps_file_links(tmp_path: Path) -> None:
    path = tmp_path / "saved.html"
    path.write_text(page(""), encoding="utf-8")
    fetched = fetch(str(path))
    assert links(extract(fetched.html, fetched.url)) == ["file:///next"]
