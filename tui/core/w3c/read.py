"""Reading W3C Web Annotation JSON: Gloss's own exports exactly, and every form the
Recommendation allows for the parts Gloss uses, from any tool.

A body may be one or a list, a string (an IRI) or an object, and an annotation may have a
``bodyValue``; a purpose may be a list; a selector may be one or a list, with the quote at the
top or inside a ``refinedBy``; a ``source`` may be an IRI or an object with an ``id``; times
may carry any offset. What Gloss cannot show is kept in the highlight (:mod:`.kept`) so that
an export gives it back; nothing is invented: an annotation with no time stays without one,
one with no offsets Gloss can trust is placed by its quote when its page is read.

Each annotation is read on its own: one that Gloss cannot use is refused with its reason
(:class:`Outcome`) and the others are read. A file that is not annotations at all raises
:class:`AnnotationError`.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any, Literal, TypeGuard

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
from tui.core.text import EPOCH, clean_highlight, clean_saved_article, multi_line
from tui.core.w3c.errors import AnnotationError
from tui.core.w3c.ids import NAMESPACE, article_of_urn, highlight_id
from tui.core.w3c.kept import MAX_KEPT_DEPTH, kept_text
from tui.core.w3c.load import load_json
from tui.core.w3c.nogc import collector_paused
from tui.core.w3c.times import utc_time

GENERATOR = {"id": "https://pypi.org/project/gloss-reader/", "type": "Software",
             "name": "Gloss", "nickname": "gloss"}
MAX_POSITION = 2**31  # as tui.core.text.untrusted: no text Gloss holds is longer
_NOTE_PURPOSES = frozenset({"commenting", "describing", "replying"})
# Annotation keys Gloss reads (or writes itself): the others are kept as they came.
_READ = frozenset({"@context", "id", "type", "body", "bodyValue", "target", "created",
                   "modified", "generator", "generated"})
_MAX_REFINED = 8  # refinedBy chains followed to find a quote
_COMMENT = frozenset({"commenting"})
_PURPOSES = {p: frozenset((p,)) for p in ("commenting", "tagging", "describing", "replying")}

Status = Literal["placed", "kept", "refused"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one annotation of the file.

    ``placed``: imported where its offsets say (Gloss's own export); ``kept``: imported, to be
    placed by its quote when its page is read; ``refused``: not imported, ``reason`` says why.
    ``notes`` say what was kept without being shown.
    """

    number: int
    id: str
    status: Status
    reason: str = ""
    notes: tuple[str, ...] = ()

    def line(self) -> str:
        """One line for a report."""
        text = f"annotation {self.number}"
        if self.id:
            text += f" ({self.id})"
        text += f": {self.status}"
        details = ([self.reason] if self.reason else []) + list(self.notes)
        return text + (f": {'; '.join(details)}" if details else "")


@dataclass(frozen=True, slots=True)
class Reading:
    """A file read: the articles and highlights to import and what became of each item."""

    articles: list[SavedArticle]
    highlights: list[Highlight]
    outcomes: list[Outcome]

    @property
    def refused(self) -> list[Outcome]:
        """The annotations not imported."""
        return [o for o in self.outcomes if o.status == "refused"]


class _Refused(Exception):
    """One annotation cannot be imported (the message says why)."""


def parse_annotations(data: Any) -> tuple[list[SavedArticle], list[Highlight]]:
    """Articles and highlights from Web Annotation JSON (text, bytes or decoded); the first
    annotation Gloss cannot use raises :class:`AnnotationError` (see :func:`read_annotations`
    to import the others and report it)."""
    reading = read_annotations(data)
    if reading.refused:
        first = reading.refused[0]
        raise AnnotationError(f"annotation {first.number}: {first.reason}")
    return reading.articles, reading.highlights


def read_annotations(data: Any) -> Reading:
    """Every annotation of ``data``: a single Annotation, a list of them, an AnnotationPage
    or an AnnotationCollection (pages included inline, one after another by ``next``)."""
    with collector_paused():
        return _read(data)


def _read(data: Any) -> Reading:
    if isinstance(data, bytes | str):
        data = load_json(data)
    items = _items(data)
    own_format = _own_format(data)
    articles: dict[str, SavedArticle] = {}
    if isinstance(data, dict) and "gloss:articles" in data:
        raw = data["gloss:articles"]
        if not isinstance(raw, list):
            raise AnnotationError("'gloss:articles' must be a list")
        for n, item in enumerate(raw, 1):
            article = _article(item, n)
            articles.setdefault(article.id, article)
    highlights: list[Highlight] = []
    outcomes: list[Outcome] = []
    seen: set[str] = set()
    sources: dict[str, str] = {}
    for n, item in enumerate(items, 1):
        given = item.get("id") if isinstance(item, dict) else item
        label = given if isinstance(given, str) else ""
        try:
            highlight, source, notes = _highlight(item, own_format)
            if highlight.id in seen:
                raise _Refused(f"its id {highlight.id} appears twice in the file")
        except _Refused as refusal:
            outcomes.append(Outcome(n, label, "refused", str(refusal)))
            continue
        seen.add(highlight.id)
        sources.setdefault(highlight.article_id, source)
        highlights.append(highlight)
        placed = bool(highlight.target.text_hash)
        outcomes.append(Outcome(
            n, label or highlight.id, "placed" if placed else "kept",
            "" if placed else "placed by its quote when its page is read", tuple(notes)))
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
    return Reading([clean_saved_article(a, allow_file=False) for a in articles.values()],
                   highlights, outcomes)


def _own_format(data: Any) -> int:
    """The version of Gloss's export format ``data`` is in (0: another tool's)."""
    generator = data.get("generator") if isinstance(data, dict) else None
    if not isinstance(generator, dict) or generator.get("name") != GENERATOR["name"]:
        return 0
    version = generator.get("gloss:format", 1)
    return version if _is_int(version) else 0


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
        pages = 0
        while page is not None:
            if isinstance(page, str):
                raise AnnotationError("the collection's pages are links, not included: "
                                      "export them inline")
            pages += 1
            if pages > 100_000:
                raise AnnotationError("the collection's pages never end")
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


def _listed(value: Any) -> list[Any]:
    """A property the model allows as one value or a list, as a list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


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


def _highlight(item: Any, own_format: int) -> tuple[Highlight, str, list[str]]:
    if isinstance(item, str):
        raise _Refused("a link to an annotation, not the annotation itself")
    if not isinstance(item, dict) or not _is(item.get("type"), "Annotation"):
        raise _Refused("not an Annotation")
    kept: dict[str, Any] = {}
    notes: list[str] = []
    target, others = _text_target(item.get("target"))
    source, source_object = _source(target)
    selectors = _listed(target.get("selector"))
    quote_sel, outer = _quote(selectors)
    if quote_sel is None:
        raise _Refused("no TextQuoteSelector with the quoted text")
    exact = quote_sel["exact"]
    prefix, suffix = quote_sel.get("prefix", ""), quote_sel.get("suffix", "")
    if not isinstance(prefix, str) or not isinstance(suffix, str):
        raise _Refused("the quote's prefix and suffix must be text")
    position, text_hash, rest = _position(target, selectors, source, own_format, exact)
    if outer is not None:
        rest = [outer, *(s for s in rest if s is not outer)]  # the quote's own context
    rest = [s for s in rest if s is not quote_sel]
    if rest:
        kept["selectors"] = rest
        notes.append(f"kept {_count(len(rest), 'other selector')}")
    # Gloss's own export writes the target's type, format and language itself.
    written = ("source", "selector", "format", "language") if own_format else ("source",
                                                                               "selector")
    extra_target = {k: v for k, v in target.items()
                    if k not in written and not k.startswith("gloss:")
                    and not (k == "type" and v == "SpecificResource")}
    if source_object is not None:
        extra_target["source"] = source_object
    if extra_target:
        kept["target"] = extra_target
    if others:
        kept["otherTargets"] = others
        notes.append(f"kept {_count(len(others), 'other target')} Gloss does not show")
    note, tags = _bodies(item, kept, notes, own=own_format > 0)
    article_id = item.get("gloss:article")
    if article_id is None:
        article_id = article_of_urn(source)
    if article_id is None:
        article_id = article_id_for(Article(title="", blocks=(), url=source))
    elif not isinstance(article_id, str) or not article_id:
        raise _Refused("'gloss:article' must be text")
    color = item.get("gloss:color", DEFAULT_COLOR)
    if color not in COLORS:
        raise _Refused(f"unknown colour {color!r} (one of {', '.join(COLORS)})")
    created = _time(item.get("created"), "created")
    modified = _time(item.get("modified"), "modified")
    if created and not modified:
        kept["unmodified"] = True  # so an export does not invent a 'modified' time
    extra = {k: v for k, v in item.items() if k not in _READ and not k.startswith("gloss:")
             and not (k == "motivation" and v == "highlighting")}
    if extra:
        kept.setdefault("annotation", {}).update(extra)
        shown = ", ".join(sorted(extra))
        notes.append(f"kept {shown}")
    try:
        kept_json = kept_text(_cleaned(kept)) if kept else ""
    except ValueError as error:
        raise _Refused(str(error)) from None
    # A book's location (Gloss's own export of an imported book): cleaned just below.
    location = item.get("gloss:location")
    highlight = Highlight(
        article_id=article_id,
        target=Target(TextQuote(exact, prefix, suffix), position, text_hash),
        tags=tags,
        note=note,
        color=color,
        id=_highlight_id(item.get("id"), source, exact, position.start),
        # No time at all: the stand-in, which exports read as "not recorded" and leave out.
        created=created or modified or EPOCH,
        updated=modified or created or EPOCH,
        kept=kept_json,
        location=location if isinstance(location, str) else None,
    )
    # Every field is cleaned on the way in: an import file is as untrusted as a web page.
    cleaned = clean_highlight(highlight)
    if not cleaned.quote:
        raise _Refused("its quoted text is only control characters")
    if not cleaned.target.text_hash:  # the stand-in covers the quote as cleaned
        mark = cleaned.target
        stand_in = TextPosition(0, len(mark.quote.exact))
        cleaned = replace(cleaned, target=Target(mark.quote, stand_in, ""))
    return cleaned, source, notes


def _cleaned(value: Any, depth: int = 0) -> Any:
    """``value`` with every text (keys too) cleaned as the rest of an import is: what Gloss
    keeps is as untrusted as what it shows. Deeper than kept_text allows is cut there (and
    then refused by it)."""
    if depth > MAX_KEPT_DEPTH:
        return value
    if isinstance(value, str):
        return multi_line(value)
    if isinstance(value, list):
        return [_cleaned(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {multi_line(k): _cleaned(v, depth + 1) for k, v in value.items()}
    return value


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _text_target(value: Any) -> tuple[dict[str, Any], list[Any]]:
    """The target with a quote, and the annotation's other targets (kept, not shown)."""
    targets = _listed(value)
    for n, target in enumerate(targets):
        if isinstance(target, dict) and _quote(_listed(target.get("selector")))[0] is not None:
            return target, targets[:n] + targets[n + 1 :]
    if any(isinstance(t, dict) and "selector" in t for t in targets):
        raise _Refused("no TextQuoteSelector with the quoted text")
    raise _Refused("its target has no selectors: Gloss keeps quotes, not whole pages")


def _source(target: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
    """The source's IRI, and the source itself when it is an object (kept as it came)."""
    source = target.get("source")
    if isinstance(source, dict):
        iri = source.get("id")
        if isinstance(iri, str) and iri:
            return iri, source
    elif isinstance(source, str) and source:
        return source, None
    raise _Refused("its target has no source")


def _quote(selectors: list[Any]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The TextQuoteSelector, at the top or down a ``refinedBy`` chain, and the top-level
    selector it was found in (None when it is at the top)."""
    for selector in selectors:
        found, depth = selector, 0
        while isinstance(found, dict) and depth <= _MAX_REFINED:
            if _is(found.get("type"), "TextQuoteSelector"):
                exact = found.get("exact")
                if isinstance(exact, str) and exact:
                    return found, (None if found is selector else selector)
                break
            found, depth = found.get("refinedBy"), depth + 1
            if isinstance(found, list):
                found = found[0] if found else None
    return None, None


def _position(
    target: dict[str, Any], selectors: list[Any], source: str, own_format: int, exact: str
) -> tuple[TextPosition, str, list[Any]]:
    """Offsets in Gloss's text, the hash that vouches for them (''), and the selectors left.

    Gloss's offsets are ``gloss:position`` (or, in its first format and where the source is
    its own text, a TextPositionSelector). Another tool's TextPositionSelector counts in the
    document it names, never in Gloss's text: it is kept, not used. With no offsets, the
    stand-in 0..len(quote) and no hash: nothing vouches for it and it is never exported.
    """
    text_hash = target.get("gloss:textHash", "")
    if not isinstance(text_hash, str):
        raise _Refused("'gloss:textHash' must be text")
    rest = list(selectors)
    given = target.get("gloss:position")
    if own_format == 1 or article_of_urn(source) is not None:
        # Offsets of Gloss's text: a TextPositionSelector of its first format, or one whose
        # source is that text (a urn:gloss:article:), which repeats gloss:position.
        found = [s for s in rest if isinstance(s, dict) and s.get("type") == "TextPositionSelector"]
        if found and text_hash:
            if given is None:
                given = found[0]
            if {"start": found[0].get("start"), "end": found[0].get("end")} == given or (
                    given is found[0]):
                rest.remove(found[0])
    if given is None or not text_hash:
        return TextPosition(0, max(1, len(exact))), "", rest
    start, end = (given.get("start"), given.get("end")) if isinstance(given, dict) else (0, 0)
    if not _is_int(start) or not _is_int(end) or not 0 <= start < end <= MAX_POSITION:
        raise _Refused(f"its position needs 0 <= start < end <= {MAX_POSITION}")
    return TextPosition(start, end), text_hash, rest


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _bodies(item: dict[str, Any], kept: dict[str, Any], notes: list[str], *, own: bool
            ) -> tuple[str, tuple[str, ...]]:
    """The note and tags, with what they came from (not for Gloss's own export, whose every
    version writes them as Gloss does), and the bodies Gloss cannot show."""
    note_parts: list[str] = []
    note_bodies: list[Any] = []
    tags: dict[str, None] = {}
    tag_bodies: list[Any] = []
    other: list[Any] = []
    value = item.get("bodyValue")
    if isinstance(value, str) and value:
        note_parts.append(value)
        kept["bodyValue"] = True
    for body in _listed(item.get("body")):
        kind = _textual(body)
        if kind is None:
            other.append(body)
            continue
        text, purposes = kind
        if "tagging" in purposes:
            tag = normalize_tag(text)
            if tag:
                tags.setdefault(tag, None)
                tag_bodies.append(body)
                continue
        if purposes <= _NOTE_PURPOSES:
            note_parts.append(text)
            note_bodies.append(body)
        else:
            other.append(body)
    note = "\n\n".join(note_parts)
    if note and not own and not (len(note_bodies) == 1 and note_bodies[0] == {
            "type": "TextualBody", "purpose": "commenting", "value": note,
            "format": "text/markdown"}):
        kept["note"] = note
        kept["noteBodies"] = note_bodies
    if tags and not own and tag_bodies != [
            {"type": "TextualBody", "purpose": "tagging", "value": t, "format": "text/plain"}
            for t in tags]:
        kept["tags"] = list(tags)
        kept["tagBodies"] = tag_bodies
    if other:
        kept["bodies"] = other
        notes.append(f"kept {_count(len(other), 'body')} Gloss does not show")
    return note, tuple(tags)


def _textual(body: Any) -> tuple[str, frozenset[str]] | None:
    """A body's text and purposes, when it is text Gloss can show (None: keep it as is).

    A string body is an IRI (a resource, not text). A TextualBody may have no type (then it
    has a ``value``), a type list, and a purpose or a list of purposes (none: a comment).
    """
    if not isinstance(body, dict):
        return None
    kind = body.get("type")
    text = body.get("value")
    if not isinstance(text, str) or not (kind is None or _is(kind, "TextualBody")):
        return None
    purpose = body.get("purpose")
    if purpose is None:
        return text, _COMMENT
    if isinstance(purpose, str):
        return text, _PURPOSES.get(purpose) or frozenset((purpose,))
    if isinstance(purpose, list) and all(isinstance(p, str) for p in purpose):
        return text, frozenset(purpose) or _COMMENT
    return None


def _time(value: Any, name: str) -> str:
    if value is None:
        return ""
    moment = utc_time(value) if isinstance(value, str) else None
    if moment is None:
        raise _Refused(f"'{name}' is not an ISO 8601 time: {value!r}")
    return moment


def _highlight_id(value: Any, source: str, exact: str, start: int) -> str:
    if value is None:
        # Stable across imports of the same file, so importing twice does not duplicate.
        return str(uuid.uuid5(NAMESPACE, f"{source}\n{start}\n{exact}"))
    if not isinstance(value, str) or not value:
        raise _Refused("its id must be text")
    return highlight_id(value)


def outcomes_summary(outcomes: Sequence[Outcome]) -> dict[Status, int]:
    """How many annotations were placed, kept and refused."""
    out: dict[Status, int] = {"placed": 0, "kept": 0, "refused": 0}
    for outcome in outcomes:
        out[outcome.status] += 1
    return out
