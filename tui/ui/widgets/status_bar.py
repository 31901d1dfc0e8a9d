"""The line under the reader: the mode, what is going on, where you are, and how the
notebook's sync stands (only once the app has synced, or is syncing)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static


class StatusBar(Horizontal):
    """Mode on the left, a message in the middle, position, sync and progress on the right.

    Everything is shown literally: messages can hold URLs and page titles. The sync part
    follows the app's ``sync_status`` and is hidden while that is empty.
    """

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        background: $panel;
        color: $foreground;
        & > #mode { width: auto; padding: 0 1; background: $primary; color: $background;
                    text-style: bold; }
        & > #info { width: 1fr; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
        & > #position { width: auto; padding: 0 1; color: $foreground 80%; }
        & > #sync { width: auto; padding: 0 1 0 0; color: $foreground 80%; display: none; }
        & > #sync.-shown { display: block; }
        & > #keys { width: auto; padding: 0 1 0 0; color: $foreground 60%; }
    }
    """

    def compose(self) -> ComposeResult:
        yield Static("READ", id="mode", markup=False)
        yield Static("", id="info", markup=False)
        yield Static("", id="position", markup=False)
        yield Static("", id="sync", markup=False)
        yield Static("", id="keys", markup=False)

    def on_mount(self) -> None:
        """Follow the app's sync status (an app without one never syncs: nothing shown)."""
        if hasattr(self.app, "sync_status"):
            self.watch(self.app, "sync_status", self.set_sync)

    def _set(self, part: str, text: str, *, sized: bool) -> None:
        """Show ``text`` in a part; re-lay the line out only when a sized part changes width.

        The status changes on every scroll; a layout pass each time would repaint the
        whole screen a second time.
        """
        static = self.query_one(f"#{part}", Static)
        old = str(static.content)
        if text != old:
            static.update(text, layout=sized and len(text) != len(old))

    def set_mode(self, mode: str) -> None:
        """READ, SEARCH, LINKS, LOADING, ..."""
        self._set("mode", mode, sized=True)

    def set_info(self, text: str) -> None:
        """The middle message."""
        self._set("info", text, sized=False)

    def set_position(self, text: str) -> None:
        """Position and progress, e.g. ``1–30 of 120 · 25%``."""
        self._set("position", text, sized=True)

    def set_sync(self, text: str) -> None:
        """How the sync stands (``⟳ syncing``, ``synced 10:42``…); '' hides the part."""
        static = self.query_one("#sync", Static)
        static.set_class(bool(text), "-shown")
        self._set("sync", text, sized=True)

    def set_keys(self, text: str) -> None:
        """The key hint at the right end (``? keys``), kept whatever the message says."""
        self._set("keys", text, sized=True)

    @property
    def keys(self) -> str:
        """The key hint shown now."""
        return str(self.query_one("#keys", Static).content)

    @property
    def mode(self) -> str:
        """The mode shown now."""
        return str(self.query_one("#mode", Static).content)

    @property
    def info(self) -> str:
        """The middle message shown now."""
        return str(self.query_one("#info", Static).content)

    @property
    def sync(self) -> str:
        """The sync status shown now ('' when hidden)."""
        static = self.query_one("#sync", Static)
        return str(static.content) if static.has_class("-shown") else ""

    @property
    def position(self) -> str:
        """The position shown now."""
        return str(self.query_one("#position", Static).content)
