"""The reading cursor and selection: where ``h``, ``a``, ``y`` and the colours act.

A mixin of :class:`~tui.ui.screens.reader.screen.ReaderScreen`. Two modes (the status line shows
which):

- READ: the cursor rests on a character. The page keys (``j`` ``k`` space PgUp ``g`` ``G``,
  the wheel) scroll as before and carry the cursor along only when it would leave the view,
  as vim's Ctrl-E and Ctrl-F do; ``w`` ``b`` ``)`` ``(`` ``}`` ``{`` move it by words,
  sentences and paragraphs and the view follows.
- VISUAL (``v``, or a mouse drag): the same keys move the selection's head, ``j``/``k`` go a
  line. Esc (or ``v``) ends the selection.

In both, as in vim, a count repeats a motion (``3w``, ``2}``, ``5j``) and a count before any
other key is dropped, so a digit never changes the notebook. Colours are ``c`` then ``1``-``5``
(a prefix rather than bare digits, which vim hands type as counts without thinking).

The pure rules are in :mod:`tui.core.reader.selection`; this file maps keys and the mouse to them.
"""

from __future__ import annotations

from textual import events

from tui.core.model import COLORS
from tui.core.reader import (
    Motion,
    Selection,
    first_word,
    line_home,
    move_by_lines,
    move_cursor,
    move_head,
)
from tui.core.text import plural, sentence_at, word_at
from tui.ui.messages import MouseSelection, TextClicked
from tui.ui.screens.reader.base import ReaderBase
from tui.ui.widgets.decorations import Decoration

MOTION_ACTIONS = frozenset(
    {
        "word_next",
        "word_prev",
        "sentence_next",
        "sentence_prev",
        "paragraph_next",
        "paragraph_prev",
        "scroll_down",
        "scroll_up",
        "page_down",
        "page_up",
        "top",
        "bottom",
    }
)


class CursorActions(ReaderBase):
    """Cursor and selection actions and handlers; ``self`` is the reader screen."""

    cursor: int = 0  # canonical offset of the cursor (in VISUAL, the selection's head)
    selection: Selection | None = None  # VISUAL mode while set
    _goal: int | None = None  # the column j/k aim for while selecting
    _count: str = ""  # digits typed before a motion
    _color_pending: bool = False  # c was typed: the next digit is a colour

    # -- state ----------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        """What the status line calls the mode: READ, VISUAL or ATTACH."""
        if self.attaching is not None:
            return "ATTACH"
        return "VISUAL" if self.selection is not None else "READ"

    def _show_mode(self) -> None:
        """The mode and what goes with it, on the status line."""
        self.status.set_mode(self.mode)
        self.status.set_info(self._mode_info())

    def update_status(self) -> None:
        """The mode line after a change, unless the search prompt, the link numbers or a
        load have it now."""
        if self.search_bar.is_open or self.hints is not None or self.is_loading:
            return
        self._show_mode()

    def _mode_info(self) -> str:
        if self.attaching is not None:
            quote = " ".join(self.attaching.quote.split())
            quote = quote if len(quote) <= 40 else quote[:39] + "…"
            what = "Enter attaches the selection" if self.selection else "v selects"
            return f"New place for “{quote}”: {what} · Esc cancels"
        if self._color_pending:
            choices = " · ".join(f"{n} {color}" for n, color in enumerate(COLORS, 1))
            return f"Colour: {choices} · Esc cancels"
        pending = f"{self._count}… · " if self._count else ""
        return pending + self._plain_info()

    def _plain_info(self) -> str:
        if self.selection is not None and self.article is not None:
            start, end = self.selection.span(self.article.text)
            chosen = plural(end - start, "character")
            return f"{chosen} · h highlight · a annotate · y copy · Esc cancels"
        info = self.highlight_info()
        if info:
            return info
        if self.search.query and not self.search_bar.is_open:
            return self.search.describe()
        if self.focused_link is not None:
            return f"→ {self.focused_link.href}"
        return self.shown_address

    def _paint_cursor(self) -> None:
        """The cursor, and the selection if there is one."""
        if self.article is None:
            return
        # Inside a (reverse video) selection a reverse cursor would vanish: it is marked
        # over the selection instead.
        component = "reader--cursor" if self.selection is None else "reader--cursor-selecting"
        self.view.set_decorations("cursor", [Decoration(self.cursor, self.cursor, component)])
        layer = []
        if self.selection is not None:
            start, end = self.selection.bounds
            layer = [Decoration(start, min(end, len(self.article.text)), "reader--selection")]
        self.view.set_decorations("selection", layer)

    def _reset_cursor(self) -> None:
        """A new article: no selection, the cursor on the first word in view."""
        self._end_selection(paint=False)
        self.cursor = first_word(self.article.text, self.view.top_offset) if self.article else 0
        self._paint_cursor()

    def place_cursor(self, offset: int, *, center: bool = False) -> None:
        """Put the cursor (while selecting, the head) at ``offset`` and bring it into view."""
        if self.article is None:
            return
        self.cursor = max(0, min(offset, max(0, len(self.article.text) - 1)))
        if self.selection is not None:
            self.selection = self.selection.moved(self.cursor)
        if center:
            self.view.scroll_to_offset(self.cursor, center=True)
        else:
            self._follow(self.cursor)
        self._paint_cursor()
        self.update_status()
        self._show_position()

    def _follow(self, offset: int) -> None:
        """Scroll so that ``offset`` is in view: just enough if it is near, else a third down."""
        layout = self.view.text_layout
        if layout is None:
            return
        line = layout.line_at(offset)
        top, height = self.view.first_line, self.view.visible_height
        if top <= line < top + height:
            self.view.ensure_visible(offset)  # the column, for code and tables
        elif top - height <= line < top:
            self.view.scroll_to_line(line)
        elif top + height <= line < top + 2 * height:
            self.view.scroll_to_line(line - height + 1)
        else:
            self.view.ensure_visible(offset)

    def keep_cursor_in_view(self) -> None:
        """READ mode: a scroll that left the cursor behind takes it to the nearest line in
        view (the top line scrolling down, the bottom one scrolling up), like vim."""
        layout = self.view.text_layout
        if self.article is None or layout is None or not layout.lines or self.selection:
            return
        line = layout.line_at(self.cursor)
        top = self.view.first_line
        bottom = min(len(layout.lines), top + self.view.visible_height) - 1
        if line < top:
            self.cursor = line_home(layout, top)
        elif line > bottom:
            self.cursor = line_home(layout, bottom, forward=False)
        else:
            return
        self._paint_cursor()
        self.update_status()

    # -- motions --------------------------------------------------------------------------

    def _take_count(self) -> int:
        """The count typed before this motion (1 if none), and forget it."""
        if not self._count:
            return 1
        count, self._count = int(self._count), ""
        self.update_status()
        return count

    def _motion(self, motion: Motion) -> None:
        if self.article is None:
            return
        count = self._take_count()
        text = self.article.text
        if self.selection is not None:
            self._goal = None
            anchor = self.selection.anchor
            self.place_cursor(move_head(text, self.cursor, motion, count, anchor))
        else:
            self.place_cursor(move_cursor(text, self.cursor, motion, count))

    def action_word_next(self) -> None:
        """The next word (selecting: to the end of the word)."""
        self._motion(Motion.WORD_NEXT)

    def action_word_prev(self) -> None:
        """The start of this word or the one before."""
        self._motion(Motion.WORD_PREV)

    def action_sentence_next(self) -> None:
        """The next sentence (selecting: to the end of the sentence)."""
        self._motion(Motion.SENTENCE_NEXT)

    def action_sentence_prev(self) -> None:
        """The start of this sentence or the one before."""
        self._motion(Motion.SENTENCE_PREV)

    def action_paragraph_next(self) -> None:
        """The next paragraph (selecting: to the end of the paragraph)."""
        self._motion(Motion.PARAGRAPH_NEXT)

    def action_paragraph_prev(self) -> None:
        """The start of this paragraph or the one before."""
        self._motion(Motion.PARAGRAPH_PREV)

    def move_head_by_lines(self, lines: int) -> None:
        """Selecting: the head ``lines`` lines down (negative: up), keeping its column."""
        layout = self.view.text_layout
        if layout is None or self.selection is None:
            return
        lines *= self._take_count()
        head, self._goal = move_by_lines(layout, self.cursor, lines, self._goal)
        goal = self._goal
        self.place_cursor(head)
        self._goal = goal

    def move_head_to_end(self, *, end: bool) -> None:
        """Selecting: the head to the first or the last character of the article."""
        if self.article is None:
            return
        self._take_count()
        self.place_cursor(len(self.article.text) - 1 if end else 0)

    # -- selecting ------------------------------------------------------------------------

    def action_visual(self) -> None:
        """Start a selection at the cursor (or end the one going on)."""
        if self.article is None:
            return
        if self.selection is not None:
            self._end_selection()
            return
        self.screen.clear_selection()
        self.selection = Selection(self.cursor, self.cursor)
        self._goal = None
        self._paint_cursor()
        self.update_status()

    def _end_selection(self, *, paint: bool = True) -> None:
        """Back to READ: no selection, no count, no mouse selection."""
        self.selection = None
        self._count = ""
        self._color_pending = False
        self._goal = None
        if self.is_mounted:
            self.screen.clear_selection()
        if paint:
            self._paint_cursor()
            self.update_status()

    def select(self, start: int, end: int, *, backward: bool = False) -> None:
        """Select ``text[start:end]`` (the mouse, a double click); the keys then extend it."""
        if self.article is None or end <= start:
            return
        self.selection = Selection.of_range(start, end, backward=backward)
        self.cursor = self.selection.head
        self._goal = None
        self._paint_cursor()
        self.update_status()

    def on_mouse_selection(self, event: MouseSelection) -> None:
        """A drag in the view: that is the selection now."""
        self.select(event.start, event.end, backward=event.backward)

    def on_text_clicked(self, event: TextClicked) -> None:
        """A click puts the cursor there; a double click selects a word, a triple a sentence."""
        if self.article is None:
            return
        text = self.article.text
        if event.chain == 2:
            self.select(*word_at(text, event.offset))
        elif event.chain >= 3:
            self.select(*sentence_at(text, event.offset))
        else:
            self._end_selection(paint=False)
            self.place_cursor(event.offset)

    # -- counts, the colour after c, and Enter while re-attaching --------------------------

    def action_color_prefix(self) -> None:
        """c: the next key 1-5 is a colour (anything else cancels)."""
        self._count = ""
        self._color_pending = True
        self.update_status()

    def on_key(self, event: events.Key) -> None:
        """Digits are counts; after ``c`` a digit is a colour; while re-attaching, Enter
        attaches."""
        if self.hints is not None or self.article is None or self.focused is not self.view:
            return  # link numbers, or a prompt being typed in, have the keys
        if self.attaching is not None and event.key == "enter":
            self._consume(event)
            self.attach_here()
            return
        char = event.character or ""
        if self._color_pending:
            # Like a vim operator waiting for its motion: the next key is taken either way.
            self._consume(event)
            self._color_pending = False
            if len(char) == 1 and "1" <= char <= str(len(COLORS)):
                self.set_color(int(char))
            self.update_status()
            return
        legacy = self._legacy_color(event.key)
        if legacy is not None:
            self._consume(event)
            self._count = ""
            self.set_color(legacy)
            return
        if char.isdigit() and len(char) == 1 and (self._count or char != "0"):
            self._consume(event)
            self._count += char
            self.update_status()
            return
        if self._count and self._action_of(event.key) not in MOTION_ACTIONS:
            self._count = ""  # as vim does, a count before a key that takes none is dropped
            self.update_status()

    @staticmethod
    def _consume(event: events.Key) -> None:
        event.stop()
        event.prevent_default()

    def _action_of(self, key: str) -> str | None:
        """The reader action ``key`` runs now (the user's keymap applied)."""
        from tui.ui.keys.reader import READER_BINDINGS

        keymap = self.gloss.keymap
        for binding in READER_BINDINGS:
            spec = keymap.get(binding.id or "", binding.key)
            if key in (k.strip() for k in spec.split(",")):
                return binding.action.partition("(")[0]
        return None

    def _legacy_color(self, key: str) -> int | None:
        """The colour a config remap of an old id (``reader.color_2 = "f2"``) gives ``key``."""
        from tui.ui.keys.reader import LEGACY_COLOR_IDS

        keymap = self.gloss.keymap
        for binding_id, number in LEGACY_COLOR_IDS.items():
            spec = keymap.get(binding_id)
            if spec and key in (k.strip() for k in spec.split(",")):
                return number
        return None
