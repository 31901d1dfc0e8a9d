"""The command palette provider: every reader action, built from the current screen.

Themes come from Textual's own "Theme" system command, which Gloss keeps.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.ui.bindings import SECTIONS, keys_for


class ReaderCommands(Provider):
    """Offers each reader binding (with its keys) when the reader is the current screen."""

    def _commands(self) -> list[tuple[str, str, str]]:
        """``(title, help, action)`` for the actions the current screen has."""
        screen = self.screen
        out = []
        for section, bindings in SECTIONS:
            for binding in bindings:
                name = binding.action.partition("(")[0]  # color(2) is action_color
                if getattr(screen, f"action_{name}", None) is None:
                    continue
                keys = ", ".join(keys_for(self.app, binding))
                out.append((binding.description, f"{section} · key: {keys}", binding.action))
        return out

    async def discover(self) -> Hits:
        """Every command, for the palette's empty state."""
        for title, help_text, action in self._commands():
            yield DiscoveryHit(title, partial(self.screen.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands matching ``query``, best first."""
        matcher = self.matcher(query)
        for title, help_text, action in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self.screen.run_action, action),
                    help=help_text,
                )
