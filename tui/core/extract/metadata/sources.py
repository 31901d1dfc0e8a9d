"""What a page declares about itself, gathered once: meta tags, JSON-LD, headings, <title>.

Every metadata field reads from these, so the page is walked for them only once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from lxml import html as lxml_html

from tui.core.sanitize import clean_inline

_ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "techarticle",
    "scholarlyarticle",
    "report",
    "webpage",
    "liveblogposting",
    "review",
    "posting",
    "socialmediaposting",
}


@dataclass(frozen=True, slots=True)
class PageSources:
    """The page's declarations, cleaned to single lines."""

    meta: dict[str, str]
    ld: tuple[dict[str, Any], ...]
    h1s: tuple[str, ...]
    page_title: str
    host: str | None


def gather(doc: lxml_html.HtmlElement, url: str | None) -> PageSources:
    """Collect the declarations of a whole-page tree."""
    meta = meta_tags(doc)
    title_el = doc.find(".//title")
    h1s = tuple(t for t in (clean_inline(h.text_content()) for h in doc.iter("h1")) if t)
    host = _host(url) or _host(meta.get("og:url"))
    if host is None:
        for link in doc.iter("link"):
            if "canonical" in (link.get("rel") or "").lower().split():
                host = _host(link.get("href"))
                break
    return PageSources(
        meta=meta,
        ld=tuple(json_ld_objects(doc)),
        h1s=h1s,
        page_title=clean_inline(title_el.text_content()) if title_el is not None else "",
        host=host,
    )


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    return (parts.hostname or "").removeprefix("www.") or None


def first(*values: str | None) -> str | None:
    """The first value that is not empty once cleaned."""
    for value in values:
        if value:
            text = clean_inline(value)
            if text:
                return text
    return None


def meta_tags(doc: lxml_html.HtmlElement) -> dict[str, str]:
    """First value of every <meta name|property|itemprop|http-equiv=... content=...>."""
    out: dict[str, str] = {}
    for el in doc.iter("meta"):
        content = el.get("content")
        if not content or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = el.get(attr)
            if key:
                out.setdefault(key.strip().lower(), content.strip())
    return out


def json_ld_objects(doc: lxml_html.HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object of an article-like type, @graph entries included."""
    for script in doc.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                graph = item.get("@graph")
                if graph is not None:
                    stack.extend(reversed(graph if isinstance(graph, list) else [graph]))
                if is_type(item, _ARTICLE_TYPES):
                    yield item


def is_type(item: dict[str, Any], kinds: set[str] | frozenset[str]) -> bool:
    """Whether a JSON-LD object's @type is one of ``kinds`` (lowercase)."""
    types = item.get("@type")
    types = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and t.lower() in kinds for t in types)


def ld_text(value: Any) -> str | None:
    """A JSON-LD value as text: a string, an object's name, or a list's names joined."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return ld_text(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (ld_text(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    return None
