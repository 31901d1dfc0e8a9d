"""Kindle's ``My Clippings.txt``: highlights, notes and bookmarks of every book, appended.

Each entry is a title line ``Title (Author)``, a header line saying what it is, where and when
(in the Kindle's language), a blank line, the text, and a ``==========`` line. A note is its
own entry, at the location where its highlight ends: it is attached to that highlight. An
edited highlight leaves its old version behind as another entry over the same locations: the
later one is kept. Bookmarks carry no text and are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from tui.core.imports.record import ImportFileError, Record, iso_time

FORMAT = "kindle"
SEPARATOR = "=========="

# What an entry is, by the words of each language's header (bookmark first: some languages'
# bookmark words hold no highlight word, but checking it first keeps that true for all).
_KINDS = (
    ("bookmark", ("bookmark", "lesezeichen", "signet", "marcador", "segnalibro",
                  "ブックマーク", "书签", "書籤")),
    ("highlight", ("highlight", "markierung", "surlignement", "subrayado", "evidenziazione",
                   "destaque", "ハイライト", "标注", "標註")),
    ("note", ("note", "notiz", "nota", "メモ", "笔记", "筆記")),
    ("clip", ("clip", "ausschnitt", "extrait", "recorte", "ritaglio", "クリップ", "剪贴")),
)
_LOCATION = re.compile(
    r"(?:location|position|emplacement|posici[oó]n|posizione|posi[cç][aã]o|位置)"
    r"\s*(?:No\.)?\s*#?\s*(\d+)(?:\s*-\s*(\d+))?",
    re.IGNORECASE,
)
_PAGE = re.compile(
    r"(?:page|seite|p[aá]gina|第)\s*(\d+)(?:\s*-\s*\d+)?|(\d+)\s*(?:ページ|页|頁)", re.IGNORECASE
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january januar janvier enero gennaio janeiro jan",
            "february februar février febrero febbraio fevereiro feb",
            "march märz mars marzo março mar",
            "april avril abril aprile apr",
            "may mai mayo maggio maio",
            "june juni juin junio giugno junho jun",
            "july juli juillet julio luglio julho jul",
            "august août agosto aug",
            "september septembre septiembre settembre setembro sep sept",
            "october oktober octobre octubre ottobre outubro oct",
            "november novembre noviembre novembro nov",
            "december dezember décembre diciembre dicembre dezembro dec",
        ),
        start=1,
    )
    for name in names.split()
}
_CJK_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?\s?[Mm]\.?)?")
_AFTERNOON = ("下午", "午後")


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str
    title: str
    author: str | None
    text: str
    first: int | None  # location range (None: the header gave none)
    last: int | None
    location: str | None
    created: str | None
    number: int  # 1-based, for messages and order


def parse(data: bytes) -> tuple[Record, ...]:
    """Every highlight in a clippings file, notes attached, edited duplicates collapsed."""
    text = _decode(data).replace("\r\n", "\n").replace("\r", "\n")
    chunks = text.split(SEPARATOR)
    if len(chunks) < 2:
        raise ImportFileError(f"{FORMAT}: no '{SEPARATOR}' line: not a My Clippings.txt file")
    entries = []
    for number, chunk in enumerate(chunks, start=1):
        if chunk.strip():
            entries.append(_entry(chunk, number))
    highlights = _collapse([e for e in entries if e.kind in ("highlight", "clip")])
    notes = [e for e in entries if e.kind == "note"]
    noted, attached = _attach(highlights, notes)
    records = [_record(entry, noted.get(entry.number, "")) for entry in highlights]
    # A note with no highlight to attach to is kept as its own record, never dropped.
    records += [_record(n, n.text, quote="") for n in notes if n.number not in attached]
    return tuple(records)


def _decode(data: bytes) -> str:
    # The Kindle writes UTF-8 with a BOM at the start of the file, and sometimes again at
    # the start of later entries: every one of them goes.
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(f"{FORMAT}: the file is not UTF-8 text") from None
    return text.replace("\ufeff", "")


def _entry(chunk: str, number: int) -> _Entry:
    lines = chunk.strip("\n").split("\n")
    if len(lines) < 2 or not lines[1].lstrip().startswith("-"):
        raise ImportFileError(
            f"{FORMAT}: clipping {number}: expected a title line and a '- ...' header line"
        )
    title, author = _title_author(lines[0].strip())
    header = lines[1].strip()
    kind = _kind(header)
    if kind is None:
        raise ImportFileError(f"{FORMAT}: clipping {number}: unknown header {header[:60]!r}")
    body = "\n".join(lines[2:]).strip()
    first, last, location = _where(header)
    return _Entry(kind, title, author, body, first, last, location, _date(header), number)


def _title_author(line: str) -> tuple[str, str | None]:
    """``Title (Author)``; the last parenthesis is the author (titles have their own)."""
    if line.endswith(")") and "(" in line:
        at = line.rfind("(")
        title, author = line[:at].strip(), line[at + 1 : -1].strip()
        if title:
            return title, _byline(author) or None
    return line, None


def _byline(author: str) -> str:
    """Kindle's ``Last, First`` (``;`` between authors) as names in reading order, so that a
    citation does not read the comma as two people ("Kafka, and Franz")."""
    names = []
    for part in author.split(";"):
        last, comma, first = part.partition(",")
        in_order = comma and first.strip() and "," not in first
        name = f"{first.strip()} {last.strip()}" if in_order else part
        if name.strip():
            names.append(name.strip())
    return " and ".join(names)


def _kind(header: str) -> str | None:
    lowered = header.lower()
    for kind, words in _KINDS:
        if any(word in lowered for word in words):
            return kind
    return None


def _where(header: str) -> tuple[int | None, int | None, str | None]:
    """The location range and a label: 'page 12, location 170-172'."""
    parts = []
    page = _PAGE.search(header)
    if page:
        parts.append(f"page {page.group(1) or page.group(2)}")
    found = _LOCATION.search(header)
    first = last = None
    if found:
        first = int(found.group(1))
        last = int(found.group(2)) if found.group(2) else first
        if last < first:  # '1234-56' is 1234-1256 on some models
            last = int(str(first)[: -len(found.group(2))] + found.group(2))
        parts.append(f"location {first}" + (f"-{last}" if last != first else ""))
    return first, last, ", ".join(parts) or None


def _date(header: str) -> str | None:
    """The added-on time, in whichever language; local time, no zone (kept as UTC)."""
    when = header.rsplit("|", maxsplit=1)[-1]
    cjk = _CJK_DATE.search(when)
    if cjk:
        year, month, day = (int(g) for g in cjk.groups())
        rest = when[cjk.end() :]
    else:
        words = re.findall(r"[^\W\d_]+\.?", when.lower())
        month = next((_MONTHS[w.rstrip(".")] for w in words if w.rstrip(".") in _MONTHS), 0)
        year_match = re.search(r"\b(\d{4})\b", when)
        clock = _TIME.search(when)
        before = when[: clock.start()] if clock else when
        days = [int(d) for d in re.findall(r"\b(\d{1,2})\b", before)]
        if not (month and year_match and days):
            return None
        year, day, rest = int(year_match.group(1)), days[0], when
    clock = _TIME.search(rest)
    hour = minute = second = 0
    if clock:
        hour, minute, second = int(clock.group(1)), int(clock.group(2)), int(clock.group(3) or 0)
        marker = (clock.group(4) or "").lower().replace(".", "").replace(" ", "")
        afternoon = marker == "pm" or any(w in rest[: clock.start()] for w in _AFTERNOON)
        if afternoon and hour < 12:
            hour += 12
        elif marker == "am" and hour == 12:
            hour = 0
    try:
        return iso_time(datetime(year, month, day, hour, minute, second))
    except ValueError:
        return None


def _overlaps(a: _Entry, b: _Entry) -> bool:
    if a.title != b.title or None in (a.first, a.last, b.first, b.last):
        return False
    assert a.first is not None and a.last is not None  # for the type checker
    assert b.first is not None and b.last is not None
    return a.first <= b.last and b.first <= a.last


def _collapse(highlights: list[_Entry]) -> list[_Entry]:
    """Drop a highlight's earlier versions: a later entry of the same book over overlapping
    locations whose text holds the earlier text or starts where it started replaces it."""
    kept: list[_Entry] = []
    for entry in highlights:
        kept = [
            old for old in kept
            if not (_overlaps(old, entry) and (
                old.text in entry.text or entry.text in old.text or old.first == entry.first
            ))
        ]
        kept.append(entry)
    return kept


def _attach(
    highlights: list[_Entry], notes: list[_Entry]
) -> tuple[dict[int, str], set[int]]:
    """Highlight number -> its notes' text, and the notes attached: a note sits at the last
    location of its highlight (or inside it); of several candidates the nearest wins."""
    out: dict[int, list[str]] = {}
    attached: set[int] = set()
    for note in notes:
        if note.first is None:
            continue
        candidates = [
            h for h in highlights
            if h.title == note.title and h.first is not None and h.last is not None
            and h.first <= note.first <= h.last
        ]
        if not candidates:
            continue
        best = min(candidates, key=lambda h: (h.last != note.first, abs(note.number - h.number)))
        out.setdefault(best.number, []).append(note.text)
        attached.add(note.number)
    return {number: "\n\n".join(texts) for number, texts in out.items()}, attached


def _record(entry: _Entry, note: str, *, quote: str | None = None) -> Record:
    return Record.of(
        FORMAT,
        title=entry.title,
        author=entry.author,
        quote=entry.text if quote is None else quote,
        note=note,
        created=entry.created,
        location=entry.location,
        book=True,
    )


def looks_like(head: str) -> bool:
    """Whether the start of a file looks like My Clippings.txt."""
    return SEPARATOR in head and "\n- " in head.replace("\r\n", "\n")

