"""Pages read from a file or stdin: their links resolve against the address they declare."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.support import paths
from tests.support.httpserver import HTTPTestServer
from tui.core.extract import extract
from tui.core.fetch import fetch, fetch_async
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


# -- Markdown and plain text -----------------------------------------------------------------

MARKDOWN = """\
# Field Notes

Intro with a [relative link](other.md), *emphasis* and `code`.
<!-- a comment --> <script>alert(1)</script>

## Part two

- one item
- another item

> A quoted line.

```
x = 1
    indented
```
"""


def read(path: Path) -> Article:
    fetched = fetch(str(path))
    return extract(fetched.html, fetched.url, source=fetched.source,
                   content_type=fetched.content_type)


def test_a_markdown_file_reads_into_article_blocks(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    assert fetch(str(path)).content_type == "text/markdown"
    article = read(path)
    assert article.title == "Field Notes"
    assert [(b.kind.value, b.text, b.level) for b in article.blocks] == [
        ("paragraph", "Intro with a relative link, emphasis and code.", 0),
        ("heading", "Part two", 2),
        ("list_item", "one item", 1),
        ("list_item", "another item", 1),
        ("quote", "A quoted line.", 1),
        ("pre", "x = 1\n    indented", 0),
    ]
    spans = [(s.kind, article.blocks[0].text[s.start:s.end], s.href)
             for s in article.blocks[0].spans]
    assert spans == [
        (SpanKind.LINK, "relative link", (tmp_path / "other.md").as_uri()),
        (SpanKind.EMPHASIS, "emphasis", None),
        (SpanKind.CODE, "code", None),
    ]


def test_front_matter_names_a_markdown_file_and_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "post.markdown"
    path.write_text('---\ntitle: "From Front Matter"\ndate: 2024-01-02\n---\nBody text.\n',
                    encoding="utf-8")
    article = read(path)
    assert (article.title, article.text) == ("From Front Matter", "Body text.")


def test_markdown_without_a_heading_is_named_by_its_file(tmp_path: Path) -> None:
    path = tmp_path / "todo.md"
    path.write_text("Just a line of *text*.\n", encoding="utf-8")
    assert read(path).title == "todo.md"


def test_markdown_is_recognised_without_its_suffix(tmp_path: Path) -> None:
    path = tmp_path / "README"
    path.write_text("Some words <br> and a [link](https://example.org/).\n\n## Usage\n\nRun it.\n",
                    encoding="utf-8")
    fetched = fetch(str(path))
    assert fetched.content_type == "text/markdown"
    article = read(path)
    assert [b.kind.value for b in article.blocks] == ["paragraph", "heading", "paragraph"]


def test_a_plain_text_file_reads_as_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("First paragraph,\nwrapped by hand.\n\n\tcode\n\t  kept\n\n# not a heading\n",
                    encoding="utf-8")
    assert fetch(str(path)).content_type == "text/plain"
    article = read(path)
    assert article.title == "notes.txt"
    assert [(b.kind.value, b.text) for b in article.blocks] == [
        ("paragraph", "First paragraph, wrapped by hand."),
        ("pre", "code\n  kept"),
        ("paragraph", "# not a heading"),
    ]


def test_plain_text_on_stdin_reads_as_text() -> None:
    fetched = fetch("-", stdin=io.BytesIO(b"Piped words\nof plain text.\n"))
    assert fetched.content_type == "text/plain"
    article = extract(fetched.html, fetched.url, content_type=fetched.content_type)
    assert (article.title, article.text) == ("Untitled", "Piped words of plain text.")


def test_escapes_in_markdown_never_reach_the_article(tmp_path: Path) -> None:
    path = tmp_path / "evil.md"
    path.write_bytes(b"# Title\x1b]0;pwned\x07\n\nText \x1b[31mred\x1b[0m here.\n")
    article = read(path)
    assert "\x1b" not in article.title + article.text
    assert article.text == "Text red here."


@pytest.mark.parametrize(("path", "content_type", "read_as"), [
    ("/notes", "text/markdown; charset=utf-8", "text/markdown"),
    ("/raw/README.md", "text/plain; charset=utf-8", "text/markdown"),
    ("/rfc.txt", "text/plain", "text/plain"),
    ("/untyped", None, "text/plain"),
])
async def test_servers_markdown_and_text_are_read(http_server: HTTPTestServer, path: str,
                                                  content_type: str | None,
                                                  read_as: str) -> None:
    url = http_server.page(path, "# Heading\n\nSome words.\n", content_type=content_type)
    fetched = await fetch_async(url)
    assert fetched.content_type == read_as
    article = extract(fetched.html, fetched.url, content_type=fetched.content_type)
    if read_as == "text/markdown":
        assert (article.title, article.text) == ("Heading", "Some words.")
    else:
        assert article.text == "# Heading\n\nSome words."
