"""Obsidian details of the Markdown export (issue 13, finding 10): one spelling of each tag in
the front matter and the body, a unique block id for every quote in every layout (imported
URL ids too), real dates from imports, and the page's italics and bold kept in quotes.

Golden files are in tests/golden/export/obsidian/ (``GLOSS_UPDATE_GOLDEN=1`` rewrites them).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.test_export_golden import check_golden
from tui.core.export.annotations import parse_annotations
from tui.core.export.escape import blockquote, hashtag, obsidian_tag
from tui.core.export.exporter import ExportOptions, export_file, export_folder, export_text
from tui.core.export.markdown import block_id
from tui.core.model.article import Article, Block, BlockKind, Span, SpanKind
from tui.core.model.highlight import Highlight, Target
from tui.core.model.records import SavedArticle

SOURCE = "https://example.org/essay"
IMPORT = [
    {
        "type": "Annotation",
        "id": "https://example.org/anno/1",
        "created": "2016-08-13T10:00:00Z",
        "target": {"source": SOURCE, "selector": {"type": "TextQuoteSelector",
                                                  "exact": "Templates are code"}},
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": "c++"},
                 {"type": "TextualBody", "purpose": "tagging", "value": "2016"}],
    },
    {
        "type": "Annotation",
        "id": "https://example.org/anno/2",
        "created": "2016-09-01T08:30:00Z",
        "target": {"source": SOURCE, "selector": {"type": "TextQuoteSelector",
                                                  "exact": "Macros are not"}},
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": "c++"}],
    },
    {
        "type": "Annotation",
        "id": "https://example.org/anno/3",
        "target": {"source": SOURCE, "selector": {"type": "TextQuoteSelector",
                                                  "exact": "No date on this one"}},
    },
]


def imported() -> tuple[list[SavedArticle], list[Highlight]]:
    return parse_annotations(json.dumps(IMPORT))


def front_matter(text: str) -> dict[str, object]:
    assert text.startswith("---\n")
    data = yaml.safe_load(text[4 : text.index("\n---\n")])
    assert isinstance(data, dict)
    return data


# -- tags --------------------------------------------------------------------------------------


def test_one_tag_spelling_in_front_matter_and_body(tmp_path: Path) -> None:
    articles, highlights = imported()
    out = tmp_path / "essay.md"
    export_file(out, articles, highlights)
    text = out.read_text(encoding="utf-8")
    check_golden("obsidian/imported.md", text)
    tags = front_matter(text)["tags"]
    assert tags == ["_2016", "c-plus-plus"]
    body = text.split("\n---\n", 1)[1]
    # Every tag of the front matter is the same tag in the body, and no other spelling is.
    assert set(re.findall(r"(?<![\w\\])#([\w/-]+)", body)) == set(tags)
    assert "#c " not in body and "#c\n" not in body
    # Stable on re-export.
    again = export_file(out, articles, highlights)
    assert [f.action for f in again.files] == ["unchanged"]


def test_tag_file_front_matter_uses_the_obsidian_spelling(tmp_path: Path) -> None:
    articles, highlights = imported()
    export_folder(tmp_path, articles, highlights, ExportOptions(layout="tag"))
    cpp = (tmp_path / "c++.md").read_text(encoding="utf-8")
    assert front_matter(cpp)["tags"] == ["c-plus-plus"]
    assert front_matter(cpp)["gloss_tag"] == "c++"  # the section's own name is kept
    year = (tmp_path / "2016.md").read_text(encoding="utf-8")
    assert front_matter(year)["tags"] == ["_2016"]


def test_obsidian_tag_rule() -> None:
    cases = {
        "c++": "c-plus-plus", "c#": "c-sharp", "r&d": "r-and-d", "2016": "_2016",
        "read later": "read-later", "sci-fi/noir": "sci-fi/noir", "été": "été",
        "2016/08": "_2016/08", "!!": "", "a -- b": "a-b",
    }
    assert {tag: obsidian_tag(tag) for tag in cases} == cases
    assert hashtag("c++") == "#c-plus-plus"
    assert hashtag("!!") == ""


# -- block ids ---------------------------------------------------------------------------------


def block_ids(text: str) -> list[str]:
    return re.findall(r"^\^(hl-[0-9a-z-]+)$", text, re.MULTILINE)


def test_block_ids_from_url_ids_differ() -> None:
    one, two = block_id("https://example.org/anno/1"), block_id("https://example.org/anno/2")
    assert one != two
    assert re.fullmatch(r"hl-[0-9a-f]{12}", one)
    # A digest of the whole id: the same on every export.
    assert one == "hl-b9299066556a"
    # A UUID keeps its readable id (the one earlier exports wrote).
    assert block_id("0b6c1f5e-8d2a-4c3b-9e7f-2a1d4c5b6e70") == "hl-0b6c1f5e8d2a"


def test_imported_quotes_have_distinct_block_ids(tmp_path: Path) -> None:
    articles, highlights = imported()
    text = export_text(articles, highlights, ExportOptions())
    ids = block_ids(text)
    assert len(ids) == 3 and len(set(ids)) == 3


def test_layout_by_tag_has_a_unique_block_id_for_every_quote(tmp_path: Path) -> None:
    articles, highlights = imported()
    out = tmp_path / "board.md"
    export_file(out, articles, highlights, ExportOptions(layout="tag"))
    text = out.read_text(encoding="utf-8")
    check_golden("obsidian/imported-tags.md", text)
    ids = block_ids(text)
    # anno/1 under 2016 and c++, anno/2 under c++, anno/3 untagged: four showings.
    assert len(ids) == 4 and len(set(ids)) == 4
    again = export_file(out, articles, highlights, ExportOptions(layout="tag"))
    assert [f.action for f in again.files] == ["unchanged"]


# -- dates -------------------------------------------------------------------------------------


def test_imported_dates_are_kept_and_missing_ones_not_invented() -> None:
    articles, highlights = imported()
    by_id = {h.id: h for h in highlights}
    assert by_id["https://example.org/anno/1"].created == "2016-08-13T10:00:00Z"
    # The article counts as saved when its first dated annotation was made, not in 1970.
    assert [a.saved for a in articles] == ["2016-08-13T10:00:00Z"]
    for options in (ExportOptions(), ExportOptions(layout="tag"), ExportOptions(format="json")):
        assert "1970" not in export_text(articles, highlights, options)
    data = json.loads(export_text(articles, highlights, ExportOptions(format="json")))
    items = {item["id"]: item for item in data["first"]["items"]}
    assert items["https://example.org/anno/1"]["created"] == "2016-08-13T10:00:00Z"
    # No time was recorded: the annotation says nothing about it, as it came in.
    assert "created" not in items["https://example.org/anno/3"]
    assert "modified" not in items["https://example.org/anno/3"]


def test_an_import_with_no_dates_at_all_has_no_saved_date_or_access_date() -> None:
    articles, highlights = parse_annotations(json.dumps(IMPORT[2:]))
    text = export_text(articles, highlights, ExportOptions())
    assert "1970" not in text
    assert "saved" not in front_matter(text)
    assert "Accessed" not in text


def test_template_sees_none_for_an_unrecorded_time(tmp_path: Path) -> None:
    template = tmp_path / "dates.md.j2"
    template.write_text(
        "{% block article %}saved={{ article.saved is none }}{% endblock %}\n"
        "{% block highlight %}{{ highlight.quote }}: {{ highlight.created or 'no date' }}"
        "{% endblock %}\n", encoding="utf-8")
    articles, highlights = imported()
    text = export_text(articles, highlights, ExportOptions(template=str(template)))
    assert "No date on this one: no date" in text
    assert "Templates are code: 2016-08-13T10:00:00Z" in text


# -- emphasis ----------------------------------------------------------------------------------

FIRST = "Write *tests* first, then code: a test must be able to fail."
SECOND = "Only then does it mean anything."


def emphasis_article() -> Article:
    # "first" in italics, "must" in bold, "able to fail" in italics; "code" is a code span
    # and "mean anything" a link: neither is emphasis, so neither gets markers.
    first = Block(BlockKind.PARAGRAPH, FIRST, spans=(
        Span(SpanKind.EMPHASIS, 14, 19),
        Span(SpanKind.CODE, 26, 30),
        Span(SpanKind.STRONG, 39, 43),
        Span(SpanKind.EMPHASIS, 47, 59),  # "able to fail", not the full stop
    ))
    second = Block(BlockKind.PARAGRAPH, SECOND, spans=(
        Span(SpanKind.STRONG, 0, 4),
        Span(SpanKind.LINK, 18, 31, href="https://example.org/"),
    ))
    return Article(title="On tests", blocks=(first, second), url=SOURCE, canonical_url=SOURCE)


def test_quotes_keep_the_pages_italics_and_bold(tmp_path: Path) -> None:
    article = emphasis_article()
    record = SavedArticle(id="e5e5e5e5e5e5e5e5", title="On tests", url=SOURCE,
                          canonical_url=SOURCE, saved="2026-11-20T09:15:00Z")
    start = article.text.index("*tests*")
    end = article.text.index(" does")
    highlight = Highlight(article_id=record.id,
                          target=Target.of(article.text, start, end, article.text_hash),
                          id="7d2c1b0a-3e4f-4a5b-8c6d-7e8f9a0b1c2d",
                          created="2026-11-20T09:20:00Z")
    out = tmp_path / "tests.md"
    export_file(out, [record], [highlight], bodies={record.id: article})
    text = out.read_text(encoding="utf-8")
    check_golden("obsidian/emphasis.md", text)
    quote = (
        "> \\*tests\\* *first*, then code: a test **must** be *able to fail*.\n"
        ">\n"
        "> **Only** then"
    )
    assert quote in text
    # Apart from the markers added, the quote is the highlighted text escaped as before.
    plain = blockquote(highlight.quote)
    assert quote.replace("*first*", "first").replace("**must**", "must").replace(
        "*able to fail*", "able to fail").replace("**Only**", "Only") == plain
    # Without the page's body there is nothing to go on: the plain quote.
    assert plain in export_text([record], [highlight], ExportOptions())


def test_emphasis_never_starts_or_ends_on_a_space_or_crosses_a_line() -> None:
    text = "one two three\nfour five"
    assert blockquote(text, [("emphasis", 3, 19)]) == "> one *two three*\n> *four* five"
    assert blockquote("a b c", [("emphasis", 0, 5), ("strong", 2, 3)]) == "> *a **b** c*"
    assert blockquote("x", [("code", 0, 1)]) == "> x"
    # A '*' between a letter and '#' could not open emphasis: the stretch stays plain.
    assert blockquote("a#tag b", [("emphasis", 1, 5)]) == "> a\\#tag b"
    assert blockquote("a #tag b", [("emphasis", 2, 6)]) == "> a *\\#tag* b"
    assert blockquote("“Defenders”", [("emphasis", 1, 10)]) == "> “*Defenders*”"


def _without_markers(markdown: str) -> str:
    # An escape pair is the text's own; any other '*' is a marker Gloss added.
    return re.sub(r"(\\.)|\*", lambda m: m.group(1) or "", markdown)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab *_#\\-1.\n\t >&%!;+`“”"), max_size=40),
    st.lists(st.tuples(st.sampled_from(["emphasis", "strong"]), st.integers(0, 40),
                       st.integers(0, 40)), max_size=4),
)
def test_markers_are_the_only_change(text: str, spans: list[tuple[str, int, int]]) -> None:
    assert _without_markers(blockquote(text, spans)) == blockquote(text)
