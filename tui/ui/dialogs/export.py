"""The export dialog (``E``): which highlights, in what form, to where; then what was done.

Scope: the article being read, the highlights the notebook's filter shows, highlights with
some tags, or everything. Format: Markdown or JSON; layout: by article or by tag; citation
style: MLA, APA or Chicago (first the one ``y`` copies with, from the config). The last
export's choices and path are remembered (the UI state file) and offered first next time.
Destination: one file, a folder with one file per article (or tag), or the clipboard. An
app has no stdout to write to, so the CLI's ``-`` becomes "copy to the clipboard", by the
same path as ``y`` (:mod:`tui.ui.clipboard`: the system's clipboard tool, and OSC 52 too),
which says where the text went and never says "copied" unless a tool confirmed it. The
articles' saved texts go along, as from the CLI, so quotes keep the page's italics and
passage links land on the right words. Every highlight of the notebook is passed to the export
and :class:`Scope` picks (see :mod:`tui.core.export.exporter`), so re-exporting into a file merges
instead of dropping what is out of scope. A file Gloss did not write is replaced only once
the user says so, asked before any work is done.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Input, RadioButton, RadioSet, Static
from textual.worker import Worker, WorkerState

from tui.core.errors import GlossError
from tui.core.export import (
    FORMATS,
    SUFFIXES,
    CitationStyle,
    ExportOptions,
    ExportReport,
    ForeignFileError,
    Format,
    Layout,
    MarkerError,
    Scope,
    check_destination,
    export_file,
    export_folder,
    export_text,
    saved_bodies,
    select,
)
from tui.core.model import Highlight, SavedArticle, parse_tags
from tui.core.notebook import Notebook
from tui.ui.clipboard import copy
from tui.ui.dialogs.base import Dialog
from tui.ui.dialogs.confirm import ConfirmDialog
from tui.ui.dialogs.export_scope import ExportScope
from tui.ui.host import Host, host_of
from tui.ui.widgets.tag_suggester import TagSuggester

DEFAULT_NAME = "gloss-highlights"
CITATION_LABELS: dict[CitationStyle, str] = {"mla": "MLA", "apa": "APA", "chicago": "Chicago"}
DESTINATION_LABELS = {
    "file": "One file",
    "folder": "Folder, a file per article",
    "clipboard": "Clipboard",
}


@dataclass(frozen=True)
class ExportRequest:
    """Everything one export needs, gathered on the UI thread."""

    scope: Scope
    options: ExportOptions
    destination: str  # "file", "folder" or "clipboard"
    path: Path | None
    force: bool = False


def default_path(destination: str, format: Format) -> str:
    """Where an export goes unless the user says otherwise (in their home folder)."""
    if destination == "folder":
        return f"~/{DEFAULT_NAME}"
    return f"~/{DEFAULT_NAME}{SUFFIXES[format]}"


class ExportDialog(Dialog[ExportReport]):
    """Asks scope, format, layout and destination; exports in a worker; shows the summary."""

    DEFAULT_CSS = """
    ExportDialog > #dialog { max-width: 100; }
    ExportDialog .export--label { text-style: bold; margin: 1 0 0 0; }
    ExportDialog RadioSet { width: 100%; }
    ExportDialog RadioSet.row { layout: horizontal; height: 1; }
    ExportDialog RadioSet.row > RadioButton { width: auto; margin: 0 3 0 0; }
    ExportDialog Input { width: 1fr; background: $panel; }
    ExportDialog #tags { margin: 0 0 0 4; }
    ExportDialog .export--row { height: 1; }
    ExportDialog .export--first { margin: 1 0 0 0; }
    ExportDialog .export--name { width: 13; text-style: bold; }
    ExportDialog .export--row > RadioSet { width: 1fr; }
    ExportDialog #problem { color: $error; height: auto; }
    ExportDialog #result { color: $success; height: auto; }
    ExportDialog #buttons { height: auto; margin: 1 0 0 0; align-horizontal: right; }
    ExportDialog Button { margin: 0 0 0 2; }
    ExportDialog.-short {
        & .export--label, & .export--first, & #buttons { margin: 0; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = []
    heading = "Export highlights"
    # (Where a clipboard export went is said after it, honestly: see tui.ui.clipboard.)
    hint = "Tab moves · Enter in the path exports · Esc closes"

    def __init__(self, offered: ExportScope | None = None) -> None:
        super().__init__()
        self.offered = offered if offered is not None else ExportScope()
        self.report: ExportReport | None = None
        self.summary = ""  # the last export's one-line summary
        self._worker: Worker[None] | None = None

    @property
    def gloss(self) -> Host:
        """The app, as what a screen may ask of it."""
        return host_of(self)

    @property
    def notebook(self) -> Notebook:
        """The notebook exported from."""
        notebook = self.gloss.notebook
        assert notebook is not None
        return notebook

    # -- the form ---------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        offered = self.offered
        first = offered.first_choice
        blink = self.gloss.cursor_blink
        last = self.gloss.state.export  # the last export's choices, else the defaults
        fmt = last.get("format", "markdown")
        layout = last.get("layout", "article")
        style = last.get("cite", self.gloss.config.highlight.citation)  # else y's style
        destination = last.get("destination", "file")
        default = default_path(destination, cast("Format", fmt))
        yield Static("Scope", classes="export--label", markup=False)
        with RadioSet(id="scope", compact=True):
            if offered.article is not None:
                label = Content(f"This article: {offered.article.title}")
                yield RadioButton(label, id="scope-article", value=first == "article")
            if offered.shown is not None:
                count = f"{len(offered.shown):,}"
                label = Content(f"The {count} highlights shown ({offered.shown_label})")
                yield RadioButton(label, id="scope-shown", value=first == "shown")
            yield RadioButton("Everything in the notebook", id="scope-all",
                              value=first == "all")
            yield RadioButton(
                "Highlights with any of these tags:", id="scope-tags", value=first == "tags"
            )
        tags = Input(", ".join(offered.tags), placeholder="tag, tag…", id="tags",
                     compact=True, suggester=TagSuggester(self.notebook.tags()))
        tags.cursor_blink = blink
        yield tags
        # One line per choice, label beside it: the whole form fits a 32-row terminal.
        with Horizontal(classes="export--row export--first"):
            yield Static("Format", classes="export--name", markup=False)
            with RadioSet(id="format", compact=True, classes="row"):
                yield RadioButton("Markdown", id="format-markdown", value=fmt == "markdown")
                yield RadioButton("JSON (Web Annotation)", id="format-json",
                                  value=fmt == "json")
        with Horizontal(classes="export--row"):
            yield Static("Layout", classes="export--name", markup=False)
            with RadioSet(id="layout", compact=True, classes="row"):
                yield RadioButton("By article", id="layout-article",
                                  value=layout == "article")
                yield RadioButton("By tag", id="layout-tag", value=layout == "tag")
        with Horizontal(classes="export--row"):
            yield Static("Citation", classes="export--name", markup=False)
            with RadioSet(id="cite", compact=True, classes="row"):
                for name, label in CITATION_LABELS.items():
                    yield RadioButton(label, id=f"cite-{name}", value=name == style)
        with Horizontal(classes="export--row"):
            yield Static("Destination", classes="export--name", markup=False)
            with RadioSet(id="destination", compact=True, classes="row"):
                for name, label in DESTINATION_LABELS.items():
                    yield RadioButton(label, id=f"destination-{name}",
                                      value=name == destination)
        with Horizontal(id="where", classes="export--row"):
            yield Static("Path", classes="export--name", markup=False)
            path = Input(last.get("path", default), id="path", compact=True)
            path.cursor_blink = blink
            yield path
        yield Static("", id="problem", markup=False)
        yield Static("", id="result", markup=False)
        with Horizontal(id="buttons"):
            yield Button("Export", id="export", variant="primary", compact=True)
            yield Button("Close", id="close", compact=True)

    def on_mount(self) -> None:
        """Start on the scope; each set's cursor on its pressed button.

        RadioSet puts its cursor on the first button when mounted; ``_selected`` is private,
        but Textual is pinned and there is no public way to move it.
        """
        for radio_set in self.query(RadioSet):
            radio_set._selected = radio_set.pressed_index
        self._enable()
        self.query_one("#scope", RadioSet).focus()

    def _enable(self) -> None:
        """Layout and citation are Markdown's; the clipboard needs no path."""
        self.query_one("#layout", RadioSet).disabled = self.format == "json"
        self.query_one("#cite", RadioSet).disabled = self.format == "json"
        self.query_one("#where").display = self.destination != "clipboard"

    def _remember(self) -> None:
        """Keep this export's choices for the next time the dialog opens (the state file)."""
        last = self.gloss.state.export
        choices = {
            "format": self.format,
            "layout": self._choice("layout") or "article",
            "cite": self._choice("cite") or "mla",
            "destination": self.destination,
        }
        path = self.query_one("#path", Input).value.strip()
        if self.destination != "clipboard" and path:
            choices["path"] = path
        elif "path" in last:
            choices["path"] = last["path"]
        self.gloss.state.export = choices
        self.gloss.save_state()

    def _choice(self, radio_set: str) -> str:
        """The id suffix of the button pressed in ``radio_set`` ("file", "json", ...)."""
        pressed = self.query_one(f"#{radio_set}", RadioSet).pressed_button
        return (pressed.id or "").removeprefix(f"{radio_set}-") if pressed else ""

    @property
    def format(self) -> Format:
        """Markdown or JSON."""
        return "json" if self._choice("format") == "json" else "markdown"

    @property
    def destination(self) -> str:
        """file, folder or clipboard."""
        return self._choice("destination") or "file"

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """Keep the form consistent: layout is Markdown's; the path follows its kind."""
        event.stop()
        self._enable()
        path = self.query_one("#path", Input)
        defaults = {default_path(d, f) for d in ("file", "folder") for f in FORMATS}
        if path.value in defaults:  # not typed by the user: follow the choices
            with self.prevent(Input.Changed):
                path.value = default_path(self.destination, self.format)
        elif self.destination == "file":
            stem = path.value.removesuffix(".md").removesuffix(".json")
            if stem != path.value:
                with self.prevent(Input.Changed):
                    path.value = stem + SUFFIXES[self.format]
        self._say("")

    def on_input_changed(self, event: Input.Changed) -> None:
        """Typing tags picks that scope (the field's first value arrives here too: ignored)."""
        event.stop()
        typed = event.value.strip() and event.value != ", ".join(self.offered.tags)
        if event.input.id == "tags" and typed:
            self.query_one("#scope-tags", RadioButton).value = True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the path exports; in the tags, moves on."""
        event.stop()
        if event.input.id == "path":
            self.action_export()
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Export, or close."""
        event.stop()
        if event.button.id == "export":
            self.action_export()
        else:
            self.action_close()

    def action_close(self) -> None:
        """Close, with the report of what was exported (None if nothing was)."""
        self.dismiss(self.report)

    def _say(self, problem: str) -> None:
        self.query_one("#problem", Static).update(problem)

    # -- exporting --------------------------------------------------------------------------

    def request(self, *, force: bool = False) -> ExportRequest | None:
        """The export the form describes; None (and the problem shown) if it cannot be."""
        choice = self._choice("scope")
        if choice == "article" and self.offered.article is not None:
            scope = Scope.of_articles(self.offered.article.id)
        elif choice == "shown" and self.offered.shown is not None:
            shown = self.offered.shown
            scope = Scope(where=lambda h: h.id in shown)
        elif choice == "tags":
            tags = parse_tags(self.query_one("#tags", Input).value)
            if not tags:
                self._say("Type at least one tag, or pick another scope.")
                return None
            scope = Scope.of_tags(*tags)
        else:
            scope = Scope()
        layout: Layout = "tag" if self._choice("layout") == "tag" else "article"
        style = cast("CitationStyle", self._choice("cite") or "mla")
        options = ExportOptions(format=self.format, layout=layout, citation_style=style)
        path = None
        if self.destination != "clipboard":
            typed = self.query_one("#path", Input).value.strip()
            if not typed:
                self._say("Say where to write the export.")
                return None
            path = Path(typed).expanduser()
        return ExportRequest(scope, options, self.destination, path, force)

    def action_export(self) -> None:
        """Check the destination, ask before replacing a file that is not Gloss's, export."""
        if self._worker is not None and self._worker.state is WorkerState.RUNNING:
            return
        request = self.request()
        if request is None:
            return
        if request.destination == "file" and request.path is not None:
            try:
                check_destination(request.path, request.options.format)
            except ForeignFileError as exc:
                self._ask_to_replace(request, exc.message)
                return
            except GlossError as exc:
                self._say(exc.message)
                return
        self._start(request)

    def _ask_to_replace(self, request: ExportRequest, why: str) -> None:
        path = request.path
        question = (f"{path} was not written by Gloss, or its markers are broken. Replace "
                    "everything in it with this export?")
        self.app.push_screen(
            ConfirmDialog("Replace the file?", question, "Replace"),
            lambda yes: self._start(ExportRequest(
                request.scope, request.options, request.destination, path, force=True
            )) if yes else self._say(why.replace("export with --force", "confirm")),
        )

    def _start(self, request: ExportRequest) -> None:
        self._say("")
        self.query_one("#result", Static).update("Exporting…")
        # Every article and every highlight: the scope picks (see tui.core.export.exporter).
        articles = self.notebook.articles()
        highlights = self.notebook.highlights()
        self._worker = self._export(request, articles, highlights)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(
        self, request: ExportRequest, articles: list[SavedArticle], highlights: list[Highlight]
    ) -> None:
        kept, chosen = select(articles, highlights, request.scope)
        # The saved texts, as the CLI passes them: the page's italics in quotes, exact links.
        bodies = (saved_bodies(self.notebook, [a.id for a in kept])
                  if request.options.format == "markdown" else None)
        if request.destination == "clipboard":
            text = export_text(articles, highlights, request.options, request.scope, bodies)
            self.app.call_from_thread(self._copied, text, len(kept), len(chosen))
            return
        assert request.path is not None
        write = export_folder if request.destination == "folder" else export_file
        try:
            report = write(request.path, articles, highlights, request.options, request.scope,
                           bodies, force=request.force)
        except MarkerError as exc:
            self.app.call_from_thread(self._ask_to_replace, request, exc.message)
            return
        self.app.call_from_thread(self._done, report)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed export is said in one line, in the dialog."""
        if event.worker is not self._worker or event.state is not WorkerState.ERROR:
            return
        error = event.worker.error
        if isinstance(error, GlossError):
            line = error.message
        elif isinstance(error, OSError):
            line = f"could not write the export: {error.strerror or error}"
        else:
            line = f"internal error: {type(error).__name__}: {error}"
        self.query_one("#result", Static).update("")
        self._say(line)

    def _done(self, report: ExportReport) -> None:
        self.report = report
        self._remember()
        self.summary = report.summary()
        where = report.files[0].path if len(report.files) == 1 else self.query_one(
            "#path", Input
        ).value
        self.query_one("#result", Static).update(f"Done: {self.summary}\n→ {where}")
        self.notify(self.summary, title="Export", markup=False)
        self.query_one("#close", Button).focus()

    def _copied(self, text: str, articles: int, highlights: int) -> None:
        """Copy by the path ``y`` uses, and say where the text went (never "Copied" unless a
        system clipboard tool confirmed it)."""
        what = f"{highlights} highlights from {articles} articles ({len(text):,} characters)"
        copied, self.summary = copy(self.app, text, what)
        self._remember()
        self.query_one("#result", Static).update(
            f"Done: {self.summary}" if copied else self.summary
        )
        self.notify(self.summary, title="Export", markup=False,
                    severity="information" if copied else "warning")
        self.query_one("#close", Button).focus()
