"""Article metadata from a parsed page: title, byline, date, site, language, canonical URL.

Sources are tried from the most to the least deliberate: Open Graph and article meta tags,
JSON-LD, microdata, then visible markup (the headline, a byline element, a <time>). Where
they disagree, the answer is what a reader citing the article would write: the headline as
the page shows it, the people who wrote it, the publication's name as its pages spell it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import html as lxml_html

from tui.core.extract.metadata.byline import read_byline
from tui.core.extract.metadata.dates import normalize_date, read_published
from tui.core.extract.metadata.sources import PageSources, first, gather, ld_text
from tui.core.sanitize import clean_inline
from tui.core.text import safe_url, same_site

__all__ = ["Metadata", "normalize_date", "read_metadata"]

_HOST_NAME = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}")
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|/)\s+")
# A headline has at least this many words; shorter <h1>s are section names or logos.
HEADLINE_MIN_WORDS = 3
# Words of four letters or more that a rewritten headline shares with the declared title.
_CONTENT_WORD = re.compile(r"\w{4,}")


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
    src = gather(doc, url)
    site = _site_name(src)
    return Metadata(
        title=_title(src, site),
        byline=read_byline(doc, src, site),
        published=read_published(doc, src),
        site_name=site or src.host,
        language=_language(doc, src.meta),
        canonical_url=_canonical(doc, src.meta, url),
    )


# -- site -------------------------------------------------------------------------------------


def _site_key(text: str) -> str:
    """A site name reduced to compare spellings: "The Hill", "TheHill", "thehill.com"."""
    text = text.casefold().strip().removeprefix("www.")
    if _HOST_NAME.fullmatch(text):  # "livescience.com": its first label is the name
        text = text.split(".")[0]
    return re.sub(r"[\W_]+", "", text).removeprefix("the")


def _clean_site(value: str | None) -> str | None:
    """A declared site name, without a tagline ("Site | Slogan") and never a URL."""
    text = first(value)
    if not text or "://" in text:
        return None
    text = text.removeprefix("www.")
    parts = _TITLE_SEPARATORS.split(text)
    return parts[0] if parts[0] else None


def _site_name(src: PageSources) -> str | None:
    meta = src.meta
    names = [
        name
        for name in (
            _clean_site(meta.get("og:site_name")),
            _clean_site(meta.get("application-name")),
            *(_clean_site(ld_text(o.get("publisher"))) for o in src.ld),
        )
        if name
    ]
    declared = names[0] if names else None
    for name in names[1:]:
        # og:site_name is sometimes a slug ("usatoday") of the name JSON-LD spells out.
        if declared and _site_key(name) == _site_key(declared):
            declared = max(declared, name, key=_spelling)
    suffix = _title_suffix(src)
    if suffix and (
        not declared
        or (_site_key(suffix) == _site_key(declared) and _spelling(suffix) > _spelling(declared))
        or (_on_host(suffix, src.host) and not _on_host(declared, src.host))
    ):
        # The <title> may spell the name better ("Live Science" for "livescience.com",
        # "cleveland.com" for "cleveland"), or name the publication where og:site_name
        # names a section ("U.S.").
        return suffix
    return declared


def _spelling(name: str) -> tuple[bool, bool, bool]:
    """How much a site name looks like a name as written, rather than a slug or a host."""
    return (not name.islower(), name[:1].isupper(), "." in name or " " in name)


def _on_host(name: str, host: str | None) -> bool:
    """Whether a site name is the one in the page's host name ("Reuters", reuters.com)."""
    key = _site_key(name)
    return bool(host and len(key) >= 3 and key in re.sub(r"[\W_]+", "", host.casefold()))


def _title_suffix(src: PageSources) -> str | None:
    """The site name a <title> of the form "Headline | Section | Site" adds to the headline."""
    seps = list(_TITLE_SEPARATORS.finditer(src.page_title))
    if not seps:
        return None
    tail = src.page_title[seps[-1].end() :].removeprefix("www.")
    body = src.page_title[: seps[-1].start()]
    if not tail or len(tail.split()) > 5:
        return None
    meta = src.meta
    headlines = [
        clean_inline(h)
        for h in (
            meta.get("og:title"),
            meta.get("twitter:title"),
            meta.get("title"),
            *(ld_text(o.get("headline")) for o in src.ld),
        )
        if h
    ]
    # Where the page declares its headline, only a <title> made of that headline and a
    # suffix names the site in the suffix ("Site | Tagline" does not).
    candidates = [*headlines, *src.h1s]
    if headlines and not any(body.startswith(h) or body in h for h in candidates if h):
        return None
    return tail


# -- title ------------------------------------------------------------------------------------


def _title(src: PageSources, site: str | None) -> str | None:
    meta = src.meta
    declared = first(
        meta.get("og:title"),
        meta.get("twitter:title"),
        *(ld_text(o.get("headline")) for o in src.ld),
        meta.get("title"),
    )
    headlines = [
        h
        for h in src.h1s
        if len(h.split()) >= HEADLINE_MIN_WORDS and not (site and _site_key(h) == _site_key(site))
    ]
    if declared:
        return _prefer_headline(_strip_site(declared, site), headlines)
    if len(set(headlines)) == 1:
        return headlines[0]
    if src.page_title:
        stripped = _strip_site(src.page_title, site, guess=True)
        return _prefer_headline(stripped, headlines)
    return src.h1s[0] if src.h1s else None


def _prefer_headline(title: str, headlines: list[str]) -> str:
    """The page's own headline where the declared title dresses it up or rewrites it.

    "Opinion | Headline" and "Headline - Site" become "Headline"; a title written for search
    engines gives way to the one headline the page shows, if the two share their subject.
    """
    if title in headlines:
        return title
    for headline in headlines:
        for sep in _TITLE_SEPARATORS.finditer(title):
            if title[: sep.start()] == headline or title[sep.end() :] == headline:
                return headline
    if len(set(headlines)) == 1:
        shown = {w.casefold() for w in _CONTENT_WORD.findall(headlines[0])}
        declared = {w.casefold() for w in _CONTENT_WORD.findall(title)}
        if shown and len(shown & declared) * 3 >= len(shown):
            return headlines[0]
    return title


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
        key = _site_key(site)
        if _site_key(tail) == key or (key and _site_key(tail).startswith(key)):
            return title[: seps[-1].start()]
        if _site_key(head) == key:
            return title[seps[0].end() :]
    if guess and len(tail.split()) <= 3 and len(title[: seps[-1].start()].split()) >= 3:
        return title[: seps[-1].start()]
    return title


# -- language, canonical URL ------------------------------------------------------------------


def _language(doc: lxml_html.HtmlElement, meta: dict[str, str]) -> str | None:
    value = doc.get("lang") or doc.get("{http://www.w3.org/XML/1998/namespace}lang")
    value = value or meta.get("content-language") or meta.get("og:locale")
    if not value:
        return None
    value = clean_inline(value).replace("_", "-")
    return value if re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", value) else None


def _canonical(doc: lxml_html.HtmlElement, meta: dict[str, str], url: str | None) -> str | None:
    """The page's canonical URL, if it is a web URL on the page's own site.

    It becomes the article's identity in the notebook, so a page must not be able to claim
    another site's article: a canonical URL off the fetched page's site is ignored (the
    article is saved under the URL it was fetched from). A local file keeps the one it
    names: it says where the copy came from, and nothing was fetched to compare with.
    """
    candidates = [
        el.get("href", "")
        for el in doc.iter("link")
        if "canonical" in (el.get("rel") or "").lower().split() and el.get("href")
    ]
    candidates.append(meta.get("og:url", ""))
    for href in candidates:
        if not href:
            continue
        try:
            joined = urljoin(url, href.strip()) if url else href.strip()
        except ValueError:
            continue
        canonical = safe_url(joined)
        if canonical is None:
            continue
        if url is not None and safe_url(url) is not None and not same_site(canonical, url):
            continue
        return canonical
    return None
