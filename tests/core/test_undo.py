"""Undo and redo of highlight changes: the stack moves only when applying works."""

from __future__ import annotations

import pytest

from tui.core.anchor.attach import describe
from tui.core.model.highlight import Highlight
from tui.core.reader.undo import Change, ChangedElsewhere, UndoStack

TEXT = "So far so good. It's working out."


def highlight(**changes: object) -> Highlight:
    base = Highlight("a1", describe(TEXT, 0, 15), id="h1", created="2026-01-01T00:00:00Z")
    return base.edited(**changes) if changes else base


class Store:
    """What a notebook would hold: highlight id -> highlight; applies changes like the UI."""

    def __init__(self) -> None:
        self.by_id: dict[str, Highlight] = {}
        self.fail = False

    def apply(self, change: Change) -> None:
        if self.fail:
            raise ChangedElsewhere
        change.check(self.by_id.get(change.highlight_id))
        if change.after is None:
            del self.by_id[change.highlight_id]
        else:
            self.by_id[change.highlight_id] = change.after


def test_add_edit_delete_then_undo_all_and_redo_all() -> None:
    store, stack = Store(), UndoStack()
    h = highlight()
    tagged = h.edited(tags=("quote",))
    steps = [Change(None, h), Change(h, tagged), Change(tagged, None)]
    for change in steps:
        store.apply(change)
        stack.record(change)
    assert store.by_id == {}
    assert [stack.undo(store.apply)[0].kind for _ in range(3)] == ["added", "edited", "deleted"]
    assert store.by_id == {}  # undoing the add removed it again
    assert stack.undo(store.apply) == () and not stack.can_undo
    assert [stack.redo(store.apply)[0].kind for _ in range(3)] == ["added", "edited", "deleted"]
    assert stack.redo(store.apply) == ()
    stack.undo(store.apply)
    assert store.by_id == {"h1": tagged}


def test_a_failed_apply_leaves_the_stack_where_it_was() -> None:
    store, stack = Store(), UndoStack()
    h = highlight()
    store.apply(Change(None, h))
    stack.record(Change(None, h))
    store.fail = True
    with pytest.raises(ChangedElsewhere):
        stack.undo(store.apply)
    assert stack.can_undo and not stack.can_redo
    store.fail = False
    assert stack.undo(store.apply) == (Change(h, None),)


def test_a_change_made_elsewhere_is_not_overwritten() -> None:
    store, stack = Store(), UndoStack()
    h = highlight()
    store.apply(Change(None, h))
    stack.record(Change(None, h))
    store.by_id["h1"] = h.edited(note="written by another process")
    with pytest.raises(ChangedElsewhere) as caught:
        stack.undo(store.apply)
    assert caught.value.message == "that highlight was changed elsewhere since; left as it is"
    assert store.by_id["h1"].note == "written by another process"


def test_a_new_change_clears_redo_and_the_oldest_are_forgotten() -> None:
    store, stack = Store(), UndoStack(limit=2)
    h = highlight()
    store.apply(Change(None, h))
    stack.record(Change(None, h))
    stack.undo(store.apply)
    assert stack.can_redo
    other = Highlight("a1", describe(TEXT, 16, 33), id="h2")
    store.apply(Change(None, other))
    stack.record(Change(None, other))
    assert not stack.can_redo
    for note in ("one", "two"):
        before = store.by_id["h2"]
        after = before.edited(note=note)
        store.apply(Change(before, after))
        stack.record(Change(before, after))
    assert stack.undo(store.apply) and stack.undo(store.apply)
    assert stack.undo(store.apply) == ()  # only two kept
    assert store.by_id["h2"].note == ""


def test_amend_folds_the_dialogs_edit_into_the_add() -> None:
    store, stack = Store(), UndoStack()
    h = highlight()
    store.apply(Change(None, h))
    stack.record(Change(None, h))
    tagged = h.edited(tags=("collaboration",), note="n")
    store.apply(Change(h, tagged))
    assert stack.amend(tagged)
    assert stack.undo(store.apply) == (Change(tagged, None),)
    assert store.by_id == {}
    assert not stack.amend(tagged)  # nothing done left to fold into
    other = Highlight("a1", describe(TEXT, 16, 33), id="h2")
    stack.record(Change(None, other))
    assert not stack.amend(tagged)  # another highlight's change


def test_a_change_needs_one_side_and_keeps_the_id() -> None:
    with pytest.raises(ValueError, match="before or after"):
        Change(None, None)
    with pytest.raises(ValueError, match="id"):
        Change(highlight(), Highlight("a1", describe(TEXT, 0, 2), id="h9"))


def test_a_step_of_several_changes_is_undone_and_redone_whole() -> None:
    store, stack = Store(), UndoStack()
    one, two = highlight(), Highlight("a1", describe(TEXT, 16, 33), id="h2")
    for h in (one, two):
        store.apply(Change(None, h))
        stack.record(Change(None, h))
    deletes = (Change(one, None), Change(two, None))
    for change in deletes:
        store.apply(change)
    stack.record(*deletes)
    assert not stack.amend(one)  # a step of several is never folded into
    assert stack.undo(store.apply) == (Change(None, two), Change(None, one))
    assert store.by_id == {"h1": one, "h2": two}
    assert stack.redo(store.apply) == deletes
    assert store.by_id == {}


def test_a_step_refused_half_way_is_put_back() -> None:
    store, stack = Store(), UndoStack()
    one, two = highlight(), Highlight("a1", describe(TEXT, 16, 33), id="h2")
    deletes = (Change(one, None), Change(two, None))
    stack.record(*deletes)  # both deleted; now another process re-creates h1 differently
    store.by_id["h1"] = one.edited(note="written by another process")
    with pytest.raises(ChangedElsewhere):
        stack.undo(store.apply)  # h2 comes back first, then h1 is refused: h2 goes again
    assert store.by_id == {"h1": one.edited(note="written by another process")}
    assert stack.can_undo and not stack.can_redo
