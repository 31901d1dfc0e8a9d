"""Edge cases of extraction: bad input gets a clear message, odd pages get their text.

Also checks that running readability on Gloss's own tree changes nothing in what it finds.
"""

from __future__ import annotations

import lxml.html
import pytest
from readability import Document

from tests.support import paths
from tui.core.errors import ExtractError
from tui.core.export.article_text import to_text
from tui.core.extract.clean.signals import class_words, word_count
from tui.core.extract.html_blocks import blocks_from_html
from tui.core.extract.pipeline import extract, parse_html
from tui.core.extract.readable import find_article
from tui.core.fetch.source import decode_html
from tui.core.model.article import BlockKind

SAMPLES = paths.SAMPLES


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("", "the page is empty"),
        (" \n\t ", "the page is empty"),
        ("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "no article text found"),
        ("%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj", "no article text found"),
        ("<html><body><script>document.write('hi')</script></body></html>", "no article"),
    ],
    ids=["empty", "blank", "png-bytes", "pdf-bytes", "script-only"],
)
def test_input_without_an_article_gets_one_clear_line(html: str, message: str) -> None:
    with pytest.raises(ExtractError, match=message) as caught:
        extract(html, None)
    assert "\n" not in str(caught.value)


def test_a_page_of_menus_is_refused_not_shown() -> None:
    items = [
        f"<li><a href=/{section}/{i}>{section.title()} {i}</a></li>"
        for section in ("news", "sport", "weather", "culture")
        for i in range(8)
    ]
    menus = '<ul class="menu">' + "".join(items) + "</ul>"
    html = f"<html><body><nav>{menus}</nav><div>{menus}</div><footer>{menus}</footer></body></html>"
    with pytest.raises(ExtractError, match="only navigation"):
        extract(html, None)


def test_chinese_prose_is_an_article() -> None:
    paragraph = (
        "潮水每天涨落两次，主要受月球引力的影响，太阳的作用较小。当日月成一直线时，"
        "引力叠加，潮差最大，这就是大潮。"
    )
    html = f"<html><body><article><p>{paragraph}</p><p>{paragraph}</p></article></body></html>"
    article = extract(html, None)
    assert [b.text for b in article.blocks] == [paragraph, paragraph]


def test_word_count_reads_unspaced_scripts() -> None:
    assert word_count("the tide comes in") == 4
    assert word_count("潮水每天涨落两次") == 4  # eight characters, about four words
    assert word_count("2019年11月18日 at noon") == 5


def test_class_words_split_every_naming_style() -> None:
    el = lxml.html.fragment_fromstring('<div class="c-share__bar newsCaption" id="read_more">')
    assert class_words(el) == ("c", "share", "bar", "news", "caption", "read", "more")


def test_blocks_inside_a_caption_are_caption() -> None:
    root = lxml.html.fragment_fromstring(
        "<div><figure><figcaption><p>Boats on the mud.</p><span><figcaption>Photo: J. Smith"
        "</figcaption></span></figcaption></figure><p>After.</p></div>"
    )
    blocks = blocks_from_html(root)
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.CAPTION, "Boats on the mud."),
        (BlockKind.CAPTION, "Photo: J. Smith"),
        (BlockKind.PARAGRAPH, "After."),
    ]


@pytest.mark.parametrize("name", ["jessica-jones-season-2.html", "long-read.html", "listicle.html"])
def test_readability_on_our_tree_finds_what_bare_readability_finds(name: str) -> None:
    html, _ = decode_html((SAMPLES / name).read_bytes())
    bare = lxml.html.fragment_fromstring(
        Document(html).summary(html_partial=True), create_parent="div"
    )
    ours, fell_back = find_article(parse_html(html))
    assert not fell_back
    assert _texts(ours) == _texts(bare)


def _texts(root: lxml.html.HtmlElement) -> list[str]:
    return [b.text for b in blocks_from_html(root)]


def test_find_article_leaves_the_page_tree_alone() -> None:
    html, _ = decode_html((SAMPLES / "long-read.html").read_bytes())
    doc = parse_html(html)
    before = lxml.html.tostring(doc)
    find_article(doc)
    assert lxml.html.tostring(doc) == before


def test_base_href_resolves_relative_links() -> None:
    html = (
        '<html><head><base href="/docs/"></head><body><article><p>Read <a href="tides.html">'
        "the tide notes</a> before you sail out past the harbour wall this weekend.</p>"
        "<p>They cover the spring tides, the neaps and the hours of slack water at the bar."
        "</p></article></body></html>"
    )
    article = extract(html, "https://harbour.example/news/today")
    (link,) = [s for b in article.blocks for s in b.spans if s.href]
    assert link.href == "https://harbour.example/docs/tides.html"
    assert "the tide notes" in to_text(article)


def test_code_blocks_use_eight_column_tab_stops() -> None:
    """Comments aligned for 8-column tabs (the terminal's and most C code's) stay aligned."""
    root = lxml.html.fragment_fromstring(
        "<div><pre>int x;\t\t/* one */\nlong long yy;\t/* two */\n\tindented;</pre></div>"
    )
    (pre,) = blocks_from_html(root)
    assert pre.text.split("\n") == [
        "int x;          /* one */",
        "long long yy;   /* two */",
        "        indented;",
    ]
