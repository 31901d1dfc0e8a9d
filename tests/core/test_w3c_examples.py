"""The Web Annotation Data Model's own examples (tests/data/w3c-model/examples.json, the
44 examples of the Recommendation's text) through `gloss import` and export (issue 18).

Gloss keeps quotes, so an example needs a text target: the two that have one (23, 29) are
read as they are; every other Annotation example is read with Example 23's quote added to its
target (its own selectors, state, style and other targets kept beside it). Each comes back
from an export with its bodies, targets, times and other properties; what has no quote is
refused with its reason, and nothing is invented (no position, no date).
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from tests.support import paths
from tui.core.export.annotations import annotation_collection
from tui.core.w3c import AnnotationError, read_annotations, utc_time

EXAMPLES: dict[str, dict[str, Any]] = {
    n: e["json"] for n, e in json.loads(
        (paths.DATA / "w3c-model" / "examples.json").read_text(encoding="utf-8")
    )["examples"].items()
}
ANNOTATIONS = [n for n, e in EXAMPLES.items() if e["type"] == "Annotation"]
QUOTE = EXAMPLES["23"]["target"]["selector"]
# Gloss writes these itself: the generator of an export is Gloss (the model: the agent that
# made this serialisation), and so is the time it was made.
WRITTEN = {"@context", "generator", "generated"}


def _listed(value: Any) -> list[Any]:
    return [] if value is None else value if isinstance(value, list) else [value]


def _has_quote(value: Any) -> bool:
    return "TextQuoteSelector" in json.dumps(value)


def with_text_target(example: dict[str, Any]) -> dict[str, Any]:
    """The example with Example 23's quote in its target (as it is, if it has a quote)."""
    annotation = copy.deepcopy(example)
    target = annotation["target"]
    if _has_quote(target):
        return annotation
    if isinstance(target, str):
        annotation["target"] = {"source": target, "selector": QUOTE}
    elif isinstance(target, list):
        annotation["target"] = [{"source": target[0], "selector": QUOTE}, *target[1:]]
    elif "items" in target:  # a Composite, List or Independents: kept as another target
        annotation["target"] = [{"source": "http://example.org/page1", "selector": QUOTE},
                                target]
    else:
        text = {k: v for k, v in target.items() if k != "id"}
        text["source"] = target.get("source", target.get("id"))
        text["selector"] = [QUOTE, *_listed(target.get("selector"))]
        annotation["target"] = text
    return annotation


def exported(annotation: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    """The annotation as Gloss exports it after importing it, and its outcome."""
    reading = read_annotations(json.dumps(annotation))
    (outcome,) = reading.outcomes
    assert outcome.status == "kept", outcome.line()
    (item,) = annotation_collection(reading.articles, reading.highlights)["first"]["items"]
    return item, outcome


def _bag(values: Any) -> list[str]:
    return sorted(json.dumps(v, sort_keys=True) for v in _listed(values))


@pytest.mark.parametrize("number", ANNOTATIONS)
def test_an_example_comes_back_from_an_export(number: str) -> None:
    given = with_text_target(EXAMPLES[number])
    back, _ = exported(given)
    assert back["id"] == given["id"]
    # Bodies: every one, as it came (a note and tags in the notebook, the rest kept).
    assert _bag(back.get("body")) == _bag(given.get("body"))
    assert back.get("bodyValue") == given.get("bodyValue")
    # Times: the same instants in UTC; none where none was given.
    for key in ("created", "modified"):
        assert back.get(key) == (utc_time(given[key]) if key in given else None)
    # Every other property, and the motivation (highlighting when it had none).
    assert back["motivation"] == given.get("motivation", "highlighting")
    ignored = {"id", "type", "body", "bodyValue", "target", "created", "modified",
               "motivation"} | WRITTEN
    assert {k: v for k, v in back.items() if k not in ignored and not k.startswith("gloss:")
            } == {k: v for k, v in given.items() if k not in ignored}
    # Targets: the text target with its source, every selector and property; the others.
    (text, *others), (text_back, *others_back) = _listed(given["target"]), _listed(
        back["target"])
    assert others_back == others
    assert text_back["source"] == text["source"]
    assert text_back.get("type", "SpecificResource") == text.get("type", "SpecificResource")
    assert set(_bag(text["selector"])) <= set(_bag(text_back["selector"]))
    assert {k: v for k, v in text_back.items() if k not in ("type", "source", "selector")} == {
        k: v for k, v in text.items() if k not in ("type", "source", "selector")}
    # Nothing invented: no offsets (the examples' quotes were not taken from Gloss's text).
    assert "gloss:position" not in text_back and "gloss:textHash" not in text_back


@pytest.mark.parametrize("number", ["23", "29"])
def test_the_examples_with_a_text_target_come_back_as_they_are(number: str) -> None:
    given = EXAMPLES[number]
    back, outcome = exported(given)
    assert back["target"] == {"type": "SpecificResource", "source": given["target"]["source"],
                              "selector": [given["target"]["selector"]]}
    assert back["body"] == [given["body"]]
    assert outcome.notes == (*(("kept 1 other selector",) if number == "29" else ()),
                             "kept 1 body Gloss does not show")


def test_what_gloss_shows_of_the_complete_example() -> None:
    """Example 41: its tag is a tag, its describing text in a Choice is kept as it is."""
    reading = read_annotations(json.dumps(with_text_target(EXAMPLES["41"])))
    (h,) = reading.highlights
    assert (h.tags, h.note, h.created, h.updated) == (
        ("love",), "", "2015-10-13T13:00:00Z", "2015-10-13T13:00:00Z")
    assert reading.outcomes[0].notes == (
        "kept 1 other selector", "kept 1 body Gloss does not show",
        "kept creator, motivation, stylesheet")


@pytest.mark.parametrize("number", [n for n in ANNOTATIONS if not _has_quote(EXAMPLES[n])])
def test_an_example_without_a_quote_is_refused_with_its_reason(number: str) -> None:
    (outcome,) = read_annotations(json.dumps(EXAMPLES[number])).outcomes
    assert outcome.status == "refused"
    assert outcome.reason in ("its target has no selectors: Gloss keeps quotes, not whole pages",
                              "no TextQuoteSelector with the quoted text")


def test_the_pages_and_collections() -> None:
    """Example 38 links its pages (refused whole); 39 and 40 hold two whole-page annotations,
    each refused on its own line."""
    with pytest.raises(AnnotationError, match="pages are links"):
        read_annotations(json.dumps(EXAMPLES["38"]))
    for number in ("39", "40"):
        reading = read_annotations(json.dumps(EXAMPLES[number]))
        assert [o.line() for o in reading.outcomes] == [
            f"annotation {n} (http://example.org/anno{n}): refused: its target has no "
            "selectors: Gloss keeps quotes, not whole pages" for n in (1, 2)]


def test_purposes_as_a_list_and_bodies_without_a_type() -> None:
    """Finding 9's forms: a purpose list, no type, a type list, 'questioning'."""
    annotation = with_text_target({
        "id": "urn:x:1", "type": "Annotation", "target": "https://example.com/a",
        "body": [
            {"type": "TextualBody", "value": "Big Idea", "purpose": ["tagging", "classifying"]},
            {"value": "no type: a comment"},
            {"type": ["TextualBody", "Text"], "value": "a type list"},
            {"type": "TextualBody", "value": "why?", "purpose": "questioning"},
        ],
    })
    reading = read_annotations(json.dumps(annotation))
    (h,) = reading.highlights
    assert h.tags == ("big-idea",)
    assert h.note == "no type: a comment\n\na type list"
    assert reading.outcomes[0].notes == ("kept 1 body Gloss does not show",)
    back, _ = exported(annotation)
    assert _bag(back["body"]) == _bag(annotation["body"])
    # Edited in Gloss, the note is Gloss's again; the kept body stays.
    from dataclasses import replace
    edited = replace(h, note="mine now")
    (item,) = annotation_collection(reading.articles, [edited])["first"]["items"]
    assert {"type": "TextualBody", "purpose": "commenting", "value": "mine now",
            "format": "text/markdown"} in item["body"]
    assert {"type": "TextualBody", "value": "why?", "purpose": "questioning"} in item["body"]


def test_a_source_given_as_an_object_and_nothing_invented() -> None:
    """A source object with an id is read (finding 9) and given back; a quote-only
    annotation with no time exports no position and no date (finding 6)."""
    source = {"id": "https://example.com/essay", "type": "Text", "format": "text/html"}
    annotation = {"type": "Annotation", "id": "urn:x:2",
                  "target": {"source": source, "selector": QUOTE}}
    reading = read_annotations(json.dumps(annotation))
    (article,) = reading.articles
    assert article.url == "https://example.com/essay"
    back, _ = exported(annotation)
    assert back["target"]["source"] == source
    assert back["target"]["selector"] == [QUOTE]
    assert not {"created", "modified"} & set(back)
    assert not any(k.startswith("gloss:") for k in back["target"])


def test_what_is_kept_has_limits_checked_before_any_write() -> None:
    """A body Gloss would keep but which nests past 16 levels (or is huge) refuses that
    annotation, with its reason; the others are read."""
    deep: Any = "x"
    for _ in range(40):
        deep = {"type": "Choice", "items": [deep]}
    bad = with_text_target({"id": "urn:x:deep", "type": "Annotation", "body": deep,
                            "target": "https://example.com/a"})
    good = with_text_target({"id": "urn:x:fine", "type": "Annotation",
                             "target": "https://example.com/a"})
    reading = read_annotations(json.dumps([bad, good]))
    assert reading.outcomes[0].line() == (
        "annotation 1 (urn:x:deep): refused: what Gloss would keep of it nests more than 16 "
        "deep")
    assert [h.id for h in reading.highlights] == ["urn:x:fine"]
