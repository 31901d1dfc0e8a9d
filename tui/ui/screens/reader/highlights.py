"""Highlighting in the reader: make, show, edit, recolour, delete, undo, copy, re-attach.

A mixin of :class:`~tui.ui.screens.reader.screen.ReaderScreen`. What the keys act on, in order: the
orphan being re-attached (ATTACH), the selection (VISUAL), the highlight under the cursor,
else the sentence under the cursor. Every change is written by the core
:class:`~tui.core.reader.highlights.Highlighter` (the one ``gloss highlight`` uses, with the
same rule for a passage highlighted again) at once, before the screen shows it (a write
takes a millisecond or two: a highlight on screen is a highlight on disk), and goes onto the
undo stack; a timer picks up highlights other processes add.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.anchor import Anchor, describe, reanchor
from tui.core.config import HighlightSettings
from tui.core.errors import GlossError
from tui.core.library import Placed, place
from tui.core.model import COLORS, DEFAULT_COLOR, AnchorStatus, Highlight
from tui.core.notebook import Notebook
from tui.core.reader import Highlighter, Saved, SpanIndex, trim
from tui.core.text import sentence_at

# Dialogs are imported where they open: not needed for the first screen, they would only
# slow every start (issues 14, 19; tests/ui/test_start_imports.py).
from tui.ui.clipboard import copy
from tui.ui.screens.reader.base import ReaderBase
from tui.ui.widgets.decorations import Decoration

if TYPE_CHECKING:
    from tui.ui.dialogs.highlight import HighlightEdit

HIGHLIGHT_MARK = "▌"  # in the gutter of every highlighted line: seen without colours too
REFRESH_SECONDS = 2.0  # how often the notebook is asked for other processes' highlights
ALREADY = "Already highlighted: a edits it, c then 1–5 recolour it, x deletes it."
_UNDID = {"added": "adding a highlight", "edited": "an edit", "deleted": "deleting a highlight"}


def color_of(highlight: Highlight) -> str:
    """The highlight's colour, or the default for a name Gloss does not know."""
    return highlight.color if highlight.color in COLORS else DEFAULT_COLOR


def repeated_message(saved: Saved) -> str:
    """What the reader says when the passage was highlighted already."""
    done = []
    if "color" in saved.changed:
        done.append(f"coloured {saved.after.color}")
    if saved.added_tags:
        plural = "s" if len(saved.added_tags) > 1 else ""
        done.append(f"added tag{plural} {', '.join(saved.added_tags)}")
    if not done:
        return ALREADY
    return f"Already highlighted: {', '.join(done)}."


def describe_highlight(placed: Placed) -> str:
    """One line for the status bar: colour, tags, note."""
    h = placed.highlight
    parts = [f"{color_of(h)} highlight"]
    if h.tags:
        parts.append(" ".join(f"#{tag}" for tag in h.tags))
    if h.note.strip():
        parts.append(" ⏎ ".join(line.strip() for line in h.note.strip().splitlines()))
    where = h.placement
    if where is not None and where.current and (where.start, where.end) == (
        placed.anchor.start, placed.anchor.end
    ):
        # The quote stays what was highlighted; the page's new words are only shown.
        quote = " ".join(h.quote.split())
        parts.append(f"the page's words changed; you highlighted “{quote[:80]}”"
                     f"{'…' if len(quote) > 80 else ''} (gloss notebook adopt {h.id[:8]} "
                     "takes the new wording)")
    elif placed.anchor.status is AnchorStatus.FUZZY:
        parts.append("placed approximately (the page changed)")
    if not h.tags and not h.note.strip():
        parts.append("a adds tags and a note")
    return " · ".join(parts)


class HighlightActions(ReaderBase):
    """Highlight actions and handlers; ``self`` is the reader screen."""

    _placed: tuple[Placed, ...] = ()  # the article's highlights and where they sit
    _attached: tuple[Placed, ...] = ()  # those with a place, indexed by _under
    _under: SpanIndex = SpanIndex(())
    attaching: Highlight | None = None  # the orphan being given a new place (ATTACH)
    _known: tuple[Highlight, ...] = ()  # the notebook's list when last placed

    @property
    def placed(self) -> tuple[Placed, ...]:
        """The article's highlights and where they sit (orphans too)."""
        return self._placed

    @placed.setter
    def placed(self, placed: tuple[Placed, ...]) -> None:
        self._placed = placed
        self._attached = tuple(p for p in placed if p.anchor.attached)
        self._under = SpanIndex([(p.anchor.start, p.anchor.end) for p in self._attached])

    @property
    def settings(self) -> HighlightSettings:
        """The ``[highlight]`` settings."""
        return self.gloss.config.highlight

    # -- showing --------------------------------------------------------------------------

    def load_highlights(self) -> None:
        """A new article is shown: paint its highlights; say if some lost their place."""
        self.attaching = None
        self.placed = self.opened.placed if self.opened is not None else ()
        self._known = tuple(p.highlight for p in self.placed)
        self._paint_highlights()
        orphans = len(self.orphans())
        if orphans and self.opened is not None and self.opened.summary is None:
            self.say(
                f"{orphans} highlight{'s' if orphans > 1 else ''} of this article lost "
                f"{'their' if orphans > 1 else 'its'} place: X lists "
                f"{'them' if orphans > 1 else 'it'} to re-attach.",
                severity="warning",
            )

    def orphans(self) -> list[Highlight]:
        """This article's highlights whose text is gone: kept, listed, never deleted."""
        return [p.highlight for p in self.placed if not p.anchor.attached]

    def _paint_highlights(self) -> None:
        layer = []
        for p in self.placed:
            if p.anchor.attached and p.anchor.end > p.anchor.start:
                color = color_of(p.highlight)
                layer.append(
                    Decoration(
                        p.anchor.start,
                        p.anchor.end,
                        f"reader--hl-{color}",
                        gutter=HIGHLIGHT_MARK,
                        gutter_component=f"reader--mark-{color}",
                    )
                )
        self.view.set_decorations("highlight", layer)

    def highlight_under_cursor(self) -> Placed | None:
        """The (innermost) highlight holding the cursor."""
        found = self._under.innermost(self.cursor)
        return self._attached[found] if found is not None else None

    def highlight_info(self) -> str:
        """What the status line says about the highlight under the cursor ('' if none)."""
        found = self.highlight_under_cursor()
        return describe_highlight(found) if found is not None else ""

    def look_for_highlights(self) -> None:
        """The timer: show highlights that another process added, changed or deleted."""
        notebook = self.gloss.notebook
        if notebook is None or self.opened is None or self.article is None:
            return
        notebook.refresh()  # one stat when nothing changed
        current = tuple(notebook.highlights(self.opened.record.id))
        if current == self._known:
            return
        self._known = current
        self.placed = place(self.article, list(current))
        if self.attaching is not None and self.attaching.id not in {h.id for h in current}:
            self.attaching = None
        self._paint_highlights()
        self.update_status()

    # -- changing (every change goes through here) -----------------------------------------

    def _notebook(self) -> Notebook | None:
        """The notebook this article is saved in, or None after saying why there is none."""
        notebook = self.gloss.notebook
        if notebook is None:
            self.say("Highlights need a notebook, and this reader was started without one.")
            return None
        if self.opened is None or notebook.article(self.opened.record.id) is None:
            self.say("This article is not saved in the notebook, so it cannot be highlighted.")
            return None
        return notebook

    def _writer(self, *, article: bool = True) -> Highlighter | None:
        """The core writer of highlights, with this screen's undo stack; None after saying
        why there is none (``article``: this article must be saved too)."""
        notebook = self._notebook() if article else self.gloss.notebook
        if notebook is None:
            return None
        return Highlighter(
            notebook,
            history=self.undo_stack,
            settings=self.settings,
            on_change=self._placed_changed,
        )

    def _failed(self, error: GlossError) -> None:
        self.say(error.message, severity="error", title="Notebook")

    def _placed_changed(self, highlight_id: str, now: Highlight | None) -> None:
        """Update what is shown after one highlight changed (no re-anchoring of the rest)."""
        if self.opened is None or self.article is None:
            return
        old = next((p for p in self.placed if p.highlight.id == highlight_id), None)
        placed = [p for p in self.placed if p.highlight.id != highlight_id]
        if now is not None and now.article_id == self.opened.record.id:
            if now.target.text_hash == self.article.text_hash:
                position = now.target.position
                anchor = Anchor(position.start, position.end, AnchorStatus.EXACT)
            elif old is not None and old.highlight.target == now.target:
                anchor = old.anchor
            else:
                anchor = reanchor(now.target, self.article.text)
            placed.append(Placed(now, anchor))
        self.placed = tuple(sorted(placed, key=lambda p: (p.anchor.start, p.anchor.end)))
        notebook = self.gloss.notebook
        if notebook is not None:
            self._known = tuple(notebook.highlights(self.opened.record.id))
        self._paint_highlights()

    def _target_span(self) -> tuple[int, int] | None:
        """The text a new highlight takes: the selection, else the cursor's sentence."""
        if self.article is None:
            return None
        text = self.article.text
        if self.selection is not None:
            span = self.selection.span(text)
        else:
            span = trim(text, *sentence_at(text, self.cursor))
        return span if span[1] > span[0] else None

    def _create(self, color: str | None = None) -> Saved | None:
        """Highlight the selection (else the sentence) in ``color`` (else the default); a
        passage highlighted already gains the colour (see Highlighter.create)."""
        writer = self._writer()
        if writer is None or self.opened is None or self.article is None:
            return None
        span = self._target_span()
        if span is None:
            self.say("Nothing to highlight here.")
            return None
        try:
            saved = writer.create(self.opened.record.id, self.article.text, *span, color=color)
        except GlossError as error:
            self._failed(error)
            return None
        self._end_selection(paint=False)
        self.place_cursor(span[0])
        return saved

    # -- keys -----------------------------------------------------------------------------

    def action_highlight(self) -> None:
        """Highlight the selection, or the sentence under the cursor, in the default colour."""
        if self.attaching is not None:
            self.attach_here()
        elif self.selection is None and self.highlight_under_cursor() is not None:
            self.say(ALREADY)
        elif (saved := self._create()) is not None and saved.repeated:
            self.say(repeated_message(saved))

    def action_annotate(self) -> None:
        """Highlight (as h does) and add tags, a note, a colour; on a highlight, edit it."""
        if self.attaching is not None:
            attached = self.attach_here()
            if attached is not None:
                self._edit(attached)
            return
        found = self.highlight_under_cursor() if self.selection is None else None
        if found is not None:
            self._edit(found.highlight)
            return
        # A new highlight is saved by the dialog's Ctrl+S, not before: Esc leaves nothing.
        drafted = self._draft()
        if drafted is None:
            return
        draft, span = drafted
        repeated = next(
            (p.highlight for p in self.placed if p.highlight.marks(draft.target)),
            None,
        )
        if repeated is not None:  # the same passage again is the same highlight: edit it
            self._edit(repeated)
        else:
            self._edit(draft, span=span)

    def _draft(self) -> tuple[Highlight, tuple[int, int]] | None:
        """A new highlight of the selection (else the sentence), not saved yet, and its span."""
        if self._writer() is None or self.opened is None or self.article is None:
            return None
        span = self._target_span()
        if span is None:
            self.say("Nothing to highlight here.")
            return None
        color = self.settings.color
        tag = self.settings.tag_of(color)
        target = describe(self.article.text, *span)
        draft = Highlight(self.opened.record.id, target, tags=(tag,) if tag else (), color=color)
        return draft, span

    def _edit(self, highlight: Highlight, *, span: tuple[int, int] | None = None) -> None:
        """The dialog; what it returns replaces the tags, note and colour. With ``span``,
        ``highlight`` is a draft of a new one, saved (one undo step) only if the dialog is."""
        notebook = self.gloss.notebook
        known = list(notebook.tags()) if notebook is not None else []
        new = span is not None

        def done(edit: HighlightEdit | None) -> None:
            writer = self._writer() if edit is not None else None
            if edit is None or writer is None:
                return  # cancelled: a draft was never saved, an edit changes nothing
            if span is not None:
                self._save_draft(writer, span, edit)
                return
            self.look_for_highlights()  # what other processes wrote while the dialog was open
            current = next(
                (p.highlight for p in self.placed if p.highlight.id == highlight.id), highlight
            )
            try:  # the dialog's change from what it opened on, not the record it read
                writer.edit(
                    current, tags=edit.tags, note=edit.note, color=edit.color, base=highlight
                )
            except GlossError as error:
                self._failed(error)
            self.update_status()

        from tui.ui.dialogs.highlight import HighlightDialog

        dialog = HighlightDialog(
            highlight, known, self.settings, cursor_blink=self.gloss.cursor_blink, new=new
        )
        self.app.push_screen(dialog, done)

    def _save_draft(self, writer: Highlighter, span: tuple[int, int], edit: HighlightEdit) -> None:
        """Save a new highlight as the dialog left it: one undo takes it back."""
        if self.opened is None or self.article is None:
            return
        try:
            writer.create(
                self.opened.record.id,
                self.article.text,
                *span,
                tags=edit.tags,
                note=edit.note,
                color=edit.color,
            )
        except GlossError as error:
            self._failed(error)
            return
        self._end_selection(paint=False)
        self.place_cursor(span[0])
        self.update_status()

    def action_color(self, number: int) -> None:
        """Colour ``number`` (1-5) for the selection, the highlight under the cursor, or a
        new highlight of the sentence."""
        self.set_color(number)

    def set_color(self, number: int) -> None:
        """See :meth:`action_color` (also what ``c`` then a digit does)."""
        if not 1 <= number <= len(COLORS) or self.attaching is not None:
            return
        color = COLORS[number - 1]
        found = self.highlight_under_cursor() if self.selection is None else None
        if found is None:
            if (saved := self._create(color)) is not None and saved.repeated:
                self.say(repeated_message(saved))
            return
        writer = self._writer()
        if writer is None:
            return
        try:
            writer.recolor(found.highlight, color)
        except GlossError as error:
            self._failed(error)
        self.update_status()

    def action_delete_highlight(self) -> None:
        """Delete the highlight under the cursor, or every one the selection touches
        (u brings them back, all at once)."""
        if self.selection is not None and self.article is not None:
            start, end = self.selection.span(self.article.text)
            doomed = [
                p.highlight
                for p in self.placed
                if p.anchor.attached and p.anchor.start < end and start < p.anchor.end
            ]
            if not doomed:
                self.say("No highlight in the selection.")
                return
        else:
            found = self.highlight_under_cursor()
            if found is None:
                self.say("No highlight under the cursor.")
                return
            doomed = [found.highlight]
        writer = self._writer()
        if writer is None:
            return
        try:  # all or none, one undo step
            done = writer.delete(doomed)
        except GlossError as error:
            self._failed(error)
            return
        if self.selection is not None:
            self._end_selection()
        count = f"{len(done)} highlights" if len(done) > 1 else "the highlight"
        self.say(f"Deleted {count} (u undoes it).")
        self.update_status()

    def action_undo(self) -> None:
        """Undo the last highlight change."""
        self._history(undo=True)

    def action_redo(self) -> None:
        """Redo the last change undone."""
        self._history(undo=False)

    def _history(self, *, undo: bool) -> None:
        stack = self.undo_stack
        if not (stack.can_undo if undo else stack.can_redo):
            self.say("Nothing to undo." if undo else "Nothing to redo.")
            return
        writer = self._writer(article=False)
        if writer is None:
            return
        try:
            changes = writer.undo() if undo else writer.redo()
        except GlossError as error:
            self._failed(error)
            return
        original = changes[0].inverse if undo else changes[0]
        what = _UNDID[original.kind]
        if len(changes) > 1:
            what = f"deleting {len(changes)} highlights"
        self.say(f"{'Undid' if undo else 'Redid'} {what}.")
        ids = {change.highlight_id for change in changes}
        shown = [p for p in self.placed if p.highlight.id in ids and p.anchor.attached]
        if shown and self.selection is None:
            self.place_cursor(min(p.anchor.start for p in shown))
        self.update_status()

    def action_copy_quote(self) -> None:
        """Copy the selection, the highlight under the cursor or the sentence, as a Markdown
        block quote with the article's citation."""
        if self.article is None or self.opened is None:
            return
        record = self.opened.record
        found = self.highlight_under_cursor() if self.selection is None else None
        if found is not None:
            highlight, start = found.highlight, found.anchor.start
        else:
            span = self._target_span()
            if span is None:
                self.say("Nothing to copy here.")
                return
            highlight = Highlight(record.id, describe(self.article.text, *span))
            start = highlight.target.position.start
        # The article's body goes along: the quote keeps the page's italics, as exports do.
        from tui.core.export import accessed_on, quote_block  # citations: not for every start

        block = quote_block(
            highlight, record, self.settings.citation, accessed_on(record.saved),
            body=self.article, start=start,
        )
        copied, said = copy(self.app, block, "the quote with its citation")
        if self.selection is not None:
            self._end_selection()
        self.say(said, severity="information" if copied else "warning")

    # -- orphans --------------------------------------------------------------------------

    def action_orphans(self) -> None:
        """The highlights that lost their place; pick one to give it a new one."""
        orphans = self.orphans()
        if not orphans:
            self.say("Every highlight of this article has its place.")
            return
        from tui.ui.dialogs.orphans import OrphansScreen

        self.app.push_screen(OrphansScreen(orphans), self._start_attaching)

    def _start_attaching(self, highlight_id: str | None) -> None:
        found = next((h for h in self.orphans() if h.id == highlight_id), None)
        if found is None:
            return
        self.attaching = found
        self._show_mode()

    def attach_here(self) -> Highlight | None:
        """Give the orphan being re-attached the selection (or the cursor's sentence) as its
        text: a new target, the same id, tags, note and colour."""
        orphan = self.attaching
        writer = self._writer() if orphan is not None else None
        if orphan is None or writer is None or self.article is None:
            return None
        span = self._target_span()
        if span is None:
            self.say("Nothing to attach to here.")
            return None
        try:
            attached = writer.reattach(orphan, self.article.text, *span)
        except GlossError as error:
            self._failed(error)
            return None
        self.attaching = None
        self._end_selection(paint=False)
        self.place_cursor(span[0])
        self.say("Re-attached the highlight here.")
        return attached

    def cancel_attaching(self) -> bool:
        """Esc while re-attaching: stop (the orphan stays an orphan). True if it did."""
        if self.attaching is None:
            return False
        self.attaching = None
        self._end_selection()
        return True
