"""Citations in MLA, APA and Chicago from an article's metadata; the quote block ``y`` copies."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.core.test_export_seed import KEY_QUOTE, URL, seed
from tui.core.export.citation import Person, accessed_on, cite, date_parts, people, quote_block
from tui.core.model.records import SavedArticle

PATH = URL.removeprefix("https://")
TITLE = "How The Defenders Is Affecting Jessica Jones Season 2"
# Sentence case: the article's text writes Defenders, Jessica Jones and Season 2 with
# capitals mid-sentence (proper nouns); "The", "Is" and "Affecting" are lowered.
APA_TITLE = "How the Defenders is affecting Jessica Jones Season 2"


@pytest.mark.parametrize(
    ("style", "accessed", "expected"),
    [
        ("mla", None, f"Venable, Nick. “{TITLE}.” *CinemaBlend*, 13 Aug. 2016, {PATH}."),
        ("mla", date(2026, 11, 23),
         f"Venable, Nick. “{TITLE}.” *CinemaBlend*, 13 Aug. 2016, {PATH}. Accessed 23 Nov. 2026."),
        # APA 7: the title in sentence case, and no "Retrieved ... from" (that is for pages
        # designed to change): the access date changes nothing.
        ("apa", None, f"Venable, N. (2016, August 13). *{APA_TITLE}*. CinemaBlend. https://{PATH}"),
        ("apa", date(2026, 11, 23),
         f"Venable, N. (2016, August 13). *{APA_TITLE}*. CinemaBlend. https://{PATH}"),
        ("chicago", None, f"Venable, Nick. “{TITLE}.” CinemaBlend, August 13, 2016. https://{PATH}."),
        ("chicago", date(2026, 11, 23),
         f"Venable, Nick. “{TITLE}.” CinemaBlend, August 13, 2016. Accessed November 23, 2026. "
         f"https://{PATH}."),
    ],
)
def test_seed_citations(style: str, accessed: date | None, expected: str) -> None:
    s = seed()
    assert cite(s.record, style, accessed, text=s.article.text) == expected  # type: ignore[arg-type]


def test_plain_citation_has_no_markup() -> None:
    record = replace(seed().record, title="Stars *and* [brackets]")
    assert cite(record, "mla", markdown=False) == (
        f"Venable, Nick. “Stars *and* [brackets].” CinemaBlend, 13 Aug. 2016, {PATH}."
    )
    assert cite(record, "mla").startswith("Venable, Nick. “Stars \\*and\\* \\[brackets\\].”")


def _article(**fields: object) -> SavedArticle:
    base = {"id": "a", "title": "A Title", "url": "https://example.com/a", "saved": ""}
    return SavedArticle(**{**base, **fields})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "style", "expected"),
    [
        ({}, "mla", "“A Title.” example.com/a."),
        ({}, "apa", "*A Title*. (n.d.). https://example.com/a"),
        ({}, "chicago", "“A Title.” https://example.com/a."),
        ({"byline": "Ann Lee and Bo Park", "published": "2020-03"}, "mla",
         "Lee, Ann, and Bo Park. “A Title.” Mar. 2020, example.com/a."),
        ({"byline": "Ann Lee, Bo Park & Cy Dunn"}, "mla",
         "Lee, Ann, et al. “A Title.” example.com/a."),
        ({"byline": "Ann Lee, Bo Park & Cy Dunn", "published": "2020"}, "apa",
         "Lee, A., Park, B., & Dunn, C. (2020). *A Title*. https://example.com/a"),
        ({"byline": "Ann Lee, Bo Park & Cy Dunn"}, "chicago",
         "Lee, Ann, Bo Park, and Cy Dunn. “A Title.” https://example.com/a."),
        ({"title": "Why Now?", "site_name": "The Site"}, "mla",
         "“Why Now?” *The Site*, example.com/a."),
        ({"title": "Why Now?"}, "apa", "*Why Now?* (n.d.). https://example.com/a"),
        ({"title": 'The "Best" Show'}, "chicago", "“The ‘Best’ Show.” https://example.com/a."),
        ({"byline": "CinemaBlend", "site_name": "CinemaBlend"}, "mla",
         "“A Title.” *CinemaBlend*, example.com/a."),
        ({"url": None}, "mla", "“A Title.”"),
        ({"url": "file:///tmp/a.html", "published": "not a date"}, "apa", "*A Title*. (n.d.)."),
    ],
)
def test_citation_variants(fields: dict[str, object], style: str, expected: str) -> None:
    assert cite(_article(**fields), style) == expected  # type: ignore[arg-type]


BODY = "Reuters said on Monday that the Paris talks on the climate report had ended."
LONG = ("An Unusually Long Title That Goes On and On About the Many Things a Headline Writer "
        "Wanted to Say About Paris")


@pytest.mark.parametrize(
    ("fields", "text", "expected"),
    [
        # Organisation as author and site: APA 7 keeps the author and omits the site (MLA,
        # the other way round, starts with the title).
        ({"byline": "Reuters", "site_name": "Reuters", "published": "2024-01-08",
          "title": "Climate Talks In Paris End"}, BODY,
         "Reuters. (2024, January 8). *Climate talks in Paris end*. https://example.com/a"),
        ({"byline": "Reuters", "site_name": "Reuters Wire", "title": "Climate Talks End"}, BODY,
         "Reuters. (n.d.). *Climate talks end*. Reuters Wire. https://example.com/a"),
        # A subtitle keeps its first capital.
        ({"title": "The Report: What The Talks Mean For Paris"}, BODY,
         "*The report: What the talks mean for Paris*. (n.d.). https://example.com/a"),
        # Not English, or not in title case: left as the page gives it.
        ({"title": "Die Zukunft der Arbeit: Was kommt nach dem Büro?",
          "byline": "Jürgen Müller", "site_name": "Die Zeit", "published": "2023-05-04"}, None,
         "Müller, J. (2023, May 4). *Die Zukunft der Arbeit: Was kommt nach dem Büro?* Die Zeit. "
         "https://example.de/a"),
        ({"title": LONG}, BODY,
         "*An unusually long title that goes on and on about the many things a headline writer "
         "wanted to say about Paris*. (n.d.). https://example.com/a"),
        # A particle stays with the family name.
        ({"title": "Letters", "byline": "Vincent van Gogh", "published": "1888-09-08"}, None,
         "van Gogh, V. (1888, September 8). *Letters*. https://example.com/a"),
    ],
)
def test_apa_shapes(fields: dict[str, object], text: str | None, expected: str) -> None:
    url = "https://example.de/a" if "Müller" in str(fields.get("byline")) else None
    article = _article(**fields, **({"url": url} if url else {}))
    assert cite(article, "apa", date(2026, 1, 2), text=text) == expected


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Nick Venable", [Person("Nick", "Venable")]),
        ("Vincent van Gogh", [Person("Vincent", "van Gogh")]),
        ("Martin Luther King Jr.", [Person("Martin Luther", "King", "Jr.")]),
        ("Madonna", [Person("", "Madonna")]),
        ("A. B. Smith; C. Jones", [Person("A. B.", "Smith"), Person("C.", "Jones")]),
        ("", []),
        (None, []),
    ],
)
def test_people(byline: str | None, expected: list[Person]) -> None:
    assert people(byline) == expected


def test_name_forms() -> None:
    person = Person("Jean-Paul Marie", "Sartre")
    assert person.inverted == "Sartre, Jean-Paul Marie"
    assert person.natural == "Jean-Paul Marie Sartre"
    assert person.initials == "Sartre, J.-P. M."


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-08-13T14:30:00-07:00", (2016, 8, 13)),  # the day as written, not shifted to UTC
        ("2016-08-13", (2016, 8, 13)),
        ("2016-08", (2016, 8, None)),
        ("2016", (2016, None, None)),
        ("2016-13-01", None),
        ("August 2016", None),
        (None, None),
    ],
)
def test_date_parts(value: str | None, expected: tuple[int, int | None, int | None] | None) -> None:
    assert date_parts(value) == expected


def test_accessed_on_reads_saved_times() -> None:
    assert accessed_on("2026-11-20T09:15:00Z") == date(2026, 11, 20)
    assert accessed_on("") is None and accessed_on("garbage") is None


def test_unknown_style_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown citation style"):
        cite(seed().record, "harvard")  # type: ignore[arg-type]


def test_quote_block_is_the_quote_then_its_citation() -> None:
    s = seed()
    assert quote_block(s.key, s.record, "apa", text=s.article.text) == (
        f"> {KEY_QUOTE}\n>\n> — Venable, N. (2016, August 13). *{APA_TITLE}*. CinemaBlend. "
        f"https://{PATH}"
    )
    lines = quote_block(s.across, s.record).split("\n")
    assert all(line.startswith(">") for line in lines)
    assert lines[:3] == ["> So far so good. It's working out.", ">",
                         "> That's a pretty fantastic way of tackling the complicated process"]


BOOK = SavedArticle(
    id="b1", title="The Shallows: What the Internet Is Doing to Our Brains", url=None,
    byline="Nicholas Carr", saved="2024-03-03T10:00:00Z", imported_from="kindle",
)


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        # A book: its title in italics, and no date of access (that is for web pages).
        ("mla", "Carr, Nicholas. *The Shallows: What the Internet Is Doing to Our Brains*."),
        ("chicago", "Carr, Nicholas. *The Shallows: What the Internet Is Doing to Our Brains*."),
    ],
)
def test_an_imported_book_is_cited_as_a_book(style: str, expected: str) -> None:
    assert cite(BOOK, style, date(2026, 12, 6)) == expected  # type: ignore[arg-type]


def test_a_page_without_an_address_is_not_a_book() -> None:
    # Opened from stdin with no declared URL: not imported, so still an article.
    piped = replace(BOOK, imported_from=None)
    assert not piped.is_book and BOOK.is_book
    assert cite(piped, "mla", date(2026, 12, 6)).endswith("Accessed 6 Dec. 2026.")


def test_an_imported_book_in_csl_json_and_bibtex() -> None:
    from tui.core.export.bibliography import bibtex_entry, csl_item

    item = csl_item(BOOK, "carrnd")
    assert item["type"] == "book" and "accessed" not in item
    assert bibtex_entry(BOOK, "carrnd") == (
        "@book{carrnd,\n  author = {Carr, Nicholas},\n"
        "  title = {The {Shallows}: {What} the {Internet} Is {Doing} to Our {Brains}}\n}"
    )
