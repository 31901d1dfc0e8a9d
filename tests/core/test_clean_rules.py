"""One small page per cleaning rule, showing what the page gives without the rule and with it.

Each test switches its rule off (through the rule tables the modules expose) to show the
leftover the rule exists for, then checks the rule removes it and keeps the article whole.
"""

from __future__ import annotations

import re

import pytest

from tui.core.errors import ExtractError
from tui.core.export.article_text import to_text
from tui.core.extract import pipeline
from tui.core.extract import readable as extract_readability
from tui.core.extract.clean import blocks as clean_blocks
from tui.core.extract.clean import page as clean_page
from tui.core.extract.clean import tree as clean_tree
from tui.core.extract.pipeline import extract, parse_html
from tui.core.model.article import Article, BlockKind

PROSE = [
    "The harbour master opened the sluice at dawn, as the tables said he should, and the "
    "water began to fall along the quay wall within the hour.",
    "By mid-morning the mud flats showed their ribs of sand, and the gulls came down to walk "
    "them in lines, heads bent, as if they were looking for a dropped coin.",
    "Nobody in the village remembers a spring tide this low, though the oldest fishermen say "
    "their fathers spoke of one in the winter before the war.",
    "The council will measure the channel again next week, when the moon is full, and decide "
    "whether the moorings need to move further out into the bay.",
]


def page(
    inside: str = "",
    *,
    before: str = "",
    after: str = "",
    head: str = "<title>Low water at the harbour</title>",
) -> str:
    """A small news page: its article holds PROSE with ``inside`` between its paragraphs."""
    paragraphs = [f"<p>{p}</p>" for p in PROSE]
    body = "".join(paragraphs[:2]) + inside + "".join(paragraphs[2:])
    return (
        f"<html><head>{head}</head><body>"
        '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>'
        f'<article><div class="article-body">{before}{body}{after}</div></article>'
        "<footer><p>© The Harbour Gazette</p></footer></body></html>"
    )


def body_text(html: str) -> str:
    return to_text(extract(html, "https://news.example/harbour"))


def assert_article_whole(text: str) -> None:
    for paragraph in PROSE:
        assert paragraph in text


def inner_text(html: str) -> str:
    """The text of a snippet of markup ("<h3>Most Read</h3>" -> "Most Read")."""
    return re.sub(r"<[^>]+>", "", html)


def without(monkeypatch: pytest.MonkeyPatch, table: dict, name: str) -> None:
    monkeypatch.delitem(table, name)


# -- before readability ---------------------------------------------------------------------

TWEET = (
    '<div class="social-media-embed"><blockquote class="twitter-tweet"><p>The water is '
    'further out than I have ever seen it, and the boats are sitting in the mud.</p>'
    '— Harbour Watch (@harbourwatch) <a href="https://twitter.com/x/status/1">'
    "March 3, 2024</a></blockquote>"
    '<script src="https://platform.twitter.com/widgets.js"></script></div>'
)


def test_embedded_posts_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    quote = "The water is further out than I have ever seen it"
    with monkeypatch.context() as patch:
        without(patch, clean_page.RULES, "keep_embedded_posts")
        assert quote not in body_text(page(TWEET)), "readability drops a 'tweet' blockquote"
    article = extract(page(TWEET), None)
    quotes = [b.text for b in article.blocks if b.kind is BlockKind.QUOTE]
    assert any(q.startswith(quote) for q in quotes)
    assert_article_whole(to_text(article))


def test_a_sidebar_of_posts_keeps_its_name() -> None:
    sidebar = (
        '<div class="sidebar"><blockquote class="twitter-tweet"><p>First post in a rail.</p>'
        '</blockquote><blockquote class="twitter-tweet"><p>Second post.</p></blockquote></div>'
    )
    doc = parse_html(page(after=sidebar))
    clean_page.keep_embedded_posts(doc)
    (rail,) = doc.xpath('//div[@class="sidebar"]')
    assert len(rail.findall("blockquote")) == 2, "a wrapper of several posts is not unwrapped"


# -- readability's cleaning: lists between paragraphs ---------------------------------------

BUY_LIST = (
    '<ul><li><a href="https://shop.example/tables">Get the 2024 tide tables for £4</a></li></ul>'
)


def test_lists_between_paragraphs_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(extract_readability, "PRESERVE_BODY_LISTS", False)
        assert "Get the 2024 tide tables" not in body_text(page(BUY_LIST))
    article = extract(page(BUY_LIST), None)
    items = [b.text for b in article.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == ["Get the 2024 tide tables for £4"]


def test_a_rail_of_headline_links_is_not_kept_as_a_list() -> None:
    rail = (
        '<ul><li><a href="/a">Storm closes the ferry for a week</a></li>'
        '<li><a href="/b">Lifeboat crew honoured at the palace</a></li>'
        '<li><a href="/c">New fish market opens on the quay</a></li></ul>'
    )
    text = body_text(page(rail))
    assert "Storm closes the ferry" not in text
    assert_article_whole(text)


# -- before readability: paragraphs written as <br><br> --------------------------------------

TEASERS = "".join(
    f'<div class="teaser"><p>{t}, the paper reports this morning. <a href="/{i}">Full story</a>'
    "</p></div>"
    for i, t in enumerate(
        ("Storm closes the ferry for a week", "Lifeboat crew honoured at the palace",
         "New fish market opens on the quay, with forty stalls")
    )
)


def test_text_split_by_blank_lines_is_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    # An old page: the story is the text of a <font>, split by <br><br>; a rail of teasers
    # in <p>s sits beside it. readability scores <p>s only: the teasers came with the story.
    story = "<br><br>".join(PROSE)
    html = (
        "<html><head><title>Low water</title></head><body><div id='left'>"
        f"{TEASERS}</div><div id='centre'><font size='2'><b></b>{story}<br><br></font>"
        "</div></body></html>"
    )
    with monkeypatch.context() as patch:
        without(patch, clean_page.RULES, "paragraphs_from_breaks")
        assert "Storm closes the ferry" in body_text(html)
    article = extract(html, None)
    assert [b.text for b in article.blocks] == PROSE


def test_a_menu_split_by_breaks_stays_as_it_is() -> None:
    doc = parse_html(
        "<html><body><span>Home<br><br>News<br><br>Sport<br><br>Weather</span></body></html>"
    )
    clean_page.paragraphs_from_breaks(doc)
    assert doc.find(".//p") is None


# -- readability's scoring: form controls are not text ---------------------------------------

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def _jump_menu_page() -> str:
    options = "".join(f"<option>{m}, 20{y:02d}</option>" for y in range(8, 13) for m in MONTHS)
    return (
        "<html><head><title>Low water</title></head><body><div>"
        f'<div class="blog-block" id="blog-jump"><div><b>Jump to: </b><form><select>{options}'
        "</select></form></div></div></div><div><div>"
        + "".join(f"<p>{p}</p>" for p in PROSE)
        + "</div></div></body></html>"
    )


def test_a_jump_menu_never_outscores_the_article(monkeypatch: pytest.MonkeyPatch) -> None:
    # A "jump to" menu in a box named like a blog outscores the article on its options'
    # words; readability then cleans the options away and returns an empty box.
    with monkeypatch.context() as patch:
        patch.setattr(extract_readability, "DROP_CONTROLS", False)
        chosen, _ = extract_readability.find_article(parse_html(_jump_menu_page()))
        assert PROSE[0] not in chosen.text_content()
    chosen, _ = extract_readability.find_article(parse_html(_jump_menu_page()))
    assert all(p in chosen.text_content() for p in PROSE)
    text = body_text(_jump_menu_page())
    assert_article_whole(text)
    assert "January" not in text


def test_an_article_without_prose_falls_back_to_the_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # When readability's choice holds no prose at all, the part of the page that holds the
    # page's prose is the article: never an empty article from a page that has one.
    monkeypatch.setattr(extract_readability, "DROP_CONTROLS", False)
    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "LOW_CONFIDENCE_WORDS", 0)
        with pytest.raises(ExtractError):
            body_text(_jump_menu_page())
    assert [b.text for b in extract(_jump_menu_page(), None).blocks] == PROSE


# -- when readability finds nothing: the fallback -------------------------------------------

FALLBACK_PAGE = (
    "<html><head><title>Notes on tides</title></head><body>"
    '<nav><a href="/">Home</a> <a href="/about">About</a></nav><main><section>'
    "The tide comes in twice a day, pulled by the moon and, less, by the sun.<br><br>"
    "When the two line up, at new and full moon, the range is largest: spring tides.<br><br>"
    "At the quarters the pulls partly cancel, and the neap tides barely move the line."
    "</section></main><footer>Copyright 2024 Example Tide Tables Ltd. All rights reserved. "
    "Terms and conditions apply to all content on this site.</footer></body></html>"
)


STORY = (
    "The harbour master opened the sluice at dawn as the tables said he should and the water "
    "began to fall along the quay wall within the hour. By mid-morning the mud flats showed "
    "their ribs of sand and the gulls came down to walk them in lines."
)
LONGER_TEASER = (
    "Elsewhere on the coast, the ferry, the lifeboat, the market, the pier, the lighthouse, "
    "the harbour wall and the old customs house all had a week of visitors, storms, repairs, "
    "late trains, early tides, and long queues, as the season, wet and windy, went on and on."
)


def test_the_paragraphs_under_the_headline_beat_a_rail_of_longer_teasers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A short post beside excerpts of longer ones: readability scores the rail higher.
    html = (
        "<html><head><title>Low water</title></head><body><div class='wrap'>"
        f"<div class='lead'><h1>Low water at the harbour</h1><p>{STORY}</p></div>"
        "<div class='rail'>"
        + "".join(f"<div class='rail-item'><p>{LONGER_TEASER} ({i})</p></div>" for i in range(4))
        + "</div></div></body></html>"
    )
    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "HEADLINE_PARAGRAPH_WORDS", 10**6)
        assert body_text(html).startswith("Elsewhere on the coast")
    assert [b.text for b in extract(html, None).blocks] == [STORY]


def test_fallback_keeps_the_prose_not_the_frame() -> None:
    text = body_text(FALLBACK_PAGE)
    assert "The tide comes in twice a day" in text
    assert "the neap tides barely move the line" in text
    assert "Copyright 2024" not in text
    assert "About" not in text


# -- named parts inside the article ---------------------------------------------------------

NAMED_PARTS = [
    (
        "captions_by_class",
        '<p class="image-caption">Boats resting on the mud at low water. Photo: J. Smith</p>',
        "Boats resting on the mud",
    ),
    (
        "drop_share",
        '<div class="sharing"><p>Found this useful? Pass it on to a friend who sails '
        "or fishes on this coast.</p></div>",
        "Pass it on to a friend",
    ),
    (
        "drop_related",
        '<div class="recommended"><p>Ferry timetable changes for the summer season, '
        "with two extra crossings on Saturdays and Sundays.</p></div>",
        "Ferry timetable changes",
    ),
    (
        "drop_newsletter",
        '<div class="newsletter-signup"><p>Get the Harbour Gazette in your inbox every '
        "morning, with the tide times and the weather for the week.</p></div>",
        "Get the Harbour Gazette in your inbox",
    ),
    (
        "drop_overlays",
        "",  # the overlay sits inside a sentence: see OVERLAY below
        "Harbour master since 2011",
    ),
    (
        "drop_author_boxes",
        '<div class="author-bio"><p>Jane Marsh has covered the coast for the Gazette for '
        "twenty years, and sails when the tide allows.</p></div>",
        "Jane Marsh has covered the coast",
    ),
    (
        "drop_not_content",
        '<p class="jetpack-slideshow-noscript robots-nocontent">This slideshow requires '
        "JavaScript to be enabled in your browser settings.</p>",
        "This slideshow requires",
    ),
]
OVERLAY = (
    '<p>The harbour master, Tom Reed<span class="rollover-people"><span class="rollover-'
    'block">Harbour master since 2011 <a href="/tom-reed">More about Tom Reed</a></span>'
    "</span>, said the tide was the lowest he had measured in his time on the quay.</p>"
)


@pytest.mark.parametrize(("rule", "part", "phrase"), NAMED_PARTS, ids=[r[0] for r in NAMED_PARTS])
def test_named_part(monkeypatch: pytest.MonkeyPatch, rule: str, part: str, phrase: str) -> None:
    html = page(part or OVERLAY)
    with monkeypatch.context() as patch:
        without(patch, clean_tree.PARTS, rule)
        assert phrase in body_text(html), "the part survives readability without the rule"
    text = body_text(html)
    assert phrase not in text
    assert_article_whole(text)


COMMENTERS = ("Ann Price", "boog", "Tom R.")
COMMENTS = (
    "<h3>3 Comments</h3>"
    + "".join(
        f'<div id="c{i}"><p>I walked out to the old wreck at low water, number {i}, and it '
        f"was further than I thought.</p></div>"
        f'<p class="posted">Posted by: {name} at March {3 + i}, 2024 {i + 1}:15 PM</p>'
        for i, name in enumerate(COMMENTERS)
    )
)


def test_reader_comments_after_the_article_go(monkeypatch: pytest.MonkeyPatch) -> None:
    # readability keeps a thread that shares the article's container.
    html = page(after=COMMENTS)
    with monkeypatch.context() as patch:
        without(patch, clean_tree.RULES, "comment_threads")
        assert "I walked out to the old wreck" in body_text(html)
    text = body_text(html)
    assert "I walked out to the old wreck" not in text
    assert "Posted by" not in text
    assert "3 Comments" not in text
    assert_article_whole(text)


def test_units_named_as_comments_after_the_article_go(monkeypatch: pytest.MonkeyPatch) -> None:
    # readability keeps "comments-body" (the name says "body") but drops its stamp lines.
    thread = "".join(
        f'<div class="comments-body"><p><b>{i}.</b> I walked out to the old wreck at low '
        f"water and it was further than I thought, number {i}.</p></div>"
        for i in (1, 2, 3)
    )
    with monkeypatch.context() as patch:
        without(patch, clean_tree.RULES, "named_threads")
        assert "I walked out to the old wreck" in body_text(page(after=thread))
    text = body_text(page(after=thread))
    assert "I walked out to the old wreck" not in text
    assert_article_whole(text)


def test_a_live_blog_keeps_its_timed_entries() -> None:
    entries = "".join(
        f"<p><b>{h}:05 PM</b> – The water is still falling at the quay, now {h} metres down.</p>"
        for h in (1, 2, 3, 4)
    )
    text = body_text(page(after=entries))
    assert text.count("The water is still falling") == 4
    assert_article_whole(text)


def test_a_front_page_of_posts_keeps_its_posts(monkeypatch: pytest.MonkeyPatch) -> None:
    posts = "".join(
        f"<div class='post'><h2>Tide notes {i}</h2><p>{PROSE[i]}</p>"
        f"<p class='posted'>Posted by Jane at March {i + 3}, 2024 1:15 PM</p></div>"
        for i in range(4)
    )
    text = body_text(page(after=posts))
    with monkeypatch.context() as patch:
        without(patch, clean_tree.RULES, "comment_threads")
        assert body_text(page(after=posts)) == text
    assert text.count("Tide notes") >= 3


RAIL = '<div class="rail">' + "".join(
    f'<div class="rail-item"><div class="pic"></div><div class="content"><h3>{kicker}</h3>'
    f'<span>{headline}</span></div><a href="/news/{i}" class="anchor"></a></div>'
    for i, (kicker, headline) in enumerate(
        (("STRANDED", "Ferry passengers spend the night on the quay"),
         ("HONOURED", "Lifeboat crew meet the King at the palace"),
         ("OPEN", "New fish market draws crowds on its first day"))
    )
) + "</div>"


def test_a_rail_of_cards_inside_the_article_goes(monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        without(patch, clean_tree.RULES, "card_rails")
        assert "Ferry passengers spend the night" in body_text(page(RAIL))
    text = body_text(page(RAIL))
    assert "Ferry passengers spend the night" not in text
    assert "STRANDED" not in text
    assert_article_whole(text)


def test_two_linked_figures_are_not_a_rail() -> None:
    figures = "".join(
        f'<div class="pic"><a href="/big{i}.jpg"><img src="/p{i}.jpg" alt=""></a>'
        f"<h4>Boats on the mud, picture {i}</h4></div>"
        for i in (1, 2)
    )
    assert "Boats on the mud, picture 2" in body_text(page(figures))


BLOGS = (
    ("Harbour Lights", "Night fishing off the breakwater"),
    ("Tide Talk", "Why the spring tides run so low"),
    ("Quay Side", "The new fish market opens its doors"),
    ("Gull Watch", "Counting the birds on the flats"),
    ("Mooring Notes", "Where the boats will lie next winter"),
    ("Sea Wall", "Repairs begin after the storm"),
    ("Boat Yard", "Painting hulls, a family trade for a century"),
    ("Lifeboat", "Crew meets the King, and the Queen, at the palace"),
    ("Lighthouse", "The keeper retires, after forty years, to the hill"),
    ("Nets", "Mending season starts, early, on the slipway"),
)


def columns_page(left: str, story: str) -> str:
    """An old page: a column of the site's links beside the story's column."""
    return (
        "<html><head><title>Low water</title></head><body>"
        f'<div id="page"><div id="left-column">{left}</div><div id="story">{story}</div></div>'
        "</body></html>"
    )


def test_a_column_of_links_readability_adds_beside_the_story(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rail = "<h2>Our blogs</h2>" + "".join(
        f'<p><a href="/blogs/{i}">{name}</a>: {headline}</p>'
        for i, (name, headline) in enumerate(BLOGS)
    )
    html = columns_page(rail, "".join(f"<p>{p}</p>" for p in PROSE))
    with monkeypatch.context() as patch:
        without(patch, clean_tree.RULES, "sibling_rails")
        assert "Sea Wall: Repairs begin after the storm" in body_text(html)
    text = body_text(html)
    assert "Repairs begin" not in text
    assert "Our blogs" not in text
    assert_article_whole(text)


def test_a_column_of_prose_beside_the_story_stays() -> None:
    aside = "".join(f"<p>{p}</p>" for p in PROSE[2:])
    html = columns_page(aside, "".join(f"<p>{p}</p>" for p in PROSE[:2]))
    assert_article_whole(body_text(html))


def test_the_articles_own_list_of_links_is_not_a_rail() -> None:
    sources = "<ul>" + "".join(
        f'<li><a href="/blogs/{i}">{name}</a>: {headline}</li>'
        for i, (name, headline) in enumerate(BLOGS)
    ) + "</ul>"
    html = columns_page("", "".join(f"<p>{p}</p>" for p in PROSE[:2]) + sources
                        + "".join(f"<p>{p}</p>" for p in PROSE[2:]))
    text = body_text(html)
    assert "Sea Wall: Repairs begin after the storm" in text
    assert_article_whole(text)


SHOPS = (
    ("Quayside Chandlery", "Ropes, chains and paint", "12 Harbour Row", "555-0101"),
    ("The Net Loft", "Mending while you wait", "3 Slipway Lane", "555-0102"),
    ("Gull Cafe", "Crab sandwiches all day", "1 Pier Head", "555-0103"),
    ("Tide Taxi", "Across the bay in ten minutes", "The Steps", "555-0104"),
    ("Anchor Bakery", "Fresh bread from six", "8 Market Street", "555-0105"),
)


def table_layout(*cells: str) -> str:
    """An old page laid out as one table row, a cell per column."""
    row = "".join(f"<td>{cell}</td>" for cell in cells)
    return (
        "<html><head><title>Low water</title></head><body>"
        f"<table><tr>{row}</tr></table></body></html>"
    )


def test_side_columns_of_a_table_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    adverts = "<p>Send us your news</p><p>Support local business!</p>" + "".join(
        f'<p>{name} "{slogan}" {street} {phone}</p>' for name, slogan, street, phone in SHOPS
    )
    masthead = (
        "<p>A paper of the Harbour Press.</p><p>We publish the news each week.</p>"
        "<p>Come and see us again.</p>"
    )
    html = table_layout(adverts, "".join(f"<p>{p}</p>" for p in PROSE), masthead)
    with monkeypatch.context() as patch:
        without(patch, clean_tree.RULES, "layout_columns")
        leftover = body_text(html)
        assert "Anchor Bakery" in leftover
        assert "Harbour Press" in leftover
    text = body_text(html)
    assert "Anchor Bakery" not in text
    assert "Support local business" not in text
    assert "Harbour Press" not in text
    assert_article_whole(text)


def test_a_story_set_in_two_table_columns_stays_whole() -> None:
    html = table_layout(
        "".join(f"<p>{p}</p>" for p in PROSE[:2]), "".join(f"<p>{p}</p>" for p in PROSE[2:])
    )
    assert_article_whole(body_text(html))


def test_captions_stay_in_the_article_as_captions() -> None:
    html = page(NAMED_PARTS[0][1])
    article = extract(html, None)
    captions = [b.text for b in article.blocks if b.kind is BlockKind.CAPTION]
    assert captions == ["Boats resting on the mud at low water. Photo: J. Smith"]


def test_hundreds_of_words_named_caption_are_text(monkeypatch: pytest.MonkeyPatch) -> None:
    # An editor sets a long passage beside a picture in the picture's caption box.
    long = " ".join(PROSE)  # 108 words, a third of the article below
    more = "".join(f"<p>{p}</p>" for p in PROSE[::-1])
    box = (
        '<div class="wp-caption"><img src="/boats.jpg" alt="Boats">'
        f'<p class="wp-caption-text">{long}</p></div>'
    )
    with monkeypatch.context() as patch:
        patch.setattr(clean_tree, "CAPTION_MAX_WORDS", 10**6)
        patch.setitem(clean_tree.PARTS, "captions_by_class", clean_tree.NamedPart(
            clean_tree.PARTS["captions_by_class"].words, action="caption"
        ))
        assert long not in body_text(page(box, after=more)), "without the limit: a caption"
    assert long in body_text(page(box, after=more))


def test_overlay_leaves_its_sentence_whole() -> None:
    text = body_text(page(OVERLAY))
    assert (
        "The harbour master, Tom Reed, said the tide was the lowest he had measured in his "
        "time on the quay." in text
    )


def test_a_part_holding_the_article_is_never_dropped() -> None:
    # A page whose whole body sits in a container named like a share widget.
    html = page().replace('class="article-body"', 'class="article-body share-container"')
    assert_article_whole(body_text(html))


def test_body_paragraphs_named_like_a_widget_are_the_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every paragraph carries the class: a styled body, not a subscription box set into it.
    html = page().replace("<p>", '<p class="story-text paywall">')
    with monkeypatch.context() as patch:
        patch.setattr(clean_tree, "RUN_MIN", 10**6)
        patch.setattr(clean_tree, "TEXT_SHARE_GUARD", 2.0)  # the page-wide guard too
        with pytest.raises(ExtractError):
            body_text(html)  # each paragraph alone is short enough to pass for the box
    assert_article_whole(body_text(html))


def _spans_page(spans: str) -> str:
    return (
        "<html><head><title>Low water at the harbour</title></head><body>"
        f'<div class="post"><div class="post-body">{spans}</div></div></body></html>'
    )


def test_text_in_spans_named_like_a_byline_is_the_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A blog editor wraps each stretch of the post in <span class="byline-author">, the
    # text split by <br>s, not <p>s: no paragraph words guard it, only its share of the text.
    spans = "".join(
        f'<p><span class="byline-author">{a}<br><br>{b}</span></p>'
        for a, b in (PROSE[:2], PROSE[2:])
    )
    with monkeypatch.context() as patch:
        patch.setattr(clean_tree, "TEXT_SHARE_GUARD", 2.0)
        with pytest.raises(ExtractError):
            body_text(_spans_page(spans))
    assert_article_whole(body_text(_spans_page(spans)))
    # One such span holding all the text is the article too.
    one = f'<p><span class="byline-author">{"<br><br>".join(PROSE)}</span></p>'
    assert_article_whole(body_text(_spans_page(one)))


def test_a_front_pages_posts_named_by_their_authors_are_the_text() -> None:
    # A blog engine names each post on its front page by its author, as a second class
    # ("entry entry_author_Ann-Tern"); the posts differ in their full class, not their first.
    authors = ("Ann-Tern", "Old-Salt", "Jo-Gull", "Ned-Quay")
    posts = "".join(
        f'<div class="entry entry_author_{author}"><div class="body">{paragraph}</div>'
        '<div class="tags">Filed in tides</div></div>'
        for author, paragraph in zip(authors, PROSE, strict=True)
    )
    html = (
        "<html><head><title>Harbour blog</title></head><body>"
        '<div id="content"><p>Welcome to the harbour blog, where the crew write about the '
        f"tides, the boats and the birds, one post each week.</p>{posts}</div></body></html>"
    )
    assert_article_whole(body_text(html))


def test_one_box_named_like_the_styled_paragraphs_still_goes() -> None:
    box = '<div class="paywall"><p>Subscribe for full access to every tide table.</p></div>'
    text = body_text(page(box).replace("<p>The", '<p class="story-text">The'))
    assert "Subscribe for full access" not in text
    assert_article_whole(text)


def test_dek_under_the_headline(monkeypatch: pytest.MonkeyPatch) -> None:
    dek = '<p class="c-entry-summary p-dek">Record low water leaves the fleet stranded.</p>'
    html = page(before=dek)
    with monkeypatch.context() as patch:
        without(patch, clean_tree.PARTS, "drop_dek")
        assert "Record low water leaves" in body_text(html)
    text = body_text(html)
    assert "Record low water leaves" not in text
    assert_article_whole(text)


def test_figure_credit_outside_figcaption(monkeypatch: pytest.MonkeyPatch) -> None:
    figure = (
        '<figure><img src="/boats.jpg" alt="Boats"><span><figcaption>Boats on the mud.'
        "</figcaption><cite>Harbour Gazette Photo Desk Archive</cite></span></figure>"
    )
    html = page(figure)
    with monkeypatch.context() as patch:
        without(patch, clean_tree.RULES, "figure_text_as_caption")
        assert "Harbour Gazette Photo Desk Archive" in body_text(html)
    article = extract(html, None)
    assert "Harbour Gazette Photo Desk Archive" not in to_text(article)
    captions = [b.text for b in article.blocks if b.kind is BlockKind.CAPTION]
    assert captions == ["Boats on the mud.", "Harbour Gazette Photo Desk Archive"]


# -- lines of furniture, by their words and place -------------------------------------------


def block_rule_case(
    monkeypatch: pytest.MonkeyPatch, rule: str, html: str, phrase: str, also: tuple[str, ...] = ()
) -> Article:
    """``rule`` removes ``phrase``; ``also`` are rules that would remove it too, switched off."""
    with monkeypatch.context() as patch:
        for name in (rule, *also):
            without(patch, clean_blocks.RULES, name)
        assert phrase in body_text(html), "the line survives without the rule"
    article = extract(html, "https://news.example/harbour")
    assert phrase not in to_text(article)
    assert_article_whole(to_text(article))
    return article


def test_title_repeated_above_the_body(monkeypatch: pytest.MonkeyPatch) -> None:
    html = page(before="<h1>Low water at the harbour</h1>")
    block_rule_case(monkeypatch, "drop_title_repeat", html, "Low water at the harbour")


def test_headline_with_more_words_in_the_title(monkeypatch: pytest.MonkeyPatch) -> None:
    head = "<title>Low water at the harbour (Update2)</title>"
    html = page(before="<h2>Low water at the harbour</h2>", head=head)
    block_rule_case(monkeypatch, "drop_title_repeat", html, "Low water at the harbour")


def test_a_line_sharing_a_word_or_two_with_the_title_stays() -> None:
    head = "<title>Low water at the harbour as the spring tide runs out</title>"
    html = page(before="<h2>Low water</h2><p>The harbour emptied by noon.</p>", head=head)
    assert "Low water" in body_text(html)


def test_headline_worded_unlike_the_meta_title(monkeypatch: pytest.MonkeyPatch) -> None:
    head = '<title>Tide tables | Gazette</title><meta property="og:title" content="Tides 2024">'
    html = page(before="<h1>Fishermen stranded as the sea retreats</h1>", head=head)
    block_rule_case(monkeypatch, "drop_title_repeat", html, "Fishermen stranded")


def test_byline_and_dateline_above_the_body(monkeypatch: pytest.MonkeyPatch) -> None:
    head = '<title>Low water</title><meta name="author" content="Jane Marsh">'
    lines = "<p>Jane Marsh, Coast Correspondent</p><p>Updated 9:41 AM GMT, March 3, 2024</p>"
    html = page(before=lines, head=head)
    block_rule_case(monkeypatch, "drop_byline_lines", html, "Jane Marsh, Coast Correspondent")
    block_rule_case(monkeypatch, "drop_byline_lines", html, "Updated 9:41 AM GMT")


@pytest.mark.parametrize(
    "line",
    ["By ANN TERN, Harbour Press Writer 47 minutes ago",
     "By ANN TERN and OLD SALT, Harbour Press Writers 1 hour, 32 minutes ago"],
)
def test_byline_saying_how_long_ago(monkeypatch: pytest.MonkeyPatch, line: str) -> None:
    block_rule_case(monkeypatch, "drop_byline_lines", page(before=f"<p>{line}</p>"), line)


def test_a_sentence_saying_how_long_ago_stays() -> None:
    line = "Three days ago the harbour emptied, and the boats sat on the mud."
    assert line in body_text(page(before=f"<p>{line}</p>"))


@pytest.mark.parametrize(
    "line", ["Updated at 1:23 p.m.", "Last updated: 18 November 2019, 09:41 GMT",
             "Atualizado em 22/10/2010 às 20:13"],
)
def test_time_stamp_below_the_body(monkeypatch: pytest.MonkeyPatch, line: str) -> None:
    block_rule_case(monkeypatch, "drop_time_stamps", page(after=f"<p>{line}</p>"), line)


def test_a_sentence_starting_with_a_stamp_verb_stays() -> None:
    line = "Published in 1998, the tide tables sold out within a week."
    assert line in body_text(page(after=f"<p>{line}</p>"))


@pytest.mark.parametrize(
    "line",
    ["sexta-feira, 22 de outubro de 2010 às 20:13", "Freitag, 22. Oktober 2010 um 20:13 Uhr",
     "Mardi 19 novembre 2019 à 10h15", "19 ноября 2019, 10:15"],
)
def test_datelines_in_other_languages(monkeypatch: pytest.MonkeyPatch, line: str) -> None:
    block_rule_case(monkeypatch, "drop_byline_lines", page(before=f"<p>{line}</p>"), line)


@pytest.mark.parametrize(
    "line",
    ["On March 3, 2024 the water fell to its lowest mark since records began.",
     "De haven was leeg op 22 oktober 2010.", "Il 22 ottobre 2010 la nave partì dal porto."],
)
def test_a_dated_sentence_in_the_body_stays(line: str) -> None:
    assert line in body_text(page(before=f"<p>{line}</p>"))


@pytest.mark.parametrize(
    "line",
    ["Posted by Ann Tern at 09:41 PM | Comments (6) | Category: Harbours",
     "Posted by: Old Salt at March 3, 2024 09:21 PM",
     "Friday March 8, 2024 | permalink | comments (1)", "March 8, 2024 | Permalink",
     "Posted in: Tides, Weather |", "Filed under: tides, weather, moorings",
     "This entry was posted on Friday, March 8th, 2024 at 9:41 am and is filed under Tides. "
     "You can follow any responses to this entry through the RSS 2.0 feed."],
)
def test_a_posts_record_line(monkeypatch: pytest.MonkeyPatch, line: str) -> None:
    block_rule_case(monkeypatch, "drop_post_records", page(after=f"<p>{line}</p>"), line,
                    also=("drop_furniture_lines", "drop_time_stamps"))


@pytest.mark.parametrize(
    "line",
    ["Posted on the quay by the harbour master, the tide tables drew a crowd.",
     "Published in 1998, the tide tables sold out within a week.",
     "Written in a hurry, the notice said the moorings would move."],
)
def test_sentences_that_start_like_a_posts_record_stay(line: str) -> None:
    assert line in body_text(page(f"<p>{line}</p>"))


@pytest.mark.parametrize(
    "line",
    ["Share this:", "Like this:", "Sharing is caring!", "12 Comments", "Advertisement",
     "Tags: tides, harbour, weather", "Leave a Reply",
     # how long it takes to read, with or without a date before it, in other languages too
     "5 min read", "Nov 18, 2019 · 4 min read", "Reading time: 3 minutes",
     "Tempo de leitura: 2 minutos",
     # the head of a comment section, and the marks an advertisement leaves in the text
     "3 thoughts on “Low water at the harbour”", "12 Responses",
     "Continue reading the main story", "Story continues below advertisement",
     # a post's tools and a front page's "more" link, printed as text
     "Post a comment", "Email this story Print this story",
     "Printer friendly page Send this article to Friends by E-Mail", "Have your say",
     'Continue reading "Low water at the harbour"'],
)
def test_furniture_lines(monkeypatch: pytest.MonkeyPatch, line: str) -> None:
    block_rule_case(monkeypatch, "drop_furniture_lines", page(after=f"<p>{line}</p>"), line)


@pytest.mark.parametrize(
    "line",
    ["close", "Play Video", "toggle caption", "Image 3 of 12", "2 / 6", "1.2K Shares",
     "345 views", "« Previous Post", "Print", "Compartilhar",
     # pagers of a list or a thread
     "1 2 3 4 5 6 7 8 9 10 Next", "Pages: [1] 2 3 4 5", "Page 2 of 9"],
)
def test_control_lines(monkeypatch: pytest.MonkeyPatch, line: str) -> None:
    html = page(f"<p>{line}</p>")
    block_rule_case(monkeypatch, "drop_control_lines", html, line.replace("«", "").strip())


@pytest.mark.parametrize(
    "line",
    ["<h3>Back to the harbour</h3>", "<p>Watch the water.</p>", "<p>See more photos:</p>",
     "<h3>Open water</h3>", "<p>4 8 15 16 23 42</p>", "<p>Page one of the tide log</p>"],
)
def test_lines_using_control_words_stay(line: str) -> None:
    text = body_text(page(line))
    assert inner_text(line) in text
    assert_article_whole(text)


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for our free newsletter and get the tide times delivered to your inbox.",
        "Follow us on Twitter and Facebook for the latest from the coast.",
        "Photos by Tom Reed. Follow Tom on Instagram for more of the coast.",
        'Get the Gazette delivered every week. <a href="/subscribe">Click here</a> for offers.',
    ],
)
def test_calls_to_action(monkeypatch: pytest.MonkeyPatch, line: str) -> None:
    phrase = line.split(".", maxsplit=1)[0].split("<", maxsplit=1)[0]
    block_rule_case(monkeypatch, "drop_promo_lines", page(after=f"<p>{line}</p>"), phrase)


def test_following_someone_told_is_not_a_call_to_action() -> None:
    line = (
        "Reed says he is often out on the flats at dawn, photographing the boats and the "
        "birds; you can follow him there, or on Instagram."
    )
    assert line in body_text(page(after=f"<p>{line}</p>"))


def test_a_call_to_action_between_paragraphs_is_the_authors_sentence() -> None:
    # Old posts wrote their links as "click here"; between the story's paragraphs such a
    # sentence is the author's, and only below the last one is it the site talking.
    line = "The tide tables for the whole year are online: click here to see them."
    text = body_text(page(f"<p>{line}</p>"))
    assert line in text
    assert line not in body_text(page(after=f"<p>{line}</p>"))


@pytest.mark.parametrize(
    "line",
    [
        "Please enable JavaScript to view the comments powered by Disqus.",
        "Your browser does not support the video tag.",
        "We use cookies to give you the best experience on our website. Accept",
        "Your email address will not be published. Required fields are marked *",
        "Already a subscriber? Log in to keep reading the story.",
        "This article is for subscribers only.",
        "Like this story? Share it with a friend!",
    ],
)
def test_notices_about_the_page(monkeypatch: pytest.MonkeyPatch, line: str) -> None:
    block_rule_case(monkeypatch, "drop_notices", page(after=f"<p>{line}</p>"), line[:20])


@pytest.mark.parametrize(
    "line",
    [
        "The harbour website uses a map of the channel drawn by the survey team in 1998.",
        "Members of the lifeboat crew already knew the channel would dry out by noon.",
        "Readers who want to continue the walk can follow the sea wall to the old fort.",
    ],
)
def test_sentences_that_look_like_notices_stay(line: str) -> None:
    assert line in body_text(page(f"<p>{line}</p>"))


@pytest.mark.parametrize(
    "line",
    [
        '[button link="/submit" type="big"] Send us your harbour photos[/button]',
        '[caption id="attachment_12" align="alignnone"]Boats on the mud[/caption]',
        '[su_box title="Tide tables"] [/su_box]',
    ],
)
def test_unrendered_shortcodes(monkeypatch: pytest.MonkeyPatch, line: str) -> None:
    block_rule_case(monkeypatch, "drop_shortcodes", page(after=f"<p>{line}</p>"), line[:12])


def test_bracketed_sources_are_not_shortcodes() -> None:
    cited = "<p>[The Harbour Log]</p><p>[Tide Tables, 2019 edition]</p>"
    text = body_text(page(after=cited))
    assert "[The Harbour Log]" in text
    assert "[Tide Tables, 2019 edition]" in text


def test_read_more_line_in_the_body(monkeypatch: pytest.MonkeyPatch) -> None:
    line = '<p>Read more: <a href="/ferry">Ferry cancelled as the harbour dries out</a></p>'
    block_rule_case(monkeypatch, "drop_related_links", page(line), "Ferry cancelled")


# The structural link rules take a rail's links as well; the label is the vocabulary's.
LINK_RULES = ("drop_tail_links", "drop_linked_teasers")


def test_labelled_rail_of_links(monkeypatch: pytest.MonkeyPatch) -> None:
    rail = (
        "<p>You may also like...</p>"
        '<p><a href="/a">Storm closes the ferry for a week</a></p>'
        '<p><a href="/b">Lifeboat crew honoured at the palace</a></p>'
    )
    article = block_rule_case(
        monkeypatch, "drop_related_links", page(after=rail), "Storm closes", LINK_RULES
    )
    assert "You may also like" not in to_text(article)


@pytest.mark.parametrize(
    "label",
    ["<h3>Most Read</h3>", "<p>Don't Miss</p>", "<h2>More Great Gazette Stories</h2>",
     "<h4>Related Articles</h4>", "<p>Baca juga</p>", "<h3>— Editor's Picks —</h3>"],
)
def test_rail_label_standing_alone(monkeypatch: pytest.MonkeyPatch, label: str) -> None:
    # No colon or ellipsis marks it as a label: a heading-like line of its own is enough.
    rail = label + '<p><a href="/a">Storm closes the ferry for a week</a></p>'
    article = block_rule_case(
        monkeypatch, "drop_related_links", page(after=rail), "Storm closes", LINK_RULES
    )
    assert inner_text(label) not in to_text(article)


@pytest.mark.parametrize(
    "line",
    ["<h2>Latest readings from the gauge</h2>", "<h3>More than forty boats stranded</h3>",
     "<p>Next, the council will vote on the moorings.</p>"],
)
def test_headings_that_start_like_rail_labels_stay(line: str) -> None:
    text = body_text(page(before=line))
    assert inner_text(line) in text
    assert_article_whole(text)


def test_line_of_links(monkeypatch: pytest.MonkeyPatch) -> None:
    pager = (
        '<p><a href="/1">« Previous chapter</a> | <a href="/toc">Contents</a> | '
        '<a href="/3">Next chapter »</a></p>'
    )
    block_rule_case(monkeypatch, "drop_link_lines", page(after=pager), "Previous chapter")


def test_menu_of_links_with_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    menu = (
        '<p>News: <a href="/front">Front Page</a> | <a href="/coast">Coast</a> | '
        '<a href="/sport">Sport</a> | <a href="/weather">Weather</a> | '
        '<a href="/letters">Letters</a> | Ads: <a href="/jobs">Jobs</a> | '
        '<a href="/sales">Classifieds</a></p>'
    )
    block_rule_case(monkeypatch, "drop_link_lines", page(before=menu), "Front Page")


def test_a_labelled_sentence_with_links_keeps_its_words() -> None:
    line = (
        'Sources: the <a href="/tables">tide tables</a> and the '
        '<a href="/log">harbour log</a>.'
    )
    assert "Sources: the tide tables and the harbour log." in body_text(page(f"<p>{line}</p>"))


def test_a_sentence_full_of_links_keeps_its_words() -> None:
    cited = (
        '<p>Sources: <a href="/a">the harbour log</a>, <a href="/b">the council minutes</a> '
        'and <a href="/c">the tide gauge record</a>.</p>'
    )
    assert "the council minutes" in body_text(page(after=cited))


def test_breadcrumb_above_the_body(monkeypatch: pytest.MonkeyPatch) -> None:
    trail = '<p><a href="/">Home</a> &gt; <a href="/news">News</a> &gt; Coast &gt; Tides</p>'
    block_rule_case(monkeypatch, "drop_breadcrumbs", page(before=trail), "Home > News")


@pytest.mark.parametrize(
    "line",
    [
        "By noon the harbour was empty.",
        "Share prices in the ferry company fell sharply.",
        "Police asked walkers not to follow them on foot across the mud.",
        "The full survey report is a 10 minute read.",
        "One reply to the council came from the lifeboat crew.",
        "Post a comment on the tide tables, and we will print the best of them.",
        "Continue reading at the harbour office: the tables are on the wall.",
    ],
)
def test_sentences_that_look_like_furniture_stay(line: str) -> None:
    text = body_text(page(before=f"<p>{line}</p>"))
    assert line in text


# -- links: what a link's text says it is for -----------------------------------------------

TEASER = '<p><a href="/rescue">Lifeboat crew rescue two walkers cut off by the tide</a></p>'


def test_wholly_linked_headline_between_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    # No label marks it: a headline-long paragraph that is all one link is another story.
    block_rule_case(monkeypatch, "drop_linked_teasers", page(TEASER), "Lifeboat crew rescue")


@pytest.mark.parametrize(
    "line",
    [
        '<p><a href="/shop/almanac">Harbour Almanac 2024</a></p>',
        '<p><a href="https://harbour.example/tides">https://harbour.example/tides</a></p>',
        '<p>The full <a href="/report">report on the spring tide</a> is online.</p>',
    ],
)
def test_short_or_addressed_or_partly_linked_lines_stay(line: str) -> None:
    text = body_text(page(line))
    assert inner_text(line) in text
    assert_article_whole(text)


TAIL_PROMO = (
    '<p>Tide tables: <a href="/shop">get the 2024 harbour almanac from our shop</a></p>'
    '<ul><li><a href="/tag/tides">Tides and the moon, explained</a></li></ul>'
)


def test_mostly_linked_lines_below_the_last_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    article = block_rule_case(monkeypatch, "drop_tail_links", page(after=TAIL_PROMO), "almanac")
    assert "Tides and the moon" not in to_text(article)


@pytest.mark.parametrize(
    "line",
    [
        '<p>Tickets: <a href="https://tides.example">www.tides.example</a></p>',
        '<p>Write to <a href="mailto:desk@tides.example">desk@tides.example</a></p>',
        "<p>Reporting by the harbour desk; editing by the night staff</p>",
        '<p>With <a href="/wires">wires</a> from the coast desk and the ferry office</p>',
    ],
)
def test_credits_and_addresses_below_the_last_paragraph_stay(line: str) -> None:
    text = body_text(page(after=line))
    assert inner_text(line) in text
    assert_article_whole(text)
