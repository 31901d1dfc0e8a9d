"""Which links the reader follows."""

from __future__ import annotations

import pytest

from tui.core.model.article import Article, Block, BlockKind, Span, SpanKind
from tui.core.reader.links import LinkRef, article_links, link_at, resolve_link, same_document

WEB = "https://example.com/dir/page.html"
LOCAL = "file:///home/u/pages/page.html"


@pytest.mark.parametrize(
    ("href", "page", "url"),
    [
        ("https://other.org/x", WEB, "https://other.org/x"),
        ("http://other.org/x", LOCAL, "http://other.org/x"),
        ("next.html", WEB, "https://example.com/dir/next.html"),
        ("/top", WEB, "https://example.com/top"),
        ("../up.html", LOCAL, "file:///home/u/up.html"),
        ("file:///home/u/pages/other.html", LOCAL, "file:///home/u/pages/other.html"),
        ("https://example.com/dir/page.html#part", WEB, "https://example.com/dir/page.html#part"),
    ],
)
def test_followed(href: str, page: str, url: str) -> None:
    target = resolve_link(href, page)
    assert (target.url, target.refusal) == (url, None)
    assert target.followable


@pytest.mark.parametrize(
    ("href", "page", "reason"),
    [
        ("javascript:alert(1)", WEB, "Gloss does not follow javascript: links"),
        ("data:text/html,<b>x</b>", WEB, "Gloss does not follow data: links"),
        ("mailto:a@b.c", WEB, "Gloss does not follow mailto: links"),
        (
            "file:///etc/passwd",
            WEB,
            "not following a local file link from a web page: file:///etc/passwd",
        ),
        ("javascript:alert(1)", LOCAL, "Gloss does not follow javascript: links"),
        ("other.html", None, "a relative link in a page with no address cannot be followed"),
        ("", WEB, "the link has no address"),
        ("https://a\x1b]0;x\x07", WEB, "the link's address holds control characters"),
        ("https:///nohost", None, "the link has no host: https:///nohost"),
    ],
)
def test_refused(href: str, page: str | None, reason: str) -> None:
    target = resolve_link(href, page)
    assert (target.url, target.refusal) == (None, reason)


def test_article_links_use_canonical_offsets() -> None:
    article = Article(
        title="T",
        blocks=(
            Block(BlockKind.PARAGRAPH, "no links here"),
            Block(
                BlockKind.PARAGRAPH,
                "one two three",
                spans=(
                    Span(SpanKind.EMPHASIS, 0, 3),
                    Span(SpanKind.LINK, 8, 13, "https://b"),
                    Span(SpanKind.LINK, 0, 3, "https://a"),
                ),
            ),
        ),
    )
    links = article_links(article)
    base = article.offsets[1]
    assert links == [
        LinkRef(base, base + 3, "https://a", 1),
        LinkRef(base + 8, base + 13, "https://b", 1),
    ]
    assert article.text[links[1].start : links[1].end] == "three"
    assert link_at(links, base + 9) == links[1]
    assert link_at(links, base + 5) is None
    assert link_at(links, base + 13) is None
    assert link_at([], 4) is None


def test_same_document() -> None:
    assert same_document("https://e.com/a#x", "https://e.com/a")
    assert not same_document("https://e.com/b", "https://e.com/a")
    assert not same_document("https://e.com/a", None)
