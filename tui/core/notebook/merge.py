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
* a book location is set once, by an import, and never edited: whichever side has it gives
  it (a writer that did not know the field, an older Gloss, never clears it);
* a deleted highlight stays deleted: an edit of it is refused by the caller.

Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from tui.core.model import Highlight, Overwritten, Placement, Target, normalize_tag
from tui.core.sanitize import strip_controls

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
    location: str | None = None  # a book location the stored record lacks

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
            or self.location is not None
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
        location=wanted.location if wanted.location != base.location else None,
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
        location=current.location if current.location is not None else edit.location,
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


# -- three-way: two copies of the notebook that diverged from a common ancestor ------------

DELETED_ELSEWHERE = "deleted"  # a history entry: deleted on one side, kept because edited


def merge3(
    base: Highlight | None, ours: Highlight | None, theirs: Highlight | None
) -> Highlight | None:
    """One highlight merged from two copies that diverged from ``base`` (None: absent).

    Symmetric and deterministic (the same three give the same result whichever side is
    "ours"), so two machines that merge the same histories write the same bytes:

    * tags merge as sets: an add on one side and a removal on the other both hold;
    * note and colour: a change on one side wins; changed on both sides, the later
      ``updated`` wins (then the larger value) and the other is kept in ``history``;
    * a book location: whichever side has it (it is never edited, only imported);
    * deleted on one side and changed on the other: kept, with a ``deleted`` history entry
      (the flag the notebook screen and ``gloss sync status`` show); deleted on one side
      and untouched on the other: deleted.
    """
    if ours is None or theirs is None:
        kept = theirs if ours is None else ours
        if kept is None or base is None:
            return kept  # deleted on both sides, or added on one
        if kept == base:
            return None  # deleted on one side, untouched on the other
        flag = Overwritten(DELETED_ELSEWHERE, "", kept.updated)
        if flag in kept.history:
            return kept
        return replace(kept, history=(*kept.history, flag)[-HISTORY_LIMIT:])
    if ours == theirs:
        return ours
    # The location survives a side that dropped it (an older Gloss wrote the record anew).
    location = _either(ours.location, theirs.location)
    if base is not None and ours == base:
        return theirs if theirs.location == location else replace(theirs, location=location)
    if base is not None and theirs == base:
        return ours if ours.location == location else replace(ours, location=location)
    lost: list[Overwritten] = []

    def pick(name: str) -> Any:
        mine, other = getattr(ours, name), getattr(theirs, name)
        if mine == other or (base is not None and other == getattr(base, name)):
            return mine
        if base is not None and mine == getattr(base, name):
            return other
        # Changed on both sides: the later edit wins (then a fixed order of the values, so
        # that every machine picks the same); the other note or colour is kept.
        ours_wins = (ours.updated, _value_key(mine)) >= (theirs.updated, _value_key(other))
        winner, loser, loser_side = (
            (mine, other, theirs) if ours_wins else (other, mine, ours)
        )
        if name in ("note", "color") and loser:
            lost.append(Overwritten(name, loser, loser_side.updated))
        return winner

    note, color = pick("note"), pick("color")
    return replace(
        ours,
        tags=_merge_tags(base, ours, theirs),
        note=note,
        color=color,
        target=pick("target"),
        placement=pick("placement"),
        location=location,
        created=min(ours.created, theirs.created),
        updated=max(ours.updated, theirs.updated),
        history=_merge_history(base, ours, theirs, lost),
    )


def _either(a: str | None, b: str | None) -> str | None:
    """An immutable field taken from whichever side has it; both (which only two imports
    of differing files could give): the first in a fixed order, so every machine agrees."""
    if a is None or b is None:
        return b if a is None else a
    return min(a, b)


def _value_key(value: Any) -> str:
    """A fixed order over field values (targets, placements, text, None)."""
    to_dict = getattr(value, "to_dict", None)
    return repr(to_dict() if to_dict is not None else value)


def _merge_tags(base: Highlight | None, ours: Highlight, theirs: Highlight) -> tuple[str, ...]:
    if ours.tags == theirs.tags:
        return ours.tags
    if base is not None and ours.tags == base.tags:
        return theirs.tags
    if base is not None and theirs.tags == base.tags:
        return ours.tags
    old = set(base.tags) if base is not None else set()
    a, b = set(ours.tags), set(theirs.tags)
    return tuple(sorted((a & b) | (a - old) | (b - old)))


def _merge_history(
    base: Highlight | None, ours: Highlight, theirs: Highlight, lost: list[Overwritten]
) -> tuple[Overwritten, ...]:
    if ours.history == theirs.history:
        kept = list(ours.history)
    elif base is not None and ours.history == base.history:
        kept = list(theirs.history)
    elif base is not None and theirs.history == base.history:
        kept = list(ours.history)
    else:
        return tuple(
            sorted(set(ours.history) | set(theirs.history) | set(lost), key=_history_order)
        )[-HISTORY_LIMIT:]
    kept += sorted((o for o in lost if o not in kept), key=_history_order)
    return tuple(kept[-HISTORY_LIMIT:])


def _history_order(o: Overwritten) -> tuple[str, str, str]:
    return (o.updated, o.field, o.value)


def conflict_notes(h: Highlight) -> list[str]:
    """What sync (or a concurrent writer) kept aside in ``h``, one line each, for the
    notebook screen: a deletion elsewhere it survived, the latest overwritten note or
    colour."""
    out = []
    if any(o.field == DELETED_ELSEWHERE for o in h.history):
        out.append("Kept by sync: deleted on another machine while edited on this one")
    others = [o for o in h.history if o.field in ("note", "color")]
    if others:
        o = others[-1]
        value = " ".join(strip_controls(o.value).split())
        out.append(f"Other {o.field} kept ({strip_controls(o.updated)[:10]}): {value}")
    return out
