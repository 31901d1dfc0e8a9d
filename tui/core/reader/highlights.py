"""Making and changing highlights: the one write path of the reader and ``gloss highlight``.

A :class:`Highlighter` writes one change at a time to the notebook, checking under the
notebook's lock that the highlight is still as the change expects, and keeps what it did on
an :class:`~tui.core.reader.undo.UndoStack`. Highlighting a passage that is highlighted
already follows one rule, wherever it comes from (see :func:`merge`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tui.core.anchor import describe
from tui.core.config import HighlightSettings
from tui.core.model import Highlight, normalize_tag
from tui.core.notebook import HighlightFilter, Notebook, NotInNotebook, rebase, rename_in, retag
from tui.core.reader.undo import Change, Step, UndoStack

OnChange = Callable[[str, Highlight | None], None]  # highlight id, what is stored now


def recolored(highlight: Highlight, color: str, settings: HighlightSettings) -> Highlight:
    """``highlight`` in ``color``; the old colour's tag (config) swapped for the new one's."""
    tags = list(highlight.tags)
    old_tag, new_tag = settings.tag_of(highlight.color), settings.tag_of(color)
    if old_tag in tags and old_tag != new_tag:
        tags.remove(old_tag)
    if new_tag and new_tag not in tags:
        tags.append(new_tag)
    return highlight.edited(color=color, tags=tuple(tags))


def merge(
    existing: Highlight,
    *,
    tags: Iterable[str] = (),
    note: str | None = None,
    color: str | None = None,
    settings: HighlightSettings | None = None,
) -> Highlight:
    """The rule for a passage highlighted again: it is the same highlight. ``tags`` are
    added to its own (as a set: none twice, none lost); a ``note`` or ``color`` given (not
    None) replaces its own, and a colour brings its tag as recolouring does. Returns
    ``existing`` itself when nothing changes."""
    h = existing
    if (added := retag(h.tags, tags)) != h.tags:
        h = h.edited(tags=added)
    if color is not None and color != h.color:
        h = recolored(h, color, settings or HighlightSettings())
    if note is not None and note != h.note:
        h = h.edited(note=note)
    return h


@dataclass(frozen=True, slots=True)
class Saved:
    """What highlighting a passage did: ``before`` is None for a new highlight, else the
    highlight the passage had (``after`` is it as merged, maybe unchanged)."""

    before: Highlight | None
    after: Highlight

    @property
    def repeated(self) -> bool:
        """The passage was highlighted already."""
        return self.before is not None

    @property
    def changed(self) -> tuple[str, ...]:
        """What a repeated passage changed, of tags, note and color."""
        if self.before is None:
            return ()
        return tuple(
            name
            for name in ("tags", "note", "color")
            if getattr(self.before, name) != getattr(self.after, name)
        )

    @property
    def added_tags(self) -> tuple[str, ...]:
        """Tags the highlight has now and had not before."""
        had = set(self.before.tags) if self.before is not None else set()
        return tuple(t for t in self.after.tags if t not in had)


class Highlighter:
    """Writes highlight changes to ``notebook`` and records them on ``history`` for undo.

    ``on_change(id, stored)`` is told after every write, even a refused one (then with what
    the notebook holds), so a screen can show exactly what is stored. Errors are
    GlossErrors (read-only notebook, a highlight changed elsewhere); nothing is recorded
    for a change that was not made.
    """

    def __init__(
        self,
        notebook: Notebook,
        *,
        history: UndoStack | None = None,
        settings: HighlightSettings | None = None,
        on_change: OnChange | None = None,
    ) -> None:
        self.notebook = notebook
        self.history = history if history is not None else UndoStack()
        self.settings = settings or HighlightSettings()
        self._on_change = on_change

    # -- the one write --------------------------------------------------------------------

    def apply(self, change: Change) -> Highlight | None:
        """Write ``change`` if the highlight is still its ``before``; return what is stored.

        The check and the write share one lock, so a change made meanwhile by another
        process is never overwritten (ChangedElsewhere).
        """
        notebook = self.notebook
        try:
            with notebook.batch():
                change.check(notebook.highlight(change.highlight_id))
                if change.after is None:
                    notebook.delete_highlight(change.highlight_id)
                    return None
                if change.before is None:
                    return notebook.add_highlight(change.after)
                return notebook.update_highlight(change.after, base=change.before)
        finally:
            self._tell(change.highlight_id)

    def commit(self, before: Highlight | None, after: Highlight | None) -> Change:
        """Make a change and record it for undo; return it as stored."""
        done = Change(before, self.apply(Change(before, after)))
        self.history.record(done)
        return done

    def _tell(self, *highlight_ids: str) -> None:
        if self._on_change is not None:
            for highlight_id in highlight_ids:
                self._on_change(highlight_id, self.notebook.highlight(highlight_id))

    # -- operations -----------------------------------------------------------------------

    def create(
        self,
        article_id: str,
        text: str,
        start: int,
        end: int,
        *,
        tags: Iterable[str] = (),
        note: str | None = None,
        color: str | None = None,
    ) -> Saved:
        """Highlight ``text[start:end]`` (the article's canonical text), or, if that passage
        is highlighted already, add to that highlight by :func:`merge`. ``color`` None: the
        settings' colour for a new highlight, the highlight's own for a repeated passage."""
        tags = tuple(tags)
        new_color = color or self.settings.color
        bound = self.settings.tag_of(new_color)
        fresh = Highlight(
            article_id,
            describe(text, start, end),
            tags=retag(tags, [bound] if bound else []),
            note=note or "",
            color=new_color,
        )

        def merged(existing: Highlight) -> Highlight:
            return merge(existing, tags=tags, note=note, color=color, settings=self.settings)

        before, after = self.notebook.add_or_merge_highlight(fresh, merged)
        self._tell(after.id)
        if after != before:
            self.history.record(Change(before, after))
        return Saved(before, after)

    def edit(
        self,
        current: Highlight,
        *,
        tags: tuple[str, ...],
        note: str,
        color: str,
        base: Highlight | None = None,
    ) -> Change | None:
        """Replace the tags, note and colour (None if nothing changes). ``base``: the
        highlight as the editor read it (a dialog opened before ``current`` was written
        elsewhere): then the editor's *change* from ``base`` is re-made on ``current``, so a
        tag added meanwhile stays and a note overwritten unseen is kept in the history."""
        if base is None:
            changed = current.edited(tags=tags, note=note, color=color)
        else:
            wanted = base.edited(tags=tags, note=note, color=color)
            changed = rebase(base, wanted, current)
        fields = ("tags", "note", "color", "history")
        if all(getattr(changed, f) == getattr(current, f) for f in fields):
            return None
        return self.commit(current, changed)

    def recolor(self, current: Highlight, color: str) -> Change | None:
        """Give ``current`` another colour (None if it has it already)."""
        if current.color == color:
            return None
        return self.commit(current, recolored(current, color, self.settings))

    def delete(self, highlights: Iterable[Highlight]) -> Step:
        """Delete every one of ``highlights`` or, if one cannot be, none; one undo step."""
        changes = tuple(Change(h, None) for h in highlights)
        try:
            with self.notebook.batch():
                for change in changes:
                    change.check(self.notebook.highlight(change.highlight_id))
                    self.notebook.delete_highlight(change.highlight_id)
        finally:
            self._tell(*(change.highlight_id for change in changes))
        self.history.record(*changes)
        return changes

    def retag(
        self, highlight_ids: Iterable[str], *, add: Iterable[str] = (), remove: Iterable[str] = ()
    ) -> Step:
        """Add and remove tags on many highlights, all or none, as one undo step. Returns the
        changes made: a highlight that already is as asked is left out."""
        add, remove = tuple(add), tuple(remove)
        ids = tuple(dict.fromkeys(highlight_ids))

        def found() -> list[Highlight]:
            return [self._stored(i) for i in ids]

        return self._retag_each(found, lambda h: retag(h.tags, add, remove))

    def rename_tag(self, old: str, new: str) -> Step:
        """Rename a tag on every highlight carrying it (merged where ``new`` is there
        already), as one undo step; the changes made."""
        old, new = normalize_tag(old), normalize_tag(new)
        if not old or not new:
            raise ValueError("a tag cannot be empty")
        if old == new:
            return ()

        def found() -> list[Highlight]:
            return self.notebook.query(HighlightFilter(all_tags=(old,)))

        return self._retag_each(found, lambda h: rename_in(h.tags, old, new))

    def _stored(self, highlight_id: str) -> Highlight:
        found = self.notebook.highlight(highlight_id)
        if found is None:
            raise NotInNotebook("highlight", highlight_id)
        return found

    def _retag_each(
        self,
        found: Callable[[], Iterable[Highlight]],
        tags_of: Callable[[Highlight], tuple[str, ...]],
    ) -> Step:
        """Give each highlight ``found()`` returns (under the lock: as stored now) the tags
        ``tags_of`` says; one batch (nothing written if one write fails), one undo step."""
        done: list[Change] = []
        try:
            with self.notebook.batch():
                for h in found():
                    tags = tags_of(h)
                    if tags != h.tags:
                        stored = self.notebook.update_highlight(h.edited(tags=tags), base=h)
                        done.append(Change(h, stored))
        finally:
            self._tell(*(change.highlight_id for change in done))
        self.history.record(*done)
        return tuple(done)

    def reattach(self, orphan: Highlight, text: str, start: int, end: int) -> Highlight:
        """Give an orphan ``text[start:end]`` as its place: a new target, the same id, tags,
        note and colour."""
        done = self.commit(orphan, orphan.edited(target=describe(text, start, end)))
        assert done.after is not None
        return done.after

    def undo(self) -> Step:
        """Undo the last step (see UndoStack.undo); the changes applied. A step of several
        changes is written in one batch: all of it or, if one is refused, none."""
        if not self.history.can_undo:
            return ()
        with self.notebook.batch():
            return self.history.undo(self.apply)

    def redo(self) -> Step:
        """Redo the last step undone (as :meth:`undo`)."""
        if not self.history.can_redo:
            return ()
        with self.notebook.batch():
            return self.history.redo(self.apply)
