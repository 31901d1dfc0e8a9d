"""Undo and redo of highlight changes in the reader (pure: the caller applies them).

A :class:`Change` is a highlight before and after (``None``: absent), so an add, an edit and a
delete are one shape and each one's inverse is the same change reversed. The stack only
moves when applying succeeds, so a change the notebook refused (read-only, changed by
another process) can be tried again and is never lost from the history.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, replace

from tui.core.errors import GlossError
from tui.core.model import Highlight

UNDO_LIMIT = 500  # changes kept; the oldest are forgotten first


class ChangedElsewhere(GlossError):
    """The highlight is no longer as the change left it (another process edited it)."""

    def __init__(self) -> None:
        super().__init__("that highlight was changed elsewhere since; left as it is")


@dataclass(frozen=True, slots=True)
class Change:
    """``before`` became ``after``: an add (None → h), an edit (h → h') or a delete (h → None)."""

    before: Highlight | None
    after: Highlight | None

    def __post_init__(self) -> None:
        if self.before is None and self.after is None:
            raise ValueError("a change needs a highlight before or after it")
        if self.before and self.after and self.before.id != self.after.id:
            raise ValueError("a change keeps the highlight's id")

    @property
    def inverse(self) -> Change:
        """The change that puts things back."""
        return Change(self.after, self.before)

    @property
    def highlight_id(self) -> str:
        """The id of the highlight changed."""
        found = self.after or self.before
        assert found is not None
        return found.id

    def check(self, current: Highlight | None) -> None:
        """Raise ChangedElsewhere unless ``current`` (what is stored now) is ``before``.

        Tags compare as a set, as the notebook merges them: an undone untag puts the tag
        back at the end, and the step before it must still be undoable."""
        if not _same(current, self.before):
            raise ChangedElsewhere

    @property
    def kind(self) -> str:
        """``added``, ``edited`` or ``deleted``: for messages."""
        if self.before is None:
            return "added"
        return "deleted" if self.after is None else "edited"


def _same(a: Highlight | None, b: Highlight | None) -> bool:
    if a is None or b is None:
        return a is b
    return a == b or (set(a.tags) == set(b.tags) and replace(a, tags=b.tags) == b)


Step = tuple[Change, ...]  # what one key did: one change, or several (x on a selection)


class UndoStack:
    """Steps done (undo pops them) and undone (redo pops those); a new step clears redo.

    A step of several changes is undone and redone whole: if the notebook refuses one of
    them, those already applied are put back, so a step is never left half done.
    """

    def __init__(self, limit: int = UNDO_LIMIT) -> None:
        self._done: list[Step] = []
        self._undone: list[Step] = []
        self._limit = limit

    def record(self, *changes: Change) -> None:
        """A step was made: one change, or several that one key made together."""
        if not changes:
            return
        self._done.append(tuple(changes))
        del self._done[: -self._limit]
        self._undone.clear()

    def amend(self, after: Highlight) -> bool:
        """Fold an edit into the last change if it is of the same highlight (an add then its
        tags, from one dialog), so one undo takes back both. True if folded."""
        if not self._done or len(self._done[-1]) != 1 or self._done[-1][0].after is None:
            return False
        last = self._done[-1][0]
        if last.highlight_id != after.id:
            return False
        self._done[-1] = (Change(last.before, after),)
        return True

    @property
    def can_undo(self) -> bool:
        """Whether there is a change to undo."""
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        """Whether there is an undone change to redo."""
        return bool(self._undone)

    def undo(self, apply: Callable[[Change], object]) -> Step:
        """Apply the inverse of the last step; the stack moves only if every ``apply``
        returns. Returns the changes applied (empty: nothing to undo)."""
        if not self._done:
            return ()
        changes = tuple(change.inverse for change in reversed(self._done[-1]))
        _apply_all(changes, apply)
        self._undone.append(self._done.pop())
        return changes

    def redo(self, apply: Callable[[Change], object]) -> Step:
        """Apply again the last step undone (same rules as :meth:`undo`)."""
        if not self._undone:
            return ()
        changes = self._undone[-1]
        _apply_all(changes, apply)
        self._done.append(self._undone.pop())
        return changes


def _apply_all(changes: Step, apply: Callable[[Change], object]) -> None:
    """Apply each change; if one is refused, take back those applied and raise its error."""
    applied: list[Change] = []
    try:
        for change in changes:
            apply(change)
            applied.append(change)
    except GlossError:
        for change in reversed(applied):
            # Changed elsewhere meanwhile: leave it as the other process wrote it.
            with suppress(GlossError):
                apply(change.inverse)
        raise


def describe_step(step: Step) -> str:
    """What ``step`` (as done, not its inverse) did, for "Undid …" and "Redid …":
    ``deleting 3 highlights``, ``the tag change on 2 highlights``, ``the edit of a highlight``."""
    count = len(step)
    many = f"{count} highlights" if count > 1 else "a highlight"
    kinds = {change.kind for change in step}
    if kinds == {"deleted"}:
        return f"deleting {many}"
    if kinds == {"added"}:
        return f"adding {many}"
    if kinds == {"edited"} and all(_only_tags(change) for change in step):
        return f"the tag change on {many}"
    return f"the edit of {many}" if kinds == {"edited"} else f"the change to {many}"


def _only_tags(change: Change) -> bool:
    before, after = change.before, change.after
    assert before is not None and after is not None
    return (before.note, before.color, before.target) == (after.note, after.color, after.target)
