"""Helpers for Pilot tests of the reader: a test app, waiting for loads, reading the screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.support import paths
from tui.core.config import Config
from tui.core.state import UiState
from tui.ui.app import GlossApp
from tui.ui.screens.reader.screen import ReaderScreen
from tui.ui.widgets.reader.view import ReaderView
from tui.ui.widgets.status_bar import StatusBar

ROOT = paths.ROOT
SEED = ROOT / "samples" / "jessica-jones-season-2.html"
FEATURES = ROOT / "tests" / "data" / "reader-features.html"
SIZE = (110, 32)


class BrowserLog:
    """Stands in for the system browser (a side effect tests must not have): records URLs."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def __call__(self, app: GlossApp, url: str) -> str | None:
        self.urls.append(url)
        return None


def make_app(source: str | Path | None = None, **kwargs: Any) -> GlossApp:
    """A reader app that writes nothing, blinks no cursor and opens no browser."""
    kwargs.setdefault("persist", False)
    kwargs.setdefault("cursor_blink", False)
    kwargs.setdefault("open_browser", BrowserLog())
    kwargs.setdefault("config", Config())
    kwargs.setdefault("state", UiState())
    return GlossApp(str(source) if source is not None else None, **kwargs)


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for loads to finish and the screen to catch up (no sleeping on a clock)."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def reader(app: GlossApp) -> ReaderScreen:
    """The reader screen (under any dialog)."""
    return next(s for s in app.screen_stack if isinstance(s, ReaderScreen))


def view(app: GlossApp) -> ReaderView:
    """The reader view."""
    return reader(app).query_one(ReaderView)


def status(app: GlossApp) -> StatusBar:
    """The status line."""
    return reader(app).query_one(StatusBar)


def view_rows(app: GlossApp) -> list[str]:
    """The reader view's rows as plain text, as painted now."""
    reader_view = view(app)
    return [reader_view.render_line(y).text for y in range(reader_view.visible_height)]


def screen_text(app: GlossApp) -> str:
    """Everything on the current screen as plain text (rows joined by newlines)."""
    compositor = app.screen._compositor  # private, but Textual is pinned
    return "\n".join(strip.text for strip in compositor.render_strips())
