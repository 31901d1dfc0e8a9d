"""Managed regions in exported Markdown, and the merge that makes re-export safe.

Every piece Gloss writes sits between two marker lines::

    <!-- gloss:begin id=0b6c…-… hash=3f2a9c01d4e5 -->
    > the quote …
    <!-- gloss:end id=0b6c…-… -->

The key (``id=…``, ``article=…``, ``tag=… id=…``, ``untagged``) names what the region holds;
``hash`` is a digest of the body as Gloss last wrote it. Exporting again into the same file
updates regions in place by key, inserts new ones before the next region that follows them
in Gloss's order (or at the end), and removes those Gloss no longer has. Text outside the
regions is never changed. A region whose body no longer matches its hash was edited by the
user, and Gloss never overwrites that edit (see :func:`merge_document`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote

from tui.core.export.errors import MarkerError
from tui.core.export.frontmatter import front_matter_lines, merge_front_matter

# The untagged section of a folder by tag: a capital and a space, which no tag has (tags are
# stored lower case, spaces as hyphens), so a tag named "untagged" gets a file of its own.
UNTAGGED_SECTION = "Untagged highlights"

MARKER = re.compile(
    r"^<!-- gloss:(begin|end) ([^\s=]+(?:=\S*)?(?: [^\s=]+(?:=\S*)?)*) -->$", re.MULTILINE
)
# The same without "^": a literal start lets the regex engine skip ahead quickly (twice as
# fast on a 20 MB file); matches not at the start of a line are dropped by _markers().
_MARKER_SCAN = re.compile(MARKER.pattern.removeprefix("^"), re.MULTILINE)
_FENCE = re.compile(r"^(?:---|\.\.\.)$", re.MULTILINE)
KEPT_NOTE = "your edit, kept: Gloss no longer manages the text below"
HASH_CHARS = 12
# Regions joined into one piece by document_pieces.
_CHUNK = 256


# Not frozen: a frozen dataclass sets each field through object.__setattr__, and an export
# makes one Region per highlight (50,000 of them). Nothing changes a Region once made.
@dataclass(slots=True)
class Region:
    """One managed piece of a document: its key and its Markdown body.

    ``normal``: the maker knows the body is as :func:`normalize_body` gives it (no line ends
    with a space or tab, no line break at either end), so writing it skips that check (two
    scans of every body, a third of the writing's own work at 50,000 regions). A hint only:
    it is not compared, and a region without it is checked as before.
    """

    key: str
    body: str
    normal: bool = field(default=False, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Document:
    """A Markdown file as Gloss would write it from scratch.

    ``name`` suggests a file name (an article's title, a tag); ``identity`` is the front
    matter key and value that find the file again in a folder, even once renamed. A
    ``front_matter`` of None leaves a file's front matter as it is (a merge that only prunes).
    """

    name: str
    front_matter: dict[str, Any] | None
    regions: tuple[Region, ...]
    identity: tuple[str, str] | None = None


@dataclass
class MergeReport:
    """What a write did, by region key."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # edited in the file, nothing new in Gloss
    conflicts: list[str] = field(default_factory=list)  # edited in the file and changed in Gloss
    released: list[str] = field(default_factory=list)  # edited, then deleted in Gloss: unwrapped
    outside: list[str] = field(default_factory=list)  # not in this export's scope: untouched


def region_key(*pairs: tuple[str, str | None]) -> str:
    """A region key from ``(name, value)`` pairs; a None value makes a bare name.

    Values are percent-encoded so no key can hold a space, ``=`` or ``-->``.
    """
    return " ".join(name if value is None else f"{name}={_encode(value)}" for name, value in pairs)


def id_key(highlight_id: str) -> str:
    """``region_key(("id", highlight_id))``, the key of most regions, without the tuples."""
    return "id=" + _encode(highlight_id)


def parse_key(key: str) -> dict[str, str | None]:
    """The ``name: value`` pairs of a region key (None for a bare name)."""
    pairs: dict[str, str | None] = {}
    for token in key.split(" "):
        name, equals, value = token.partition("=")
        pairs[name] = unquote(value) if equals else None
    return pairs


# "\Z", not "$": "$" also matches before a final newline, which would go into the key as it is.
_PLAIN_VALUE = re.compile(r"[A-Za-z0-9._~:@+-]*\Z")


def _encode(value: str) -> str:
    return value if _PLAIN_VALUE.match(value) else quote(value, safe="-._~:@+")


def normalize_body(body: str) -> str:
    """A body as compared and hashed: no trailing spaces, no blank lines around it."""
    if " \n" in body or "\t\n" in body or body.endswith((" ", "\t")):
        body = "\n".join(line.rstrip() for line in body.split("\n"))
    return body.strip("\n")


def _digest(normalized: str) -> str:
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:HASH_CHARS]


def _region_text(key: str, body: str, digest: str | None = None) -> str:
    """A region as text ending with a newline; ``body`` already normalized."""
    digest = digest or _digest(body)
    inside = body + "\n" if body else ""
    return f"<!-- gloss:begin {key} hash={digest} -->\n{inside}<!-- gloss:end {key} -->\n"


def render_document(doc: Document) -> str:
    """The document as a new file: front matter, then its regions a blank line apart."""
    return "".join(document_pieces(doc))


def document_pieces(doc: Document) -> Iterator[str]:
    """:func:`render_document` in pieces, for a writer that streams them."""
    yield "\n".join(front_matter_lines(doc.front_matter or {}))
    yield "\n"
    sha256 = hashlib.sha256
    # _region_text inline, with a blank line before: this runs once per highlight. Regions
    # come joined a few hundred at a time: fewer, larger writes (and comparisons).
    parts: list[str] = []
    append = parts.append
    for region in doc.regions:
        key, body = region.key, region.body
        # normalize_body inline: most bodies only lose blank lines at their ends (none).
        if region.normal:
            pass
        elif " \n" in body or "\t\n" in body or body.endswith((" ", "\t")):
            body = normalize_body(body)
        else:
            body = body.strip("\n")
        digest = sha256(body.encode("utf-8")).hexdigest()[:HASH_CHARS]
        if body:
            append(f"\n<!-- gloss:begin {key} hash={digest} -->\n{body}\n"
                   f"<!-- gloss:end {key} -->\n")
        else:
            append(f"\n<!-- gloss:begin {key} hash={digest} -->\n<!-- gloss:end {key} -->\n")
        if len(parts) == _CHUNK:
            yield "".join(parts)
            parts.clear()
    if parts:
        yield "".join(parts)


def is_gloss_markdown(text: str) -> bool:
    """Whether ``text`` holds a Gloss region marker: the sign that Gloss wrote the file."""
    return "<!-- gloss:" in text and next(_markers(text, 0), None) is not None


def _markers(text: str, start: int) -> Iterator[re.Match[str]]:
    """Marker lines of ``text`` from ``start`` on."""
    for match in _MARKER_SCAN.finditer(text, start):
        at = match.start()
        if at == 0 or text[at - 1] == "\n":
            yield match


@dataclass(frozen=True, slots=True)
class Shape:
    """What a Gloss Markdown file holds, read from its region keys."""

    layout: str | None  # "article", "tag", or None (nothing but a header, or nothing)
    articles: frozenset[str]  # the articles it has a heading region for


def shape_of(text: str | ParsedFile, where: str = "the file") -> Shape:
    """The :class:`Shape` of a Gloss Markdown file (a typed error if its markers are broken)."""
    parsed = text if isinstance(text, ParsedFile) else parse_file(text, where)
    return shape_of_keys(seg.key for seg in parsed.segments if isinstance(seg, _Found))


def shape_of_keys(keys: Iterable[str]) -> Shape:
    """The :class:`Shape` of a file holding regions with these keys."""
    layout: str | None = None
    articles: set[str] = set()
    for key in keys:
        if key.startswith("id=") and " " not in key:  # most regions: a quote by article
            layout = layout or "article"
            continue
        pairs = parse_key(key)
        if "header" in pairs:
            continue
        if "tag" in pairs or "untagged" in pairs:
            layout = "tag"
        elif "article" in pairs or "id" in pairs:
            layout = layout or "article"
            if pairs.get("article"):
                articles.add(pairs["article"] or "")
    return Shape(layout, frozenset(articles))


def regions_in(text: str, where: str = "the file") -> list[tuple[str, str]]:
    """The ``(key, body)`` of every region in a Gloss Markdown file, in file order."""
    return [(seg.key, seg.body) for seg in parse_file(text, where).segments
            if isinstance(seg, _Found)]


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """A Gloss Markdown file read once: its text (ending with a newline), its front matter's
    lines, where the rest starts, and the text and regions that follow in order. An export
    reads the file's shape and merges into it from this one parse."""

    text: str
    front: list[str] | None
    start: int
    segments: list[_Text | _Found]


def parse_file(text: str, where: str = "the file") -> ParsedFile:
    """``text`` parsed into front matter, text and regions (a typed error for broken markers)."""
    if text and not text.endswith("\n"):
        text += "\n"
    front, start = _split_front_matter(text, where)
    return ParsedFile(text, front, start, _parse_regions(text, start, where))


@dataclass(slots=True)
class _Text:
    text: str  # whole lines, each ending with a newline


@dataclass(slots=True)
class _Found:
    key: str
    recorded: str | None
    body: str


def _line_of(text: str, position: int) -> int:
    """The line number of ``position``: counted only for an error message (it scans)."""
    return text.count("\n", 0, position) + 1


def _split_front_matter(text: str, where: str) -> tuple[list[str] | None, int]:
    """The front matter's lines (between the fences) and where the rest of ``text`` starts."""
    if not text.startswith("---\n"):
        return None, 0
    fence = _FENCE.search(text, 4)
    if fence is None:
        raise MarkerError(f"{where}: the front matter has no closing '---'; fix it or use --force")
    inside = text[4 : fence.start()]
    lines = inside[:-1].split("\n") if inside else []
    return lines, min(len(text), fence.end() + 1)


def _parse_regions(text: str, start: int, where: str) -> list[_Text | _Found]:
    """Text and regions in order; a typed error for any marker out of place."""
    out: list[_Text | _Found] = []
    append = out.append
    open_key: str | None = None
    recorded: str | None = None
    opened: re.Match[str] | None = None
    position = start  # where the current text (or region body) starts
    fix = "fix the markers or use --force to rewrite the file"
    # _markers inline, and the hash split off the key: this runs twice per region.
    for match in _MARKER_SCAN.finditer(text, start):
        at = match.start()
        if at and text[at - 1] != "\n":
            continue
        kind, tokens = match.groups()
        key, found, digest = tokens.rpartition(" hash=")
        if not found or " " in digest:
            key, digest = tokens, None
        if kind == "begin":
            if opened is not None:
                raise MarkerError(
                    f"{where} line {_line_of(text, at)}: a region begins inside the "
                    f"region opened on line {_line_of(text, opened.start())}; {fix}"
                )
            append(_Text(text[position:at]))
            open_key, recorded, opened = key, digest, match
            position = match.end() + 1
        else:
            if opened is None or key != open_key:
                what = ("without a begin" if opened is None
                        else f"does not match line {_line_of(text, opened.start())}")
                raise MarkerError(
                    f"{where} line {_line_of(text, at)}: a region end {what}; {fix}"
                )
            body = text[position:at] if at > position else ""
            append(_Found(key, recorded, body.removesuffix("\n")))
            opened, open_key = None, None
            position = match.end() + 1
    if opened is not None:
        raise MarkerError(
            f"{where} line {_line_of(text, opened.start())}: a region is never closed; {fix}"
        )
    rest = text[position:]
    out.append(_Text(rest if not rest or rest.endswith("\n") else rest + "\n"))
    return out


class _Out:
    """Output text in pieces, knowing whether it ends with a blank line."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, piece: str) -> None:
        if piece:
            self.parts.append(piece)

    def ends_blank(self) -> bool:
        # The last two characters written, found from the end (asked only after a region
        # was dropped, so not worth keeping up to date at every write).
        tail = ""
        for piece in reversed(self.parts):
            tail = piece[-2:] + tail
            if len(tail) >= 2:
                break
        return tail[-2:] == "\n\n"

    def text(self) -> str:
        return "".join(self.parts).rstrip("\n") + "\n"


def unchanged_in(existing: str, parsed: ParsedFile, doc: Document) -> bool:
    """Whether merging ``doc`` into the file (its text ``existing``, parsed) gives the file
    back as it is, every region reported unchanged: the file holds ``doc``'s regions, each
    once, in order, each with Gloss's body and its hash, and the front matter as Gloss's
    merge would write it. Text of the user's around them stays as it is in a merge too.

    Then :func:`merge_document` would write every piece back as it was (the same checks,
    region by region, without building the text): an export into a file nothing changed
    need not rebuild it.
    """
    if doc.front_matter is None or parsed.front is None or existing != parsed.text:
        return False
    if existing.rstrip("\n") + "\n" != existing:  # the merge's output ends with one newline
        return False
    if existing[: parsed.start] != "\n".join(["---", *parsed.front, "---"]) + "\n":
        return False  # a "..." fence, which the merge writes as "---"
    regions = doc.regions
    found = [seg for seg in parsed.segments if isinstance(seg, _Found)]
    if len(found) != len(regions):
        return False
    keys = set()
    for seg, region in zip(found, regions, strict=True):
        if seg.key != region.key or seg.key in keys:
            return False
        keys.add(seg.key)
        body = normalize_body(region.body)
        if body != seg.body or seg.recorded != _digest(body):
            return False
    try:
        return merge_front_matter(parsed.front, doc.front_matter, "the file") == parsed.front
    except MarkerError:
        return False


# The region keys the marker pattern reads back as written, one a line.
_KEYS = re.compile(r"(?:[^\s=]+(?:=\S*)?(?: [^\s=]+(?:=\S*)?)*\n)*")


def unchanged_as_written(existing: str, doc: Document) -> bool:
    """:func:`unchanged_in` without parsing the file: True when ``existing`` is exactly
    :func:`render_document` of ``doc`` (compared piece by piece as it is rendered, stopping at
    the first difference) and that text parses back into ``doc``'s regions: no line but the
    regions' own markers starts like one, each key reads back as itself and is there once,
    and Gloss's merge writes the front matter back as it is. Then merging ``doc`` gives the
    file back, every region unchanged. False says nothing: check with the parse.

    A re-export into a file nothing changed is the common case; parsing 50,000 regions
    only to find each as it was cost more than rendering them.
    """
    if doc.front_matter is None or not existing.startswith("---\n"):
        return False
    regions = doc.regions
    if existing.count("\n<!-- gloss:") != 2 * len(regions):
        return False  # a marker-like line in a body (or a region missing): parse it
    keys = [region.key for region in regions]
    # One text of the keys, one a line: " hash=" holds no line feed, so it is in the text
    # only when it is in a key.
    joined = "\n".join(keys) + "\n"
    if len(set(keys)) != len(keys) or " hash=" in joined:
        return False
    # (No keys gives "\n", no match: False, and the parse decides, as False always may.)
    if _KEYS.fullmatch(joined) is None:
        return False
    at = 0
    for piece in document_pieces(doc):
        if not existing.startswith(piece, at):
            return False
        at += len(piece)
    if at != len(existing):
        return False
    try:
        front, start = _split_front_matter(existing, "the file")
        if front is None or existing[:start] != "\n".join(["---", *front, "---"]) + "\n":
            return False
        return merge_front_matter(front, doc.front_matter, "the file") == front
    except MarkerError:
        return False


def merge_document(
    existing: str | ParsedFile,
    doc: Document,
    *,
    overwrite_edits: bool = False,
    keep: Callable[[str], bool] | None = None,
    where: str = "the file",
) -> tuple[str, MergeReport]:
    """``existing`` (a file Gloss wrote, maybe edited since) brought up to date with ``doc``.

    A region the user edited (its body no longer matches its recorded hash) is never
    overwritten: it stays exactly as the user left it, reported as ``kept`` (Gloss has nothing
    new for it) or as a ``conflict`` (Gloss has a newer version, not written). If Gloss no
    longer has the highlight, the edited text stays as plain text after a
    ``<!-- gloss:kept … -->`` line (``released``), outside Gloss's regions for good. With
    ``overwrite_edits`` Gloss's version replaces every edit.

    A region ``doc`` lacks is removed, unless ``keep(key)`` says it is outside this export's
    scope (a highlight the notebook still has, not selected this time): then it is left as it
    is. Front matter: Gloss's keys are set, the user's keys kept (see ``export_frontmatter``).
    """
    parsed_file = existing if isinstance(existing, ParsedFile) else parse_file(existing, where)
    source, old_front, start = parsed_file.text, parsed_file.front, parsed_file.start
    parsed = parsed_file.segments
    fresh = {region.key: region for region in doc.regions}
    report = MergeReport()

    # Which Gloss region each new region goes in front of: the next one, in Gloss's order,
    # that the file already has.
    present = {seg.key for seg in parsed if isinstance(seg, _Found)}
    before: dict[str | None, list[str]] = {}
    following: str | None = None
    for region in reversed(doc.regions):
        if region.key in present:
            following = region.key
        else:
            before.setdefault(following, []).append(region.key)

    out = _Out()
    if doc.front_matter is None:
        out.write(source[:start])
    elif old_front is not None:
        merged = merge_front_matter(old_front, doc.front_matter, where)
        out.write("\n".join(["---", *merged, "---"]) + "\n")
    else:
        out.write("\n".join(front_matter_lines(doc.front_matter)) + "\n\n")
    seen: set[str] = set()
    dropped = False
    for seg in parsed:
        if isinstance(seg, _Text):
            text = seg.text
            if dropped and text.startswith("\n") and out.ends_blank():
                text = text[1:]  # the blank line that separated a removed region
            out.write(text)
            dropped = False
            continue
        if seg.key not in seen:
            for key in reversed(before.pop(seg.key, [])):
                out.write(_region_text(key, normalize_body(fresh[key].body)) + "\n")
                report.added.append(key)
        if seg.key not in fresh and seg.key not in seen and keep is not None and keep(seg.key):
            out.write(_region_text(seg.key, seg.body.strip("\n"), seg.recorded or "none"))
            report.outside.append(seg.key)
            seen.add(seg.key)
            continue
        dropped = _merge_region(seg, fresh.get(seg.key), seg.key in seen, overwrite_edits, out,
                                report)
        seen.add(seg.key)
    rest = before.pop(None, [])
    if rest:
        body = "".join(out.parts).rstrip("\n")
        out = _Out()
        out.write(body + "\n")
        for key in reversed(rest):
            out.write("\n" + _region_text(key, normalize_body(fresh[key].body)))
            report.added.append(key)
    return out.text(), report


def _merge_region(
    seg: _Found,
    new: Region | None,
    duplicate: bool,
    overwrite: bool,
    out: _Out,
    report: MergeReport,
) -> bool:
    """Write one found region's outcome to ``out``; True if nothing was written for it."""
    body = normalize_body(seg.body)
    actual = _digest(body)
    edited = actual != seg.recorded
    if duplicate or new is None:
        # A highlight Gloss no longer has, or a second copy of a region pasted by hand.
        if edited and not overwrite and (new is None or body != normalize_body(new.body)):
            kept = f"<!-- gloss:kept {seg.key} {KEPT_NOTE} -->\n"
            out.write(kept + (body + "\n" if body else ""))
            report.released.append(seg.key)
            return False
        if not duplicate:
            report.removed.append(seg.key)
        return True
    # Most regions come back as they were: the same text needs no second normalizing.
    new_body = body if new.body == seg.body else normalize_body(new.body)
    new_hash = actual if new_body == body else _digest(new_body)
    if actual == new_hash or not edited or overwrite:
        out.write(_region_text(seg.key, new_body, new_hash))
        unchanged = actual == new_hash and seg.recorded == new_hash
        (report.unchanged if unchanged else report.updated).append(seg.key)
        return False
    # Edited by the user: their text stays, with the hash Gloss recorded, so the edit is still
    # seen as one next time. Reported as a conflict when Gloss has a newer version.
    out.write(_region_text(seg.key, body, seg.recorded or "none"))
    (report.kept if seg.recorded == new_hash else report.conflicts).append(seg.key)
    return False
