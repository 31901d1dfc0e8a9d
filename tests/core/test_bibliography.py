"""The bibliography export: CSL-JSON and BibTeX of the seed (goldens), entry shapes, keys,
and files Gloss did or did not write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.test_export_golden import check_golden
from tests.core.test_export_seed import seed
from tui.core.export.bibliography import (
    bibliography,
    bibtex_entry,
    citation_keys,
    csl_item,
    is_gloss_bibliography,
    write_bibliography,
)
from tui.core.export.errors import ForeignFileError
from tui.core.model.records import SavedArticle


@pytest.mark.parametrize(("fmt", "golden"), [("csl-json", "bibliography.json"),
                                             ("bibtex", "bibliography.bib")])
def test_seed_bibliography_matches_golden(fmt: str, golden: str) -> None:
    s = seed()
    check_golden(golden, bibliography([s.record], fmt, s.bodies))  # type: ignore[arg-type]


def _article(**fields: object) -> SavedArticle:
    base = {"id": "a", "title": "A Title", "url": "https://example.com/a",
            "saved": "2026-01-02T03:04:05Z"}
    return SavedArticle(**{**base, **fields})  # type: ignore[arg-type]


BASE = {"id": "k", "type": "webpage", "title": "A Title", "URL": "https://example.com/a",
        "accessed": {"date-parts": [[2026, 1, 2]]}, "source": "Gloss"}


@pytest.mark.parametrize(
    ("fields", "extra"),
    [
        ({}, {}),  # no author, no date, no site
        ({"byline": "Ann Lee, Bo Park & Cy Dunn", "published": "2020-03"},
         {"author": [{"family": "Lee", "given": "Ann"}, {"family": "Park", "given": "Bo"},
                     {"family": "Dunn", "given": "Cy"}],
          "issued": {"date-parts": [[2020, 3]]}}),
        # An organisation (one word) is a literal name; a byline equal to the site is no author.
        ({"byline": "Reuters", "site_name": "Reuters Wire"},
         {"author": [{"literal": "Reuters"}], "container-title": "Reuters Wire"}),
        ({"byline": "CinemaBlend", "site_name": "CinemaBlend"}, {"container-title": "CinemaBlend"}),
        ({"byline": "Martin Luther King Jr.", "published": "1963"},
         {"author": [{"family": "King", "given": "Martin Luther", "suffix": "Jr."}],
          "issued": {"date-parts": [[1963]]}}),
        ({"canonical_url": "https://example.com/canonical", "published": "not a date"},
         {"URL": "https://example.com/canonical"}),
        ({"url": "file:///tmp/a.html", "title": "  Two\n lines  "},
         {"URL": None, "title": "Two lines"}),
    ],
)
def test_csl_item_shapes(fields: dict[str, object], extra: dict[str, object]) -> None:
    expected = {**BASE, **extra}
    expected = {k: v for k, v in expected.items() if v is not None}
    assert csl_item(_article(**fields), "k") == expected


def test_bibtex_entry_escapes_and_protects() -> None:
    article = _article(title="R&D at 50% for $5: The #1 Plan_B", byline="Ann Lee",
                       site_name="Q&A Site", published="2024-02-29")
    assert bibtex_entry(article, "lee2024r") == (
        "@misc{lee2024r,\n"
        "  author = {Lee, Ann},\n"
        # Capitals a lowering style must keep are braced: after the first word, the words
        # sentence case keeps (here the whole title is kept: not in title case).
        r"  title = {R\&{D} at 50\% for \$5: {The} \#1 {Plan\_B}}," "\n"
        r"  howpublished = {Q\&A Site}," "\n"
        "  year = {2024},\n"
        "  month = feb,\n"
        "  date = {2024-02-29},\n"
        "  url = {https://example.com/a},\n"
        "  urldate = {2026-01-02}\n"
        "}"
    )


def test_citation_keys_are_ascii_and_unique() -> None:
    articles = [
        _article(id="1", byline="José Núñez", published="2021", title="The Ñandú Question"),
        _article(id="2", byline="José Núñez", published="2021", title="Ñandú Again"),
        _article(id="3", title="Of the People"),
        _article(id="4", site_name="El País", title="¿Qué pasa?"),
    ]
    assert citation_keys(articles) == {
        "1": "nunez2021nandu", "2": "nunez2021nandua", "3": "anonndpeople", "4": "paisndque",
    }


def test_a_file_gloss_did_not_write_is_kept_unless_forced(tmp_path: Path) -> None:
    s = seed()
    out = tmp_path / "refs.bib"
    out.write_text("@book{mine, title={Mine}}\n", encoding="utf-8")
    with pytest.raises(ForeignFileError, match="not written by Gloss"):
        write_bibliography(out, [s.record], "bibtex", s.bodies)
    assert out.read_text(encoding="utf-8") == "@book{mine, title={Mine}}\n"
    assert write_bibliography(out, [s.record], "bibtex", s.bodies, force=True) == "replaced"
    assert write_bibliography(out, [s.record], "bibtex", s.bodies) == "unchanged"
    assert write_bibliography(out, [], "bibtex") == "updated"
    assert is_gloss_bibliography(out.read_text(encoding="utf-8"), "bibtex")


def test_csl_json_file_is_recognised(tmp_path: Path) -> None:
    s = seed()
    out = tmp_path / "refs.json"
    assert write_bibliography(out, [s.record], "csl-json") == "created"
    assert json.loads(out.read_text(encoding="utf-8"))[0]["id"] == "venable2016defenders"
    assert is_gloss_bibliography(out.read_text(encoding="utf-8"), "csl-json")
    assert not is_gloss_bibliography('[{"id": "x"}]', "csl-json")
    assert not is_gloss_bibliography("not json", "csl-json")
