"""Pilot tests of the export dialog: each scope, format, layout and destination writes what
the core export writes for the same choices; a file Gloss did not write is replaced only once
confirmed (asked before any work); problems are one line in the dialog."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
import pytest
from textual.widgets import Input, RadioButton, RadioSet, Static

from tests.support.library_seed import LONG, SEED, Seeded, frozen_clock, seed_notebook
from tests.support.reader_app import SIZE, make_app, settle
from tests.ui.test_clipboard import fake_tool
from tui.core.config import Config, HighlightSettings
from tui.core.export import saved_bodies
from tui.core.export.exporter import ExportOptions, Scope, export_file, export_folder, export_text
from tui.core.library import Library
from tui.core.notebook.api import Notebook
from tui.ui.app import GlossApp
from tui.ui.dialogs.confirm import ConfirmDialog
from tui.ui.dialogs.export import ExportDialog
from tui.ui.screens.notebook import NotebookScreen
from tui.ui.screens.reader.screen import ReaderScreen


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The dialog's default paths are in the home folder: never the real one."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture
def seeded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Seeded:
    with frozen_clock(monkeypatch):  # kept frozen for the test: exports carry dates
        return seed_notebook(tmp_path / "nb")


def export_app(path: Path, source: str | None = None) -> GlossApp:
    return make_app(source, library=Library(Notebook.open(path)), refresh_seconds=None)


def notes(app: GlossApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def open_dialog(app: GlossApp, pilot) -> ExportDialog:  # type: ignore[no-untyped-def]
    await pilot.press("E")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog


async def pick(dialog: ExportDialog, pilot, *button_ids: str) -> None:  # type: ignore[no-untyped-def]
    for button_id in button_ids:
        dialog.query_one(f"#{button_id}", RadioButton).value = True
    await pilot.pause()


async def export_to(dialog: ExportDialog, pilot, path: Path) -> None:  # type: ignore[no-untyped-def]
    field = dialog.query_one("#path", Input)
    field.value = str(path)
    field.focus()
    await pilot.press("enter")
    await settle(pilot)


def same_as_core(seeded: Seeded, tmp_path: Path, scope: Scope, **options: object) -> str:
    """What export_file writes for ``scope``, from every article and highlight."""
    nb = seeded.notebook()
    target = tmp_path / "core" / "out"
    target.parent.mkdir(exist_ok=True)
    bodies = saved_bodies(nb, [a.id for a in nb.articles()])  # as the CLI and the dialog do
    export_file(target, nb.articles(), nb.highlights(), ExportOptions(**options), scope,  # type: ignore[arg-type]
                bodies)
    return target.read_text(encoding="utf-8")


@pytest.mark.slow
async def test_from_the_notebook_the_filter_is_the_scope(seeded: Seeded, tmp_path: Path) -> None:
    app = export_app(seeded.path)
    out = tmp_path / "essay.md"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("f", *"essay", "escape")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NotebookScreen)
        ids = {h.id for h in screen.shown}
        assert len(ids) == 2
        dialog = await open_dialog(app, pilot)
        shown = dialog.query_one("#scope-shown", RadioButton)
        assert shown.value is True
        assert str(shown.label) == "The 2 highlights shown (tags #essay)"
        await pilot.press("E")  # the screen keys wait while the dialog is open
        await pilot.pause()
        assert app.screen is dialog
        await export_to(dialog, pilot, out)
        expected = same_as_core(seeded, tmp_path, Scope(where=lambda h: h.id in ids))
        assert out.read_text(encoding="utf-8") == expected
        assert dialog.report is not None
        assert dialog.report.summary() == "2 highlights from 1 article: 1 created"
        assert notes(app)[-1] == "2 highlights from 1 article: 1 created"
        assert str(dialog.query_one("#result").content) == (
            f"Done: 2 highlights from 1 article: 1 created\n→ {out}"
        )
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


@pytest.mark.slow
async def test_from_the_reader_the_article_is_the_scope(seeded: Seeded, tmp_path: Path) -> None:
    app = export_app(seeded.path, str(Path("samples") / SEED))
    out = tmp_path / "one.md"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        dialog = await open_dialog(app, pilot)
        article = dialog.query_one("#scope-article", RadioButton)
        assert article.value is True
        assert str(article.label) == f"This article: {seeded.records[SEED].title}"
        await export_to(dialog, pilot, out)
        expected = same_as_core(seeded, tmp_path, Scope.of_articles(seeded.records[SEED].id))
        assert out.read_text(encoding="utf-8") == expected
        assert dialog.summary == "3 highlights from 1 article: 1 created"
        # Exporting again into the same file merges: nothing changes.
        await pilot.click("#export")
        await settle(pilot)
        assert dialog.summary == "3 highlights from 1 article: 1 unchanged"


@pytest.mark.slow
async def test_tags_as_json(seeded: Seeded, tmp_path: Path) -> None:
    app = export_app(seeded.path)
    out = tmp_path / "tv.json"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(app, pilot)
        assert dialog.query_one("#scope-all", RadioButton).value is True  # from the library
        dialog.query_one("#tags", Input).focus()
        await pilot.press(*"tv people")
        assert dialog.query_one("#scope-tags", RadioButton).value is True  # typing picks it
        await pick(dialog, pilot, "format-json")
        await pilot.pause()
        assert dialog.query_one("#layout").disabled is True
        assert dialog.query_one("#path", Input).value == "~/gloss-highlights.json"
        await export_to(dialog, pilot, out)
        expected = same_as_core(seeded, tmp_path, Scope.of_tags("tv", "people"), format="json")
        assert out.read_text(encoding="utf-8") == expected
        assert dialog.summary == "3 highlights from 2 articles: 1 created"


@pytest.mark.slow
async def test_everything_by_tag(seeded: Seeded, tmp_path: Path) -> None:
    app = export_app(seeded.path)
    out = tmp_path / "tags.md"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(app, pilot)
        await pick(dialog, pilot, "layout-tag")
        await export_to(dialog, pilot, out)
        assert out.read_text(encoding="utf-8") == same_as_core(
            seeded, tmp_path, Scope(), layout="tag"
        )


@pytest.mark.slow
async def test_the_citation_style_starts_as_the_configs_and_can_be_picked(
    seeded: Seeded, tmp_path: Path
) -> None:
    config = Config(highlight=HighlightSettings(citation="chicago"))
    app = make_app(
        None, library=Library(Notebook.open(seeded.path)), refresh_seconds=None, config=config
    )
    out = tmp_path / "apa.md"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(app, pilot)
        assert dialog.query_one("#cite-chicago", RadioButton).value is True
        await pick(dialog, pilot, "cite-apa")
        await export_to(dialog, pilot, out)
        written = out.read_text(encoding="utf-8")
        assert written == same_as_core(seeded, tmp_path, Scope(), citation_style="apa")
        assert written != same_as_core(seeded, tmp_path, Scope(), citation_style="chicago")
        await pick(dialog, pilot, "format-json")
        assert dialog.query_one("#cite").disabled is True  # JSON has no citation line


@pytest.mark.slow
async def test_the_last_choices_are_offered_again(seeded: Seeded, tmp_path: Path) -> None:
    app = export_app(seeded.path)
    folder = tmp_path / "vault"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(app, pilot)
        await pick(dialog, pilot, "layout-tag", "cite-chicago", "destination-folder")
        await export_to(dialog, pilot, folder)
        assert dialog.summary == "6 highlights from 2 articles: 5 created"
        await pilot.press("escape")
        await pilot.pause()
        assert app.state.export == {"format": "markdown", "layout": "tag", "cite": "chicago",
                                    "destination": "folder", "path": str(folder)}
        again = await open_dialog(app, pilot)
        pressed = {s.id: s.pressed_button.id for s in again.query(RadioSet) if s.pressed_button}
        assert pressed == {"scope": "scope-all", "format": "format-markdown",
                           "layout": "layout-tag", "cite": "cite-chicago",
                           "destination": "destination-folder"}
        assert again.query_one("#path", Input).value == str(folder)
        await pick(again, pilot, "destination-clipboard")
        await pilot.click("#export")
        await settle(pilot)
        assert app.state.export["destination"] == "clipboard"
        assert app.state.export["path"] == str(folder)  # kept for when a path is wanted again


async def test_a_folder_gets_a_file_per_article(seeded: Seeded, tmp_path: Path) -> None:
    app = export_app(seeded.path)
    folder = tmp_path / "vault"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(app, pilot)
        await pick(dialog, pilot, "destination-folder")
        await pilot.pause()
        assert dialog.query_one("#path", Input).value == "~/gloss-highlights"
        await export_to(dialog, pilot, folder)
        assert dialog.summary == "6 highlights from 2 articles: 2 created"
    nb = seeded.notebook()
    core = tmp_path / "core"
    bodies = saved_bodies(nb, [a.id for a in nb.articles()])
    export_folder(core, nb.articles(), nb.highlights(), bodies=bodies)
    ours = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}
    theirs = {p.name: p.read_text(encoding="utf-8") for p in core.iterdir()}
    assert ours == theirs and len(ours) == 2


async def copy_export(seeded: Seeded) -> tuple[GlossApp, ExportDialog, str, str]:
    """Export everything to the clipboard from the dialog: the app, the dialog, the text and
    what the dialog shows."""
    app = export_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(app, pilot)
        await pick(dialog, pilot, "destination-clipboard")
        await pilot.pause()
        assert dialog.query_one("#where").display is False
        await pilot.click("#export")
        await settle(pilot)
        nb = seeded.notebook()
        bodies = saved_bodies(nb, [a.id for a in nb.articles()])
        text = export_text(nb.articles(), nb.highlights(), bodies=bodies)
        assert app.clipboard == text  # OSC 52 as well, as `y` does
        return app, dialog, text, str(dialog.query_one("#result", Static).content)


async def test_the_clipboard_tool_gets_the_text_and_is_named(
    seeded: Seeded, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    got = fake_tool(tmp_path / "bin", "xclip", 0)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    app, dialog, text, shown = await copy_export(seeded)
    assert got.read_text(encoding="utf-8") == text
    assert dialog.summary == (
        f"Copied 6 highlights from 2 articles ({len(text):,} characters) to the clipboard "
        "(xclip)."
    )
    assert shown == f"Done: {dialog.summary}"
    assert dialog.summary in notes(app)
    # The saved texts went along: the page's italics are in the quotes, as from the CLI.
    assert "\n> *Jessica Jones*\n" in text


async def test_without_a_clipboard_tool_it_never_says_copied(
    seeded: Seeded, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no wl-copy, xclip, xsel, pbcopy
    app, dialog, text, shown = await copy_export(seeded)
    saved = platformdirs.user_state_path("gloss") / "clipboard.md"
    assert saved.read_text(encoding="utf-8") == text
    assert not dialog.summary.startswith("Copied") and "copied" not in dialog.summary
    assert dialog.summary == (
        f"No system clipboard took 6 highlights from 2 articles ({len(text):,} characters) "
        "(no clipboard tool found). Sent to the terminal's clipboard (OSC 52): your terminal "
        f"may not accept it. It is saved in {saved}"
    )
    assert shown == dialog.summary  # no "Done"
    assert dialog.summary in notes(app)


@pytest.mark.slow
async def test_a_file_gloss_did_not_write_is_replaced_only_when_confirmed(
    seeded: Seeded, tmp_path: Path
) -> None:
    out = tmp_path / "mine.md"
    out.write_text("My own notes.\n", encoding="utf-8")
    app = export_app(seeded.path, str(Path("samples") / LONG))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(app, pilot)
        await export_to(dialog, pilot, out)
        confirm = app.screen
        assert isinstance(confirm, ConfirmDialog)  # asked before any work
        assert str(confirm.query_one("#question").content) == (
            f"{out} was not written by Gloss, or its markers are broken. Replace everything "
            "in it with this export?"
        )
        await pilot.press("n")
        await settle(pilot)
        assert out.read_text(encoding="utf-8") == "My own notes.\n"
        assert str(dialog.query_one("#problem").content) == (
            f"{out} was not written by Gloss; confirm to replace it"
        )
        assert dialog.report is None
        await pilot.click("#export")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        expected = same_as_core(seeded, tmp_path, Scope.of_articles(seeded.records[LONG].id))
        assert out.read_text(encoding="utf-8") == expected
        assert dialog.summary == "3 highlights from 1 article: 1 replaced"


@pytest.mark.parametrize(
    ("setup", "problem"),
    [
        ("no-tags", "Type at least one tag, or pick another scope."),
        ("no-path", "Say where to write the export."),
        ("file-as-folder", "{file} is a file, not a folder"),
    ],
)
@pytest.mark.slow
async def test_problems_are_one_line_in_the_dialog(
    seeded: Seeded, tmp_path: Path, setup: str, problem: str
) -> None:
    file = tmp_path / "a-file"
    file.write_text("x", encoding="utf-8")
    app = export_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(app, pilot)
        path = tmp_path / "out.md"
        if setup == "no-tags":
            await pick(dialog, pilot, "scope-tags")
        elif setup == "no-path":
            path = Path("  ")
        else:
            await pick(dialog, pilot, "destination-folder")
            path = file
        await pilot.pause()
        await export_to(dialog, pilot, path)
        assert str(dialog.query_one("#problem").content) == problem.format(file=file)
        assert dialog.report is None
        assert not (tmp_path / "out.md").exists()


@pytest.mark.slow
async def test_broken_markers_in_a_gloss_file_ask_before_replacing(
    seeded: Seeded, tmp_path: Path
) -> None:
    out = tmp_path / "gloss.md"
    nb = seeded.notebook()
    export_file(out, nb.articles(), nb.highlights(),
                bodies=saved_bodies(nb, [a.id for a in nb.articles()]))
    text = out.read_text(encoding="utf-8")
    end = text.index("<!-- gloss:end ")
    out.write_text(text[:end] + text[text.index("\n", end) + 1 :], encoding="utf-8")
    broken = out.read_text(encoding="utf-8")
    app = export_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(app, pilot)
        await export_to(dialog, pilot, out)
        assert isinstance(app.screen, ConfirmDialog)
        assert out.read_text(encoding="utf-8") == broken  # nothing written yet
        await pilot.press("y")
        await settle(pilot)
        assert dialog.summary == "6 highlights from 2 articles: 1 replaced"
        assert out.read_text(encoding="utf-8") == text
