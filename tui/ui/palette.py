"""The command palette: every action of the current screen and every key that works anywhere.

Each entry carries its keys as the user's keymap has them. Themes come from Textual's own
"Theme" system command, which Gloss keeps.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from tui.core.model import COLORS
from tui.ui.keys.app import APP_SECTIONS, Sections
from tui.ui.keys.reader import SECTIONS, keys_for

Entry = tuple[str, str, Callable[[], object]]  # title, help, what running it does


class _Commands(Provider):
    """A provider over a list of entries; subclasses say which entries."""

    def _commands(self) -> list[Entry]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        """Every command, for the palette's empty state."""
        for title, help_text, run in self._commands():
            yield DiscoveryHit(title, run, help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands matching ``query``, best first."""
        matcher = self.matcher(query)
        for title, help_text, run in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, help=help_text)


def _entries(
    app: App[object], target: App[object] | Screen[object], sections: Sections, *,
    only_its_own: bool = True,
) -> list[Entry]:
    """An entry per binding of ``sections``, run on ``target``, with its keys as the user's
    keymap has them; ``only_its_own``: only actions ``target`` has."""
    out: list[Entry] = []
    for section, bindings in sections:
        for binding in bindings:
            name = binding.action.partition("(")[0]  # color(2) is action_color
            if name == "color_prefix":
                continue  # it waits for a digit: the palette offers each colour instead
            if only_its_own and getattr(target, f"action_{name}", None) is None:
                continue
            keys = ", ".join(keys_for(app, binding))
            run = partial(target.run_action, binding.action)
            out.append((binding.description, f"{section} · key: {keys}", run))
    return out


class ReaderCommands(_Commands):
    """Offers each reader binding (with its keys) when the reader is the current screen."""

    def _commands(self) -> list[Entry]:
        return [*_entries(self.app, self.screen, SECTIONS), *_colours(self.app, self.screen)]


def _colours(app: App[object], screen: Screen[object]) -> list[Entry]:
    """A palette entry per colour (on the keys, ``c`` then its digit)."""
    prefix = next(b for _, bindings in SECTIONS for b in bindings if b.id == "reader.color")
    keys = ", ".join(keys_for(app, prefix))
    return [
        (
            f"Colour {color}",
            f"Highlighting · key: {keys} then {n}",
            partial(screen.run_action, f"color({n})"),
        )
        for n, color in enumerate(COLORS, 1)
    ]


class ScreenCommands(_Commands):
    """Library, notebook and export everywhere; the library's and notebook's own actions."""

    def _commands(self) -> list[Entry]:
        own: Sections = getattr(self.screen, "SECTIONS", ())
        return [
            *_entries(self.app, self.screen, own),
            *_entries(self.app, self.app, APP_SECTIONS, only_its_own=False),
        ]
