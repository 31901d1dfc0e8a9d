"""What a screen, a dialog or a widget may ask of the app that shows it.

Screens are written against this :class:`Host`, not against ``GlossApp``: ``app.py``
imports the screens to put them together, and nothing a screen imports leads back to it.
Textual's own side of the app (``push_screen``, ``notify``, ``call_from_thread``...) stays
on ``self.app``; this is Gloss's side.
"""

from __future__ import annotations

from typing import Protocol, cast, runtime_checkable

from textual.dom import DOMNode

from tui.core.config import Config
from tui.core.loader import ArticleLoader
from tui.core.notebook import Notebook
from tui.core.reader import Entry
from tui.core.state import UiState


@runtime_checkable  # lets a test check that the app has everything a screen may ask for
class Host(Protocol):
    """The app as Gloss's screens see it: settings, saved state, the notebook and the
    loader, and the moves between screens."""

    config: Config  # the user's settings (config.toml)
    state: UiState  # what is remembered between runs (theme, positions, export choices)
    loader: ArticleLoader  # opens URLs, files, stdin and saved articles
    cursor_blink: bool  # False in tests and snapshots: a still cursor
    sync_status: str  # where the notebook's sync stands, for every status line ('' if unsynced)

    @property
    def notebook(self) -> Notebook | None:
        """The notebook articles and highlights are kept in (None: a throwaway reader)."""
        ...

    @property
    def keymap(self) -> dict[str, str]:
        """The user's key overrides (binding id → keys)."""
        ...

    def save_state(self) -> None:
        """Write the remembered choices (unless this app must not persist anything)."""
        ...

    def open_in_browser(self, url: str) -> str | None:
        """Open ``url`` in the system browser; None, or a one-line problem."""
        ...

    def read(
        self, entry: Entry, highlight_id: str | None = None, at: int | None = None
    ) -> None:
        """Show ``entry`` in the reader; with ``highlight_id``, scrolled to that highlight,
        with ``at``, to that place in its text."""
        ...

    def show_search(self) -> None:
        """The search over everything the notebook keeps."""
        ...

    def go_back(self) -> bool:
        """Back to the screen under this one; False on the first screen."""
        ...

    def quit_reader(self) -> None:
        """Save what is remembered and exit."""
        ...

    def leave(self) -> None:
        """Quit from any screen, remembering the place in the article being read."""
        ...


def host_of(node: DOMNode) -> Host:
    """The app ``node`` is shown in, as a :class:`Host` (the app is built to be one)."""
    return cast(Host, node.app)
