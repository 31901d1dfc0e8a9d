"""The reader's links: Tab to select one, Enter or a click to follow, ``f`` to number them.

A mixin of :class:`~tui.ui.screens.reader.screen.ReaderScreen`, kept apart to keep that file short.
"""

from __future__ import annotations

from textual import events

from tui.core.model import BlockKind
from tui.core.reader import Entry, LinkRef, resolve_link, same_document

# Dialogs are imported where they open: not needed for the first screen, they would only
# slow every start (issues 14, 19; tests/ui/test_start_imports.py).
from tui.ui.messages import LinkClicked, TextClicked
from tui.ui.screens.reader.base import ReaderBase
from tui.ui.screens.reader.hints import LinkHints
from tui.ui.widgets.decorations import Decoration


class LinkActions(ReaderBase):
    """Link actions and handlers; ``self`` is the reader screen."""

    def action_next_link(self) -> None:
        """Select the next link (the first in view if none is selected)."""
        self._move_link(forward=True)

    def action_previous_link(self) -> None:
        """Select the previous link."""
        self._move_link(forward=False)

    def _move_link(self, *, forward: bool) -> None:
        links = self.view.links
        if not links:
            self.say("This article has no links.")
            return
        start, end = self.view.visible_range()
        current = self.focused_link
        if current is not None and start <= current.start < end:
            i = links.index(current) + (1 if forward else -1)
            pick = links[i % len(links)]
        else:
            after = [link for link in links if link.start >= start]
            before = [link for link in links if link.start < end]
            if forward:
                pick = after[0] if after else links[0]
            else:
                pick = before[-1] if before else links[-1]
        self._focus_link(pick)

    def _focus_link(self, link: LinkRef) -> None:
        self.focused_link = link
        self.view.set_decorations(
            "link-focus", [Decoration(link.start, link.end, "reader--link-focus")]
        )
        self.view.ensure_visible(link.start)
        self.status.set_info(f"→ {link.href}")

    def _clear_link_focus(self) -> None:
        self.focused_link = None
        self.view.clear_decorations("link-focus")

    def action_follow(self) -> None:
        """Follow the selected link; with none, open the figure under the cursor."""
        if self.focused_link is None:
            if not self._open_figure():
                self.say("No link selected: Tab selects one, f numbers those in view.")
            return
        self.follow(self.focused_link)

    def _open_figure(self) -> bool:
        """Show the figure whose ``[image: alt]`` line the cursor is on; False if none."""
        article = self.article
        if article is None or not article.blocks:
            return False
        block = article.block_at(self.cursor)
        if article.blocks[block].kind is not BlockKind.IMAGE:
            return False
        figures = self.view.figures
        image = figures.image(block) if figures is not None else None
        if image is None:
            self.say("This figure has no picture to show (images off, offline or not fetched).")
            return True
        from tui.ui.dialogs.figure import FigureDialog

        self.app.push_screen(FigureDialog(image, article.blocks[block].text))
        return True

    def on_link_clicked(self, event: LinkClicked) -> None:
        """A click on a link follows it."""
        self.follow(event.link)

    def on_text_clicked(self, event: TextClicked) -> None:
        """A click elsewhere drops the link selection (highlighting will use it later)."""
        if self.focused_link is not None:
            self._clear_link_focus()
            self._set_read_mode()

    def follow(self, link: LinkRef) -> None:
        """Open a link if the rules allow it, else say why not."""
        page_url = self.article.url if self.article else None
        target = resolve_link(link.href, page_url)
        if target.url is None:
            self.say(target.refusal or "This link cannot be followed.", severity="warning")
            return
        if same_document(target.url, page_url):
            self.say("That link points into this article.")
            return
        self.open(Entry(target.url))

    def action_hints(self) -> None:
        """Number the links in view; typing a number follows that link."""
        links = self.view.visible_links()
        if not links:
            self.say("No links in view.")
            return
        self.hints = LinkHints(links)
        labels = [
            Decoration(link.start, link.start, "reader--hint", label=label)
            for label, link in self.hints.labels()
        ]
        self.view.set_decorations("hint", labels)
        self.status.set_mode("LINKS")
        self.status.set_info("Type a link's number (Enter if it could be longer) · Esc cancels")

    def _end_hints(self) -> None:
        if self.hints is not None:
            self.hints = None
            self.view.clear_decorations("hint")
            self._set_read_mode()

    def on_key(self, event: events.Key) -> None:
        """While links are numbered, digits choose one and any other key cancels."""
        hints = self.hints
        if hints is None:
            return
        event.stop()
        event.prevent_default()
        chosen: LinkRef | None = None
        if event.character and event.character.isdigit():
            chosen = hints.type(event.character)
        elif event.key == "backspace":
            hints.backspace()
        elif event.key == "enter":
            chosen = hints.choose()
            if chosen is None:
                self._end_hints()
        else:
            self._end_hints()
            return
        if chosen is not None:
            self._end_hints()
            self.follow(chosen)
        elif self.hints is not None:
            self.status.set_info(f"Link number: {hints.typed}" if hints.typed else "")
