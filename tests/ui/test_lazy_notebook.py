"""The app as `gloss` starts it reads the notebook from its query index (issue 19): the library,
the notebook screen's listing and the tag completer show exactly what the loaded notebook
shows, without opening it; the first write opens it, and the library shows the write."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.notebookgen import generate
from tests.support.reader_app import SIZE, make_app, settle
from tui.core.library import Library
from tui.core.loader import prepare_start
from tui.core.notebook import LazyNotebook, Notebook, reindex
from tui.ui.app import GlossApp
from tui.ui.screens.library import LibraryScreen
from tui.ui.screens.notebook import NotebookScreen


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # the index lives there
    monkeypatch.delenv("GLOSS_NO_INDEX", raising=False)
    path = tmp_path / "nb"
    generate(path, 400, 30)
    reindex(path)
    return path


def started(root: Path) -> GlossApp:
    """The app on what prepare_start opens, as `gloss --notebook ROOT` runs it."""
    start = prepare_start(None, notebook=root, background=False)
    return make_app(None, library=start.library, loader=start.loader, refresh_seconds=None)


async def seen(app: GlossApp) -> dict[str, Any]:
    """What the library, the notebook screen and its tag completer show."""
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        lines = [screen.rows.render_line(y).text for y in range(10)]
        shown = {"library": list(screen.shown), "counts": dict(screen.counts), "lines": lines}
        await pilot.press("m")
        await settle(pilot)
        notebook = app.screen
        assert isinstance(notebook, NotebookScreen)
        shown["highlights"] = [h.id for h in notebook.shown]
        shown["completer"] = list(notebook.panel._tags.tags)
        return shown


async def test_the_app_starts_from_the_index_and_shows_what_the_notebook_shows(
    root: Path,
) -> None:
    eager = await seen(make_app(None, library=Library(Notebook.open(root)), refresh_seconds=None))
    app = started(root)
    lazy = app.library.notebook if app.library is not None else None
    assert isinstance(lazy, LazyNotebook)
    assert await seen(app) == eager
    assert len(eager["highlights"]) == 400 and eager["completer"]
    assert lazy.opened is None  # nothing wrote: the highlight shards were never loaded


async def test_a_write_opens_the_notebook_and_the_library_shows_it(root: Path) -> None:
    app = started(root)
    lazy = app.library.notebook if app.library is not None else None
    assert isinstance(lazy, LazyNotebook)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        record = screen.current
        assert record is not None and not record.read
        await pilot.press("r")
        await settle(pilot)
        assert lazy.opened is not None
        assert screen.rows.render_line(0).text.startswith("✓ ")
        await pilot.press("d", "y")
        await settle(pilot)
        assert record.id not in [a.id for a in screen.shown]
    assert Notebook.open(root).article(record.id) is None


def test_without_the_index_the_notebook_opens_at_start(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GLOSS_NO_INDEX", "1")
    start = prepare_start(None, notebook=root, background=False)
    assert isinstance(start.library.notebook, Notebook)


async def test_another_process_write_shows_without_opening_the_notebook(root: Path) -> None:
    app = started(root)
    lazy = app.library.notebook if app.library is not None else None
    assert isinstance(lazy, LazyNotebook)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        first = screen.shown[0]
        assert not lazy.refresh()  # nothing written since: one look at the change log
        Notebook.open(root).delete_article(first.id)  # as `gloss` in another terminal would
        app._look_for_changes()
        await settle(pilot)
        assert first.id not in [a.id for a in screen.shown]
        assert len(screen.shown) == 29
        assert lazy.opened is None


def test_an_index_not_built_yet_is_not_built_at_start(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    generate(tmp_path / "nb", 40, 5)
    start = prepare_start(None, notebook=tmp_path / "nb", background=False)
    assert isinstance(start.library.notebook, Notebook)


def test_a_saved_page_opens_from_the_index_without_the_notebook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("GLOSS_NO_INDEX", raising=False)
    seed = Path(__file__).parents[2] / "samples" / "jessica-jones-season-2.html"
    first = prepare_start(str(seed), notebook=tmp_path / "nb")
    kept = first.open_first()
    first.settle()
    reindex(tmp_path / "nb")
    start = prepare_start(str(seed), notebook=tmp_path / "nb")
    assert start.cleaning is None  # saved with its text: nothing to clean
    opened = start.open_first()
    assert opened is not None and kept is not None
    assert (opened.offline, opened.article) == (True, kept.article)
    lazy = start.library.notebook
    assert isinstance(lazy, LazyNotebook) and lazy.opened is None


async def listed(app: GlossApp, typed: str = "") -> list[dict[str, Any]]:
    """The library in each of its orders (after typing ``typed`` in its search): the rows
    painted, the records listed, their counts and the detail of the row under the cursor."""
    out = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        if typed:
            await pilot.press("slash", *typed, "enter")
            await settle(pilot)
        for _ in range(6):
            await pilot.press("down", "down")
            await settle(pilot)
            out.append({
                "lines": [screen.rows.render_line(y).text for y in range(20)],
                "shown": list(screen.shown),
                "counts": {a.id: screen.counts.get(a.id, 0) for a in screen.shown},
                "detail": str(screen.query_one("#detail").render()),
                "heading": str(screen.query_one("#heading").render()),
            })
            await pilot.press("s")
            await settle(pilot)
    return out


@pytest.mark.parametrize("typed", ["", "example", "source:opened"])
async def test_every_order_from_the_index_is_the_notebooks(root: Path, typed: str) -> None:
    nb = Notebook.open(root)  # reading states that tell the orders apart (the index kept in step)
    for i, record in enumerate(nb.articles()[::3]):
        nb.update_article(record.id, read=i % 3 == 0, progress=i / 10,
                          last_read=f"2024-02-{10 + i:02d}T00:00:00Z")
    nb.close()
    eager = await listed(
        make_app(None, library=Library(Notebook.open(root)), refresh_seconds=None), typed
    )
    assert await listed(started(root), typed) == eager
    assert len({tuple(a.id for a in seen["shown"]) for seen in eager}) >= 4  # orders differ
    assert all(len(seen["shown"]) == 30 for seen in eager)


async def test_start_reads_one_page_of_records_and_no_highlight_shard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The library of a notebook larger than a page is shown from a fresh index: a page of
    article records read (the index's all-articles read never made), no highlight shard
    opened by anything the start does (seen by an audit hook: Python's own record of every
    file opened)."""
    import sys

    from tui.core.notebook.pages import PAGE, ArticlePages

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("GLOSS_NO_INDEX", raising=False)
    root = tmp_path / "nb"
    generate(root, 300, PAGE + 50)
    reindex(root)
    shards = str(root / "highlights")
    opened: list[str] = []
    watching = [True]

    def hook(event: str, args: tuple[Any, ...]) -> None:
        path = args[0] if event == "open" and args else None
        if watching[0] and isinstance(path, str | Path) and str(path).startswith(shards):
            opened.append(str(path))

    sys.addaudithook(hook)  # hooks cannot be removed: this one stops watching at the end
    try:
        app = started(root)
        lazy = app.library.notebook if app.library is not None else None
        assert isinstance(lazy, LazyNotebook)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, LibraryScreen)
            assert isinstance(screen.records, ArticlePages)
            assert len(screen.shown) == PAGE + 50
            assert screen.records.read == PAGE  # the first page: the rows painted are in it
            assert lazy._index is not None and lazy._index._articles is None
            watching[0] = False
            nb = Notebook.open(root, read_only=True)  # the records, from the files
            first = nb.article(nb.library_ids()[0])
            assert first is not None and screen.shown[0] == first
            assert screen.rows.render_line(0).text[2:22] == first.title[:20]
        assert lazy.opened is None
        assert opened == []
        watching[0] = True  # the hook does see a shard read: the notebook's own open reads them
        assert len(Notebook.open(root, read_only=True).highlights()) == 300
        assert opened
    finally:
        watching[0] = False
