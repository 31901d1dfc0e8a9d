"""Exporting part of the notebook into a file that holds more, or less (issue 13, finding 4).

A subset export into a file merges per article and per region: it updates or adds its own
regions, keeps the others, the header and the title, and never writes one article's title or
metadata over a file holding several. Goldens in tests/golden/export/merge/
(``GLOSS_UPDATE_GOLDEN=1`` rewrites them; review the diff).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.core.test_export_golden import check_golden
from tests.core.test_export_seed import seed
from tui.core.export.errors import ExportError
from tui.core.export.exporter import ExportOptions, Scope, export_file, export_text
from tui.core.model.article import Article, Block, BlockKind
from tui.core.model.highlight import Highlight, Target
from tui.core.model.records import SavedArticle

CAFE_URL = "https://example.com/cafe"


def records() -> tuple[list[SavedArticle], list[Highlight], dict[str, Article]]:
    """The seed (three highlights) and a second article with one, tagged philosophy."""
    s = seed()
    cafe = Article(
        title="Café notes",
        blocks=(Block(BlockKind.PARAGRAPH, "Bergson wrote of an élan vital, a vital push."),),
        url=CAFE_URL,
        canonical_url=CAFE_URL,
    )
    record = replace(SavedArticle.from_article(cafe), saved="2026-12-01T08:00:00Z")
    start = cafe.text.index("élan vital")
    bergson = Highlight(
        article_id=record.id,
        target=Target.of(cafe.text, start, start + 10, cafe.text_hash),
        tags=("philosophy",),
        color="pink",
        id="c0ffee00-1111-4222-8333-444455556666",
        created="2026-12-01T08:05:00Z",
    )
    return [s.record, record], [*s.highlights, bergson], {**s.bodies, record.id: cafe}


def test_subset_into_full_updates_its_regions_and_keeps_the_rest(tmp_path: Path) -> None:
    articles, highlights, bodies = records()
    out = tmp_path / "review.md"
    export_file(out, articles, highlights, bodies=bodies)
    full = out.read_text(encoding="utf-8")
    assert full.startswith("---\ntitle: Gloss highlights\n")
    # The critic edits the one "character" highlight, then exports only that tag.
    craft = highlights[1]
    assert craft.tags == ("character",)
    edited = [replace(h, note="Kilgrave, the show's best villain") if h is craft else h
              for h in highlights]
    report = export_file(out, articles, edited, scope=Scope.of_tags("character"), bodies=bodies)
    assert report.files[0].action == "updated"
    assert report.files[0].regions.updated == [f"id={craft.id}"]
    text = out.read_text(encoding="utf-8")
    check_golden("merge/subset-into-full.md", text)
    # Exactly what a full export of the notebook as it is now gives.
    assert text == export_text(articles, edited, bodies=bodies)


def test_subset_of_another_article_into_an_article_file_makes_a_collection(
    tmp_path: Path,
) -> None:
    articles, highlights, bodies = records()
    out = tmp_path / "review.md"
    export_file(out, articles, highlights, scope=Scope.of_tags("character"), bodies=bodies)
    assert "gloss_id: be754a88b1240262" in out.read_text(encoding="utf-8")
    export_file(out, articles, highlights, scope=Scope.of_tags("philosophy"), bodies=bodies)
    text = out.read_text(encoding="utf-8")
    # Not the café's title over the seed's quote: a collection of both, each under its own.
    assert text.startswith("---\ntitle: Gloss highlights\ntags:\n  - character\n")
    assert "gloss_id" not in text and "author:" not in text
    assert text.count("<!-- gloss:begin article=") == 2
    assert "# Gloss highlights" in text


def test_full_into_subset(tmp_path: Path) -> None:
    articles, highlights, bodies = records()
    out = tmp_path / "review.md"
    export_file(out, articles, highlights, scope=Scope.of_tags("philosophy"), bodies=bodies)
    assert out.read_text(encoding="utf-8").startswith("---\ntitle: Café notes\n")
    export_file(out, articles, highlights, bodies=bodies)
    text = out.read_text(encoding="utf-8")
    check_golden("merge/full-into-subset.md", text)
    assert text == export_text(articles, highlights, bodies=bodies)


def test_by_tag_into_by_article_is_refused_and_the_file_kept(tmp_path: Path) -> None:
    articles, highlights, bodies = records()
    out = tmp_path / "review.md"
    export_file(out, articles, highlights, bodies=bodies)
    before = out.read_text(encoding="utf-8")
    check_golden("merge/by-article.md", before)
    with pytest.raises(ExportError) as raised:
        export_file(out, articles, highlights, ExportOptions(layout="tag"),
                    scope=Scope.of_tags("character"), bodies=bodies)
    assert str(raised.value) == (
        f"{out} holds an export laid out by article; export by article into it, "
        "or by tag into another file (--force replaces it)"
    )
    assert out.read_text(encoding="utf-8") == before
    # --force replaces it with the export asked for.
    export_file(out, articles, highlights, ExportOptions(layout="tag"), bodies=bodies,
                force=True)
    assert out.read_text(encoding="utf-8") == export_text(
        articles, highlights, ExportOptions(layout="tag"), bodies=bodies
    )


def test_a_json_subset_into_a_full_json_file_keeps_the_others(tmp_path: Path) -> None:
    articles, highlights, _ = records()
    out = tmp_path / "highlights.json"
    json_options = ExportOptions(format="json")
    export_file(out, articles, highlights, json_options)
    full = out.read_text(encoding="utf-8")
    report = export_file(out, articles, highlights, json_options,
                         scope=Scope.of_tags("philosophy"))
    assert report.files[0].action == "unchanged"
    assert out.read_text(encoding="utf-8") == full
    # A deleted highlight goes; the others stay, whatever the scope.
    export_file(out, articles, highlights[1:], json_options, scope=Scope.of_tags("philosophy"))
    assert out.read_text(encoding="utf-8") == export_text(articles, highlights[1:], json_options)


def test_one_article_unchanged_into_a_collection_is_reported_unchanged(tmp_path: Path) -> None:
    """Re-exporting one article's scope into the collection it is part of, nothing changed
    in the notebook: the file stays byte for byte and the report says "unchanged". The
    other article's tags are spelt differently in Obsidian ("read later" is "read-later"):
    the tags its quotes keep in the front matter are counted in that spelling too."""
    articles, highlights, bodies = records()
    highlights = [replace(h, tags=("read later", "C++")) if h.article_id == articles[1].id
                  else h for h in highlights]
    out = tmp_path / "review.md"
    export_file(out, articles, highlights, bodies=bodies)
    before = out.read_text(encoding="utf-8")
    assert "  - C-plus-plus\n" in before and "  - read-later\n" in before
    for article in articles:
        report = export_file(out, articles, highlights, scope=Scope.of_articles(article.id),
                             bodies=bodies)
        assert out.read_text(encoding="utf-8") == before
        assert report.files[0].action == "unchanged"
        regions = report.files[0].regions
        assert regions.updated == [] and regions.added == [] and regions.removed == []
