"""Extraction over the bundled samples: metadata, body text, structure, and what must go."""

from __future__ import annotations

import pytest

from tests.support import paths
from tui.core.errors import ExtractError
from tui.core.export.article_text import to_text
from tui.core.extract.pipeline import extract
from tui.core.fetch.source import fetch
from tui.core.model.article import Article, BlockKind, SpanKind

ROOT = paths.ROOT
SAMPLES = ROOT / "samples"
SEED_TEXT = paths.SEED_TEXT
ROSENBERG = (
    "My colleagues Marco Ramirez and Doug Petrie, who are doing Defenders, they've shared "
    "material. We've sat down for many conversations about what are they doing, what's "
    "happening with Jessica? They want my input, they want all the different showrunners' "
    "input on the characters that they're most familiar with. . . . They enjoy collaboration, "
    "which is not always the case, and they listen, and we listen to them. We're really trying "
    "to find a way to respond to the things that they want to do, and them to respond to the "
    "things we want to do. So far so good. It's working out."
)


def load(name: str) -> Article:
    """A sample through the real pipeline: fetch (charset and all), then extract."""
    page = fetch(str(SAMPLES / name))
    return extract(page.html, page.url, source=page.source)


META = [
    # file, title, byline, published, site, language, canonical
    (
        "jessica-jones-season-2.html",
        "How The Defenders Is Affecting Jessica Jones Season 2",
        "Nick Venable",
        "2016-08-13T14:30:00-07:00",
        "CinemaBlend",
        "en",
        "https://www.cinemablend.com/television/1545310/how-the-defenders-is-affecting-jessica-jones-season-2",
    ),
    (
        "long-read.html",
        "Carriage Return: How the Teleprinter Still Shapes Your Terminal",
        "Marta Lindqvist",
        "2024-02-18T09:00:00+00:00",
        "Paper Tape Review",
        "en-GB",
        "https://papertape.example/essays/carriage-return",
    ),
    (
        "legacy-charset.html",
        "Les Misérables : Monsieur Myriel",
        "Victor Hugo",
        None,
        "La Bibliothèque du Grenier",
        "fr",
        None,
    ),
    ("short.html", "Closed for the holiday", None, None, None, "en", None),
    (
        "visible-byline.html",
        "Why My Sourdough Starter Lives in the Fridge Now",
        "Helen Okafor",
        "2022-03-03",
        "Crumb & Crust",
        "en-GB",
        None,
    ),
    (
        "listicle.html",
        "Seven Checks Before You Buy a Used Bicycle",
        "Sam Whitlow",
        "2023-06-10",
        "The Commuter Desk",
        "en",
        "https://commuterdesk.example/guides/used-bicycle-checks",
    ),
    (
        "hostile.html",
        "A Perfectly Ordinary Article",
        "Mallory Example",
        "2024-01-01T00:00:00+00:00",
        "Safety Lab",
        "en",
        None,
    ),
]


@pytest.mark.parametrize(
    ("name", "title", "byline", "published", "site", "language", "canonical"),
    META,
    ids=[row[0] for row in META],
)
def test_metadata(name, title, byline, published, site, language, canonical) -> None:
    article = load(name)
    assert (
        article.title,
        article.byline,
        article.published,
        article.site_name,
        article.language,
        article.canonical_url,
    ) == (title, byline, published, site, language, canonical)
    assert article.url == (SAMPLES / name).resolve().as_uri()


def test_seed_body_is_exactly_the_seed_text() -> None:
    article = load("jessica-jones-season-2.html")
    assert to_text(article) == SEED_TEXT.read_text(encoding="utf-8").strip() + "\n"


def test_rosenbergs_remarks_are_one_block_quote() -> None:
    article = load("jessica-jones-season-2.html")
    quotes = [b for b in article.blocks if b.kind is BlockKind.QUOTE]
    assert [b.text for b in quotes] == [ROSENBERG]
    start, end = article.block_range(article.blocks.index(quotes[0]))
    assert article.text[start:end] == ROSENBERG


def test_seed_keeps_inline_styles_and_absolute_links() -> None:
    article = load("jessica-jones-season-2.html")
    spans = [(b.text[s.start : s.end], s.kind, s.href) for b in article.blocks for s in b.spans]
    assert ("Jessica Jones", SpanKind.EMPHASIS, None) in spans
    links = [(text, href) for text, kind, href in spans if kind is SpanKind.LINK]
    assert (
        "told EW",
        "https://ew.com/article/2016/08/12/jessica-jones-season-2-melissa-rosenberg-trish/",
    ) in links
    # A saved file's relative links resolve against the URL it declares (canonical).
    site = "https://www.cinemablend.com/television/"
    assert ("Netflix premiere schedule", site + "netflix-premiere-schedule") in links


ABSENT = {
    "jessica-jones-season-2.html": [
        "Subscribe to our newsletter",
        "Why Luke Cage Could Be The Best Marvel Netflix Show Yet",
        "hellskitchenhero",
        "Trending Now",
        "We and our partners use cookies",
        "Advertisement",
    ],
    "long-read.html": [
        "16 minute read",
        "Paper Tape Review publishes one long essay a month",
        "Get the next one by email",
        "Typeset in Charter",
        "Colophon",
    ],
    "visible-byline.html": [
        "Leave a Reply",
        "Recent Posts",
        "The pickles story made me laugh out loud",
        "Proudly baked with WordPress",
        "Posted on March 3, 2022",
    ],
    "legacy-charset.html": [
        "Vous êtes le 48 213e visiteur",
        "Forum des lecteurs",
        "Site optimisé pour Internet Explorer 5",
        "Livre d’or",
    ],
    "listicle.html": [
        "Most read this week",
        "The Monday ride",
        "Fix a puncture in under ten minutes",
        "Sign up free",
    ],
    "hostile.html": [
        "pwned",
        "SECRET-COMMENT",
        "SCRIPT-RAN",
        "STYLE-TEXT",
        "HIDDEN-SPAN",
        "FORM-BUTTON",
        "hunter2",
        "OBJECT-TEXT",
        "SVG-TEXT",
        "IFRAME-TEXT",
    ],
}


@pytest.mark.parametrize(
    ("name", "phrase"), [(n, p) for n, phrases in ABSENT.items() for p in phrases]
)
def test_chrome_is_gone(name: str, phrase: str) -> None:
    article = load(name)
    assert phrase not in article.text
    assert phrase not in article.title


def test_long_read_structure() -> None:
    article = load("long-read.html")
    kinds = {b.kind for b in article.blocks}
    assert kinds >= {
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.QUOTE,
        BlockKind.LIST_ITEM,
        BlockKind.PRE,
        BlockKind.TABLE,
        BlockKind.IMAGE,
        BlockKind.CAPTION,
    }
    levels = [b.level for b in article.blocks if b.kind is BlockKind.HEADING]
    assert levels.count(2) == 7 and levels.count(3) == 8
    items = [b for b in article.blocks if b.kind is BlockKind.LIST_ITEM]
    assert {b.level for b in items} == {1, 2}, "nested lists keep their depth"
    numbered = [b.number for b in items if b.number is not None and b.level == 1]
    assert numbered[:7] == [1, 2, 3, 4, 5, 6, 7]
    (pre,) = [b for b in article.blocks if b.kind is BlockKind.PRE]
    assert "\n    " in pre.text and "\t" not in pre.text, "indentation kept, tabs expanded"
    (table,) = [b for b in article.blocks if b.kind is BlockKind.TABLE]
    assert len(table.rows) >= 5 and len({len(row) for row in table.rows}) == 1
    quotes = [b for b in article.blocks if b.kind is BlockKind.QUOTE]
    assert any("What hath God wrought" in b.text for b in quotes)
    assert sum("Walden" in b.text or b.level for b in quotes) >= 3, "two-paragraph quote kept"


def test_legacy_charset_decodes() -> None:
    text = load("legacy-charset.html").text
    for word in ("évêque de Digne", "C’était", "“Où lire la suite ?”", "€", "—"):
        assert word in text


def test_listicle_items_are_numbered() -> None:
    items = [b for b in load("listicle.html").blocks if b.kind is BlockKind.LIST_ITEM]
    assert [b.number for b in items] == [1, 2, 3, 4, 5, 6, 7]
    assert items[0].text.startswith("Check the frame for cracks and dents.")


def test_short_page_is_an_article() -> None:
    article = load("short.html")
    assert article.word_count == 61
    assert [b.kind for b in article.blocks] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]


def test_navigation_only_page_is_refused() -> None:
    with pytest.raises(ExtractError, match="no article text found"):
        load("no-article.html")


def test_hostile_text_is_inert() -> None:
    article = load("hostile.html")
    assert not any(ch in article.text for ch in "\x1b\x07\x08\r\x9b\u202e\u2066\u200b\ufeff")
    assert "\x1b" not in article.title
    assert "[bold red]x[/] and [link=file:///etc/passwd]y[/link]" in article.text
    hrefs = [s.href for b in article.blocks for s in b.spans if s.kind is SpanKind.LINK]
    assert "https://evil.example/base/" not in hrefs, "emptied javascript: hrefs are dropped"
    assert not any(h.lower().startswith(("javascript:", "data:", "vbscript:")) for h in hrefs)
    assert "Title escape: (end of title escape)." in article.text


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n  ",
        "<html><body></body></html>",
        "<html><body><script>var a = 1;</script></body></html>",
    ],
)
def test_empty_pages_are_refused(html: str) -> None:
    with pytest.raises(ExtractError):
        extract(html, None)


def test_canonical_text_offsets() -> None:
    article = load("long-read.html")
    for index, block in enumerate(article.blocks):
        start, end = article.block_range(index)
        assert article.text[start:end] == block.text
        assert article.block_at(start) == index
    assert Article.from_dict(article.to_dict()) == article
