"""Metadata rules on small pages: each shows the disagreement between sources it settles."""

from __future__ import annotations

import pytest

from tui.core.extract.metadata.byline import clean_byline
from tui.core.extract.metadata.read import Metadata, normalize_date, read_metadata
from tui.core.extract.pipeline import parse_html

BODY = "<body><article><p>Text of the article, long enough to be one.</p></article></body>"


def meta_of(head: str, body: str = BODY, url: str | None = None) -> Metadata:
    return read_metadata(parse_html(f"<html><head>{head}</head>{body}</html>"), url)


# -- title ----------------------------------------------------------------------------------


def test_section_label_in_front_of_the_headline_goes() -> None:
    meta = meta_of(
        '<meta property="og:title" content="Opinion | Why the Tide Turned">',
        "<body><h1>Why the Tide Turned</h1>" + BODY[6:],
    )
    assert meta.title == "Why the Tide Turned"


def test_site_suffix_in_og_title_goes() -> None:
    meta = meta_of(
        '<meta property="og:title" content="Why the Tide Turned - Harbour Gazette">'
        '<meta property="og:site_name" content="Harbour Gazette">'
    )
    assert meta.title == "Why the Tide Turned"


def test_headline_shown_beats_a_search_rewrite_of_it() -> None:
    meta = meta_of(
        '<meta property="og:title" content="Spring tide 2024: record low water in harbour">',
        "<body><h1>Record low water strands the harbour fleet</h1>" + BODY[6:],
    )
    assert meta.title == "Record low water strands the harbour fleet"


def test_an_unrelated_h1_does_not_replace_the_title() -> None:
    # A blog's name in its <h1> shares no words with the post's title.
    meta = meta_of(
        '<meta property="og:title" content="Baking bread with cold starter">',
        "<body><h1>Crumb and Crust Kitchen Diaries</h1>" + BODY[6:],
    )
    assert meta.title == "Baking bread with cold starter"


def test_a_site_name_with_the_site_in_it_is_not_cut_from_the_headline() -> None:
    # "the Guardian" is in the headline: only a separated part equal to the site goes.
    meta = meta_of(
        '<meta property="og:title" content="The Guardian view on tides: a turning point | '
        'Editorial"><meta property="og:site_name" content="the Guardian">'
        "<title>The Guardian view on tides: a turning point | Editorial | The Guardian</title>",
        "<body><h1>The Guardian view on tides: a turning point</h1>" + BODY[6:],
    )
    assert meta.title == "The Guardian view on tides: a turning point"
    assert meta.site_name == "The Guardian"


# -- site name ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "url", "site"),
    [
        # og:site_name is a URL: the publisher's name is used instead.
        (
            '<meta property="og:site_name" content="https://www.gazette.example">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "publisher": '
            '{"@type": "Organization", "name": "Harbour Gazette"}}</script>',
            None,
            "Harbour Gazette",
        ),
        # A tagline after the name goes.
        (
            '<meta property="og:site_name" content="Gazette | Your coast, every day">',
            None,
            "Gazette",
        ),
        # A slug is replaced by the name it abbreviates.
        (
            '<meta property="og:site_name" content="harbourgazette">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "publisher": '
            '{"@type": "Organization", "name": "The Harbour Gazette"}}</script>',
            None,
            "The Harbour Gazette",
        ),
        # og:site_name names a section; the <title> and the host name the publication.
        (
            '<meta property="og:site_name" content="U.K."><meta property="og:title" '
            'content="Low water"><title>Low water - Gazette</title>',
            "https://www.gazette.example/uk/low-water",
            "Gazette",
        ),
        # The <title> spells the name better than the slug-like og:site_name.
        (
            '<meta property="og:site_name" content="gazettenews.example"><meta property='
            '"og:title" content="Low water"><title>Low water | Gazette News</title>',
            None,
            "Gazette News",
        ),
        # Nothing declared: the host name.
        ("<title>Low water</title>", "https://www.gazette.example/low-water", "gazette.example"),
    ],
    ids=["url-as-name", "tagline", "slug", "section", "spelling", "host"],
)
def test_site_name(head: str, url: str | None, site: str) -> None:
    assert meta_of(head, url=url).site_name == site


# -- byline ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "site", "name"),
    [
        ("By Jane Marsh", None, "Jane Marsh"),
        ("By JANE MARSH, Coast Correspondent", None, "Jane Marsh"),
        ("Jane Marsh, Gazette.example", "Gazette.example", "Jane Marsh"),
        ("Jane Marsh. Harbour Gazette", "Harbour Gazette", "Jane Marsh"),
        ("Jane Marsh @janemarsh", None, "Jane Marsh"),
        ("Jane Marsh, Tom Reed, Ann Lee", None, "Jane Marsh, Tom Reed, Ann Lee"),
        ("Words by Jane Marsh · 3 March 2024", None, "Jane Marsh"),
        ("RT", None, "RT"),
        ("admin", None, None),
        ("webadmin", None, None),
        ("user123", None, None),
        ("humans.txt", None, None),
        ("https://www.facebook.com/janemarsh", None, None),
        ("We write about the sea and everything on it!", None, None),
    ],
)
def test_clean_byline(raw: str, site: str | None, name: str | None) -> None:
    assert clean_byline(raw, site) == name


def test_people_in_json_ld_beat_a_publisher_in_meta_author() -> None:
    meta = meta_of(
        '<meta name="author" content="Gazette Media Group">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": '
        '[{"@type": "Person", "name": "Jane Marsh"}]}</script>'
    )
    assert meta.byline == "Jane Marsh"


def test_visible_byline_adds_the_coauthors_metadata_left_out() -> None:
    meta = meta_of(
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": '
        '{"@type": "Person", "name": "Jane Marsh"}}</script>',
        '<body><p class="byline">By Jane Marsh, Tom Reed and Ann Lee</p>' + BODY[6:],
    )
    assert meta.byline == "Jane Marsh, Tom Reed and Ann Lee"


def test_a_comment_form_label_is_not_a_byline() -> None:
    body = (
        "<body>" + BODY[6:-7] + '<div id="respond"><form><div class="comment-form-author">'
        "<label>Name (required)</label><input></div></form></div></body>"
    )
    assert meta_of("<title>Low water</title>", body).byline is None


# -- date -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2019-11-19T21:57:01+0000", "2019-11-19T21:57:01+00:00"),
        ("2019-11-20T06:35:39Z", "2019-11-20T06:35:39+00:00"),
        ("2019-11-19 02:24:00", "2019-11-19T02:24:00"),
        ("2019-11-19 02:24:00 UTC", "2019-11-19T02:24:00+00:00"),
        ("March 3, 2022", "2022-03-03"),
        ("3 March 2022", "2022-03-03"),
        ("0001-01-01T00:00:00Z", None),
        ("1970-01-01", None),
        ("yesterday", None),
    ],
)
def test_normalize_date(raw: str, iso: str | None) -> None:
    assert normalize_date(raw) == iso


def test_a_placeholder_date_gives_way_to_the_visible_one() -> None:
    meta = meta_of(
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
        '"0001-01-01T00:00:00Z"}</script>',
        '<body><div class="publish-date">Published 11:11 PM EST Nov 19, 2019</div>'
        + BODY[6:],
    )
    assert meta.published == "2019-11-19"


def test_a_machine_date_beats_a_human_one_declared_first() -> None:
    meta = meta_of(
        '<meta property="article:published_time" content="November 20, 2019 13:42">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
        '"2019-11-20 13:42:06+08:00"}</script>'
    )
    assert meta.published == "2019-11-20T13:42:06+08:00"
