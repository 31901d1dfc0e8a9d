"""Highlights as W3C Web Annotation JSON (``gloss export --format json``).

One ``AnnotationCollection`` whose first (and only) ``AnnotationPage`` holds an ``Annotation``
per highlight. Its target is a ``SpecificResource``: the article's web address (or, for a page
with none, a ``urn:gloss:article:`` id and the file's name, never a local path) with a
``TextQuoteSelector``; the note and tags are ``TextualBody`` bodies (purposes ``commenting``
and ``tagging``). Gloss's offsets count characters of its cleaned text, not of the page the
source names, so they ride in ``gloss:position`` beside ``gloss:textHash``, and are a
``TextPositionSelector`` only where the source is that text (a ``urn:gloss:article:``). Every
``gloss:`` key is defined by the JSON-LD context in :mod:`tui.core.w3c.context`, carried
inline. An imported annotation's properties Gloss does not show come back as they came
(:mod:`tui.core.w3c.kept`). Export, import into an empty notebook and export again gives the
same bytes. Reading is :func:`tui.core.w3c.parse_annotations`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any
from urllib.parse import unquote, urlsplit

from tui.core.anchor import QuoteStatus, state_of
from tui.core.export.markdown import sort_articles, sort_highlights
from tui.core.model import Highlight, SavedArticle
from tui.core.text import EPOCH
from tui.core.w3c import (
    GENERATOR,
    NAMESPACE,
    annotation_id,
    article_urn,
    collector_paused,
    export_context,
    kept_list,
    kept_object,
    parse_annotations,
    read_kept,
    utc_time,
)

__all__ = [
    "annotation",
    "annotation_collection",
    "annotation_id",
    "dump_annotations",
    "parse_annotations",
]

FORMAT_VERSION = 2  # 2: gloss:position, SpecificResource targets, ids, an inline context
LABEL = "Gloss highlights"
# Keys of an annotation that Gloss writes itself: a kept property never replaces one.
_OWN = frozenset({"@context", "id", "type", "body", "bodyValue", "target", "created",
                  "modified", "generator", "generated"})


def annotation_collection(
    articles: Sequence[SavedArticle], highlights: Sequence[Highlight]
) -> dict[str, Any]:
    """The JSON-ready collection: articles in saved order, highlights in reading order.

    The collection and its page have ids derived from what they hold (the same highlights
    at the same versions give the same ids, so exporting again gives the same bytes). An
    empty export has no page: the model requires one or more items on a page.
    """
    ordered = sort_articles(articles)
    by_article: dict[str, list[Highlight]] = {a.id: [] for a in ordered}
    for highlight in highlights:
        by_article.setdefault(highlight.article_id, []).append(highlight)
    known = {a.id: a for a in ordered}
    items = [
        annotation(highlight, known.get(article_id))
        for article_id, group in by_article.items()
        for highlight in sort_highlights(group)
    ]
    collection_id, page_id = _ids(items)
    out = _head(len(items), collection_id, page_id)
    out["@context"] = export_context()
    out["gloss:articles"] = [_record(a) for a in ordered]
    if items:
        out["first"]["items"] = items
    return out


def _head(total: int, collection_id: str, page_id: str) -> dict[str, Any]:
    """The collection without its context, articles and items (None in their places)."""
    out: dict[str, Any] = {
        "@context": None,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": LABEL,
        "total": total,
        "generator": {**GENERATOR, "gloss:format": FORMAT_VERSION},
        "gloss:articles": None,
    }
    if total:
        # partOf as the collection's description, as the model's example has it (the W3C
        # suite's page assertions read its label and total there).
        part_of = {"id": collection_id, "label": LABEL, "total": total}
        out["first"] = {"id": page_id, "type": "AnnotationPage", "partOf": part_of,
                        "startIndex": 0, "items": None}
        out["last"] = page_id
    return out


def _ids(items: list[dict[str, Any]]) -> tuple[str, str]:
    """The collection's and its page's ids: urn:uuid names of the annotations they hold,
    each at its version (an edit changes ``modified``, so the ids change with the content)."""
    content = "\n".join(f"{a['id']} {a.get('modified', a.get('created', ''))}" for a in items)
    collection = uuid.uuid5(NAMESPACE, "collection\n" + content)
    return f"urn:uuid:{collection}", f"urn:uuid:{uuid.uuid5(collection, 'page 1')}"


def dump_annotations(articles: Sequence[SavedArticle], highlights: Sequence[Highlight]) -> str:
    """The collection as JSON text: indented, but each article and annotation on one line.

    One line per highlight keeps diffs and grep useful, and lets the C encoder write it: an
    indented dump goes through Python's encoder, three times slower on 50,000 highlights.
    """
    with collector_paused():  # a tree of plain records: nothing for the collector to find
        collection = annotation_collection(articles, highlights)
    first = collection.get("first")
    around = skeleton(collection["total"], collection["id"], first["id"] if first else "")
    articles_json = _one_per_line(collection["gloss:articles"], ARTICLE_INDENT)
    parts = [around[0], context_json(), around[1], articles_json, around[2]]
    if first:
        parts += [_one_per_line(first["items"], ITEM_INDENT), around[3]]
    return "".join(parts) + "\n"


ARTICLE_INDENT = "    "
ITEM_INDENT = "      "
# Placeholders in the skeleton; nothing else in it is data, so they cannot collide.
_ARTICLES = "\x00gloss-articles\x00"
_ITEMS = "\x00gloss-items\x00"
_CONTEXT = "\x00gloss-context\x00"


def skeleton(total: int, collection_id: str, page_id: str) -> list[str]:
    """The collection's text around its long parts, which go between these pieces in turn:
    the context, the articles and (with ``total`` items) the items. Split at placeholders,
    not replaced in the whole text: a title or note spelling a placeholder stays data."""
    head = _head(total, collection_id, page_id)
    head["@context"], head["gloss:articles"] = _CONTEXT, _ARTICLES
    if total:
        head["first"]["items"] = _ITEMS
    text = json.dumps(head, ensure_ascii=False, indent=2)
    parts = []
    for mark in (_CONTEXT, _ARTICLES, _ITEMS)[: 3 if total else 2]:
        before, _, text = text.partition(json.dumps(mark))
        parts.append(before)
    return [*parts, text]


def context_json() -> str:
    """The context on one line: it is the same in every export, and long."""
    return json.dumps(export_context(), ensure_ascii=False)


def _one_per_line(values: list[dict[str, Any]], indent: str) -> str:
    if not values:
        return "[]"
    lines = ",\n".join(indent + json.dumps(v, ensure_ascii=False) for v in values)
    return "[\n" + lines + "\n" + indent[:-2] + "]"


def _record(article: SavedArticle) -> dict[str, Any]:
    """An article's record as exported: a local file's path stays on this computer."""
    record = article.to_dict()
    if (article.url or "").startswith("file:"):
        record["url"] = None
    return record


def annotation(highlight: Highlight, article: SavedArticle | None) -> dict[str, Any]:
    """One highlight as a Web Annotation (without ``@context``: the collection carries it)."""
    kept = read_kept(highlight.kept)
    out: dict[str, Any] = {
        "id": annotation_id(highlight.id),
        "type": "Annotation",
        "motivation": "highlighting",
    }
    if kept:
        out.update((k, v) for k, v in kept_object(kept, "annotation").items() if k not in _OWN)
    # A time the import did not carry is left out, not written as 1970.
    created = utc_time(highlight.created) if highlight.created != EPOCH else None
    if created:
        out["created"] = created
        modified = utc_time(highlight.updated) if highlight.updated != EPOCH else None
        if kept.get("unmodified") and highlight.updated == highlight.created:
            modified = None  # it came without one: none is invented
        if modified:
            out["modified"] = modified
    out["generator"] = GENERATOR
    bodies = _bodies(highlight, kept)
    if kept.get("bodyValue") and len(bodies) == 1 and bodies[0] is _NOTE_AS_VALUE:
        out["bodyValue"] = highlight.note
    elif bodies:
        out["body"] = [_note_body(highlight.note) if b is _NOTE_AS_VALUE else b for b in bodies]
    target = _target(highlight, article, kept)
    others = kept_list(kept, "otherTargets") if kept else []
    out["target"] = [target, *others] if others else target
    out["gloss:article"] = highlight.article_id
    out["gloss:color"] = highlight.color
    if highlight.location is not None:
        out["gloss:location"] = highlight.location
    # The quote above is always what the user highlighted; flag where the page disagrees.
    state = state_of(highlight, article.text_hash) if article is not None else None
    status = QuoteStatus.UNCHECKED if state is None else state.status
    if status is not QuoteStatus.OK:
        out["gloss:status"] = status.value
    if state is not None and state.current is not None:
        out["gloss:currentQuote"] = state.current
    return out


_NOTE_AS_VALUE: dict[str, Any] = {}  # stands for the note read from a bodyValue


def _note_body(note: str) -> dict[str, Any]:
    return {"type": "TextualBody", "purpose": "commenting", "value": note,
            "format": "text/markdown"}


def _bodies(highlight: Highlight, kept: dict[str, Any]) -> list[dict[str, Any]]:
    """The note's and tags' bodies (as they were imported while unchanged), then the bodies
    Gloss keeps without showing."""
    if not kept:  # Gloss's own highlight (the common case): its note and tags only
        out: list[Any] = [_note_body(highlight.note)] if highlight.note else []
        out.extend({"type": "TextualBody", "purpose": "tagging", "value": t,
                    "format": "text/plain"} for t in highlight.tags)
        return out
    out = []
    if highlight.note:
        came = kept_list(kept, "noteBodies")
        if kept.get("note") == highlight.note and kept.get("bodyValue"):
            out.append(_NOTE_AS_VALUE)
        elif kept.get("note") == highlight.note and came:
            out.extend(came)
        else:
            out.append(_note_body(highlight.note))
    came = kept_list(kept, "tagBodies")
    if highlight.tags and kept.get("tags") == list(highlight.tags) and came:
        out.extend(came)
    else:
        out.extend({"type": "TextualBody", "purpose": "tagging", "value": t,
                    "format": "text/plain"} for t in highlight.tags)
    out.extend(kept_list(kept, "bodies"))
    return out


def _target(
    highlight: Highlight, article: SavedArticle | None, kept: dict[str, Any]
) -> dict[str, Any]:
    mark = highlight.target
    # The quote's context is known (even when empty: the start or end of the text) only
    # where Gloss took the quote from its own text, which its text hash vouches for.
    own = bool(mark.text_hash)
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": highlight.quote}
    if own or mark.quote.prefix:
        quote["prefix"] = mark.quote.prefix
    if own or mark.quote.suffix:
        quote["suffix"] = mark.quote.suffix
    web = article and (article.canonical_url or article.url)
    local = web if web and web.startswith("file:") else None
    source = web if web and not local else article_urn(highlight.article_id)
    target: dict[str, Any] = {"type": "SpecificResource", "source": source}
    if own:
        # Gloss read the page: the source is it (HTML) or, as a urn, Gloss's text of it.
        target["format"] = "text/plain" if source.startswith("urn:") else "text/html"
        if article is not None and article.language:
            target["language"] = article.language
    others = kept_list(kept, "selectors") if kept else []
    # The quote is always there: at the top, or where it came, in a kept selector's
    # refinedBy (not written twice).
    selectors: list[Any] = [] if any(_holds(s, quote) for s in others) else [quote]
    if own and source.startswith("urn:"):
        # A urn names Gloss's text itself: there the offsets are true of the source.
        selectors.append({"type": "TextPositionSelector", "start": mark.position.start,
                          "end": mark.position.end})
    selectors.extend(others)
    target["selector"] = selectors
    if kept:
        target.update(kept_object(kept, "target"))
    if own:
        target["gloss:textHash"] = mark.text_hash
        target["gloss:position"] = {"start": mark.position.start, "end": mark.position.end}
    if local:
        name = unquote(urlsplit(local).path.rstrip("/").rsplit("/", 1)[-1])
        if name:
            target["gloss:fileName"] = name
    return target


def _holds(selector: Any, quote: dict[str, Any]) -> bool:
    """Whether ``selector`` refines down to this very quote (kept selectors are at most
    16 deep: see tui.core.w3c.kept)."""
    while isinstance(selector, dict):
        if selector.get("type") == "TextQuoteSelector":
            return all(selector.get(k, "") == v for k, v in quote.items() if k != "type") and (
                selector.get("exact") == quote["exact"])
        selector = selector.get("refinedBy")
        if isinstance(selector, list):
            selector = selector[0] if selector else None
    return False


