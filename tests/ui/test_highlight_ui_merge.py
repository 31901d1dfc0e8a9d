"""The annotate dialog saves its *change*: a tag or note another process (``gloss highlight``)
wrote while the dialog was open is kept, whether or not the reader's timer has shown it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.reader_app import SEED, SIZE, make_app, reader, settle
from tui.core.library import Library
from tui.core.model.highlight import Highlight
from tui.core.notebook.api import Notebook
from tui.ui.app import GlossApp
from tui.ui.dialogs.highlight import HighlightDialog


def stored(app: GlossApp) -> list[Highlight]:
    notebook = app.notebook
    assert notebook is not None
    return Notebook.open(notebook.path, read_only=True).highlights()


@pytest.mark.parametrize("timer_ran", [False, True])
async def test_the_dialog_keeps_what_another_process_wrote_while_it_was_open(
    tmp_path: Path, timer_ran: bool
) -> None:
    app = make_app(SEED, library=Library(Notebook.open(tmp_path / "nb")))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await pilot.pause()
        (highlight,) = stored(app)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, HighlightDialog)

        other = Notebook.open(tmp_path / "nb")  # gloss highlight, beside the app
        other.update_highlight(highlight.edited(tags=("from-cli",), note="cli note"))
        if timer_ran:
            reader(app).look_for_highlights()  # the reader showed it behind the dialog

        await pilot.press(*"mine", "tab", *"my note", "tab", "right")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is reader(app)

        (saved,) = stored(app)
        assert saved.tags == ("from-cli", "mine")
        assert (saved.note, saved.color) == ("my note", "green")
        assert [(o.field, o.value) for o in saved.history] == [("note", "cli note")]
