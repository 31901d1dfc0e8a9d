"""Which links the reader follows, and where they point in the canonical text.

The extractor has already resolved every href against the page's URL. Here the reader
decides whether to follow one: http(s) always; ``file:`` and relative paths only from a
page that is itself a local file; everything else (``javascript:``, ``data:``, ``mailto:``,
``file:`` from a web page) is refused with a one-line reason the UI shows.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from tui.core.model import Article, SpanKind

WEB_SCHEMES = frozenset({"http", "https"})
LOCAL_SCHEMES = frozenset({"file", ""})


@dataclass(frozen=True, slots=True)
class LinkRef:
    """A link in the article: ``text[start:end]`` of the canonical text, pointing at href."""

    start: int
    end: int
    href: str
    block: int


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """Where following a link leads: a URL to load, or the reason it is not followed."""

    url: str | None = None
    refusal: str | None = None

    @property
    def followable(self) -> bool:
        """Whether the reader should load :attr:`url`."""
        return self.url is not None


def article_links(article: Article) -> list[LinkRef]:
    """Every link of the article in reading order, with canonical offsets."""
    out = []
    for index, block in enumerate(article.blocks):
        base = article.offsets[index]
        for span in block.spans:
            if span.kind is SpanKind.LINK and span.href:
                out.append(LinkRef(base + span.start, base + span.end, span.href, index))
    out.sort(key=lambda link: (link.start, link.end))
    return out


def link_at(links: list[LinkRef], offset: int, starts: list[int] | None = None) -> LinkRef | None:
    """The link covering ``offset``, if any (``links`` sorted as :func:`article_links`).

    ``starts`` (each link's start, precomputed) saves rebuilding it on every call.
    """
    starts = starts if starts is not None else [link.start for link in links]
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and links[i].start <= offset < links[i].end:
        return links[i]
    return None


def is_local(url: str | None) -> bool:
    """Whether a page address is a local file (or unknown), as opposed to the web."""
    if not url:
        return True
    try:
        return urlsplit(url).scheme.lower() in LOCAL_SCHEMES
    except ValueError:
        return True


def resolve_link(href: str, page_url: str | None) -> LinkTarget:
    """Decide whether to follow ``href`` found in the page at ``page_url``."""
    href = href.strip()
    if not href:
        return LinkTarget(refusal="the link has no address")
    if any(ord(c) < 32 or c == "\x7f" for c in href):
        return LinkTarget(refusal="the link's address holds control characters")
    try:
        url = urljoin(page_url, href) if page_url else href
        parts = urlsplit(url)
    except ValueError:
        return LinkTarget(refusal="the link's address is not a valid URL")
    scheme = parts.scheme.lower()
    if scheme in WEB_SCHEMES:
        if not parts.netloc:
            return LinkTarget(refusal=f"the link has no host: {_short(url)}")
        return LinkTarget(url=url)
    if scheme in LOCAL_SCHEMES:
        if not is_local(page_url):
            return LinkTarget(
                refusal=f"not following a local file link from a web page: {_short(url)}"
            )
        if not page_url and scheme == "":
            return LinkTarget(
                refusal="a relative link in a page with no address cannot be followed"
            )
        return LinkTarget(url=url)
    return LinkTarget(refusal=f"Gloss does not follow {scheme}: links")


def without_fragment(url: str) -> str:
    """``url`` minus its ``#fragment`` (for telling whether a link points into this page)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    return urlunsplit(parts._replace(fragment=""))


def same_document(url: str, page_url: str | None) -> bool:
    """Whether ``url`` is the page at ``page_url`` itself (perhaps with a #fragment)."""
    return bool(page_url) and without_fragment(url) == without_fragment(page_url or "")


def _short(url: str, limit: int = 60) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"
