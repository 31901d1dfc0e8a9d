"""The command palette's entries for the app's own screens and the keys that work everywhere.

Beside :class:`~tui.ui.commands.ReaderCommands`: this provider offers the library, notebook
and export actions from any screen, and the current screen's own actions on the library
and the notebook, each with its keys as the keymap has them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.ui.bindings import keys_for
from tui.ui.bindings_app import APP_SECTIONS, Sections


class ScreenCommands(Provider):
    """Library, notebook and export everywhere; the library's and notebook's own actions."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        """``(title, help, run)`` for what can be done from the current screen."""
        screen = self.screen
        out: list[tuple[str, str, Callable[[], object]]] = []
        own: Sections = getattr(screen, "SECTIONS", ())
        for section, bindings in own:
            for binding in bindings:
                if getattr(screen, f"action_{binding.action}", None) is None:
                    continue
                keys = ", ".join(keys_for(self.app, binding))
                run = partial(screen.run_action, binding.action)
                out.append((binding.description, f"{section} · key: {keys}", run))
        for section, bindings in APP_SECTIONS:
            for binding in bindings:
                keys = ", ".join(keys_for(self.app, binding))
                run = partial(self.app.run_action, binding.action)
                out.append((binding.description, f"{section} · key: {keys}", run))
        return out

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
