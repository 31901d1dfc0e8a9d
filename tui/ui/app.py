"""The Gloss application: settings, theme and keymap in; the library, notebook and reader.

Kept short on purpose: screens live in ``screens/``, widgets in ``widgets/``, moving between
screens in ``navigation.py``, the palette in ``palette.py``;
this file wires them to the config, the saved state and the loader.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import BindingType
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import Worker

from tui.core import locations
from tui.core.config import Config, ConfigError, load_config
from tui.core.library import Library
from tui.core.loader import ArticleLoader, Start
from tui.core.notebook import Notebook
from tui.core.reader import figure_blocks
from tui.core.state import UiState, load_state, save_state
from tui.core.text import safe_url, terminal_safe
from tui.ui.dialogs.export_scope import ExportScope
from tui.ui.keys.app import APP_BINDINGS
from tui.ui.keys.check import keymap_problems
from tui.ui.navigation import Navigation
from tui.ui.palette import ReaderCommands, ScreenCommands
from tui.ui.screens.library import LibraryScreen
from tui.ui.screens.list_screen import ListScreen
from tui.ui.screens.reader.screen import ReaderScreen
from tui.ui.startup import after_first_paint, pause_collector, resume_collector
from tui.ui.sync import start_sync, sync_ended
from tui.ui.theme import DEFAULT_THEME, THEMES

BrowserOpener = Callable[["GlossApp", str], "str | None"]


def system_browser(app: GlossApp, url: str) -> str | None:
    """Open ``url`` in the user's browser; a problem comes back as one line.

    A text-mode browser (lynx, w3m) needs the terminal, so the app steps aside for it.
    """
    import webbrowser  # on first use: a slow import every start would pay for

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return "No web browser found (set the BROWSER environment variable)."
    try:
        if type(browser) is webbrowser.GenericBrowser:
            with app.suspend():
                browser.open(url)
        else:
            browser.open(url)
    except Exception as exc:  # a browser that fails to start is the user's to fix
        return f"The browser could not be started: {exc}"
    return None


REFRESH_SECONDS = 2.0  # how often the notebook is checked for other processes' writes


class GlossApp(Navigation):
    """Gloss: a terminal reader. ``source`` is opened at start; without one, the library."""

    CSS_PATH = str(locations.resource_path("styles") / "gloss.tcss")
    COMMANDS = App.COMMANDS | {ReaderCommands, ScreenCommands}
    BINDINGS: ClassVar[list[BindingType]] = list(APP_BINDINGS)
    TITLE = "Gloss"

    # Where the background sync stands, for every screen's status line ('': no sync yet).
    sync_status: reactive[str] = reactive("")

    def __init__(
        self,
        source: str | None = None,
        base_url: str | None = None,
        *,
        config: Config | None = None,
        state: UiState | None = None,
        loader: ArticleLoader | None = None,
        library: Library | None = None,
        open_browser: BrowserOpener | None = None,
        cursor_blink: bool = True,
        persist: bool = True,
        debug: bool = False,
        warnings: Iterable[str] = (),
        refresh_seconds: float | None = REFRESH_SECONDS,
    ) -> None:
        # Held off until the first screen is painted (see tui.ui.startup): the screens
        # resume it then.
        pause_collector()
        super().__init__()
        self.source = source
        self.base_url = base_url
        self.config = config or Config()
        self.state = state if state is not None else UiState()
        self.library = library
        self.loader = loader or ArticleLoader(library=library)
        self.cursor_blink = cursor_blink
        self.persist = persist  # False in tests that must not write the state file
        self.show_tracebacks = debug
        self.crash: BaseException | None = None
        self._open_browser = open_browser or system_browser
        self._warnings = list(warnings)
        self._applied_theme = ""
        self.refresh_seconds = refresh_seconds  # None: never look for other writers
        self._syncing_to_quit = False
        for theme in THEMES:
            self.register_theme(theme)
        self._set_theme_quietly(self._initial_theme())

    @property
    def notebook(self) -> Notebook | None:
        """The notebook articles and highlights are kept in (None: a throwaway reader)."""
        return self.library.notebook if self.library is not None else None

    @property
    def keymap(self) -> dict[str, str]:
        """The user's key overrides (binding id → keys), as the help screen shows them."""
        return dict(self.config.keys)

    def get_default_screen(self) -> Screen[object]:
        """The reader on the source from the command line; without one, the library.

        An empty library has nothing to show, so then the reader starts (run_app gives it
        the bundled sample).
        """
        if self.source is None and self.notebook is not None and self.notebook.has_articles():
            library = LibraryScreen()
            self.install_screen(library, "library")
            return library
        return ReaderScreen(self.source, self.base_url)

    def on_mount(self) -> None:
        """Apply the keymap (the theme is in from the start), then report any problem with
        the config."""
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.config.keys:
            self.set_keymap(self.config.keys)
        self._warnings += keymap_problems(self.config.keys)
        for warning in self._warnings:
            self.notify(warning, title="Config", severity="warning", markup=False)
        if self.library is not None and self.refresh_seconds:
            self.set_interval(self.refresh_seconds, self._look_for_changes)
        if self.config.sync.on_start and self.library is not None:
            start_sync(self, self.notebook.path)

    def on_unmount(self) -> None:
        """Leaving before the first screen was painted: the collector is on again."""
        resume_collector(collect=False)

    def on_resize(self, event: events.Resize) -> None:
        """Before Textual lays the screen out at the new size (it waits 1/120 s first), the
        screen may get ready for it: the reader lays its text out in that idle moment."""
        stack = self.screen_stack  # empty at the very first size, before any screen
        prepare = getattr(stack[-1], "prepare_resize", None) if stack else None
        if prepare is not None:
            # Later, not now: Textual's own handler (after this one) starts its wait first.
            self.call_later(prepare, event.size, self.size)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A sync in the background ended: say how, and quit if it was the one on quit."""
        sync_ended(self, event)

    def _look_for_changes(self) -> None:
        """Another process wrote to the notebook (`gloss highlight`, a second Gloss)."""
        notebook = self.notebook
        if notebook is not None and notebook.refresh() and isinstance(self.screen, ListScreen):
            self.screen.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The screen keys wait while a dialog is open."""
        return self.screen_action_allowed(action)

    def action_library(self) -> None:
        """The library of saved articles."""
        self.show_library()

    def action_notebook(self) -> None:
        """Every highlight in the notebook."""
        self.show_notebook()

    def action_export(self) -> None:
        """The export dialog, scoped to what the current screen shows."""
        if self.notebook is None:
            self.notify("There is no notebook to export from.", severity="warning")
            return
        scope: Any = getattr(self.screen, "export_scope", None)
        offered: ExportScope = scope() if callable(scope) else self._reader_scope()
        from tui.ui.dialogs.export import ExportDialog  # on first use: it brings Jinja2, YAML

        self.push_screen(ExportDialog(offered))

    def _reader_scope(self) -> ExportScope:
        """From the reader: the article being read, if it is in the notebook."""
        reader = self.reader
        opened = reader.opened if reader is not None else None
        notebook = self.notebook
        if opened is not None and notebook is not None and notebook.article(opened.record.id):
            return ExportScope(article=opened.record)
        return ExportScope()

    def _initial_theme(self) -> str:
        """The theme last picked in the palette, else the config's, else the default."""
        for name in (self.state.theme, self.config.theme):
            if name and name in self.available_themes:
                return name
        if self.config.theme:
            self._warnings.append(f"config: there is no theme called '{self.config.theme}'")
        return DEFAULT_THEME

    def _set_theme_quietly(self, name: str) -> None:
        """Start in theme ``name`` as if it had always been the app's: what Textual's
        theme watcher does, less its ``refresh_css``. Setting ``theme`` in ``on_mount``
        re-parsed the stylesheet and restyled and laid out every widget again before the
        first paint (~15-30 ms of it on the seed article)."""
        self.set_reactive(GlossApp.theme, name)
        self._applied_theme = name
        theme = self.current_theme
        classes = {c: False for c in self.classes if c.startswith("-theme-")}
        classes[f"-theme-{name}"] = True
        classes["-dark-mode"] = theme.dark
        classes["-light-mode"] = not theme.dark
        self.update_classes(classes, update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
        # The stylesheet was made in App.__init__ with the default theme's variables.
        self.stylesheet.set_variables(self.get_css_variables())

    def _theme_changed(self, theme: Theme) -> None:
        """Remember a theme the user picked."""
        if theme.name != self._applied_theme:
            self._applied_theme = theme.name
            self.state.theme = theme.name
            self.save_state()

    def save_state(self) -> None:
        """Write the remembered choices (unless this app must not persist anything)."""
        if self.persist:
            save_state(self.state)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification, the app's and the screens', shown terminal-safe: messages
        quote titles and tags, which are data from pages and files."""
        super().notify(
            terminal_safe(message),
            title=terminal_safe(title, multiline=False),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def open_in_browser(self, url: str) -> str | None:
        """Open ``url`` in the system browser; None, or a one-line problem.

        Only http(s) and file: addresses are opened: a stored URL is data from a page or a
        file, and a javascript:, data: or vbscript: one must never reach a browser.
        """
        safe = safe_url(url, allow_file=url.lower().startswith("file:"))
        if safe is None:
            scheme = terminal_safe(url.partition(":")[0], multiline=False)[:20]
            return f"Gloss opens only http(s) and file addresses, not this {scheme}: one."
        return self._open_browser(self, safe)

    def quit_reader(self) -> None:
        """Save what is remembered and exit (after a sync, when the config asks for one;
        quitting again meanwhile does not wait for it)."""
        self.save_state()
        notebook = self.notebook
        if self.config.sync.on_quit and notebook is not None and not self._syncing_to_quit:
            self._syncing_to_quit = True
            if start_sync(self, notebook.path, then_exit=True):
                self.notify("Syncing before quitting…", title="Sync", markup=False)
                return
        self.exit(0)

    def leave(self) -> None:
        """Quit from any screen, remembering the place in the article being read."""
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                screen.remember_position()
        self.quit_reader()

    async def action_quit(self) -> None:
        """Ctrl+Q: leave like `q` does, remembering the place."""
        self.leave()

    def _handle_exception(self, error: Exception) -> None:
        """A bug: keep it for the CLI's one-line report instead of printing a traceback."""
        if self.crash is None:
            self.crash = error
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        if self.show_tracebacks:
            super()._fatal_error()
        else:
            self._close_messages_no_wait()


def _say_fetching(source: str | None) -> Callable[[bool], None] | None:
    """While a slow start page is fetched, one line on the terminal saying so (erased when
    it is done: the screen, or the one-line error, takes its place)."""
    if source is None or not sys.stderr.isatty():
        return None
    width = max(20, shutil.get_terminal_size().columns - 1)
    line = terminal_safe(f"gloss: opening {source} … (Ctrl+C stops)", multiline=False)

    def say(waiting: bool) -> None:
        sys.stderr.write(line[:width] if waiting else "\r\x1b[K")
        sys.stderr.flush()

    return say


def run_app(start: Start, *, debug: bool = False) -> int:
    """Run the app on what :func:`~tui.core.loader.prepare_start` prepared, until the user
    quits; returns the exit code.

    The start source is opened first (waiting for the child cleaning it, if any), so a
    source that cannot be opened raises its one-line error before the terminal is taken.
    """
    warnings = []
    try:
        config = load_config()
    except ConfigError as exc:
        config = Config()
        warnings.append(f"{exc} (using the defaults)")
    # Made before the wait for a page being cleaned in the child (nothing here needs it).
    app = GlossApp(
        start.source,
        start.base_url,
        config=config,
        state=load_state(),
        library=start.library,
        loader=start.loader,
        debug=debug,
        warnings=warnings,
    )
    opened = start.open_first(waiting=_say_fetching(start.source))
    if config.reader.images != "off" and (
        start.source is None or (opened is not None and figure_blocks(opened.article))
    ):
        from tui.ui.widgets.reader.figures import prepare_terminal

        # textual-image can ask the terminal only before Textual runs, and asking costs up to
        # a few tenths of a second: only a start that may show figures (a web page with
        # some, or the library) asks; other sessions keep [image: alt].
        prepare_terminal()
    # The start page is saved in a thread once the first screen is up; whatever happens,
    # the save is finished before Gloss exits.
    after_first_paint(start.library.save_later)
    try:
        with start.saving_on_hangup():
            app.run()
    finally:
        start.library.settle()
    if app.crash is not None:
        raise app.crash
    start.settle()  # raises what saving the start page met, if anything
    return app.return_code or 0
