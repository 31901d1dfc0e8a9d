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
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from tui.core.export_errors import MarkerError
from tui.core.export_frontmatter import front_matter_lines, merge_front_matter

MARKER = re.compile(r"^<!-- gloss:(begin|end) ([^\s=]+(?:=\S*)?(?: [^\s=]+(?:=\S*)?)*) -->$")
KEPT_NOTE = "your edit, kept: Gloss no longer manages the text below"
HASH_CHARS = 12


@dataclass(frozen=True, slots=True)
class Region:
    """One managed piece of a document: its key and its Markdown body."""

    key: str
    body: str


@dataclass(frozen=True, slots=True)
class Document:
    """A Markdown file as Gloss would write it from scratch.

    ``name`` suggests a file name (an article's title, a tag); ``identity`` is the front
    matter key and value that find the file again in a folder, even once renamed.
    """

    name: str
    front_matter: dict[str, Any]
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


def region_key(*pairs: tuple[str, str | None]) -> str:
    """A region key from ``(name, value)`` pairs; a None value makes a bare name.

    Values are percent-encoded so no key can hold a space, ``=`` or ``-->``.
    """
    return " ".join(
        name if value is None else f"{name}={quote(value, safe='-._~:@+')}" for name, value in pairs
    )


def normalize_body(body: str) -> str:
    """A body as compared and hashed: no trailing spaces, no blank lines around it."""
    return "\n".join(line.rstrip() for line in body.split("\n")).strip("\n")


def body_hash(body: str) -> str:
    """The digest recorded in a begin marker."""
    return hashlib.sha256(normalize_body(body).encode("utf-8")).hexdigest()[:HASH_CHARS]


def region_lines(key: str, body: str) -> list[str]:
    """A region as lines: begin marker (with the body's hash), body, end marker."""
    body = normalize_body(body)
    return [f"<!-- gloss:begin {key} hash={body_hash(body)} -->", *_lines(body),
            f"<!-- gloss:end {key} -->"]


def _lines(body: str) -> list[str]:
    return body.split("\n") if body else []


def render_document(doc: Document) -> str:
    """The document as a new file: front matter, then its regions a blank line apart."""
    lines = front_matter_lines(doc.front_matter)
    for region in doc.regions:
        lines.append("")
        lines.extend(region_lines(region.key, region.body))
    return "\n".join(lines) + "\n"


def is_gloss_markdown(text: str) -> bool:
    """Whether ``text`` holds a Gloss region marker: the sign that Gloss wrote the file."""
    return any(MARKER.match(line) for line in text.split("\n"))


def regions_in(text: str, where: str = "the file") -> list[tuple[str, str]]:
    """The ``(key, body)`` of every region in a Gloss Markdown file, in file order."""
    lines = text.split("\n")
    _, start = _split_front_matter(lines, where)
    return [(seg.key, seg.body) for seg in _parse_regions(lines, start, where)
            if isinstance(seg, _Found)]


@dataclass
class _Text:
    lines: list[str]


@dataclass
class _Found:
    key: str
    recorded: str | None
    body: str
    line: int


def _split_front_matter(lines: list[str], where: str) -> tuple[list[str] | None, int]:
    if not lines or lines[0] != "---":
        return None, 0
    for n in range(1, len(lines)):
        if lines[n] in ("---", "..."):
            return lines[1:n], n + 1
    raise MarkerError(f"{where}: the front matter has no closing '---'; fix it or use --force")


def _parse_regions(lines: list[str], start: int, where: str) -> list[_Text | _Found]:
    """Text and regions in order; a typed error for any marker out of place."""
    out: list[_Text | _Found] = []
    text: list[str] = []
    open_key: str | None = None
    recorded: str | None = None
    body: list[str] = []
    opened_at = 0
    for n in range(start, len(lines)):
        line = lines[n]
        match = MARKER.match(line)
        if not match:
            (body if open_key is not None else text).append(line)
            continue
        kind, tokens = match.groups()
        key, digest = _split_hash(tokens)
        if kind == "begin":
            if open_key is not None:
                raise MarkerError(
                    f"{where} line {n + 1}: a region begins inside the region opened on line "
                    f"{opened_at}; fix the markers or use --force to rewrite the file"
                )
            out.append(_Text(text))
            text, body, open_key, recorded, opened_at = [], [], key, digest, n + 1
        else:
            if open_key is None or key != open_key:
                what = "without a begin" if open_key is None else f"does not match line {opened_at}"
                raise MarkerError(
                    f"{where} line {n + 1}: a region end {what}; fix the markers or use --force "
                    "to rewrite the file"
                )
            out.append(_Found(key, recorded, "\n".join(body), opened_at))
            open_key = None
    if open_key is not None:
        raise MarkerError(
            f"{where} line {opened_at}: a region is never closed; fix the markers or use --force "
            "to rewrite the file"
        )
    out.append(_Text(text))
    return out


def _split_hash(tokens: str) -> tuple[str, str | None]:
    parts = tokens.split(" ")
    if parts[-1].startswith("hash="):
        return " ".join(parts[:-1]), parts[-1][len("hash=") :]
    return tokens, None


def merge_document(
    existing: str, doc: Document, *, overwrite_edits: bool = False, where: str = "the file"
) -> tuple[str, MergeReport]:
    """``existing`` (a file Gloss wrote, maybe edited since) brought up to date with ``doc``.

    A region the user edited (its body no longer matches its recorded hash) is never
    overwritten: it stays exactly as the user left it, reported as ``kept`` (Gloss has nothing
    new for it) or as a ``conflict`` (Gloss has a newer version, not written). If Gloss no
    longer has the highlight, the edited text stays as plain text after a
    ``<!-- gloss:kept … -->`` line (``released``), outside Gloss's regions for good. With
    ``overwrite_edits`` Gloss's version replaces every edit.

    Front matter: Gloss's keys are set, the user's keys kept (see ``export_frontmatter``).
    """
    lines = existing.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    old_front, start = _split_front_matter(lines, where)
    parsed = _parse_regions(lines, start, where)
    fresh = {region.key: region for region in doc.regions}
    order = [region.key for region in doc.regions]
    report = MergeReport()

    # Which Gloss region each new region goes in front of: the next one, in Gloss's order,
    # that the file already has.
    present = {seg.key for seg in parsed if isinstance(seg, _Found)}
    before: dict[str | None, list[str]] = {}
    following: str | None = None
    for key in reversed(order):
        if key in present:
            following = key
        else:
            before.setdefault(following, []).insert(0, key)

    out: list[str] = []
    if old_front is not None:
        out += ["---", *merge_front_matter(old_front, doc.front_matter, where), "---"]
    else:
        out += front_matter_lines(doc.front_matter)
        out.append("")
    seen: set[str] = set()
    dropped = False
    for seg in parsed:
        if isinstance(seg, _Text):
            text = seg.lines
            if dropped and text and not text[0] and out and not out[-1]:
                text = text[1:]  # the blank line that separated a removed region
            out.extend(text)
            dropped = False
            continue
        if seg.key not in seen:
            for key in before.pop(seg.key, []):
                out += [*region_lines(key, fresh[key].body), ""]
                report.added.append(key)
        dropped = _merge_region(seg, fresh.get(seg.key), seg.key in seen, overwrite_edits, out,
                                report)
        seen.add(seg.key)
    rest = before.pop(None, [])
    if rest:
        while out and not out[-1]:
            out.pop()
        for key in rest:
            out += ["", *region_lines(key, fresh[key].body)]
            report.added.append(key)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n", report


def _merge_region(
    seg: _Found,
    new: Region | None,
    duplicate: bool,
    overwrite: bool,
    out: list[str],
    report: MergeReport,
) -> bool:
    """Write one found region's outcome to ``out``; True if nothing was written for it."""
    body = normalize_body(seg.body)
    actual = body_hash(body)
    edited = actual != seg.recorded
    if duplicate or new is None:
        # A highlight Gloss no longer has, or a second copy of a region pasted by hand.
        if edited and not overwrite and (new is None or body != normalize_body(new.body)):
            out += [f"<!-- gloss:kept {seg.key} {KEPT_NOTE} -->", *_lines(body)]
            report.released.append(seg.key)
            return False
        if not duplicate:
            report.removed.append(seg.key)
        return True
    new_body = normalize_body(new.body)
    new_hash = body_hash(new_body)
    if actual == new_hash or not edited or overwrite:
        out += region_lines(seg.key, new_body)
        unchanged = actual == new_hash and seg.recorded == new_hash
        (report.unchanged if unchanged else report.updated).append(seg.key)
        return False
    # Edited by the user: their text stays, with the hash Gloss recorded, so the edit is still
    # seen as one next time. Reported as a conflict when Gloss has a newer version.
    out += [f"<!-- gloss:begin {seg.key} hash={seg.recorded or ''} -->", *_lines(body),
            f"<!-- gloss:end {seg.key} -->"]
    (report.kept if seg.recorded == new_hash else report.conflicts).append(seg.key)
    return False
