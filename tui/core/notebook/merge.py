"""Field-level merge: a write to a highlight is a *change*, applied to what is on disk.

Two processes (the app's dialog, ``gloss highlight``, a bulk tag) may each read a highlight,
edit it and write it back. Replacing the record would drop whatever the other one wrote in
between. So a write is expressed as the difference between the record the writer read
(``base``) and the one it wants (:func:`edit_between`), and that difference is applied, under
the notebook lock, to the record as it is on disk at that moment (:func:`apply_edit`):

* tags merge as sets: the tags the writer added are added, the ones it removed are removed
  (explicitly: a tag another writer added meanwhile is never removed);
* note and colour go to the last writer; a value it overwrites that it had not seen (another
  writer's) is kept in the record's ``history`` (the newest :data:`HISTORY_LIMIT`);
* the target (adopting new wording) and the placement (re-anchoring) go to the last writer;
* a deleted highlight stays deleted: an edit of it is refused by the caller.

Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tui.core.model import Highlight, Overwritten, Placement, Target, normalize_tag

HISTORY_LIMIT = 10  # overwritten values kept per highlight; the oldest go first


@dataclass(frozen=True, slots=True)
class Edit:
    """What one writer changed in a highlight; ``None`` fields are left as they are."""

    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    note: str | None = None
    color: str | None = None
    target: Target | None = None
    placement: Placement | None = None
    set_placement: bool = False  # placement above replaces the stored one (None clears it)
    seen_note: str | None = None  # the note the writer replaced (its base), if it set one
    seen_color: str | None = None
    updated: str | None = None  # the writer's time of the edit; None: keep the stored one
    add_history: tuple[Overwritten, ...] = ()  # kept values the writer's record gained

    @property
    def empty(self) -> bool:
        """Whether the edit changes nothing at all."""
        return not (
            self.add_tags
            or self.remove_tags
            or self.note is not None
            or self.color is not None
            or self.target is not None
            or self.set_placement
            or self.add_history
        )


def edit_between(base: Highlight, wanted: Highlight) -> Edit:
    """The change that turns ``base`` (what the writer read) into ``wanted``."""
    old, new = _tags(base.tags), _tags(wanted.tags)
    changed_note = wanted.note != base.note
    changed_color = wanted.color != base.color
    return Edit(
        add_tags=tuple(t for t in new if t not in old),
        remove_tags=tuple(t for t in old if t not in new),
        note=wanted.note if changed_note else None,
        color=wanted.color if changed_color else None,
        target=wanted.target if wanted.target != base.target else None,
        placement=wanted.placement,
        set_placement=wanted.placement != base.placement,
        seen_note=base.note if changed_note else None,
        seen_color=base.color if changed_color else None,
        updated=wanted.updated if wanted.updated != base.updated else None,
        add_history=tuple(o for o in wanted.history if o not in base.history),
    )


def apply_edit(current: Highlight, edit: Edit) -> Highlight:
    """``current`` (as stored now) with ``edit`` applied; ``current`` itself if it changes
    nothing. Overwritten values the writer had not seen go to the history."""
    tags = [t for t in current.tags if t not in set(edit.remove_tags)]
    tags += [t for t in _tags(edit.add_tags) if t not in tags]
    history = list(current.history)
    history += [o for o in edit.add_history if o not in history]
    note, color = current.note, current.color
    if edit.note is not None and edit.note != current.note:
        if current.note and current.note != edit.seen_note:
            history.append(Overwritten("note", current.note, current.updated))
        note = edit.note
    if edit.color is not None and edit.color != current.color:
        if current.color != edit.seen_color:
            history.append(Overwritten("color", current.color, current.updated))
        color = edit.color
    target = edit.target if edit.target is not None else current.target
    where = edit.placement if edit.set_placement else current.placement
    merged = replace(
        current,
        placement=where,
        tags=tuple(tags),
        note=note,
        color=color,
        target=target,
        history=tuple(history[-HISTORY_LIMIT:]),
    )
    if merged == current:
        return current
    if edit.updated is not None:
        merged = replace(merged, updated=edit.updated)
    return merged


def rebase(base: Highlight, wanted: Highlight, current: Highlight) -> Highlight:
    """``wanted`` (an edit of ``base``) re-made on ``current``: what a dialog opened on
    ``base`` should save when the highlight changed elsewhere while it was open."""
    return apply_edit(current, edit_between(base, wanted))


def _tags(tags: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for t in map(normalize_tag, tags) if t))
