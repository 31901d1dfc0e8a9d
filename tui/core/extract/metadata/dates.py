"""Publication dates: found on the page, and read from machine or human forms to ISO 8601."""

from __future__ import annotations

import re
from datetime import date, datetime

from lxml import html as lxml_html

from tui.core.extract.clean.signals import class_words
from tui.core.extract.metadata.sources import PageSources, ld_text
from tui.core.sanitize import clean_inline

# Placeholder dates ("0001-01-01", a zeroed Unix clock) are templates' defaults, not dates.
EARLIEST_YEAR = 1995
LATEST_YEAR = 2100

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
MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DATE_PATTERNS = (
    # 2023-04-05, 2023/04/05
    re.compile(r"\b(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})\b"),
    # April 5, 2023 / Apr. 5th 2023
    re.compile(
        rf"\b(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I
    ),
    # 5 April 2023
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<y>(?:19|20)\d\d)\b",
        re.I,
    ),
)
# "2019-11-19 02:24:00", "2019-11-19T21:57:01+0000": forms fromisoformat needs help with.
_SPACED_TIME = re.compile(r"^(\d{4}-\d\d-\d\d) (\d\d:\d\d)")
_COMPACT_ZONE = re.compile(r"([+-]\d\d)(\d\d)$")
_ZONE_NAME = re.compile(r"\s*(?:UTC|GMT|Z)$")
# Elements whose class or id says they hold a date (or a byline, which often carries one).
_DATELINE_WORDS = frozenset(
    {"date", "time", "published", "posted", "dateline", "timestamp", "meta", "byline", "author"}
)


def _plausible(year: int) -> bool:
    return EARLIEST_YEAR <= year <= LATEST_YEAR


def normalize_date(value: str | None, *, machine_only: bool = False) -> str | None:
    """An ISO 8601 date or date-time from a machine or human date string, else None.

    With ``machine_only``, only ISO 8601 forms are read (they carry the time and zone).
    """
    if not value:
        return None
    text = value.strip()
    machine = _SPACED_TIME.sub(r"\1T\2", text)
    machine = _ZONE_NAME.sub("+00:00", machine)
    machine = _COMPACT_ZONE.sub(r"\1:\2", machine)
    try:
        parsed = datetime.fromisoformat(machine)
    except ValueError:
        parsed = None
    if parsed is not None:
        if not _plausible(parsed.year):
            return None
        if len(text) <= 10:
            return parsed.date().isoformat()
        return parsed.isoformat(timespec="seconds")
    if machine_only:
        return None
    for pattern in DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        parts = match.groupdict()
        month = (
            int(parts["m"]) if parts.get("m") else _MONTHS.get(parts["mon"].lower().rstrip("."), 0)
        )
        try:
            found = date(int(parts["y"]), month, int(parts["d"]))
        except ValueError:
            continue
        if _plausible(found.year):
            return found.isoformat()
    return None


def read_published(doc: lxml_html.HtmlElement, src: PageSources) -> str | None:
    """When the article was first published, from the most deliberate source that says."""
    meta = src.meta
    declared = (
        meta.get("article:published_time"),
        meta.get("og:published_time"),
        meta.get("og:article:published_time"),
        meta.get("article:published"),
        meta.get("datepublished"),
        *(ld_text(o.get("datePublished")) for o in src.ld),
        meta.get("pubdate"),
        meta.get("publishdate"),
        meta.get("publish-date"),
        meta.get("pub_date"),
        meta.get("publication_date"),
        meta.get("dc.date.issued"),
        meta.get("dc.date"),
        meta.get("sailthru.date"),
        meta.get("parsely-pub-date"),
        meta.get("date"),
        *(ld_text(o.get("dateCreated")) for o in src.ld),
    )
    # A machine date anywhere in the declarations beats a human one ("November 20, 2019
    # 13:42") that ranks before it: it keeps the time and the zone.
    for machine_only in (True, False):
        for value in declared:
            found = normalize_date(value, machine_only=machine_only)
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
        if any(w in _DATELINE_WORDS for w in class_words(el)):
            text = clean_inline(el.text_content())
            if len(text) <= 120:
                found = normalize_date(text)
                if found:
                    return found
    return None
