"""Who wrote the article: the byline from structured data, meta tags or visible markup.

Sources disagree in known ways: a meta "author" tag often names the publisher, JSON-LD names
people, a visible byline adds a role ("AP Auto Writer") or the site ("Cleveland.com"), and a
comment form's "Name (required)" label sits in an element called "author". The byline is the
people, as a reader citing the article would write them.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from tui.core.extract.clean.signals import class_words
from tui.core.extract.metadata.dates import DATE_PATTERNS
from tui.core.extract.metadata.sources import PageSources, is_type, ld_text
from tui.core.sanitize import clean_inline

_BY_PREFIX = re.compile(r"^\s*(?:written\s+|posted\s+|words\s+)?by[:\s]+", re.I)
_BYLINE_WORDS = frozenset({"byline", "author", "writer", "contributor", "authorname"})
# Parts of an author box that are not the name: its picture, bio, "about" text.
_NOT_NAME_WORDS = frozenset(
    {"avatar", "bio", "desc", "description", "about", "image", "img", "photo", "picture"}
)
# Where names are commenters, not authors.
_COMMENT_WORDS = frozenset({"comment", "comments", "respond", "reply", "replies", "discussion"})
_HANDLE = re.compile(r"(?:^|\s)@\w+")
# A part after a comma that describes the person rather than names another one.
_ROLE = re.compile(
    r"\b(?:writer|editor|reporter|correspondent|contributor|columnist|staff|journalist|"
    r"critic|producer|bureau|desk|wire|press|news|times|post)\b",
    re.I,
)
# Account names a CMS shows when nobody set an author.
_NOT_A_NAME = re.compile(r"admin|^user\d*$|^guest$|^anonymous$|^\w*\d\w*$|\.\w{2,4}$", re.I)
MAX_BYLINE_WORDS = 8
_WITH_CLASS = etree.XPath("//*[@class or @id]")
# Short elements that mention "by": the only ones a dated "by" line can be.
_BY_CANDIDATES = etree.XPath(
    "//*[self::p or self::span or self::div or self::footer or self::header]"
    "[contains(., 'by ') or contains(., 'By ') or contains(., 'BY ')]"
)


def read_byline(doc: lxml_html.HtmlElement, src: PageSources, site: str | None) -> str | None:
    """The article's author(s), or None when the page names none."""
    meta = src.meta
    people = [ld_text(o.get("author")) for o in src.ld if _names_people(o.get("author"))]
    others = [ld_text(o.get("author")) for o in src.ld if not _names_people(o.get("author"))]
    for value in (
        *people,
        meta.get("article:author"),
        meta.get("og:article:author"),
        meta.get("byl"),
        meta.get("parsely-author"),
        meta.get("sailthru.author"),
        meta.get("dc.creator"),
        meta.get("author"),
        *others,
    ):
        name = clean_byline(value, site)
        if name:
            return _with_coauthors(doc, name, site)
    for el in doc.xpath('//*[@rel="author" or @itemprop="author"]'):
        if el.tag in ("link", "meta") and not el.get("itemprop"):
            continue  # <link rel="author" href="humans.txt">: a file, not a name
        name = clean_byline(el.get("content") or _visible_text(el), site)
        if name and not _in_comments(el):
            return name
    for el in _byline_candidates(doc):
        if el.tag in ("body", "html", "article", "main", "form", "input", "label", "textarea"):
            continue
        words = class_words(el)
        if (
            any(w in _BYLINE_WORDS for w in words)
            and not any(w in _NOT_NAME_WORDS for w in words)
            and not _in_comments(el)
        ):
            name = clean_byline(_visible_text(el), site)
            if name:
                return name
    return _dated_by_line(doc)


def _byline_candidates(doc: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """Elements whose class or id mentions a byline word: a substring test first, so the
    word-by-word check runs on a handful of elements rather than every classed one."""
    found = []
    for el in _WITH_CLASS(doc):
        attrs = f"{el.get('class', '')} {el.get('id', '')}".lower()
        if any(word in attrs for word in _BYLINE_WORDS):
            found.append(el)
    return found


def _with_coauthors(doc: lxml_html.HtmlElement, name: str, site: str | None) -> str:
    """The visible byline where it names ``name`` and co-authors the metadata left out."""
    for el in doc.xpath('//*[contains(@class, "byline")]'):
        shown = clean_byline(_visible_text(el), site)
        if shown and shown.startswith(name) and re.match(r"(?:,| and) \w", shown[len(name) :]):
            return shown
    return name


def _names_people(value: Any) -> bool:
    """Whether a JSON-LD author value names persons (not only an organisation)."""
    items = value if isinstance(value, list) else [value]
    return any(
        isinstance(i, str) or (isinstance(i, dict) and is_type(i, {"person"})) for i in items
    )


def _in_comments(el: lxml_html.HtmlElement) -> bool:
    for ancestor in el.iterancestors():
        if ancestor.tag == "form" or any(w in _COMMENT_WORDS for w in class_words(ancestor)):
            return True
    return False


def _visible_text(el: lxml_html.HtmlElement) -> str:
    return " ".join(t for t in el.itertext() if t.strip())


def _dated_by_line(doc: lxml_html.HtmlElement) -> str | None:
    """ "Posted on March 3, 2022 by Jane Doe": a short dated line naming someone."""
    for el in _BY_CANDIDATES(doc):
        text = clean_inline(el.text_content())
        if len(text) > 120:
            continue
        match = re.search(r"\bby\s+([A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})", text)
        if match and any(p.search(text) for p in DATE_PATTERNS) and not _in_comments(el):
            return match.group(1)
    return None


def clean_byline(text: str | None, site: str | None = None) -> str | None:
    """The people in a byline string, or None if it names nobody."""
    if not text:
        return None
    text = clean_inline(text)
    if not text or "://" in text or text.startswith(("/", "www.")) or len(text) > 120:
        return None
    if "!" in text or "?" in text:  # a sentence ("We write about the sea!"), not a name
        return None
    text = _BY_PREFIX.sub("", text)
    # "Jane Doe, Staff Writer | March 3, 2022": keep the name part.
    for pattern in DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            text = text[: match.start()]
    text = re.split(
        r"\s+(?:on|posted|published|updated)\b|\s+[|•·]\s+", text, maxsplit=1, flags=re.I
    )[0]
    text = _HANDLE.sub(" ", text)
    text = _drop_site_and_roles(text, site)
    text = " ".join(text.split()).strip(" ,|-–—·•.")
    if not text or len(text.split()) > MAX_BYLINE_WORDS or not any(c.isalpha() for c in text):
        return None
    if ":" in text or ";" in text or (" " not in text and _NOT_A_NAME.search(text)):
        return None  # a label, or an account name
    if text.isupper() and " " in text:  # "TOM KRISHER": the template shouts, not the author
        text = text.title()
    return text


def _drop_site_and_roles(text: str, site: str | None) -> str:
    """'Troy L. Smith, Cleveland.com' -> 'Troy L. Smith'; 'Tom Krisher, AP Auto Writer' too."""
    key = _site_key(site)
    tail = re.search(r"[,.]\s+([^,.]+(?:\.\w+)?)$", text)
    if key and tail and _site_key(tail.group(1)) == key:
        text = text[: tail.start()]
    parts = text.split(", ")
    kept = [parts[0]]
    for part in parts[1:]:
        if (key and _site_key(part) == key) or _ROLE.search(part):
            break
        kept.append(part)
    return ", ".join(kept)


def _site_key(text: str | None) -> str:
    if not text:
        return ""
    key = re.sub(r"[\W_]+", "", text.casefold())
    return key.removeprefix("the").removesuffix("com")
