"""The notebook: saved articles and their highlights, on disk, safe to share between processes.

:class:`Notebook` is the whole API the UI screens and the CLI need; each method is one
operation, applied under the notebook lock to what is on disk at that moment (see
:mod:`tui.core.notebook.store`), so a second Gloss, or ``gloss highlight`` beside an open
app, never loses a write. Reads are served from memory; call :meth:`Notebook.refresh` to
see other processes' writes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Self

from tui.core.folding import fold
from tui.core.locations import default_notebook_path
from tui.core.model import (
    Article,
    Highlight,
    SavedArticle,
    normalize_tag,
    now_iso,
    source_of,
)
from tui.core.notebook.backups import Backup, daily_backups
from tui.core.notebook.errors import NotebookError, NotebookVersionError, NotInNotebook
from tui.core.notebook.files import ArticleVersion, shard_from_tables
from tui.core.notebook.layout import SHARD_SUFFIX, NotebookLayout, check_article_id
from tui.core.notebook.merge import Edit, apply_edit, edit_between
from tui.core.notebook.query import HighlightFilter, count_tags, rename_in, retag, select
from tui.core.notebook.repair import Repair, repair
from tui.core.notebook.storage import FileWriter, parse_tables
from tui.core.notebook.store import NeedsMigration, NotebookStore

EDITABLE = frozenset({"title", "last_read", "progress", "read"})  # see update_article


@dataclass(frozen=True)
class DeletedArticle:
    """Everything :meth:`Notebook.delete_article` removed; :meth:`Notebook.restore` undoes it.

    The snapshots stay on disk, so a restored article still opens offline.
    """

    article: SavedArticle
    versions: tuple[ArticleVersion, ...]
    highlights: tuple[Highlight, ...]


class Notebook(NotebookStore):
    """An open notebook: ``Notebook.open(path=None, *, read_only=False)``.

    Articles: save_article, add_articles, article, find_article, articles, highlight_counts,
    versions, load_article, update_article, delete_article / restore. Highlights: add_highlight(s),
    add_or_merge_highlight, update_highlight, delete_highlight, highlight, highlights, query.
    Tags: tags, rename_tag, tag_highlights. Sharing: refresh, batch. When things go wrong: problems,
    backups, open_backup, repair (errors are NotebookError subclasses, exit code 5).
    """

    # -- backups and repair ---------------------------------------------------------------

    @classmethod
    def open_backup(cls, path: Path | None = None, label: str | None = None) -> Self:
        """A backup opened read-only, in memory: the newest, or the one of day ``label``.

        Its articles open from the snapshots of the live notebook, which backups share.
        """
        layout = NotebookLayout(Path(path) if path is not None else default_notebook_path())
        chosen = next((b for b in daily_backups(layout) if label in (None, b.label)), None)
        if chosen is None:
            raise NotebookError(f"no backup{' of ' + label if label else ''} in {layout.backups}")
        nb = cls(layout, read_only=True, writer=FileWriter(), lock_timeout=0)
        nb._detached = True
        for name, raw in chosen.members().items():
            tables = parse_tables(chosen.path, raw)
            if name == layout.relative(layout.index):
                try:
                    nb._set_index(nb._index_data(chosen.path, tables))
                except NeedsMigration as old:
                    raise NotebookVersionError(chosen.path, f"is at schema {old.schema}") from None
            elif name.startswith("highlights/") and name.endswith(SHARD_SUFFIX):
                article_id = check_article_id(name.removeprefix("highlights/")[: -len(".json")])
                nb._index.replace_article(
                    article_id, shard_from_tables(chosen.path, article_id, tables)
                )
        return nb

    @staticmethod
    def backups(path: Path | None = None) -> list[Backup]:
        """The notebook's daily backups, newest first."""
        return daily_backups(NotebookLayout(path or default_notebook_path()))

    @staticmethod
    def repair(path: Path | None = None, *, writer: FileWriter | None = None) -> Repair:
        """Replace damaged files by their newest readable backup (see notebook_repair)."""
        return repair(path or default_notebook_path(), writer=writer)

    # -- articles -----------------------------------------------------------------------

    def save_article(
        self, article: Article, *, imported_from: str | None = None, saved: str | None = None
    ) -> SavedArticle:
        """Save ``article`` (its snapshot, then its record); return the record.

        Saving a new version of a saved article stores a new snapshot and points the record
        at it; the old snapshot stays, listed in :meth:`versions`. Reading state (saved
        time, progress, last read, read) and where it was imported from carry over;
        ``imported_from`` names the import saving a new article (``gloss import``);
        ``saved`` the time a new article's record says it was saved (the reader shows the
        record at once and saves it after its first paint: see ``Library.keep_later``).
        """
        with self._writing():
            digest, written = self.snapshots.store(article)
            if written:  # if the record cannot be saved, nothing should point at it
                self._created.append(self.snapshots.path(digest))
            record = SavedArticle.from_article(article, digest)
            if saved is not None:
                record = replace(record, saved=saved)
            if imported_from is not None:
                record = replace(record, imported_from=imported_from)
            old = self._articles.get(record.id)
            versions = self._versions.get(record.id, ())
            if old is not None:
                if old.snapshot and old.snapshot != digest:
                    versions = (*versions, ArticleVersion(old.snapshot, old.text_hash, now_iso()))
                record = replace(
                    record,
                    saved=old.saved,
                    last_read=old.last_read,
                    progress=old.progress,
                    read=old.read,
                    imported_from=old.imported_from,
                )
                if record == old:
                    return old
            self._put_article(record, versions)
            return record

    def add_articles(self, records: Iterable[SavedArticle]) -> list[SavedArticle]:
        """Save article records as they are, without bodies (``gloss import``); return the
        new ones. An article already saved keeps its own record.

        A record whose snapshot is not stored opens by fetching its page again (see
        :meth:`tui.core.library.Library.open`), which stores the snapshot.
        """
        with self._writing():
            unique = {check_article_id(r.id): r for r in records}
            new = [r for r in unique.values() if r.id not in self._articles]
            for record in new:
                self._put_article(record, ())
            return new

    def update_article(self, article_id: str, **changes: Any) -> SavedArticle:
        """Change reading state: ``title``, ``last_read``, ``progress`` (0-1), ``read``."""
        unknown = set(changes) - EDITABLE
        if unknown:
            raise TypeError(f"cannot change {', '.join(sorted(unknown))} of an article")
        if "progress" in changes:
            changes["progress"] = min(1.0, max(0.0, float(changes["progress"])))
        if "read" in changes:
            changes["read"] = bool(changes["read"])
        with self._writing():
            record = replace(self._require(article_id), **changes)
            self._put_article(record, self._versions.get(article_id, ()))
            return record

    def delete_article(self, article_id: str) -> DeletedArticle:
        """Remove an article and its highlights; the result undoes it via :meth:`restore`."""
        with self._writing():
            record = self._require(article_id)
            highlights = tuple(self._index.of_article(article_id))
            deleted = DeletedArticle(record, self._versions.get(article_id, ()), highlights)
            self._articles_table().remove_ids([article_id])
            if highlights or self._layout.shard(article_id).exists():
                self._shard_table(article_id).truncate()
            del self._articles[article_id]
            self._versions.pop(article_id, None)
            self._index.drop_article(article_id)
            self._urls = None
            return deleted

    def restore(self, deleted: DeletedArticle) -> None:
        """Put back what :meth:`delete_article` removed (a newer record of it is kept)."""
        with self._writing():
            if deleted.article.id not in self._articles:
                self._put_article(deleted.article, deleted.versions)
            self._put_highlights(deleted.highlights)

    def article(self, article_id: str) -> SavedArticle | None:
        """The record of ``article_id``, if saved."""
        return self._articles.get(article_id)

    def articles(self) -> list[SavedArticle]:
        """Every saved article, most recently saved first."""
        with self._mutex:
            return sorted(self._articles.values(), key=lambda a: (a.saved, a.id), reverse=True)

    def library_ids(self) -> list[str]:
        """Every saved article's id in the library's first order: most recently saved first,
        ties by folded title, then id."""
        with self._mutex:
            records = sorted(self._articles.values(), key=lambda a: (fold(a.title), a.id))
        records.sort(key=lambda a: a.saved, reverse=True)  # stable: ties keep title order
        return [a.id for a in records]

    def has_articles(self) -> bool:
        """Whether any article is saved (the start's choice: the library, or the sample)."""
        return bool(self._articles)

    def articles_of(self, ids: Sequence[str]) -> list[SavedArticle]:
        """The records of ``ids`` that are saved, in that order: a page of the library."""
        with self._mutex:
            return [self._articles[i] for i in ids if i in self._articles]

    def find_article(self, url: str) -> SavedArticle | None:
        """The article saved from ``url`` or whose canonical URL it is (fragment ignored)."""
        with self._mutex:
            if self._urls is None:
                self._urls = {}
                for record in self._articles.values():
                    for u in (record.url, record.canonical_url):
                        if u:
                            self._urls.setdefault(_url_key(u), record.id)
            found = self._urls.get(_url_key(url))
            return None if found is None else self._articles.get(found)

    def versions(self, article_id: str) -> list[ArticleVersion]:
        """Every stored version of an article, oldest first, the current one last."""
        record = self._require(article_id)
        current = ArticleVersion(record.snapshot, record.text_hash, "")
        return [*self._versions.get(article_id, ()), current]

    def load_article(self, article_id: str, snapshot: str | None = None) -> Article:
        """The article as saved (``snapshot``: an older version), offline, from its snapshot."""
        record = self._require(article_id)
        digest = snapshot or record.snapshot
        if digest not in {v.snapshot for v in self.versions(article_id)}:
            raise NotInNotebook(f"version of article {article_id}:", digest)
        return self.snapshots.get(digest)

    def highlight_counts(self, article_ids: Sequence[str] | None = None) -> dict[str, int]:
        """Article id -> number of highlights, for every article that has any (of
        ``article_ids``, when given: a page of the library)."""
        with self._mutex:
            by_article = self._index.by_article
            if article_ids is not None:
                return {a: len(by_article[a]) for a in article_ids if by_article.get(a)}
            return {a: len(hs) for a, hs in by_article.items() if hs}

    # -- highlights ---------------------------------------------------------------------

    def add_highlight(self, h: Highlight) -> Highlight:
        """Save a new highlight of a saved article; return it as stored (tags normalised).

        Adding the very same highlight again is a no-op, so a retried add is harmless.
        """
        return self.add_highlights([h])[0]

    def add_highlights(self, highlights: Iterable[Highlight]) -> list[Highlight]:
        """Save many new highlights at once (one write per article); return them as stored."""
        stored = [_normalized(h) for h in highlights]
        with self._writing():
            for h in stored:
                self._require(h.article_id)
                old = self._index.by_id.get(h.id)
                if old is not None and old != h:
                    raise ValueError(f"a different highlight {h.id} is already saved")
            self._put_highlights(h for h in stored if h.id not in self._index.by_id)
        return stored

    def add_or_merge_highlight(
        self, h: Highlight, merge: Callable[[Highlight], Highlight]
    ) -> tuple[Highlight | None, Highlight]:
        """Save ``h``, unless its passage is highlighted already: then save ``merge(that
        highlight)`` in its place. Return (the highlight before, None if ``h`` is new; what
        is stored).

        Looking and writing happen under one lock, on what is on disk then, so two processes
        highlighting the same passage at once make one highlight.
        """
        h = _normalized(h)
        with self._writing():
            self._require(h.article_id)
            old = next(
                (
                    o
                    for o in self._index.of_article(h.article_id)
                    if o.marks(h.target)
                ),
                None,
            )
            if old is None:
                self._put_highlights([h])
                return None, h
            merged = _normalized(merge(old))
            if merged.id != old.id or merged.article_id != old.article_id:
                raise ValueError("a merge keeps the highlight's id and article")
            if merged != old:
                self._put_highlights([merged])
            return old, merged

    def update_highlight(self, h: Highlight, *, base: Highlight | None = None) -> Highlight:
        """Save an edit of a highlight; return the highlight as stored.

        The edit is what changed from ``base`` (the record the caller read; default: the one
        this process last read) to ``h``, applied to the highlight as it is on disk now (see
        :mod:`tui.core.notebook.merge`), so what another process wrote meanwhile is kept.
        ``updated`` is the caller's: ``h.edited(note=...)`` sets it to now.
        """
        h = _normalized(h)
        if base is None:
            base = self._index.by_id.get(h.id)  # before catching up: what the caller saw
        if base is not None and base.id != h.id:
            raise ValueError("an edit keeps the highlight's id")
        if base is not None and base.article_id != h.article_id:
            raise ValueError("a highlight cannot move to another article")
        with self._writing():
            current = self._index.by_id.get(h.id)
            if current is None:
                raise NotInNotebook("highlight", h.id)
            if current.article_id != h.article_id:
                raise ValueError("a highlight cannot move to another article")
            return self._apply_edit(current, edit_between(base or current, h))

    def edit_highlight(self, highlight_id: str, edit: Edit) -> Highlight:
        """Apply ``edit`` (tags added and removed, note, colour) to a highlight as it is on
        disk now; return it as stored. NotInNotebook if it is not there (deleted)."""
        with self._writing():
            current = self._index.by_id.get(highlight_id)
            if current is None:
                raise NotInNotebook("highlight", highlight_id)
            return self._apply_edit(current, edit)

    def _apply_edit(self, current: Highlight, edit: Edit) -> Highlight:
        merged = apply_edit(current, edit)
        if merged is not current:
            self._put_highlights([merged])
        return merged

    def delete_highlight(self, highlight_id: str) -> Highlight | None:
        """Remove a highlight; return it (to undo: add it again), None if it was not there."""
        with self._writing():
            old = self._index.by_id.get(highlight_id)
            if old is None:
                return None
            self._shard_table(old.article_id).remove_ids([highlight_id])
            self._index.remove(highlight_id)
            return old

    def highlight(self, highlight_id: str) -> Highlight | None:
        """The highlight with that id, if saved."""
        return self._index.by_id.get(highlight_id)

    def highlights(self, article_id: str | None = None) -> list[Highlight]:
        """One article's highlights in reading order; or all of them, newest first."""
        with self._mutex:
            if article_id is not None:
                return self._index.of_article(article_id)
            return self.query(HighlightFilter())

    def query(self, f: HighlightFilter) -> list[Highlight]:
        """The highlights matching ``f``, in its order."""
        index = self._index

        def title(article_id: str) -> str:
            record = self._articles.get(article_id)
            return fold(record.title) if record else ""

        with self._mutex:
            return select(index.by_id, index.by_article, index.by_tag, index.folded, f, title)

    # -- the notebook screen's reads (the query index answers the same, without the shards) --

    def highlight_ids(
        self, f: HighlightFilter, articles: Collection[str] | None = None
    ) -> list[str]:
        """The ids of the highlights ``f`` chooses (of ``articles`` only, when given), in
        its order: the notebook screen's list, whose records are read a page at a time
        (:meth:`highlights_of`)."""
        found = self.query(f)
        if articles is not None:
            among = set(articles)
            return [h.id for h in found if h.article_id in among]
        return [h.id for h in found]

    def highlights_of(self, ids: Sequence[str]) -> list[Highlight]:
        """The highlights of ``ids`` that are saved, in that order: a page of the list."""
        with self._mutex:
            by_id = self._index.by_id
            return [by_id[i] for i in ids if i in by_id]

    def saved_highlights(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are saved highlights (marks kept across a reload)."""
        with self._mutex:
            by_id = self._index.by_id
            return {i for i in ids if i in by_id}

    def titles_and_sources(self) -> dict[str, tuple[str, str]]:
        """Article id -> (title, where it came from: :func:`~tui.core.model.source_of`)."""
        with self._mutex:
            # A record written by hand may hold anything: what a row shows is text.
            return {a.id: (a.title if isinstance(a.title, str) else str(a.title or ""),
                           str(source_of(a))) for a in self._articles.values()}

    def unplaced(self, article_ids: Sequence[str] | None = None) -> dict[str, list[Highlight]]:
        """Saved article id -> its highlights taken from another version of its text than
        the one saved (only those can be orphans), in reading order (of ``article_ids``
        only, when given)."""
        with self._mutex:
            out: dict[str, list[Highlight]] = {}
            by_article = self._index.by_article
            chosen = by_article.items() if article_ids is None else (
                (i, by_article[i]) for i in dict.fromkeys(article_ids) if i in by_article)
            for article_id, held in chosen:
                record = self._articles.get(article_id)
                if record is None:
                    continue
                if any(h.target.text_hash != record.text_hash for h in held.values()):
                    out[article_id] = [h for h in self._index.of_article(article_id)
                                       if h.target.text_hash != record.text_hash]
            return out

    def highlights_with_history(self) -> list[Highlight]:
        """The highlights that keep values concurrent writers overwrote (what sync flags)."""
        with self._mutex:
            return [h for h in self._index.by_id.values() if h.history]

    # -- tags ---------------------------------------------------------------------------

    def tags(self, f: HighlightFilter | None = None) -> dict[str, int]:
        """Tag -> number of highlights (of those ``f`` chooses), most used first."""
        with self._mutex:
            if f is None:
                return count_tags(self._index.by_tag)
            counts: dict[str, int] = {}
            for h in self.query(f):
                for tag in h.tags:
                    counts[tag] = counts.get(tag, 0) + 1
            return dict(sorted(counts.items(), key=lambda p: (-p[1], p[0])))

    def rename_tag(self, old: str, new: str) -> int:
        """Rename a tag everywhere (merging into ``new`` if it exists); return how many changed."""
        old, new = normalize_tag(old), normalize_tag(new)
        if not old or not new:
            raise ValueError("a tag cannot be empty")
        if old == new:
            return 0
        with self._writing():
            ids = self._index.by_tag.get(old, set())
            found = (self._index.by_id[i] for i in ids)
            changed = [h.edited(tags=rename_in(h.tags, old, new)) for h in found]  # on disk now
            self._put_highlights(changed)
            return len(changed)

    def tag_highlights(
        self, highlight_ids: Iterable[str], add: Iterable[str] = (), remove: Iterable[str] = ()
    ) -> int:
        """Add and remove tags on many highlights at once; return how many changed."""
        add, remove = tuple(add), tuple(remove)
        with self._writing():
            changed = []
            for hid in dict.fromkeys(highlight_ids):
                h = self._index.by_id.get(hid)
                if h is None:
                    raise NotInNotebook("highlight", hid)
                tags = retag(h.tags, add, remove)
                if tags != h.tags:
                    changed.append(h.edited(tags=tags))
            self._put_highlights(changed)
            return len(changed)


def _normalized(h: Highlight) -> Highlight:
    """``h`` with its tags as stored: normalised, no empties, no duplicates."""
    tags = tuple(dict.fromkeys(t for t in map(normalize_tag, h.tags) if t))
    return h if tags == h.tags else replace(h, tags=tags)


def _url_key(url: str) -> str:
    return url.split("#", 1)[0]
