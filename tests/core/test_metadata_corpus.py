"""Title, byline, publication date and site name on real pages, checked by hand.

Each row was written by reading the page's HTML (meta tags, JSON-LD, the visible headline
and byline), not by copying what the extractor printed. Where sources disagree, the row says
what a careful person citing the article would write, and a comment says why.
"""

from __future__ import annotations

import gzip

import pytest

from tests.support import paths
from tui.core.extract.metadata.read import read_metadata
from tui.core.extract.pipeline import parse_html

HTML = paths.DATA / "extraction" / "html"

# id prefix, title, byline, published, site name
PAGES = [
    # og:site_name and the <title> both say "WSJ".
    ("042bb7", "Google Stadia, Microsoft xCloud, Apple Arcade: So Many Ways to Play…and Pay",
     "Sarah E. Needleman", "2019-11-19T13:03:00+00:00", "WSJ"),
    # og:title is "Opinion | ...": a section label in front of the headline the page shows.
    ("04a671", "Republicans Are Following Trump to Nowhere", "Jamelle Bouie",
     "2019-11-19T11:00:09+00:00", "The New York Times"),
    # JSON-LD author "By TOM KRISHER, AP Auto Writer": the person, not the role.
    ("058445", "New SUVs and electric vehicles highlight L.A. Auto Show", "Tom Krisher",
     "2019-11-20T06:35:39+00:00", "Connecticut Post"),
    ("06e512", "New York State Attorney General investigating WeWork and former CEO", "Reuters",
     "2019-11-19T07:03:25+00:00", "VentureBeat"),
    # JSON-LD gives 04:31-06:00; article:published_time (04:31 UTC) matches the visible
    # "Nov 19, 2019, 10:31 pm CST".
    ("06ee19", "The VW ID. SPACE VIZZION is a weird EV sports wagon with a secret message",
     "Chris Davies", "2019-11-20T04:31:13+00:00", "SlashGear"),
    # og:site_name is the site's URL; the publisher's name is "News Nation".
    ("076f4f", "Fact Check: Is An 'Oxygen Bar' In Delhi Offering Fresh Air For Rs 300?",
     "News Nation Bureau", "2019-11-19T09:01:42+05:30", "News Nation"),
    # The page's datePublished meta has no zone; it is kept as written.
    ("08f793", "Browns player on Mason Rudolph's role in fight with Myles Garrett: He asked for it",
     "Bryan DeArdo", "2019-11-19T02:24:00", "CBSSports.com"),
    # og:title has straight quotes; the headline shown has curly ones.
    ("098bb3", "‘We had some issues,’ exec says on Disney+ glitches", "Meg James",
     "2019-11-20T01:50:59", "Los Angeles Times"),
    ("0d4612", "Nadal keeps Spain alive against Russia in Davis Cup Finals", "Associated Press",
     "2019-11-19", "Sportsnet.ca"),
    # The page names no author.
    ("0dd135", "BREAKING: Lawan moves motion for Senate’s adjournment over Nzeribe, "
     "Adedoyin’s deaths", None, "2018-10-09T16:02:36+01:00", "The Paradigm"),
    # og:site_name "TheHill" is the slug of JSON-LD's publisher "The Hill".
    ("156770", "South Dakota governor doubles down on 'meth, we're on it' anti-drug campaign",
     "Tess Bonn", "2019-11-19T06:56:43-05:00", "The Hill"),
    ("16c30a", "The law that’s helping fuel Delhi’s deadly air pollution", "Umair Irfan",
     "2019-11-08T15:30:00-05:00", "Vox"),
    ("1ace8c", "New York State Attorney General reportedly investigating WeWork", "Catherine Shu",
     "2019-11-19T04:58:46+00:00", "TechCrunch"),
    # meta author "Finian Cunningham. Sputnik International": the person, not the site.
    ("1f765c", "Royal Self-Indicting Arrogance", "Finian Cunningham", "2019-11-18T21:17:27+00:00",
     "Sputnik International"),
    # No og:site_name; the publisher in JSON-LD is "MacRumors.com".
    ("232a43", "13-Inch MacBook Pro With Scissor Keyboard Expected in First Half of 2020",
     "Joe Rossignol", "2019-11-18T10:45:00+00:00", "MacRumors.com"),
    ("23aaec", "Uma palinha das brincadeiras musicais do grupo Serelepe", "Carlos Nadalim",
     "2018-09-27T09:00:40+00:00", "Como Educar Seus Filhos"),
    ("264dc3", "Zach Parise heating up, scores twice as Wild beat Sabres 4-1", "Bill Hoppe",
     "2019-11-20T02:59:46+00:00", "Twin Cities"),
    # og:title and the <h1> are cut short ("... AirPods and"); JSON-LD has the whole headline.
    ("287e4d", "Daily Deals: More Black Friday Deals Are Live, Including PS4 DualShock Controller, "
     "Apple AirPods and Watches, and More", "Eric Song", "2019-11-18T20:11:06+00:00", "IGN"),
    # article:published_time is "November 19, 2019, 07:47 PM EST": the date is what is sure.
    ("291a8b", "Tim Cook On Apple Being ‘Pulled Into The Enterprise’", "Joseph Tsidulko",
     "2019-11-19", "CRN"),
    # JSON-LD's headline is an SEO rewrite; og:title is the headline shown. No person is
    # named: the author in JSON-LD is the organisation.
    ("2c4680", 'Video shows dramatic rescue of 8-year-old kidnapping victim: "We got her!"',
     "CBS News", "2019-11-19T13:16:49+00:00", "CBS News"),
    # meta author "Condé Nast" is the publisher; JSON-LD and the byline name Molly Wood.
    ("2f42ef", "The Future of Banking Is … You're Broke", "Molly Wood", "2019-11-14T14:00:00+00:00",
     "Wired"),
    ("30b771", "Bike & Style book with soundtrack review", "Tony Carter",
     "2014-06-21T09:41:45+01:00", "MoreBikes"),
    # The post is credited to the site itself; og:site_name adds a tagline after "|".
    ("34a732", "Nollywood Actress, Kate Henshaw Is Looking Stunning In New Photos", "LinkNaija",
     "2018-10-06T08:57:00+02:00", "LinkNaija"),
    # article:author says "Troy Smith"; the visible byline and JSON-LD say "Troy L. Smith,
    # Cleveland.com". The site calls itself cleveland.com in its <title>.
    ("35b158", "Doobie Brothers to reunite with Michael McDonald for Blossom show", "Troy L. Smith",
     "2019-11-19T11:51:32+00:00", "cleveland.com"),
    ("360c73", "Alibaba to raise up to $12.9bn in landmark Hong Kong listing", "Anna Menin",
     "2019-11-20T09:22:35+00:00", "CityAM"),
    # The <title> is a shorter rewrite; og:title and the <h1> carry the headline shown.
    ("374ac9", "Emirates inks $9 billion order for 30 Boeing 787 jets, will restart plans to "
     "expand airline by early 2020s", "Natasha Turak", "2019-11-20T09:29:08+00:00", "CNBC"),
    ("39d5c4", "Beijing tariff demands may expand US-China trade deal", "Reuters",
     "2019-11-20T11:06:01+05:30", "Deccan Herald"),
    # og:site_name "livescience.com"; the <title> and JSON-LD spell "Live Science".
    ("3c5bf8", "Physicists Just Created the Most Detailed Simulation of the Universe in History",
     "Tim Childers", "2019-11-19T12:48:14+00:00", "Live Science"),
    # article:published_time is "November 20, 2019 13:42"; JSON-LD has the same with a zone.
    ("3cb5e2", "All-new 2020 Sentra is what we really want from Nissan PH", "Marcus De Guzman",
     "2019-11-20T13:42:06+08:00", "AutoIndustriya.com"),
    ("3d8f34", "The Wild Story of How Mary Steenburgen Wrote the Best Original Movie Song of the "
     "Year", "David Ehrlich", "2019-11-13T21:26:50+00:00", "IndieWire"),
    # og:site_name "nj"; the <title> ends "- nj.com".
    ("3f65af", "South Dakota doubles down on ‘Meth. We’re on it.’ They just might be.",
     "Amy Kuperinsky", "2019-11-19T01:19:34+00:00", "nj.com"),
    # og:title "Spiced Honey Pear Jam Recipe" is for search; the post's headline (h1 and
    # JSON-LD BlogPosting) is the one below.
    ("4219d0", "Homemade Spiced Honey Pear Jam for the Holidays", "Regan",
     "2017-12-06T09:54:11+00:00", "The Anti-June Cleaver"),
    # JSON-LD's "19 Nov 2019 07:09 GMT" and the visible "05:44 GMT" disagree on the time.
    ("42aad1", "NASA’s commercial moon shot: Musk's and Bezos's firms to bid", "Laura Winter",
     "2019-11-19", "Al Jazeera"),
    ("432362", "Chinese hunter catches bubonic plague after eating wild rabbit",
     "Natalie Musumeci", "2019-11-18T21:10:29+00:00", "New York Post"),
    ("513745", "Home Depot sales miss, shares plunge", "Jonathan Garber",
     "2019-11-19T06:12:56-05:00", "Fox Business"),
    # The newsletter that writes the column is its byline.
    ("55bb63", "Opening Bell 11.18.19", "The Water Coolest", "2019-11-18T11:30:00+00:00",
     "Dealbreaker"),
    # og:site_name is "U.S." (a section); the <title> and host name say Reuters.
    ("57d46c", "Oversupply angst drags oil lower, stocks drift near highs", "Rodrigo Campos",
     "2019-11-19T21:57:01+00:00", "Reuters"),
    # An unsigned wire roundup: no author anywhere on the page.
    ("5caf91", "The Latest: Man stabbed to death on San Francisco Bay train", None,
     "2019-11-20T05:57:50+00:00", "SFGate"),
    # og:title adds "| Editorial" (the byline); og:site_name "the Guardian", <title> "The
    # Guardian".
    ("5fa315", "The Guardian view on Hong Kong: a city on the brink", "Editorial",
     "2019-11-18T18:54:53+00:00", "The Guardian"),
    ("5fa567", "The Future of Apple Innovation Is Backwards", "Adam Clark Estes",
     "2019-11-18T17:30:00-05:00", "Gizmodo"),
    ("624fcd", "Hong Kong chaos: China deploys troops and warns SURRENDER is only option",
     "Laura Mowat", "2019-11-19T10:48:00+00:00", "Express.co.uk"),
    # og:title uses " - " and a site suffix; the headline shown has an en dash.
    ("63db31", "Star Wars Jedi: Fallen Order review – shoots for the moon, lands among the stars",
     "Sherif Saed", "2019-11-20T08:05:26+00:00", "VG247"),
    # JSON-LD's date is a placeholder (0001-01-01); the page shows "Nov 19, 2019".
    ("65ce3a", "Tuesday's college football: Eastern Michigan routs Northern Illinois to become "
     "bowl eligible", "Detroit News wire services", "2019-11-19", "The Detroit News"),
    # The <h1> on this page belongs to another story; og:title has this one's headline.
    ("680c28", "The Early Reviews For Google's Stadia Gaming Platform Are Here — And They're Not "
     "Great", "Dallas Robinson", "2019-11-18T17:19:53+00:00", "Digg"),
    ("6a72de", "Browns’ defensive snap counts, stats, and notes: Week 11", "Chris Pokorny",
     "2019-11-18T11:47:23-05:00", "Dawgs By Nature"),
    # og:title is an SEO headline; the page shows the one below. og:site_name "usatoday"
    # is the slug of JSON-LD's publisher name; the date in JSON-LD is a placeholder.
    ("776a1c", "South Dakota says, 'Meth. We're On It,' and Twitter asks, Are you guys OK?",
     "Lisa Kaczke and Trevor J. Mitchell", "2019-11-19", "USA TODAY"),
    ("785aff", "Star Trek 4 eyes Fargo, Legion creator Noah Hawley to direct", "Chaim Gartenberg",
     "2019-11-19T19:53:52-05:00", "The Verge"),
    ("7a457a", "New York man pleads guilty to threatening to kill Rep. Ilhan Omar", "Phil Helsel",
     "2019-11-19T08:41:00+00:00", "NBC News"),
    # JSON-LD names only the first of the three authors the visible byline lists.
    ("7a664e", "Key moments from Kurt Volker's and Tim Morrison's impeachment hearing testimony",
     "Stefan Becket, Kathryn Watson, Grace Segers", "2019-11-20T06:07:01+00:00", "CBS News"),
    ("7bb1ca", "A Man Developed 'Feather Duvet Lung' After Getting New Bedding", "Ed Cara",
     "2019-11-18T18:30:00-05:00", "Gizmodo"),
    ("7dfc3e", "James Van Der Beek eliminated from 'Dancing with the Stars' after announcing wife "
     "suffered miscarriage", "Andy Sahadeo", "2019-11-19T07:43:27-05:00", "Fox News"),
    # og:title is in sentence case; the headline shown (and JSON-LD) in title case.
    ("7f93c1", "Cannabis Use Disorder is Rising in U.S. States Where Weed is Legal",
     "Kashmira Gander", "2019-11-13T16:00:01-05:00", "Newsweek"),
]


def _page(prefix: str) -> tuple[str, str]:
    (path,) = HTML.glob(f"{prefix}*.html.gz")
    return gzip.decompress(path.read_bytes()).decode("utf-8", "replace"), path.name


@pytest.mark.parametrize(("prefix", "title", "byline", "published", "site"), PAGES,
                         ids=[row[0] for row in PAGES])
def test_metadata_checked_by_hand(prefix, title, byline, published, site) -> None:
    html, _ = _page(prefix)
    meta = read_metadata(parse_html(html), None)
    assert (meta.title, meta.byline, meta.published, meta.site_name) == (
        title, byline, published, site
    )


def test_the_table_covers_thirty_pages_or_more() -> None:
    assert len({row[0] for row in PAGES}) >= 30
