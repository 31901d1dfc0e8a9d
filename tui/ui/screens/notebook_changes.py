"""What the notebook screen changes: tags in bulk, renamed tags, edits, deletes, undo.

Every change goes through the core :class:`Highlighter` (the reader's writer too), which
checks under the notebook lock that a highlight is as this screen last saw it and keeps each
key's changes as one step on its undo stack: ``u`` and ``Ctrl+R`` take a step back or again,
all of it or, if another process changed one of its highlights meanwhile, none of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from tui.core.errors import GlossError
from tui.core.model import Highlight
from tui.core.reader import Change, Highlighter, describe_step
from tui.core.text import plural
from tui.ui.dialogs.confirm import ConfirmDialog
from tui.ui.dialogs.highlight import HighlightDialog, HighlightEdit
from tui.ui.dialogs.tags import RenameTagDialog, TagsDialog
from tui.ui.screens.list_screen import ListScreen

UNDOES = " u undoes."


def hashtags(tags: Iterable[str]) -> str:
    """``#a #b``."""
    return " ".join(f"#{t}" for t in tags)


class NotebookChanges(ListScreen[Highlight]):
    """The notebook screen's writes; the screen supplies ``marked``, ``reload`` and
    ``renamed`` (how its filter follows a renamed tag)."""

    marked: set[str]
    _writer: Highlighter | None = None

    @property
    def writer(self) -> Highlighter:
        """The core writer, with this screen's undo stack (made on first use)."""
        if self._writer is None:
            self._writer = Highlighter(self.notebook, settings=self.gloss.config.highlight)
        return self._writer

    def renamed(self, old: str, new: str) -> None:
        """A tag was renamed (or the rename undone): the screen's filter follows it."""

    def _targets(self) -> list[str]:
        """The marked highlights, else the one under the cursor."""
        if self.marked:
            return sorted(self.marked)
        return [self.current.id] if self.current is not None else []

    # -- tags -------------------------------------------------------------------------------

    def action_tag_marked(self) -> None:
        """Add tags to the marked highlights (or this one)."""
        ids = self._targets()
        if not ids:
            self.say("No highlight here.")
            return
        title = f"Add tags to {plural(len(ids), 'highlight')}"
        dialog = TagsDialog(title, self.notebook.tags(), cursor_blink=self.gloss.cursor_blink)
        self.app.push_screen(dialog, lambda tags: self._retag(ids, tags, add=True))

    def action_untag_marked(self) -> None:
        """Remove tags from the marked highlights (or this one)."""
        ids = self._targets()
        if not ids:
            self.say("No highlight here.")
            return
        present: dict[str, None] = {}
        for h in self.notebook.highlights_of(ids):  # read 500 at a time, not one by one
            present.update(dict.fromkeys(h.tags))
        if not present:
            self.say("None of them has a tag.")
            return
        title = f"Remove tags from {plural(len(ids), 'highlight')}"
        dialog = TagsDialog(title, present, cursor_blink=self.gloss.cursor_blink)
        self.app.push_screen(dialog, lambda tags: self._retag(ids, tags, add=False))

    def _retag(self, ids: list[str], tags: tuple[str, ...] | None, *, add: bool) -> None:
        if not tags:
            return
        writer = self.writer
        if add:
            done = self.write(lambda: writer.retag(ids, add=tags))
        else:
            done = self.write(lambda: writer.retag(ids, remove=tags))
        if done is None:
            return
        self.reload()
        changed = len(done)
        verb = "Tagged" if add else "Untagged"
        line = f"{verb} {plural(changed, 'highlight')} {'with' if add else 'from'} {hashtags(tags)}"
        if changed < len(ids):
            line += f" ({len(ids) - changed:,} already {'had' if add else 'lacked'} them)"
        self.say(line + "." + (UNDOES if changed else ""))

    def action_rename_tag(self) -> None:
        """Rename a tag everywhere, or merge it into another."""
        known = self.notebook.tags()
        if not known:
            self.say("The notebook has no tags yet.")
            return
        current = self.current
        old = current.tags[0] if current is not None and current.tags else ""
        dialog = RenameTagDialog(known, old, cursor_blink=self.gloss.cursor_blink)
        self.app.push_screen(dialog, self._rename)

    def _rename(self, answer: tuple[str, str] | None) -> None:
        if answer is None:
            return
        old, new = answer
        merged = new in self.notebook.tags()
        done = self.write(lambda: self.writer.rename_tag(old, new))
        if done is None:
            return
        self.renamed(old, new)
        self.reload()
        on = f"on {plural(len(done), 'highlight')}.{UNDOES if done else ''}"
        if merged:
            self.say(f"Merged #{old} into #{new} {on}")
        else:
            self.say(f"Renamed #{old} to #{new} {on}")

    # -- one highlight, or the marked ones ----------------------------------------------------

    def action_edit_highlight(self) -> None:
        """The reader's dialog: this highlight's tags, note and colour."""
        h = self.current
        if h is None:
            self.say("No highlight here.")
            return
        dialog = HighlightDialog(
            h, list(self.notebook.tags()), self.writer.settings,
            cursor_blink=self.gloss.cursor_blink,
        )
        self.app.push_screen(dialog, lambda edit: self._save_edit(h, edit))

    def _save_edit(self, opened: Highlight, edit: HighlightEdit | None) -> None:
        if edit is None:
            return
        self.notebook.refresh()  # what other processes wrote while the dialog was open
        current = self.notebook.highlight(opened.id)
        if current is None:
            self.say("That highlight was deleted elsewhere meanwhile.", severity="warning")
            self.reload()
            return
        try:  # the dialog's change from what it opened on, made on the highlight as stored now
            done = self.writer.edit(
                current, tags=edit.tags, note=edit.note, color=edit.color, base=opened
            )
        except GlossError as exc:
            self.say(exc.message, severity="error", title="Notebook")
            return
        finally:
            self.reload()
        self.say("Nothing changed." if done is None else "Saved the highlight." + UNDOES)

    def action_delete_highlights(self) -> None:
        """Delete this highlight, or every marked one (after asking, if several)."""
        self.notebook.refresh()  # delete what is stored, not what was listed
        doomed = self.notebook.highlights_of(self._targets())  # those still saved
        if not doomed:
            self.say("No highlight here.")
            return
        if len(doomed) == 1:
            self._delete(doomed)
            return
        question = f"Delete {plural(len(doomed), 'highlight')}? u undoes it."
        dialog = ConfirmDialog("Delete highlights", question, yes="Delete")
        self.app.push_screen(dialog, lambda yes: self._delete(doomed) if yes else None)

    def _delete(self, doomed: list[Highlight]) -> None:
        done = self.write(lambda: self.writer.delete(doomed))
        if done is None:
            return
        self.reload()
        what = plural(len(done), "highlight") if len(done) > 1 else "the highlight"
        self.say(f"Deleted {what}.{UNDOES}")

    # -- undo -------------------------------------------------------------------------------

    def action_undo_change(self) -> None:
        """Take back the last change (a whole bulk action at once)."""
        self._step("Undid", self.writer.history.can_undo, self.writer.undo, "Nothing to undo.")

    def action_redo_change(self) -> None:
        """Make again the last change undone."""
        self._step("Redid", self.writer.history.can_redo, self.writer.redo, "Nothing to redo.")

    def _step(
        self, verb: str, can: bool, move: Callable[[], tuple[Change, ...]], nothing: str
    ) -> None:
        if not can:
            self.say(nothing)
            return
        changes = self.write(move)
        if changes is None:
            self.reload()  # the other process's change is shown as it is
            return
        # What the step did when it was made: an undo applies its inverse.
        made = tuple(c.inverse for c in reversed(changes)) if verb == "Undid" else changes
        self.reload()
        self.say(f"{verb} {describe_step(made)}.")

