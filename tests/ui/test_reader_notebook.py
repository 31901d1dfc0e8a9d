"""The reader with a real notebook: articles saved on open, progress kept, re-fetch reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.httpserver import HTTPTestServer
from tests.support.reader_app import SEED, SIZE, make_app, reader, settle
from tui.core.anchor.attach import describe
from tui.core.library import Library
from tui.core.model.highlight import Highlight
from tui.core.notebook.api import Notebook


def notes(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


@pytest.mark.slow
async def test_opening_saves_and_leaving_keeps_progress(tmp_path: Path) -> None:
    library = Library(Notebook.open(tmp_path / "nb"))
    app = make_app(SEED, library=library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert reader(app).opened.offline is False
        await pilot.press("G")
        await pilot.press("q")
    (record,) = Notebook.open(tmp_path / "nb").articles()
    assert record.title == "How The Defenders Is Affecting Jessica Jones Season 2"
    assert record.progress == 1.0 and record.last_read
    # A second run opens the saved copy, offline.
    app = make_app(SEED, library=Library(Notebook.open(tmp_path / "nb")))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert reader(app).opened.offline is True
        assert reader(app).article.title == record.title


async def test_reload_reports_how_highlights_fared(
    tmp_path: Path, http_server: HTTPTestServer
) -> None:
    first = "<p>An opening paragraph with enough words to be prose, and then some more.</p>"
    kept = "<p>So far so good. It's working out, the showrunner said of the plan.</p>"
    url = http_server.page(
        "/a", f"<html><title>T</title><body><article>{first}{kept}</article></body></html>"
    )
    library = Library(Notebook.open(tmp_path / "nb"))
    app = make_app(url, library=library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        opened = reader(app).opened
        text = opened.article.text
        start = text.index("So far so good.")
        library.notebook.add_highlight(
            Highlight(opened.record.id, describe(text, start, start + len("So far so good.")))
        )
        http_server.page(
            "/a", f"<html><title>T</title><body><article>{kept}</article></body></html>"
        )
        await pilot.press("r")
        await settle(pilot)
        assert "Highlights after the re-fetch: 0 exact, 1 moved, 0 fuzzy, 0 orphaned" in notes(app)
