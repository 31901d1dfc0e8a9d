"""Files for export: names from titles, reading what is there, atomic writes, folder lookup.

A folder export finds each article's file again by the ``gloss_id`` (or ``gloss_tag``) in
its front matter, so a note the user renamed or moved into a subfolder is still updated,
never duplicated.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import stat
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from tui.core.export.errors import ExportError
from tui.core.export.frontmatter import load_yaml
from tui.core.export.merge import MARKER, UNTAGGED_SECTION
from tui.core.w3c import GENERATOR

MAX_NAME_CHARS = 120
# Forbidden in file names on some system, or in Obsidian note names and links.
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|#^\[\]\x00-\x1f\x7f]+')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)
_IDENTITY = re.compile(r"^(gloss_id|gloss_tag):[ \t]*(.*)$")
# Before, the untagged section was ``gloss_tag: untagged``: such a file holding untagged
# regions is still that section's file, so an old vault is updated, not duplicated.
_LEGACY_UNTAGGED = ("gloss_tag", "untagged")
_UNTAGGED_REGION = re.compile(r"^<!-- gloss:begin untagged[ >]", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Existing:
    """A file read for merging: its text (with ``\\n`` line ends) and how to write it back."""

    text: str
    newline: str


def file_stem(name: str) -> str:
    """A file name (without extension) from a title or tag, safe on every system."""
    stem = unicodedata.normalize("NFC", name)
    stem = " ".join(_UNSAFE_NAME.sub(" ", stem).split()).strip(". ")
    stem = stem[:MAX_NAME_CHARS].rstrip(". ")
    while len(stem.encode("utf-8")) > 200:  # most file systems allow 255 bytes
        stem = stem[:-1]
    if not stem:
        return "Untitled"
    return stem + "_" if _RESERVED.match(stem) else stem


def _check_regular(path: Path) -> None:
    """Refuse a FIFO, device or socket before opening it: reading one can block for ever,
    and replacing one (as root, /dev/null) would be worse."""
    try:
        mode = path.stat().st_mode  # through a symlink: its target is what gets written
    except OSError:
        return  # missing (or unreadable): the read or the write says why
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise ExportError(f"{path} is not a regular file: name a file to export to")


def write_target(path: Path) -> Path:
    """Where writing ``path`` lands: a symlink is written through to its target, as editors
    do, so the link stays a link and its target is what gets updated."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def read_existing(path: Path) -> Existing | None:
    """The file at ``path``, or None if there is none; a typed error if it cannot be read."""
    _check_regular(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise ExportError(f"{path} is a folder: export to a folder with one file per article, "
                          "or name a file") from None
    except OSError as exc:
        raise ExportError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Existing("", "\n") if raw else None  # binary: not a file Gloss wrote
    # A lone "\r" first: that search is a memchr, while looking for "\r\n" in a file without
    # any (the usual case) scanned a 20 MB export slowly twice, in the bytes and in the text.
    if b"\r" in raw and b"\r\n" in raw:
        return Existing(text.replace("\r\n", "\n"), "\r\n")
    return Existing(text, "\n")


def write_atomic(path: Path, text: str | Iterable[str], newline: str = "\n") -> None:
    """Write ``text`` to ``path`` through a temporary file, so a crash leaves the old file.

    ``text`` may come in pieces, written as they come: a large export is never held whole.
    """
    pieces = [text] if isinstance(text, str) else text
    _check_regular(path)
    path = write_target(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                for piece in pieces:
                    # Each "\n" on its own: a piece may end anywhere, the line ends do not.
                    handle.write(piece if newline == "\n" else piece.replace("\n", newline))
            if path.exists():
                shutil.copymode(path, tmp)
            else:  # mkstemp makes it 0600: a file the user writes gets the umask's mode
                Path(tmp).chmod(0o666 & ~_umask())
            Path(tmp).replace(path)
        except BaseException:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()
            raise
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None


def _umask() -> int:
    """The process's umask (reading it means setting it: set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def folder_index(folder: Path, suffix: str) -> dict[tuple[str, str], Path]:
    """Gloss's files under ``folder`` by the identity in their front matter.

    Only files with Gloss markers count; when two claim one identity the first by path wins.
    """
    index: dict[tuple[str, str], Path] = {}
    for path in sorted(folder.rglob("*" + suffix)):
        if not path.is_file():
            continue
        existing = read_existing(path)
        if existing is None:
            continue
        identity = _json_identity(existing.text) if suffix == ".json" else _identity(existing.text)
        if identity == _LEGACY_UNTAGGED and _UNTAGGED_REGION.search(existing.text):
            identity = ("gloss_tag", UNTAGGED_SECTION)
        if identity and identity not in index:
            index[identity] = path
    return index


def _identity(text: str) -> tuple[str, str] | None:
    if not text.startswith("---\n") or not _has_marker(text):
        return None
    for line in text.split("\n")[1:]:
        if line in ("---", "..."):
            return None
        match = _IDENTITY.match(line)
        if match:
            try:
                value = load_yaml(match.group(2))
            except yaml.YAMLError:
                return None
            return (match.group(1), str(value)) if value is not None else None
    return None


def _json_identity(text: str) -> tuple[str, str] | None:
    """A one-article JSON export names its article."""
    if not is_gloss_json(text):
        return None
    articles = json.loads(text).get("gloss:articles")
    if isinstance(articles, list) and len(articles) == 1 and isinstance(articles[0], dict):
        article_id = articles[0].get("id")
        return ("gloss_id", article_id) if isinstance(article_id, str) else None
    return None


def _has_marker(text: str) -> bool:
    return MARKER.search(text) is not None


def unique_path(folder: Path, stem: str, suffix: str, tag: str, taken: set[str]) -> Path:
    """``folder/stem+suffix``, or with `` (tag)`` and then a number added until it is free.

    ``taken`` holds case-folded names already used (case-insensitive file systems exist).
    """
    candidates = [stem, f"{stem} ({tag})"] + [f"{stem} ({tag} {n})" for n in range(2, 1000)]
    for candidate in candidates:
        name = candidate + suffix
        if name.casefold() not in taken:
            taken.add(name.casefold())
            return folder / name
    raise ExportError(f"no free file name for {stem} in {folder}")

def is_gloss_json(text: str) -> bool:
    """Whether ``text`` is a JSON export Gloss wrote (its generator says so)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return False
    generator = data.get("generator") if isinstance(data, dict) else None
    return isinstance(generator, dict) and generator.get("name") == GENERATOR["name"]
