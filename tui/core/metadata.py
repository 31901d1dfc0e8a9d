"""Article metadata from a parsed page: title, byline, date, site, language, canonical URL.

Sources are tried from the most to the least deliberate: Open Graph and article meta tags,
JSON-LD, microdata, then visible markup (a byline element, a <time>, a dated "by" line).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

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
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        )
    )
    for m in names
}
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_PATTERNS = (
    # 2023-04-05, 2023/04/05
    re.compile(r"\b(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})\b"),
    # April 5, 2023 / Apr. 5th 2023
    re.compile(
        rf"\b(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I
    ),
    # 5 April 2023
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH}),?\s+(?P<y>(?:19|20)\d\d)\b",
        re.I,
    ),
)
_BY_PREFIX = re.compile(r"^\s*(?:written\s+|posted\s+|words\s+)?by[:\s]+", re.I)
_BYLINE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:byline|author|writer|contributor)(?:name)?(?:$|[\s_-])", re.I
)
_DATELINE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:date|time|published|posted|dateline|timestamp|meta)(?:$|[\s_-])", re.I
)
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|/)\s+")


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a page says about itself."""

    title: str | None = None
    byline: str | None = None
    published: str | None = None
    site_name: str | None = None
    language: str | None = None
    canonical_url: str | None = None


def read_metadata(doc: lxml_html.HtmlElement, url: str | None) -> Metadata:
    """Collect metadata from a whole-page tree (before readability strips it)."""
    meta = _meta_tags(doc)
    ld = list(_json_ld_objects(doc))
    site = _first(meta.get("og:site_name"), meta.get("application-name"), _ld_publisher(ld))
    title = _title(doc, meta, ld, site)
    if not site:
        site = _site_from_title(doc, title)
    if not site and url and urlsplit(url).scheme in ("http", "https"):
        site = (urlsplit(url).hostname or "").removeprefix("www.") or None
    return Metadata(
        title=title,
        byline=_byline(doc, meta, ld),
        published=_published(doc, meta, ld),
        site_name=site,
        language=_language(doc, meta),
        canonical_url=_canonical(doc, meta, url),
    )


def _site_from_title(doc: lxml_html.HtmlElement, title: str | None) -> str | None:
    """The site name a <title> of the form "Headline | Site" adds to the headline."""
    title_el = doc.find(".//title")
    if not title or title_el is None:
        return None
    page_title = clean_inline(title_el.text_content())
    if not page_title.startswith(title):
        return None
    # "Headline (Author) - Site": the part after the last separator names the site.
    seps = list(_TITLE_SEPARATORS.finditer(page_title, len(title)))
    tail = page_title[seps[-1].end() :] if seps else ""
    return tail if tail and len(tail.split()) <= 5 else None


def _first(*values: str | None) -> str | None:
    for value in values:
        if value:
            text = clean_inline(value)
            if text:
                return text
    return None


def _meta_tags(doc: lxml_html.HtmlElement) -> dict[str, str]:
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


def _json_ld_objects(doc: lxml_html.HtmlElement) -> Iterator[dict[str, Any]]:
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
                if "@graph" in item:
                    stack.extend(
                        reversed(
                            item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]]
                        )
                    )
                kinds = item.get("@type")
                kinds = kinds if isinstance(kinds, list) else [kinds]
                if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
                    yield item


def _ld_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _ld_text(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_ld_text(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    return None


def _ld_publisher(ld: list[dict[str, Any]]) -> str | None:
    return _first(*(_ld_text(obj.get("publisher")) for obj in ld))


def _title(
    doc: lxml_html.HtmlElement, meta: dict[str, str], ld: list[dict[str, Any]], site: str | None
) -> str | None:
    h1s = [clean_inline(h.text_content()) for h in doc.iter("h1")]
    h1s = [h for h in h1s if h]
    title_el = doc.find(".//title")
    page_title = clean_inline(title_el.text_content()) if title_el is not None else ""
    candidates = [
        meta.get("og:title"),
        meta.get("twitter:title"),
        *(_ld_text(o.get("headline")) for o in ld),
        meta.get("title"),
    ]
    for candidate in candidates:
        text = _first(candidate)
        if text:
            return _strip_site(text, site)
    if len(h1s) == 1:
        return h1s[0]
    if page_title:
        stripped = _strip_site(page_title, site, guess=True)
        # The <title> often reads "Headline | Section | Site": a matching <h1> settles it.
        for h1 in h1s:
            if h1 and stripped.startswith(h1):
                return h1
        return stripped
    return h1s[0] if h1s else None


def _strip_site(title: str, site: str | None, *, guess: bool = False) -> str:
    """Drop a " | Site Name" suffix or "Site Name: " prefix from a headline.

    With ``guess``, a short trailing part is taken for a site name even when none is known
    (only for <title>, which carries one far more often than og:title does).
    """
    seps = list(_TITLE_SEPARATORS.finditer(title))
    if not seps:
        return title
    head, tail = title[: seps[0].start()], title[seps[-1].end() :]
    if site:
        key = site.casefold()
        if tail.casefold() in key or key in tail.casefold():
            return title[: seps[-1].start()]
        if head.casefold() in key or key in head.casefold():
            return title[seps[0].end() :]
    if guess and len(tail.split()) <= 3 and len(title[: seps[-1].start()].split()) >= 3:
        return title[: seps[-1].start()]
    return title


def _clean_byline(text: str | None) -> str | None:
    if not text:
        return None
    text = clean_inline(text)
    if not text or text.startswith(("http://", "https://", "/")) or len(text) > 100:
        return None
    text = _BY_PREFIX.sub("", text)
    # "Jane Doe, Staff Writer | March 3, 2022": keep the name part.
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            text = text[: match.start()]
    text = re.split(
        r"\s+(?:on|posted|published|updated)\b|\s+[|•·]\s+", text, maxsplit=1, flags=re.I
    )[0]
    text = text.strip(" ,|-–—·•")
    if not text or len(text.split()) > 8 or not any(ch.isalpha() for ch in text):
        return None
    return text


def _byline(
    doc: lxml_html.HtmlElement, meta: dict[str, str], ld: list[dict[str, Any]]
) -> str | None:
    for value in (
        meta.get("author"),
        meta.get("article:author"),
        meta.get("byl"),
        meta.get("parsely-author"),
        meta.get("sailthru.author"),
        meta.get("dc.creator"),
        *(_ld_text(o.get("author")) for o in ld),
    ):
        name = _clean_byline(value)
        if name:
            return name
    for el in doc.xpath('//*[@rel="author" or @itemprop="author"]'):
        name = _clean_byline(el.get("content") or _visible_text(el))
        if name:
            return name
    for el in doc.xpath("//*[@class or @id]"):
        attrs = f"{el.get('class', '')} {el.get('id', '')}"
        if _BYLINE_CLASS.search(attrs) and el.tag not in ("body", "html", "article", "main"):
            name = _clean_byline(_visible_text(el))
            if name:
                return name
    # "Posted on March 3, 2022 by Jane Doe"
    for el in doc.iter("p", "span", "div", "footer", "header"):
        text = clean_inline(el.text_content())
        if len(text) > 120:
            continue
        match = re.search(r"\bby\s+([A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})", text)
        if match and any(p.search(text) for p in _DATE_PATTERNS):
            return match.group(1)
    return None


def _visible_text(el: lxml_html.HtmlElement) -> str:
    return " ".join(t for t in el.itertext() if not isinstance(t, str) or t.strip())


def _published(
    doc: lxml_html.HtmlElement, meta: dict[str, str], ld: list[dict[str, Any]]
) -> str | None:
    for value in (
        meta.get("article:published_time"),
        meta.get("og:published_time"),
        meta.get("datepublished"),
        meta.get("date"),
        meta.get("pubdate"),
        meta.get("publishdate"),
        meta.get("dc.date.issued"),
        meta.get("dc.date"),
        meta.get("sailthru.date"),
        meta.get("parsely-pub-date"),
        *(_ld_text(o.get("datePublished")) for o in ld),
        *(_ld_text(o.get("dateCreated")) for o in ld),
    ):
        found = normalize_date(value)
        if found:
            return found
    for el in doc.xpath('//*[@itemprop="datePublished"]'):
        found = normalize_date(el.get("content") or el.get("datetime") or el.text_content())
        if found:
            return found
    for el in doc.iter("time"):
        found = normalize_date(el.get("datetime") or el.text_content())
        if found:
            return found
    for el in doc.xpath("//*[@class or @id]"):
        attrs = f"{el.get('class', '')} {el.get('id', '')}"
        if _DATELINE_CLASS.search(attrs) or _BYLINE_CLASS.search(attrs):
            text = clean_inline(el.text_content())
            if len(text) <= 120:
                found = normalize_date(text)
                if found:
                    return found
    return None


def normalize_date(value: str | None) -> str | None:
    """An ISO 8601 date or date-time from a machine or human date string, else None."""
    if not value:
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is not None:
        if len(text) <= 10:
            return parsed.date().isoformat()
        return parsed.isoformat(timespec="seconds")
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        parts = match.groupdict()
        month = (
            int(parts["m"]) if parts.get("m") else _MONTHS.get(parts["mon"].lower().rstrip("."), 0)
        )
        try:
            return date(int(parts["y"]), month, int(parts["d"])).isoformat()
        except ValueError:
            continue
    return None


def _language(doc: lxml_html.HtmlElement, meta: dict[str, str]) -> str | None:
    value = doc.get("lang") or doc.get("{http://www.w3.org/XML/1998/namespace}lang")
    value = value or meta.get("content-language") or meta.get("og:locale")
    if not value:
        return None
    value = clean_inline(value).replace("_", "-")
    return value if re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", value) else None


def _canonical(doc: lxml_html.HtmlElement, meta: dict[str, str], url: str | None) -> str | None:
    for el in doc.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
            href = el.get("href", "").strip()
            return urljoin(url, href) if url else href
    og = meta.get("og:url")
    if og:
        return urljoin(url, og) if url else og
    return None
