"""Golden files: the seed sample exported with each shipped template, to a file and a folder,
and as Web Annotation JSON. ``GLOSS_UPDATE_GOLDEN=1 pytest tests/core/test_export_golden.py``
rewrites them; review the diff before committing.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from tests.core.test_export_seed import KEY_QUOTE, SAVED, TITLE, URL, seed
from tests.support import paths
from tui.core.export.exporter import ExportOptions, export_file, export_folder, export_text
from tui.core.export.merge import regions_in
from tui.core.export.template import load_template, shipped_templates

GOLDEN = paths.GOLDEN / "export"
UPDATE = os.environ.get("GLOSS_UPDATE_GOLDEN") == "1"


def check_golden(relative: str, text: str) -> None:
    path = GOLDEN / relative
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.is_file(), f"no golden file {path}: run with GLOSS_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


def test_every_shipped_template_has_golden_files() -> None:
    assert {"article", "tags"} <= set(shipped_templates())
    for name in shipped_templates():
        assert (GOLDEN / f"{name}.md").is_file() or UPDATE, name
        assert (GOLDEN / f"folder-{name}").is_dir() or UPDATE, name


@pytest.mark.parametrize("template", shipped_templates())
def test_one_file_matches_golden(template: str, tmp_path: Path) -> None:
    s = seed()
    options = ExportOptions(template=template)
    report = export_file(tmp_path / "out.md", [s.record], s.highlights, options, bodies=s.bodies)
    assert [f.action for f in report.files] == ["created"]
    text = (tmp_path / "out.md").read_text(encoding="utf-8")
    check_golden(f"{template}.md", text)
    # stdout gets the same document, and exporting again changes nothing.
    assert export_text([s.record], s.highlights, options, bodies=s.bodies) == text
    again = export_file(tmp_path / "out.md", [s.record], s.highlights, options, bodies=s.bodies)
    assert [f.action for f in again.files] == ["unchanged"]


@pytest.mark.parametrize("template", shipped_templates())
def test_folder_matches_golden(template: str, tmp_path: Path) -> None:
    s = seed()
    options = ExportOptions(template=template)
    export_folder(tmp_path, [s.record], s.highlights, options, bodies=s.bodies)
    written = sorted(p.name for p in tmp_path.iterdir())
    if UPDATE:
        for stale in (GOLDEN / f"folder-{template}").glob("*.md"):
            stale.unlink()
    for name in written:
        check_golden(f"folder-{template}/{name}", (tmp_path / name).read_text(encoding="utf-8"))
    assert written == sorted(p.name for p in (GOLDEN / f"folder-{template}").iterdir())


@pytest.mark.parametrize("style", ["apa", "chicago"])
def test_other_citation_styles_match_golden(style: str) -> None:
    """The seed in APA 7 (sentence case, no "Retrieved ... from") and Chicago 17."""
    s = seed()
    options = ExportOptions(citation_style=style)  # type: ignore[arg-type]
    check_golden(f"article-{style}.md", export_text([s.record], s.highlights, options,
                                                   bodies=s.bodies))


def test_folder_by_article_is_one_file_named_after_the_title(tmp_path: Path) -> None:
    s = seed()
    export_folder(tmp_path, [s.record], s.highlights, bodies=s.bodies)
    assert [p.name for p in tmp_path.iterdir()] == [f"{TITLE}.md"]
    assert (tmp_path / f"{TITLE}.md").read_text() == (GOLDEN / "article.md").read_text()


def test_folder_by_tag_is_one_file_per_tag(tmp_path: Path) -> None:
    s = seed()
    export_folder(tmp_path, [s.record], s.highlights, ExportOptions(layout="tag"))
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["Untagged highlights.md", "character.md", "collaboration.md", "defenders.md"]


def test_json_matches_golden() -> None:
    s = seed()
    check_golden("annotations.json", export_text([s.record], s.highlights,
                                                 ExportOptions(format="json")))


def front_matter(text: str) -> dict[str, object]:
    assert text.startswith("---\n")
    return yaml.safe_load(text[4 : text.index("\n---\n")])


def test_front_matter_reads_back_as_the_metadata() -> None:
    s = seed()
    data = front_matter((GOLDEN / "article.md").read_text())
    assert data == {
        "title": TITLE,
        "author": "Nick Venable",
        "site": "CinemaBlend",
        "url": URL,
        "published": "2016-08-13T14:30:00-07:00",
        "saved": SAVED,
        "tags": ["character", "collaboration", "defenders"],
        "gloss_id": s.record.id,
    }


def test_key_highlight_in_the_article_export() -> None:
    s = seed()
    regions = dict(regions_in((GOLDEN / "article.md").read_text()))
    body = regions[f"id={s.key.id}"]
    quote, rest = body.split("\n\n", 1)
    assert quote == "> " + KEY_QUOTE
    assert rest.startswith("^hl-0b6c1f5e8d2a\n\n" + s.key.note + "\n\n#collaboration #defenders")
    link = f"[Open passage]({URL}#:~:text=My%20colleagues%20Marco%20Ramirez,"
    assert link + "good.%20It%27s%20working%20out.)" in rest
    # The highlight over two paragraphs keeps every line, the blank one too, in its quote.
    across = regions[f"id={s.across.id}"].split("\n\n^hl-")[0]
    assert across == (
        "> So far so good. It's working out.\n>\n"
        "> That's a pretty fantastic way of tackling the complicated process"
    )


def test_regions_follow_reading_order_after_the_header() -> None:
    s = seed()
    keys = [key for key, _ in regions_in((GOLDEN / "article.md").read_text())]
    assert keys == [f"article={s.record.id}", f"id={s.craft.id}", f"id={s.key.id}",
                    f"id={s.across.id}"]


def test_quote_board_sections_and_citations() -> None:
    s = seed()
    regions = regions_in((GOLDEN / "tags.md").read_text())
    sections = [key for key, _ in regions if " " not in key]
    assert sections == ["header", "tag=character", "tag=collaboration", "tag=defenders",
                        "untagged"]
    bodies = dict(regions)
    citation = (
        "> — Venable, Nick. “How The Defenders Is Affecting Jessica Jones Season 2.” "
        "*CinemaBlend*, 13 Aug. 2016, www.cinemablend.com/television/1545310/"
        "how-the-defenders-is-affecting-jessica-jones-season-2. Accessed 20 Nov. 2026."
    )
    for key in (f"tag=collaboration id={s.key.id}", f"tag=defenders id={s.key.id}"):
        assert bodies[key].startswith("> " + KEY_QUOTE + "\n>\n" + citation + "\n\n")


def test_templates_compile_once() -> None:
    assert load_template("article") is load_template("article")
    assert load_template(None, "tag") is load_template("tags")


def _file_texts(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def test_a_tag_named_untagged_has_its_own_file(tmp_path: Path) -> None:
    """The untagged section's file cannot be taken for a tag's: no tag has a space or capital."""
    s = seed()
    named = replace(s.craft, tags=("untagged",))
    highlights = [s.key, named, s.across]  # s.across has no tag
    options = ExportOptions(layout="tag")
    export_folder(tmp_path, [s.record], highlights, options)
    first = _file_texts(tmp_path)
    assert sorted(first) == ["Untagged highlights.md", "collaboration.md",
                             "defenders.md", "untagged.md"]
    assert "gloss:begin tag=untagged id=" + s.craft.id in first["untagged.md"]
    assert "gloss:begin untagged id=" + s.craft.id not in first["Untagged highlights.md"]
    assert "gloss:begin untagged id=" + s.across.id in first["Untagged highlights.md"]
    export_folder(tmp_path, [s.record], highlights, options)  # again: nothing moves
    assert _file_texts(tmp_path) == first


def test_an_untagged_file_from_before_is_found_again(tmp_path: Path) -> None:
    """A vault exported before the untagged file was renamed keeps its untagged.md."""
    s = seed()
    for golden in (GOLDEN / "folder-tags-v1").iterdir():
        (tmp_path / golden.name).write_bytes(golden.read_bytes())
    (tmp_path / "untagged.md").write_text(
        (tmp_path / "untagged.md").read_text(encoding="utf-8") + "\nMy own words.\n",
        encoding="utf-8",
    )
    export_folder(tmp_path, [s.record], s.highlights, ExportOptions(layout="tag"))
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "character.md", "collaboration.md", "defenders.md", "untagged.md"]
    text = (tmp_path / "untagged.md").read_text(encoding="utf-8")
    assert text.endswith("\nMy own words.\n")
    assert "gloss:begin untagged id=" + s.across.id in text
