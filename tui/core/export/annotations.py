"""Highlights as W3C Web Annotation JSON, and reading such JSON back (``gloss import``).

One ``AnnotationCollection`` whose first (and only) ``AnnotationPage`` holds an ``Annotation``
per highlight: its target is the article's URL with a ``TextQuoteSelector`` and a
``TextPositionSelector``; its note and tags are ``TextualBody`` bodies (purposes
``commenting`` and ``tagging``). Gloss's own data rides along as extension keys, absolute IRIs
in a ``gloss:`` scheme that JSON-LD readers ignore: ``gloss:color`` and ``gloss:article`` on
each annotation, ``gloss:textHash`` on each target and the articles' records in
``gloss:articles`` on the collection. Export, import into an empty notebook and export again
gives the same bytes.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Sequence
from dataclasses import fields
from typing import Any, TypeGuard
from urllib.parse import quote, unquote

from tui.core.anchor import QuoteStatus, state_of
from tui.core.export.markdown import sort_articles, sort_highlights
from tui.core.model import (
    COLORS,
    DEFAULT_COLOR,
    Article,
    Highlight,
    SavedArticle,
    Target,
    TextPosition,
    TextQuote,
    article_id_for,
    normalize_tag,
)
from tui.core.text import EPOCH, clean_highlight, clean_saved_article
from tui.core.w3c import AnnotationError, load_json, utc_time

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
GENERATOR = {"id": "https://pypi.org/project/gloss-reader/", "type": "Software", "name": "Gloss"}
FORMAT_VERSION = 1
LABEL = "Gloss highlights"
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_NAMESPACE = uuid.UUID("6f1c0e4a-2b7d-4f3e-9a5c-8d0b1e2f3a4b")  # ids for annotations with none


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
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": LABEL,
        "total": len(items),
        "generator": {**GENERATOR, "gloss:format": FORMAT_VERSION},
        "gloss:articles": [a.to_dict() for a in ordered],
    }
    if items:
        # partOf as the collection's description, as the model's example has it (the W3C
        # suite's page assertions read its label and total there).
        part_of = {"id": collection_id, "label": LABEL, "total": len(items)}
        out["first"] = {"id": page_id, "type": "AnnotationPage", "partOf": part_of,
                        "startIndex": 0, "items": items}
        out["last"] = page_id
    return out


def _ids(items: list[dict[str, Any]]) -> tuple[str, str]:
    """The collection's and its page's ids: urn:uuid names of the annotations they hold,
    each at its version (an edit changes ``modified``, so the ids change with the content)."""
    content = "\n".join(f"{a['id']} {a.get('modified', a.get('created', ''))}" for a in items)
    collection = uuid.uuid5(_NAMESPACE, "collection\n" + content)
    return f"urn:uuid:{collection}", f"urn:uuid:{uuid.uuid5(collection, 'page 1')}"


def dump_annotations(articles: Sequence[SavedArticle], highlights: Sequence[Highlight]) -> str:
    """The collection as JSON text: indented, but each article and annotation on one line.

    One line per highlight keeps diffs and grep useful, and lets the C encoder write it: an
    indented dump goes through Python's encoder, three times slower on 50,000 highlights.
    """
    collection = annotation_collection(articles, highlights)
    articles_json = _one_per_line(collection["gloss:articles"], "    ")
    skeleton = {**collection, "gloss:articles": _ARTICLES}
    if "first" in collection:
        items_json = _one_per_line(collection["first"]["items"], "      ")
        skeleton["first"] = {**collection["first"], "items": _ITEMS}
    text = json.dumps(skeleton, ensure_ascii=False, indent=2)
    text = text.replace(json.dumps(_ARTICLES), articles_json, 1)
    if "first" in collection:
        text = text.replace(json.dumps(_ITEMS), items_json, 1)
    return text + "\n"


# Placeholders in the skeleton; nothing else in it is data, so they cannot collide.
_ARTICLES = "\x00gloss-articles\x00"
_ITEMS = "\x00gloss-items\x00"


def _one_per_line(values: list[dict[str, Any]], indent: str) -> str:
    if not values:
        return "[]"
    lines = ",\n".join(indent + json.dumps(v, ensure_ascii=False) for v in values)
    return "[\n" + lines + "\n" + indent[:-2] + "]"


def annotation(highlight: Highlight, article: SavedArticle | None) -> dict[str, Any]:
    """One highlight as a Web Annotation (without ``@context``: the collection carries it)."""
    quote_selector: dict[str, Any] = {"type": "TextQuoteSelector", "exact": highlight.quote}
    if highlight.target.quote.prefix:
        quote_selector["prefix"] = highlight.target.quote.prefix
    if highlight.target.quote.suffix:
        quote_selector["suffix"] = highlight.target.quote.suffix
    position = highlight.target.position
    target: dict[str, Any] = {
        "source": _source(article, highlight.article_id),
        "selector": [
            quote_selector,
            {"type": "TextPositionSelector", "start": position.start, "end": position.end},
        ],
    }
    if highlight.target.text_hash:
        target["gloss:textHash"] = highlight.target.text_hash
    body: list[dict[str, Any]] = []
    if highlight.note:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": highlight.note,
                     "format": "text/markdown"})
    body.extend({"type": "TextualBody", "purpose": "tagging", "value": t} for t in highlight.tags)
    out: dict[str, Any] = {
        "id": _annotation_id(highlight.id),
        "type": "Annotation",
        "motivation": "highlighting",
    }
    # A time the import did not carry is left out, not written as 1970.
    created = utc_time(highlight.created) if highlight.created != EPOCH else None
    if created:
        out["created"] = created
        modified = utc_time(highlight.updated) if highlight.updated != EPOCH else None
        if modified:
            out["modified"] = modified
    if body:
        out["body"] = body
    out["target"] = target
    out["gloss:article"] = highlight.article_id
    out["gloss:color"] = highlight.color
    # The quote above is always what the user highlighted; flag where the page disagrees.
    state = state_of(highlight, article.text_hash) if article is not None else None
    status = QuoteStatus.UNCHECKED if state is None else state.status
    if status is not QuoteStatus.OK:
        out["gloss:status"] = status.value
    if state is not None and state.current is not None:
        out["gloss:currentQuote"] = state.current
    return out


def is_gloss_json(text: str) -> bool:
    """Whether ``text`` is a JSON export Gloss wrote (its generator says so)."""
    try:
        data = json.loads(text)
    except ValueError:
        return False
    generator = data.get("generator") if isinstance(data, dict) else None
    return isinstance(generator, dict) and generator.get("name") == GENERATOR["name"]


def _source(article: SavedArticle | None, article_id: str) -> str:
    url = article and (article.canonical_url or article.url)
    return url or f"urn:gloss:article:{quote(article_id, safe='')}"


def annotation_id(highlight_id: str) -> str:
    """The annotation id a highlight is exported under."""
    return _annotation_id(highlight_id)


def _annotation_id(highlight_id: str) -> str:
    if _UUID.match(highlight_id):
        return "urn:uuid:" + highlight_id
    if _IRI.match(highlight_id):
        return highlight_id
    return "urn:gloss:highlight:" + quote(highlight_id, safe="")


# -- import ----------------------------------------------------------------------------------


def parse_annotations(data: Any) -> tuple[list[SavedArticle], list[Highlight]]:
    """Articles and highlights from Web Annotation JSON (text, bytes or decoded).

    Reads Gloss's own export exactly, and annotations from other tools as far as they go: a
    single Annotation, a list of them, an AnnotationPage or an AnnotationCollection. Anything
    it cannot read raises :class:`AnnotationError` with a one-line reason.
    """
    if isinstance(data, bytes | str):
        data = load_json(data)
    items = _items(data)
    articles: dict[str, SavedArticle] = {}
    if isinstance(data, dict) and "gloss:articles" in data:
        raw = data["gloss:articles"]
        if not isinstance(raw, list):
            raise AnnotationError("'gloss:articles' must be a list")
        for n, item in enumerate(raw, 1):
            article = _article(item, n)
            articles.setdefault(article.id, article)
    highlights: list[Highlight] = []
    seen: set[str] = set()
    sources: dict[str, str] = {}
    for n, item in enumerate(items, 1):
        highlight, source = _highlight(item, n)
        if highlight.id in seen:
            raise AnnotationError(f"annotation {n}: id {highlight.id} appears twice")
        seen.add(highlight.id)
        sources.setdefault(highlight.article_id, source)
        highlights.append(highlight)
    # Annotations from elsewhere name no Gloss article: one is made from the target's source.
    for article_id, source in sources.items():
        if article_id not in articles:
            # The earliest time an annotation carried; the stand-in only when none did.
            mine = [h.created for h in highlights if h.article_id == article_id
                    and h.created != EPOCH] or [EPOCH]
            web = source if source.startswith(("http://", "https://")) else None
            articles[article_id] = SavedArticle(
                id=article_id, title=source, url=web, canonical_url=web, saved=min(mine)
            )
    # Every field is cleaned on the way in: an import file is as untrusted as a web page.
    cleaned = [clean_highlight(h) for h in highlights]
    for n, highlight in enumerate(cleaned, 1):
        if not highlight.quote:
            raise AnnotationError(f"annotation {n}: its quoted text is only control characters")
    return [clean_saved_article(a, allow_file=False) for a in articles.values()], cleaned


def _items(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise AnnotationError("expected a JSON object or list of annotations")
    kind = data.get("type")
    if _is(kind, "Annotation"):
        return [data]
    if _is(kind, "AnnotationPage"):
        return _page_items(data)
    if _is(kind, "AnnotationCollection"):
        items: list[Any] = []
        page = data.get("first")
        while page is not None:
            if isinstance(page, str):
                raise AnnotationError("the collection's pages are links, not included: "
                                      "export them inline")
            items.extend(_page_items(page))
            page = page.get("next")
        return items
    raise AnnotationError(f"expected an Annotation, AnnotationPage or AnnotationCollection, "
                          f"found type {kind!r}")


def _page_items(page: Any) -> list[Any]:
    if not isinstance(page, dict) or not isinstance(page.get("items"), list):
        raise AnnotationError("an AnnotationPage without a list of items")
    items: list[Any] = page["items"]
    return items


def _is(kind: Any, name: str) -> bool:
    return kind == name or (isinstance(kind, list) and name in kind)


def _article(item: Any, n: int) -> SavedArticle:
    if not isinstance(item, dict):
        raise AnnotationError(f"article {n} is not an object")
    kinds: dict[str, tuple[type, ...]] = {
        "id": (str,), "title": (str,), "saved": (str,), "snapshot": (str,), "text_hash": (str,),
        "progress": (int, float), "read": (bool,),
    }
    for f in fields(SavedArticle):
        if f.name not in item:
            if f.name in ("id", "title"):
                raise AnnotationError(f"article {n} has no {f.name!r}")
            continue
        allowed = kinds.get(f.name, (str, type(None)))
        value = item[f.name]
        if not isinstance(value, allowed) or (f.name == "progress" and isinstance(value, bool)):
            raise AnnotationError(f"article {n}: {f.name!r} has the wrong type")
    return SavedArticle.from_dict(item)


def _highlight(item: Any, n: int) -> tuple[Highlight, str]:
    where = f"annotation {n}"
    if not isinstance(item, dict) or not _is(item.get("type"), "Annotation"):
        raise AnnotationError(f"{where} is not an Annotation")
    target = item.get("target")
    if isinstance(target, list) and len(target) == 1:
        target = target[0]
    if not isinstance(target, dict):
        raise AnnotationError(f"{where}: its target has no selectors")
    source = target.get("source")
    if not isinstance(source, str) or not source:
        raise AnnotationError(f"{where}: its target has no source")
    selectors = target.get("selector")
    selectors = selectors if isinstance(selectors, list) else [selectors]
    quote_sel = next((s for s in selectors if isinstance(s, dict)
                      and s.get("type") == "TextQuoteSelector"), None)
    if quote_sel is None or not isinstance(quote_sel.get("exact"), str) or not quote_sel["exact"]:
        raise AnnotationError(f"{where}: no TextQuoteSelector with the quoted text")
    exact = quote_sel["exact"]
    prefix, suffix = quote_sel.get("prefix", ""), quote_sel.get("suffix", "")
    if not isinstance(prefix, str) or not isinstance(suffix, str):
        raise AnnotationError(f"{where}: the quote's prefix and suffix must be text")
    text_hash = target.get("gloss:textHash", "")
    position_sel = next((s for s in selectors if isinstance(s, dict)
                         and s.get("type") == "TextPositionSelector"), None)
    if position_sel is None:
        # No offsets: the quote alone will anchor it, so no text hash vouches for a position.
        start, end, text_hash = 0, len(exact), ""
    else:
        given_start, given_end = position_sel.get("start"), position_sel.get("end")
        if not _is_int(given_start) or not _is_int(given_end) or not 0 <= given_start < given_end:
            raise AnnotationError(f"{where}: the TextPositionSelector needs 0 <= start < end")
        start, end = given_start, given_end
    if not isinstance(text_hash, str):
        raise AnnotationError(f"{where}: 'gloss:textHash' must be text")
    note, tags = _bodies(item, where)
    article_id = item.get("gloss:article")
    if article_id is None and source.startswith("urn:gloss:article:"):
        article_id = unquote(source[len("urn:gloss:article:") :])
    if article_id is None:
        article_id = article_id_for(Article(title="", blocks=(), url=source))
    elif not isinstance(article_id, str) or not article_id:
        raise AnnotationError(f"{where}: 'gloss:article' must be text")
    color = item.get("gloss:color", DEFAULT_COLOR)
    if color not in COLORS:
        raise AnnotationError(f"{where}: unknown colour {color!r} (one of {', '.join(COLORS)})")
    created = _time(item.get("created"), where, "created")
    modified = _time(item.get("modified"), where, "modified")
    # No time at all: the stand-in, which exports read as "not recorded" and leave out.
    created = created or modified or EPOCH
    return Highlight(
        article_id=article_id,
        target=Target(TextQuote(exact, prefix, suffix), TextPosition(start, end), text_hash),
        tags=tags,
        note=note,
        color=color,
        id=_highlight_id(item.get("id"), source, exact, start, where),
        created=created,
        updated=modified or created,
    ), source


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _bodies(item: dict[str, Any], where: str) -> tuple[str, tuple[str, ...]]:
    notes: list[str] = []
    tags: dict[str, None] = {}
    if isinstance(item.get("bodyValue"), str):
        notes.append(item["bodyValue"])
    bodies = item.get("body", [])
    for body in bodies if isinstance(bodies, list) else [bodies]:
        if not isinstance(body, dict):
            continue  # an external resource as body: nothing Gloss can keep
        value = body.get("value")
        if body.get("type") != "TextualBody" or not isinstance(value, str):
            continue
        purpose = body.get("purpose", "commenting")
        if purpose == "tagging":
            tag = normalize_tag(value)
            if tag:
                tags.setdefault(tag, None)
        elif purpose in ("commenting", "describing", "replying"):
            notes.append(value)
        elif not isinstance(purpose, str):
            raise AnnotationError(f"{where}: a body's purpose must be text")
    return "\n\n".join(notes), tuple(tags)


def _time(value: Any, where: str, name: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise AnnotationError(f"{where}: '{name}' must be a date and time")
    moment = utc_time(value)
    if moment is None:
        raise AnnotationError(f"{where}: '{name}' is not an ISO 8601 time: {value!r}")
    return moment


def _highlight_id(value: Any, source: str, exact: str, start: int, where: str) -> str:
    if value is None:
        # Stable across imports of the same file, so importing twice does not duplicate.
        return str(uuid.uuid5(_NAMESPACE, f"{source}\n{start}\n{exact}"))
    if not isinstance(value, str) or not value:
        raise AnnotationError(f"{where}: its id must be text")
    if value.startswith("urn:uuid:"):
        return value[len("urn:uuid:") :]
    if value.startswith("urn:gloss:highlight:"):
        return unquote(value[len("urn:gloss:highlight:") :])
    return value

