"""Three-way merge of two notebook folders that diverged from a common ancestor, by record.

Sync (tui/core/sync) hands over three readers of the notebook's files (the common ancestor,
ours, theirs) and the names that changed on either side; this module parses each version,
merges articles and highlights by id and field (see :func:`merge.merge3` and
:func:`merge_article`), and returns the bytes each file must have. A text merge of JSON
never happens.

Theirs is untrusted (a remote anyone with push access can write): every record passes the
same checks and cleaning as a file read from disk (:mod:`tui.core.notebook.files`), names
that are not notebook files are ignored, and a snapshot must match its content hash.
Deterministic: the result does not depend on which side is "ours", and it is written in the
one canonical form (:func:`storage.dump_tables`), so every machine writes the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import orjson

from tui.core.model import Highlight, Overwritten, SavedArticle
from tui.core.notebook.errors import NotebookVersionError, SnapshotMissing
from tui.core.notebook.files import (
    ARTICLES,
    HIGHLIGHTS,
    META,
    META_ID,
    SCHEMA,
    ArticleVersion,
    article_doc,
    index_from_tables,
    schema_of,
    shard_from_tables,
)
from tui.core.notebook.layout import SHARD_SUFFIX
from tui.core.notebook.merge import merge3
from tui.core.notebook.schema import too_new
from tui.core.notebook.snapshots import SUFFIX as SNAPSHOT_SUFFIX
from tui.core.notebook.snapshots import decode
from tui.core.notebook.storage import dump_tables, parse_tables
from tui.core.text import multi_line, one_line

Reader = Callable[[str], bytes | None]  # a notebook file's bytes by relative name; None: absent

INDEX = "notebook.json"
_SHARD = re.compile(r"highlights/([A-Za-z0-9_-]{1,64})\.json")
_SNAPSHOT = re.compile(r"snapshots/([0-9a-f]{64})\.json\.gz")


def is_notebook_file(name: str) -> bool:
    """Whether ``name`` (relative, with /) is a file sync carries: the index, a shard, a
    snapshot. Anything else in a remote is ignored."""
    return name == INDEX or bool(_SHARD.fullmatch(name) or _SNAPSHOT.fullmatch(name))


def merge_files(
    base: Reader, ours: Reader, theirs: Reader, names: Iterable[str]
) -> dict[str, bytes | None]:
    """The new content of every notebook file among ``names`` whose merge differs from
    ours (None: remove it). The readers must serve every file, not only ``names`` (the
    index is always merged whole). Raises NotebookCorrupt / NotebookVersionError naming the
    side and file when a version cannot be read: nothing is merged then."""
    names = sorted({n for n in names if is_notebook_file(n)})
    out: dict[str, bytes | None] = {}
    readers = {"base": base, "ours": ours, "theirs": theirs}
    sides = [_index_tables(s, r(INDEX)) for s, r in readers.items()]
    meta = _merge_dict(*(t.get(META, {}).get(META_ID, {}) for t in sides)) or {"schema": SCHEMA}
    side_docs = [t.get(ARTICLES, {}) for t in sides]
    articles = _merge_articles(*side_docs)
    shards: dict[str, dict[str, Any]] = {}
    for name in names:
        if name.startswith("highlights/"):
            shards[name] = _merge_shard(name, *(r(name) for r in readers.values()))
        elif name.startswith("snapshots/"):
            picked = _merge_snapshot(name, *(r(name) for r in readers.values()))
            if picked != ours(name):
                out[name] = picked
    # A highlight kept (edited here, its article deleted there) keeps its article too.
    for name, highlights in shards.items():
        article_id = name.removeprefix("highlights/").removesuffix(SHARD_SUFFIX)
        if highlights and article_id not in articles:
            for docs in (side_docs[1], side_docs[2], side_docs[0]):
                if article_id in docs:
                    articles[article_id] = docs[article_id]
                    break
        content = dump_tables({HIGHLIGHTS: highlights}) if highlights else None
        if content != ours(name):
            out[name] = content
    content = dump_tables({META: {META_ID: meta}, ARTICLES: articles})
    if content != ours(INDEX):
        out[INDEX] = content
    return out


def _index_tables(side: str, raw: bytes | None) -> dict[str, dict[str, dict[str, Any]]]:
    """One version of notebook.json, its schema checked (the records are checked when
    they differ between sides, see :func:`_merge_articles`)."""
    if raw is None:
        return {}
    path = Path(f"{side}:{INDEX}")
    tables = parse_tables(path, raw)
    schema = schema_of(path, tables)
    if schema > SCHEMA:
        raise NotebookVersionError(path, too_new(schema))
    if schema < SCHEMA:
        raise NotebookVersionError(path, f"is at schema {schema}; open it with Gloss once first")
    return tables


def _merge_articles(
    base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]
) -> dict[str, Any]:
    """Article documents merged by id: equal ones kept as they are, the others read (checked
    and cleaned) and merged by :func:`merge_article`."""
    out: dict[str, Any] = {}
    for aid in sorted(base.keys() | ours.keys() | theirs.keys()):
        b, o, t = base.get(aid), ours.get(aid), theirs.get(aid)
        if t in (o, b):
            doc = o
        else:
            read = [
                (None, ()) if d is None else _article(side, aid, d)
                for side, d in (("base", b), ("ours", o), ("theirs", t))
            ]
            merged = merge_article(
                read[0][0], read[1][0], read[2][0], read[0][1], read[1][1], read[2][1]
            )
            doc = None if merged is None else article_doc(*merged)
        if doc is not None:
            out[aid] = doc
    return out


def _article(
    side: str, aid: str, doc: dict[str, Any]
) -> tuple[SavedArticle | None, tuple[ArticleVersion, ...]]:
    data = index_from_tables(Path(f"{side}:{INDEX}"), {ARTICLES: {aid: doc}})
    return data.articles[aid], data.versions.get(aid, ())


def _merge_shard(
    name: str, base: bytes | None, ours: bytes | None, theirs: bytes | None
) -> dict[str, Any]:
    """One shard merged, as stored documents by id.

    Most records of a shard are the same on every side: those are compared as parsed JSON
    and kept as they are (ours, or the ancestor's, both already this machine's). Only a
    record that differs is read as a Highlight (checked and cleaned: theirs is untrusted)
    and merged by :func:`merge3`.
    """
    found = _SHARD.fullmatch(name)
    assert found is not None  # names are filtered by is_notebook_file
    article_id = found.group(1)
    docs = [_docs(f"{side}:{name}", raw) for side, raw in
            (("base", base), ("ours", ours), ("theirs", theirs))]
    out: dict[str, Any] = {}
    for hid in sorted(docs[0].keys() | docs[1].keys() | docs[2].keys()):
        b, o, t = (d.get(hid) for d in docs)
        if t in (o, b):  # theirs did not change it, or changed it as we did
            doc = o
        else:
            parsed = [
                None if doc is None else _highlight(f"{side}:{name}", article_id, hid, doc)
                for side, doc in (("base", b), ("ours", o), ("theirs", t))
            ]
            merged = parsed[2] if o == b else merge3(*parsed)
            doc = None if merged is None else merged.to_dict()
        if doc is not None:
            out[hid] = doc
    return out


def _docs(name: str, raw: bytes | None) -> dict[str, Any]:
    if raw is None:
        return {}
    return parse_tables(Path(name), raw).get(HIGHLIGHTS, {})


def _highlight(name: str, article_id: str, hid: str, doc: dict[str, Any]) -> Highlight:
    """One record of a shard, checked and cleaned (its kept versions too: they are text
    from another machine, shown in the notebook screen)."""
    h = shard_from_tables(Path(name), article_id, {HIGHLIGHTS: {hid: doc}})[0]
    history = tuple(
        Overwritten(one_line(o.field)[:16], multi_line(o.value), one_line(o.updated)[:32])
        for o in h.history
    )
    return h if history == h.history else replace(h, history=history)


def _merge_snapshot(
    name: str, base: bytes | None, ours: bytes | None, theirs: bytes | None
) -> bytes | None:
    """Snapshots are content-addressed: any side's copy that matches its hash will do.
    Removed only when removed on both sides (or one side, the other untouched)."""
    digest = name.removeprefix("snapshots/").removesuffix(SNAPSHOT_SUFFIX)
    if ours is None and theirs is not None and theirs == base:
        return None
    if theirs is None and ours is not None and ours == base:
        return None
    for raw in (ours, theirs):
        if raw is not None:
            try:
                decode(Path(name), raw, digest)
            except SnapshotMissing:
                continue
            return raw
    return None


# -- articles -------------------------------------------------------------------------------


def merge_article(
    base: SavedArticle | None,
    ours: SavedArticle | None,
    theirs: SavedArticle | None,
    base_versions: tuple[ArticleVersion, ...] = (),
    our_versions: tuple[ArticleVersion, ...] = (),
    their_versions: tuple[ArticleVersion, ...] = (),
) -> tuple[SavedArticle, tuple[ArticleVersion, ...]] | None:
    """One article record merged; None if it is deleted.

    Deleted on one side and untouched on the other: deleted; changed on the other: kept.
    Last read and reading progress take the later reading; ``read`` holds if either side
    marked it; other fields three-way, a field changed on both sides taking the larger
    value (a fixed order, so both machines agree); a version replaced on either side stays
    listed.
    """
    if ours is None or theirs is None:
        kept, kept_versions = (theirs, their_versions) if ours is None else (ours, our_versions)
        if kept is None or (base is not None and kept == base and kept_versions == base_versions):
            return None
        return kept, kept_versions
    values: dict[str, Any] = {}
    clashes = set()
    for f in fields(SavedArticle):
        old = getattr(base, f.name) if base is not None else _ABSENT
        values[f.name], clash = _three(old, getattr(ours, f.name), getattr(theirs, f.name))
        if clash:
            clashes.add(f.name)
    # A snapshot and the hash of its text go together.
    values["text_hash"] = (
        ours.text_hash if values["snapshot"] == ours.snapshot else theirs.text_hash
    )
    # Reading: the later reading wins.
    values["last_read"] = max(ours.last_read, theirs.last_read, key=_order)
    if "progress" in clashes and ours.last_read != theirs.last_read:
        later = ours if _order(ours.last_read) > _order(theirs.last_read) else theirs
        values["progress"] = later.progress
    if "read" in clashes:
        values["read"] = ours.read or theirs.read
    record = replace(ours, **values)
    listed = {v.snapshot: v for v in (*base_versions, *our_versions, *their_versions)}
    for side in (ours, theirs):
        if side.snapshot and side.snapshot != record.snapshot and side.snapshot not in listed:
            stamp = max((v.replaced for v in listed.values()), default=record.saved)
            listed[side.snapshot] = ArticleVersion(side.snapshot, side.text_hash, stamp)
    listed.pop(record.snapshot, None)
    history = tuple(sorted(listed.values(), key=lambda v: (v.replaced, v.snapshot)))
    return record, history


def _order(value: Any) -> tuple[int, str]:
    """A total order over field values of any type (None and absent first), for ties."""
    if value is None or value is _ABSENT:
        return (0, "")
    return (1, orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode())


_ABSENT: Any = object()


def _three(old: Any, a: Any, b: Any) -> tuple[Any, bool]:
    """Three-way choice of one value (``old`` is _ABSENT without a base); True when both
    sides changed it differently: then the larger value in a fixed order."""
    if b in (a, old):
        return a, False
    if a == old:
        return b, False
    return max(a, b, key=_order), True


def _merge_dict(
    base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]
) -> dict[str, Any]:
    out = {}
    for key in sorted(base.keys() | ours.keys() | theirs.keys()):
        value, _ = _three(*(d.get(key, _ABSENT) for d in (base, ours, theirs)))
        if value is not _ABSENT:
            out[key] = value
    return out
