"""The W3C Web Annotation test suite's JSON Schemas over Gloss's exports (issue 18).

The suite (tests/data/w3c, vendored with its licence) checks an Annotation, an Annotation
Page and an Annotation Collection, each as a JSON-LD document of its own: an annotation or a
page is checked with the collection's ``@context``, as it would be served alone. Every MUST
assertion must hold on every export: empty, one highlight, many, and highlights at the start,
middle and end of every sample page; the SHOULD assertions listed below as well.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from tests.core.test_export_seed import seed
from tests.support import paths
from tui.core.errors import ExtractError
from tui.core.export.annotations import annotation_collection
from tui.core.extract import extract
from tui.core.model import Highlight, SavedArticle, Target

SUITE = paths.DATA / "w3c"
SAVED = "2026-11-20T09:15:00Z"

# The suite's formats as its runner (ajv) checks them: RFC 3339 date-time, a URI with a scheme.
FORMATS = FormatChecker([])
_DATE_TIME = re.compile(
    r"^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s\"<>\\^`{|}]*$")
FORMATS.checks("date-time")(lambda value: not isinstance(value, str)
                            or bool(_DATE_TIME.match(value)))
FORMATS.checks("uri")(lambda value: not isinstance(value, str) or bool(_URI.match(value)))


@cache
def _registry() -> Registry:
    resources = []
    for path in SUITE.rglob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["id"], Resource.from_contents(schema, DRAFT4)))
    return Registry().with_resources(resources)


def _assertions(folder: str, level: str) -> list[tuple[str, dict[str, Any]]]:
    """The suite's assertions of ``level`` ('must' or 'should') for one kind of document."""
    base = SUITE / folder
    paths_ = base.rglob("*.json") if folder == "annotations" else base.glob("*.json")
    out = []
    for path in sorted(paths_):
        schema = json.loads(path.read_text(encoding="utf-8"))
        if schema["assertionType"] == level:
            assert schema["expectedResult"] == "valid"  # so every one of them must validate
            out.append((path.stem, schema))
    return out


def failures(document: dict[str, Any], folder: str, level: str) -> list[str]:
    """The assertions ``document`` fails: their file names with the suite's message."""
    failed = []
    for name, schema in _assertions(folder, level):
        validator = Draft4Validator(schema, registry=_registry(), format_checker=FORMATS)
        if not validator.is_valid(document):
            failed.append(f"{name}: {schema['errorMessage']}")
    return failed


def documents(collection: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The collection, its page and each annotation, as the suite checks each of them."""
    context = collection["@context"]
    yield "collections", collection
    if "first" in collection:
        yield "collections/pages", {"@context": context, **collection["first"]}
        for item in collection["first"]["items"]:
            yield "annotations", {"@context": context, **item}


def _sample_exports() -> dict[str, tuple[list[SavedArticle], list[Highlight]]]:
    """For each sample page Gloss can read: its record and highlights at the start (tagged,
    with a note), in the middle and at the very end of its text, the page opened as a file."""
    out = {}
    for path in sorted(paths.SAMPLES.glob("*.html")):
        try:
            article = extract(path.read_text(encoding="utf-8", errors="replace"),
                              path.resolve().as_uri())
        except ExtractError:
            continue  # no-article.html: nothing to highlight
        text, digest = article.text, article.text_hash
        record = SavedArticle.from_article(article)
        record = SavedArticle(**{**record.to_dict(), "saved": SAVED})
        middle = len(text) // 2
        targets = [Target.of(text, 0, min(40, len(text)), digest),
                   Target.of(text, middle, min(middle + 25, len(text)), digest),
                   Target.of(text, max(0, len(text) - 30), len(text), digest)]
        highlights = [
            Highlight(record.id, t, tags=("sample", "w3c") if n == 0 else (),
                      note="A *note*." if n == 0 else "", id=f"{path.stem}-{n}",
                      created=SAVED)
            for n, t in enumerate(targets)
        ]
        out[path.stem] = ([record], highlights)
    return out


def exports() -> dict[str, dict[str, Any]]:
    s = seed()
    samples = _sample_exports()
    out = {
        "empty": annotation_collection([], []),
        "one": annotation_collection([s.record], s.highlights[:1]),
        "many": annotation_collection(
            [s.record, *(r for rs, _ in samples.values() for r in rs)],
            [*s.highlights, *(h for _, hs in samples.values() for h in hs)]),
    }
    for name, (records, highlights) in samples.items():
        out[f"sample {name}"] = annotation_collection(records, highlights)
    return out


EXPORTS = exports()


def test_the_suite_is_all_there() -> None:
    """79 MUST and 38 SHOULD assertions, the counts of the suite's schemas at its commit."""
    counts = {(folder, level): len(_assertions(folder, level))
              for folder in ("annotations", "collections", "collections/pages")
              for level in ("must", "should")}
    assert counts == {
        ("annotations", "must"): 54, ("annotations", "should"): 33,
        ("collections", "must"): 10, ("collections", "should"): 3,
        ("collections/pages", "must"): 15, ("collections/pages", "should"): 2,
    }
    assert len(EXPORTS) >= 3 + 7  # empty, one, many, and the seven readable samples


@pytest.mark.parametrize("export", EXPORTS)
def test_every_must_assertion_holds(export: str) -> None:
    failed = [f"{kind}: {f}" for kind, document in documents(EXPORTS[export])
              for f in failures(document, kind, "must")]
    assert failed == []


# The suite's SHOULD assertions Gloss does not meet, and why they do not apply to what it
# records. Every other SHOULD holds on every export.
NOT_APPLICABLE = {
    # These three check only that there is a body: a plain highlight has none (the model says
    # an annotation MAY have 0). Where there is one they hold (checked below).
    "3.1-bodyKeyFound": "a highlight with no note and no tag has no body",
    "3.2.1-bodySingleFormat": "a highlight with no note and no tag has no body",
    "3.2.4-bodyETBTypeTextualBody": "a highlight with no note and no tag has no body",
    "3.2.1-bodySingleLanguage": "Gloss does not know which language a note is written in",
    # Gloss has no account and does not know who its user is; the login name would put a
    # name into files people share.
    **{name: "Gloss does not know who wrote a highlight" for name in (
        "3.3.1-annotationSingleCreatorImplemented", "3.3.1-singleAnnotationCreatorImplemented",
        "3.3.2-annotationCreatorAgentIdImplemented",
        "3.3.2-annotationCreatorAgentNicknameImplemented",
        "3.3.2-annotationCreatorAgentSingleNameImplemented",
        "3.3.2-annotationCreatorAgentTypeImplemented", "3.3.1-bodySingleCreator",
        "3.3.2-bodyCreatorAgentIdImplemented", "3.3.2-bodyCreatorAgentNicknameImplemented",
        "3.3.2-bodyCreatorAgentSingleNameImplemented", "3.3.2-bodyCreatorAgentTypeImplemented")},
    "3.3.1-bodyCreated": "a note or tag is as old as its annotation, which has the time",
    "3.3.1-targCreated": "Gloss does not record when a page was made",
    **{name: "a page's author is the article's byline, in gloss:articles" for name in (
        "3.3.1-targSingleCreator", "3.3.2-targCreatorAgentIdImplemented",
        "3.3.2-targCreatorAgentNicknameImplemented",
        "3.3.2-targCreatorAgentSingleNameImplemented",
        "3.3.2-targCreatorAgentTypeImplemented")},
    "4.2.1-conformsTo": "about FragmentSelectors, which Gloss does not write",
    "5.1-collectionLastImplemented": "an empty export has no page to be the last",
}


@pytest.mark.parametrize("export", EXPORTS)
def test_the_should_assertions_hold(export: str) -> None:
    """Creator aside, every SHOULD that applies to what Gloss records holds (finding 8):
    generator, body formats and types, target type, format and language, the quote's prefix
    and suffix (empty at the start and end of an article), paging links."""
    failed = {f.split(":")[0] for kind, document in documents(EXPORTS[export])
              for f in failures(document, kind, "should")}
    assert failed <= set(NOT_APPLICABLE), failed - set(NOT_APPLICABLE)
    with_body = [d for kind, d in documents(EXPORTS[export])
                 if kind == "annotations" and "body" in d]
    for document in with_body:
        body_failed = {f.split(":")[0] for f in failures(document, "annotations", "should")}
        assert not body_failed & {"3.1-bodyKeyFound", "3.2.1-bodySingleFormat",
                             "3.2.4-bodyETBTypeTextualBody"}
    if export != "empty":
        assert "5.1-collectionLastImplemented" not in failed


_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


@pytest.mark.parametrize("export", EXPORTS)
def test_what_the_suite_leaves_to_the_recommendation(export: str) -> None:
    """MUSTs of the model's text that no schema checks: a page has one or more items, and
    every time is in UTC written with Z (section 3.3.1)."""
    collection = EXPORTS[export]
    if "first" in collection:
        assert len(collection["first"]["items"]) == collection["total"] > 0
    else:
        assert collection["total"] == 0
    times = [item[key] for _, item in documents(collection)
             for key in ("created", "modified") if key in item]
    assert all(_UTC.match(t) for t in times), times


def test_a_broken_export_fails_the_suite() -> None:
    """The runner itself: the old export's shapes fail the assertions the issue names."""
    old = json.loads(json.dumps(EXPORTS["one"]))
    del old["id"]
    assert [f.split(":")[0] for f in failures(old, "collections", "must")] == [
        "5.1-collectionIdValidated"]
    page = {"@context": old["@context"], **old["first"]}
    del page["id"]
    page["items"] = []
    # (The suite does not check that a page has items: the test below does.)
    assert [f.split(":")[0] for f in failures(page, "collections/pages", "must")] == [
        "5.2-pageIdValidated"]
    item = {"@context": old["@context"], **old["first"]["items"][0], "created": "2026-01-01"}
    assert [f.split(":")[0] for f in failures(item, "annotations", "must")] == [
        "3.3.1-annotationCreatedValidated"]


