"""The JSON-LD context of Gloss's extension keys, shipped as ``gloss.jsonld`` in this package.

Each ``gloss:`` key is a term in the ``urn:gloss:ns:`` namespace, so a JSON-LD reader keeps
it instead of dropping it; the article records and the offsets are JSON literals (``@json``),
so their ``id`` is not read as a relative IRI. An export carries the context inline, after
the Web Annotation one: it names no URL a reader would have to fetch (and fail on offline).

The keys:

``gloss:article``      the Gloss article id an annotation belongs to (text)
``gloss:articles``     the collection's article records (title, URLs, byline, dates, ...)
``gloss:color``        the highlight's colour (yellow, green, blue, pink, purple)
``gloss:status``       ``changed`` or ``orphan`` when the page no longer reads as quoted
``gloss:currentQuote`` the page's wording now, when it differs from the quote
``gloss:textHash``     on a target: the hash of Gloss's cleaned text of the article
``gloss:position``     on a target: ``{"start", "end"}`` offsets in that cleaned text (not in
                       the page the ``source`` names, so not a TextPositionSelector)
``gloss:fileName``     on a target: the name of the local file the page was read from (its
                       path is never exported; the ``source`` is then a ``urn:gloss:`` id)
``gloss:format``       on the generator: the version of this export's shape
``gloss:location``     where an imported book highlight sits in the book, as its reader
                       said it ("page 12, location 170-172"); only when known
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


@cache
def gloss_context() -> dict[str, Any]:
    """The term definitions of the ``gloss:`` keys (the packaged file's ``@context``)."""
    text = files("tui.core.w3c").joinpath("gloss.jsonld").read_text(encoding="utf-8")
    context: dict[str, Any] = json.loads(text)["@context"]
    return context


def export_context() -> list[Any]:
    """An export's ``@context``: the Web Annotation context, then Gloss's."""
    return [ANNOTATION_CONTEXT, gloss_context()]
