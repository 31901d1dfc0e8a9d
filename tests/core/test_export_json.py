"""Web Annotation JSON: the shape, the round trip (export → import → export gives the same
bytes), annotations from other tools, and one-line errors for everything else.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.core.test_export_seed import KEY_QUOTE, URL, seed
from tests.support import paths
from tui.core.export.annotations import annotation_collection, dump_annotations, parse_annotations
from tui.core.export.errors import AnnotationError
from tui.core.export.exporter import ExportOptions, export_text
from tui.core.model.highlight import COLORS, Highlight, Target, TextPosition, TextQuote
from tui.core.model.records import SavedArticle
from tui.core.text.untrusted import clean_highlight, clean_saved_article
from tui.core.w3c import gloss_context

GOLDEN_JSON = paths.GOLDEN / "export" / "annotations.json"


def test_shape_follows_the_web_annotation_model() -> None:
    s = seed()
    data = annotation_collection([s.record], s.highlights)
    assert data["@context"] == ["http://www.w3.org/ns/anno.jsonld", gloss_context()]
    assert data["type"] == "AnnotationCollection" and data["total"] == 3
    assert data["generator"]["name"] == "Gloss"
    items = data["first"]["items"]
    key = next(a for a in items if a["id"] == f"urn:uuid:{s.key.id}")
    start, end = s.article.block_range(1)
    assert key["type"] == "Annotation" and key["motivation"] == "highlighting"
    assert key["generator"] == {"id": "https://pypi.org/project/gloss-reader/",
                                "type": "Software", "name": "Gloss", "nickname": "gloss"}
    # The page is the source, HTML, in its language; Gloss's offsets count its cleaned text,
    # not the page's, so they are no TextPositionSelector (issue 18, finding 5).
    assert key["target"] == {
        "type": "SpecificResource", "source": URL, "format": "text/html", "language": "en",
        "selector": [{"type": "TextQuoteSelector", "exact": KEY_QUOTE,
                      "prefix": "ive teams are handling things.\n\n",
                      "suffix": "\n\nThat's a pretty fantastic way "}],
        "gloss:textHash": s.article.text_hash,
        "gloss:position": {"start": start, "end": end},
    }
    assert key["body"] == [
        {"type": "TextualBody", "purpose": "commenting", "value": s.key.note,
         "format": "text/markdown"},
        {"type": "TextualBody", "purpose": "tagging", "value": "collaboration",
         "format": "text/plain"},
        {"type": "TextualBody", "purpose": "tagging", "value": "defenders",
         "format": "text/plain"},
    ]
    assert (key["created"], key["modified"]) == (s.key.created, s.key.updated)
    assert key["gloss:color"] == "yellow" and key["gloss:article"] == s.record.id
    assert data["gloss:articles"] == [s.record.to_dict()]


def test_every_gloss_key_has_a_term_in_the_packaged_context() -> None:
    """A JSON-LD reader keeps the gloss: keys (finding 7): each one used has a definition,
    and the records and offsets are JSON literals (their ids are no relative IRIs)."""
    text = dump_annotations([seed().record], seed().highlights)
    used = set(re.findall(r'"(gloss:[A-Za-z]+)"', text))
    terms = gloss_context()
    assert used <= set(terms) and terms["gloss"] == "urn:gloss:ns:"
    assert terms["gloss:articles"]["@type"] == terms["gloss:position"]["@type"] == "@json"


@pytest.mark.parametrize(
    ("at", "prefix", "suffix"), [("start", "", " teams a"), ("end", "tackling the ", "")])
def test_the_context_of_a_quote_at_either_end_is_given_empty(
    at: str, prefix: str, suffix: str
) -> None:
    """At the start or end of the article the prefix or suffix is there, empty: the quote
    has nothing before or after it (not: its context is unknown)."""
    text = "Five teams are handling things, tackling the end"
    start, end = (0, 4) if at == "start" else (len(text) - 3, len(text))
    h = Highlight("a1", Target.of(text, start, end, "hash"), id="h1",
                  created="2026-01-01T00:00:00Z")
    (item,) = annotation_collection([], [h])["first"]["items"]
    (quote, position) = item["target"]["selector"]
    assert (quote["prefix"][-13:], quote["suffix"][:8]) == (prefix, suffix)
    # No web address: the source is Gloss's text itself, where the offsets are true.
    assert item["target"]["source"] == "urn:gloss:article:a1"
    assert position == {"type": "TextPositionSelector", "start": start, "end": end}


def test_a_local_file_is_named_not_its_path() -> None:
    """Finding 8: a page read from a file exports a urn and the file's name, no path."""
    record = SavedArticle(id="f1", title="Notes", url="file:///home/ana/private/My%20notes.html")
    h = Highlight("f1", Target.of("some words", 0, 4, "hash"), id="h1")
    text = dump_annotations([record], [h])
    assert "/home/ana" not in text and "file:" not in text
    (item,) = json.loads(text)["first"]["items"]
    assert item["target"]["source"] == "urn:gloss:article:f1"
    assert item["target"]["gloss:fileName"] == "My notes.html"


def test_text_spelling_a_placeholder_stays_data() -> None:
    """A title or note spelling one of the writer's placeholders (a page's title is
    untrusted) is written as it is: the export put all items into such a title before."""
    marks = ["\x00gloss-items\x00", "\x00gloss-context\x00", "\x00gloss-articles\x00"]
    record = SavedArticle(id="a1", title=marks[0], site_name=marks[2])
    h = Highlight("a1", Target.of("some words", 0, 4, "hash"), id="h1", note=marks[1])
    data = json.loads(dump_annotations([record], [h]))
    assert data["gloss:articles"][0]["title"] == marks[0]
    assert data["gloss:articles"][0]["site_name"] == marks[2]
    (item,) = data["first"]["items"]
    assert item["body"][0]["value"] == marks[1]
    assert data["@context"] == json.loads(dump_annotations([], []))["@context"]


def test_import_gives_back_the_same_records() -> None:
    s = seed()
    articles, highlights = parse_annotations(dump_annotations([s.record], s.highlights))
    assert articles == [s.record]
    assert sorted(highlights, key=lambda h: h.id) == sorted(s.highlights, key=lambda h: h.id)


def test_golden_export_import_export_is_identical() -> None:
    text = GOLDEN_JSON.read_text(encoding="utf-8")
    articles, highlights = parse_annotations(text)
    assert dump_annotations(articles, highlights) == text
    assert export_text(articles, highlights, ExportOptions(format="json")) == text


_words = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)


@st.composite
def records(draw: st.DrawFn) -> tuple[list[SavedArticle], list[Highlight]]:
    count = draw(st.integers(1, 3))
    articles = [
        SavedArticle(
            id=f"{n:016x}", title=draw(_words), url=draw(st.none() | st.just(f"https://e.org/{n}")),
            byline=draw(st.none() | _words), saved=f"2026-01-0{n + 1}T00:00:00Z",
            progress=draw(st.floats(0, 1)), read=draw(st.booleans()),
        )
        for n in range(count)
    ]
    highlights = []
    for n in range(draw(st.integers(0, 6))):
        exact = draw(_words)
        text_hash = draw(st.sampled_from(["", "ab"]))
        # No text hash: no offsets Gloss can vouch for, the stand-in 0..len(quote) (never
        # exported, so the round trip gives it back).
        start = draw(st.integers(0, 5000)) if text_hash else 0
        highlights.append(Highlight(
            article_id=articles[draw(st.integers(0, count - 1))].id,
            target=Target(
                TextQuote(exact, draw(st.text(max_size=5)), draw(st.text(max_size=5))),
                TextPosition(start, start + len(exact)),
                text_hash,
            ),
            tags=tuple(draw(st.lists(st.sampled_from(["a", "b-c", "été"]), unique=True))),
            note=draw(st.text(max_size=20)),
            color=draw(st.sampled_from(COLORS)),
            id=draw(st.sampled_from([f"{n:08x}-0000-4000-8000-000000000000", f"custom id {n}",
                                     f"https://h.example/a/{n}"])),
            created="2026-02-01T00:00:00Z",
            updated=draw(st.sampled_from(["2026-02-01T00:00:00Z", "2026-03-01T11:00:00.5Z"])),
            location=draw(st.none() | _words),  # a book's place: gloss:location
        ))
    return articles, highlights


@settings(max_examples=150, deadline=None)
@given(records())
@pytest.mark.slow
def test_round_trip_is_exact_for_any_records(
    data: tuple[list[SavedArticle], list[Highlight]],
) -> None:
    # Import cleans every field (controls, escapes, bidi overrides: see tui.core.text.untrusted),
    # so what round-trips exactly is the cleaned records; cleaning them again changes nothing.
    articles = [clean_saved_article(a) for a in data[0]]
    highlights = [clean_highlight(h) for h in data[1]]
    # Without a text hash the position is the stand-in over the quote as cleaned.
    highlights = [h if h.target.text_hash else replace(h, target=Target(
        h.target.quote, TextPosition(0, len(h.quote)), "")) for h in highlights]
    assume(all(h.quote for h in highlights))  # a quote of controls only is refused on import
    first = dump_annotations(articles, highlights)
    back_articles, back_highlights = parse_annotations(first)
    assert dump_annotations(back_articles, back_highlights) == first
    assert sorted(back_highlights, key=lambda h: h.id) == sorted(highlights, key=lambda h: h.id)
    assert sorted(back_articles, key=lambda a: a.id) == sorted(articles, key=lambda a: a.id)


def _foreign(**changes: Any) -> dict[str, Any]:
    """An annotation as another tool (Hypothesis, say) writes it."""
    annotation: dict[str, Any] = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://hypothes.is/a/abc123",
        "type": "Annotation",
        "created": "2025-05-01T10:00:00.000000+00:00",
        "body": [{"type": "TextualBody", "value": "A comment", "purpose": "commenting"},
                 {"type": "TextualBody", "value": "Film Noir", "purpose": "tagging"}],
        "target": {"source": "https://example.com/post",
                   "selector": {"type": "TextQuoteSelector", "exact": "a quoted phrase"}},
    }
    annotation.update(changes)
    return annotation


def test_reads_annotations_from_other_tools() -> None:
    articles, highlights = parse_annotations(_foreign())
    (h,) = highlights
    assert h.id == "https://hypothes.is/a/abc123" and h.quote == "a quoted phrase"
    assert h.note == "A comment" and h.tags == ("film-noir",)
    # No offsets: a position covering the quote and no text hash, so anchoring uses the quote.
    assert (h.target.position.start, h.target.position.end, h.target.text_hash) == (0, 15, "")
    assert h.updated == h.created == "2025-05-01T10:00:00Z"  # the model's form: UTC, Z
    (article,) = articles
    assert article.id == h.article_id and article.url == "https://example.com/post"
    # A list, or a page, of them reads the same.
    assert parse_annotations([_foreign()])[1] == highlights
    assert parse_annotations({"type": "AnnotationPage", "items": [_foreign()]})[1] == highlights


@pytest.mark.parametrize(
    ("given", "utc"),
    [
        ("2026-03-01T12:00:00+01:00", "2026-03-01T11:00:00Z"),
        ("2026-03-01T12:00:00", "2026-03-01T12:00:00Z"),  # naive: taken as UTC
        ("2026-03-01", "2026-03-01T00:00:00Z"),
        ("2026-03-01T12:00:00.250-05:30", "2026-03-01T17:30:00.25Z"),
    ],
)
def test_times_are_read_and_written_in_utc(given: str, utc: str) -> None:
    """The model requires UTC written with Z (issue 18, finding 4): an offset, a naive time
    or a bare date from another tool is read as the instant it names."""
    _, (h,) = parse_annotations(_foreign(created=given, modified=given))
    assert (h.created, h.updated) == (utc, utc)
    (item,) = annotation_collection([], [h])["first"]["items"]
    assert (item["created"], item["modified"]) == (utc, utc)
    # A record stored before this (the time as it came) is written in UTC too.
    stored = Highlight(h.article_id, h.target, id=h.id, created=given, updated=given)
    (item,) = annotation_collection([], [stored])["first"]["items"]
    assert (item["created"], item["modified"]) == (utc, utc)


def test_collection_and_page_have_ids_from_their_content() -> None:
    """Finding 1-3: the collection and its page have ids, the same for the same content and
    another after an edit; an empty export has no page (a page needs one or more items)."""
    s = seed()
    data = annotation_collection([s.record], s.highlights)
    assert data["id"].startswith("urn:uuid:") and data["first"]["id"].startswith("urn:uuid:")
    assert data["id"] != data["first"]["id"]
    assert (data["last"], data["first"]["partOf"]) == (
        data["first"]["id"], {"id": data["id"], "label": "Gloss highlights", "total": 3})
    assert annotation_collection([s.record], s.highlights)["id"] == data["id"]
    edited = [s.highlights[0].edited(note="another note"), *s.highlights[1:]]
    assert annotation_collection([s.record], edited)["id"] != data["id"]
    empty = annotation_collection([], [])
    assert (empty["total"], "first" in empty, "last" in empty) == (0, False, False)
    assert empty["id"].startswith("urn:uuid:")
    assert parse_annotations(dump_annotations([], [])) == ([], [])


def test_annotation_without_id_gets_the_same_id_on_every_import() -> None:
    bare = _foreign()
    del bare["id"]
    assert parse_annotations(bare)[1][0].id == parse_annotations(bare)[1][0].id


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{not json", "not JSON"),
        ('"text"', "expected a JSON object or list"),
        ({"type": "Something"}, "found type 'Something'"),
        ([{"type": "Note"}], "annotation 1: not an Annotation"),
        ([_foreign(target="https://example.com")], "annotation 1: its target has no selectors"),
        ([_foreign(target={"selector": {"type": "TextQuoteSelector", "exact": "x"}})],
         "annotation 1: its target has no source"),
        ([_foreign(target={"source": "https://e.com", "selector": []})],
         "no TextQuoteSelector"),
        ([_foreign(target={"source": "https://e.com", "gloss:textHash": "ab",
                           "gloss:position": {"start": 5, "end": 2},
                           "selector": {"type": "TextQuoteSelector", "exact": "x"}})],
         "its position needs 0 <= start < end <= 2147483648"),
        ([_foreign(**{"gloss:color": "red"})], "unknown colour 'red'"),
        ([_foreign(created="yesterday")], "'created' is not an ISO 8601 time"),
        ([_foreign(created="2026-02-30T12:00:00Z")], "'created' is not an ISO 8601 time"),
        ([_foreign(), _foreign()],
         "annotation 2: its id https://hypothes.is/a/abc123 appears twice"),
        ({"type": "AnnotationCollection", "first": "https://x/page1"}, "pages are links"),
        ({"type": "AnnotationCollection", "gloss:articles": {}, "first": {"items": []}},
         "'gloss:articles' must be a list"),
        ({"type": "AnnotationCollection", "gloss:articles": [{"id": "a"}],
          "first": {"items": []}}, "article 1 has no 'title'"),
        ({"type": "AnnotationCollection", "gloss:articles": [{"id": "a", "title": 3}],
          "first": {"items": []}}, "article 1: 'title' has the wrong type"),
    ],
)
def test_bad_input_is_one_typed_line(data: Any, message: str) -> None:
    if isinstance(data, dict | list):
        data = json.loads(json.dumps(data))
    with pytest.raises(AnnotationError) as caught:
        parse_annotations(data)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value) and caught.value.exit_code == 6


def test_an_export_of_the_first_format_still_imports() -> None:
    """Exports written before issue 18 (their offsets a TextPositionSelector beside the
    page's address) import as they did: the same highlights, offsets and all."""
    old = (paths.DATA / "w3c-model" / "gloss-format-1.json").read_text(encoding="utf-8")
    s = seed()
    articles, highlights = parse_annotations(old)
    assert articles == [replace(s.record, language=None)]  # that format had no language
    assert sorted(highlights, key=lambda h: h.id) == sorted(s.highlights, key=lambda h: h.id)
