"""The notebook screen (key ``m``) answers from the query index (issue 19): the highlight ids
in the filter's order come from one query and a row's record is read with its page, the
filter's choices and the counts come from the index, and the source, orphan and flagged
filters are answered without loading every highlight. What it lists is exactly what the
screen listed when it built every highlight first (the notebook's query, filtered in
Python), for every order and filter, from the index and from the loaded notebook alike."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from tests.support.notebookgen import generate
from tests.support.reader_app import SIZE, make_app, settle
from tui.core.loader import prepare_start
from tui.core.notebook import LazyNotebook, Notebook, reindex
from tui.ui.app import GlossApp
from tui.ui.dialogs.tags import TagsDialog
from tui.ui.screens.notebook import NotebookScreen


def started(root: Path) -> GlossApp:
    """The app on what prepare_start opens, as `gloss --notebook ROOT` runs it."""
    start = prepare_start(None, notebook=root, background=False)
    return make_app(None, library=start.library, loader=start.loader, refresh_seconds=None)


async def test_opening_the_notebook_screen_reads_no_highlight_shard_and_one_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``m`` on a notebook larger than a page, from a fresh index: no highlight shard opened
    (seen by an audit hook: Python's own record of every file opened), the index's read of
    every article record never made, and one page of highlight records read."""
    from tui.core.notebook.pages import PAGE

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("GLOSS_NO_INDEX", raising=False)
    root = tmp_path / "nb"
    generate(root, PAGE * 3, 40)
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
            await pilot.press("m")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, NotebookScreen)
            assert screen.orphans is not None  # the orphan check has run too
            assert len(screen.shown) == PAGE * 3
            assert str(screen.query_one("#heading").content).startswith(
                f"Notebook · {PAGE * 3:,} highlights")
            assert getattr(screen.shown, "read", None) == PAGE  # the rows painted: one page
            assert lazy._index is not None and lazy._index._articles is None
            await pilot.press("t")  # the tag dialog's completer: the index's tags
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, TagsDialog)
            await pilot.press("escape")
            await settle(pilot)
            watching[0] = False
            nb = Notebook.open(root, read_only=True)  # from the files
            first = nb.query(screen.panel.highlight_filter())[0]
            assert screen.shown[0] == first
            assert screen.panel._tags.tags == list(nb.tags())
        assert lazy.opened is None
        assert opened == []
    finally:
        watching[0] = False


# -- the same rows as the screen listed when it built every highlight ---------------------

# Titles alike but for case and accents: "by article" orders their highlights by the folded
# title, then the article id; the article control lists them by title as written, then id.
TITLES = ("Café society", "cafe society", "CAFÉ SOCIETY", "Éclair", "eclair", "Zebra")


@pytest.fixture
def mixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A seeded random notebook with alike titles, imported articles, orphans and changed
    quotes (a re-saved article lost a block), and highlights sync flagged."""
    import dataclasses
    import random

    from tests.support.notebookgen import make_article, make_highlight
    from tui.core.model.highlight import Overwritten
    from tui.core.notebook import DELETED_ELSEWHERE

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("GLOSS_NO_INDEX", raising=False)
    root = tmp_path / "nb"
    made = generate(root, 260, 16)
    nb = Notebook.open(root)
    rng = random.Random(5)
    for i, title in enumerate(TITLES):
        article = dataclasses.replace(make_article(rng, 100 + i), title=title)
        record = nb.save_article(article, imported_from="kindle" if i % 2 else None,
                                 saved="2024-03-01T00:00:00Z")
        nb.add_highlights([make_highlight(rng, article, record.id) for _ in range(4)])
    # Sync kept something aside in three highlights (one of them only a tag: not flagged).
    kept = [("note", "Theirs"), ("color", "blue"), ("tags", "x")]
    for hid, (name, value) in zip(made.highlight_ids[:3], kept, strict=True):
        h = nb.highlight(hid)
        assert h is not None
        nb.update_highlight(dataclasses.replace(
            h, history=(Overwritten(name, value, "2024-05-01T00:00:00Z"),)))
    gone = nb.highlight(made.highlight_ids[3])
    assert gone is not None
    nb.update_highlight(dataclasses.replace(
        gone, history=(Overwritten(DELETED_ELSEWHERE, "", "2024-05-02T00:00:00Z"),)))
    # A new version of the two most highlighted articles, a block gone and words changed.
    for article in made.articles[:2]:
        blocks = (article.blocks[0], *(
            dataclasses.replace(b, text=b.text.replace(" the ", " thee "), spans=())
            for b in article.blocks[2:]))
        nb.save_article(dataclasses.replace(article, blocks=blocks))
    reindex(root)
    return root


def old_screen(nb: Notebook, f: Any, source: str | None, orphans: bool,
               flagged: bool) -> list[str]:
    """What the screen listed before issue 19: every highlight the notebook's query built,
    then filtered in Python by source, orphan state and sync's flags."""
    from tui.core.model import source_of
    from tui.core.notebook import conflict_notes
    from tui.core.orphans import quote_states

    items = nb.query(f)
    if source is not None:
        sources = {a.id: source_of(a) for a in nb.articles()}
        items = [h for h in items if sources.get(h.article_id) == source]
    if orphans:
        states = quote_states(nb, nb.highlights())
        items = [h for h in items if states[h.id].orphan
                 or (states[h.id].changed and states[h.id].current is not None)]
    if flagged:
        items = [h for h in items if h.history and conflict_notes(h)]
    return [h.id for h in items]


async def listings(app: GlossApp, cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The notebook screen after each case's controls are set: the ids listed, the rows
    painted, the heading, the detail, and the article and source choices offered."""
    from textual.widgets import Checkbox, Select, SelectionList

    from tui.core.notebook import HighlightSort

    out = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NotebookScreen)
        panel = screen.panel
        offered = {name: list(panel.query_one(f"#{name}", Select)._options)
                   for name in ("article", "source")}
        for case in cases:
            for sort in HighlightSort:
                panel.clear()
                panel.set_sort(sort)
                panel.query_one("#text", Input).value = case.get("text", "")
                panel.query_one("#any-tags", Input).value = case.get("any", "")
                panel.set_article(case.get("article"))
                panel.set_source(case.get("source"))
                for color in case.get("colors", ()):
                    panel.query_one("#colors", SelectionList).select(color)
                panel.query_one("#since", Input).value = case.get("since", "")
                panel.query_one("#orphans", Checkbox).value = case.get("orphans", False)
                panel.query_one("#flagged", Checkbox).value = case.get("flagged", False)
                await settle(pilot)
                screen.rows.cursor = 2
                await pilot.pause()
                out.append({
                    "case": (case, sort),
                    "filter": panel.highlight_filter(),
                    "ids": [h.id for h in screen.shown],
                    "lines": [screen.rows.render_line(y).text for y in range(12)],
                    "heading": str(screen.query_one("#heading").content),
                    "detail": str(screen.query_one("#detail").render()),
                })
        out.append({"offered": offered})
    return out


async def test_every_order_and_filter_lists_what_the_screen_listed_before(mixed: Path) -> None:
    from tui.core.library import Library

    nb = Notebook.open(mixed, read_only=True)
    titles = {a.title: a.id for a in nb.articles()}
    cases: list[dict[str, Any]] = [
        {},
        {"text": "cafe"},
        {"any": "method, theory"},
        {"article": titles["Café society"]},
        {"source": "kindle"},
        {"source": "opened", "text": "the"},
        {"orphans": True},
        {"flagged": True},
        {"colors": ("green",), "since": "2024-06"},
    ]
    lazy_app = started(mixed)
    lazy = lazy_app.library.notebook if lazy_app.library is not None else None
    assert isinstance(lazy, LazyNotebook)
    from_index = await listings(lazy_app, cases)
    assert lazy.opened is None
    eager = await listings(
        make_app(None, library=Library(Notebook.open(mixed)), refresh_seconds=None), cases)
    assert from_index == eager
    sizes = set()
    for seen in eager[:-1]:
        case, _ = seen["case"]
        expected = old_screen(nb, seen["filter"], case.get("source"),
                              case.get("orphans", False), case.get("flagged", False))
        assert seen["ids"] == expected, seen["case"]
        sizes.add(len(expected))
    assert 0 not in sizes or len(sizes) > 5  # the cases tell highlights apart
    flagged = [len(s["ids"]) for s in eager[:-1] if s["case"][0].get("flagged")]
    assert flagged[0] == 3  # a note, a colour and a deletion kept aside; not a tag
    assert all(len(s["ids"]) for s in eager[:-1] if s["case"][0].get("orphans"))
    counts = nb.highlight_counts()
    choices = sorted((a.title, a.id) for a in nb.articles() if counts.get(a.id))
    assert [(str(p), v) for p, v in eager[-1]["offered"]["article"]][1:] == choices
    alike = [t for t, _ in choices if t in TITLES]
    assert alike == ["CAFÉ SOCIETY", "Café society", "Zebra", "cafe society", "eclair", "Éclair"]


# -- acting on what is shown, across pages ------------------------------------------------


@pytest.fixture
def big(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A notebook of several pages of highlights, indexed."""
    from tui.core.notebook.pages import PAGE

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("GLOSS_NO_INDEX", raising=False)
    root = tmp_path / "nb"
    generate(root, PAGE * 3, 30)
    reindex(root)
    return root


async def test_marks_tags_renames_deletes_and_the_export_scope_reach_every_page(
    big: Path,
) -> None:
    """Three colours of five: more highlights than a page. Marking them all reads no record;
    the export offers exactly them; tagging, renaming and deleting reach every one."""
    from textual.widgets import SelectionList

    from tui.core.notebook import HighlightFilter
    from tui.core.notebook.pages import PAGE

    colors = ("yellow", "green", "blue")
    wanted = [h.id for h in Notebook.open(big).query(HighlightFilter(colors=colors))]
    assert len(wanted) > PAGE + 20
    app = started(big)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NotebookScreen)
        for color in colors:
            screen.panel.query_one("#colors", SelectionList).select(color)
        await settle(pilot)
        screen.rows.focus()
        assert [h.id for h in screen.shown[:5]] == wanted[:5]
        await pilot.press("a")
        await settle(pilot)
        assert screen.marked == set(wanted)
        assert getattr(screen.shown, "read", None) == PAGE  # marking read no record
        scope = screen.export_scope()
        assert scope.shown == frozenset(wanted) and scope.shown_label
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"bulk", "enter")
        await settle(pilot)
        assert Notebook.open(big).tags()["bulk"] == len(wanted)
        await pilot.press("R")
        await pilot.pause()
        app.screen.query_one("#old", Input).value = "bulk"
        app.screen.query_one("#new", Input).value = "mass"
        await pilot.press("enter")
        await settle(pilot)
        nb = Notebook.open(big)
        assert nb.tags()["mass"] == len(wanted) and "bulk" not in nb.tags()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert screen.shown == [] and screen.marked == set()
        assert str(screen.query_one("#heading").content).startswith(
            f"Notebook · {PAGE * 3 - len(wanted):,} highlights")
    nb = Notebook.open(big)
    assert [nb.highlight(i) for i in wanted] == [None] * len(wanted)


async def test_another_process_write_is_listed_without_opening_the_notebook(big: Path) -> None:
    from tui.core.notebook import HighlightFilter

    app = started(big)
    lazy = app.library.notebook if app.library is not None else None
    assert isinstance(lazy, LazyNotebook)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NotebookScreen)
        first = screen.shown[0]
        other = Notebook.open(big)  # as `gloss` in another terminal would write
        other.delete_highlight(first.id)
        other.tag_highlights([screen.shown[1].id], add=["elsewhere"])
        app._look_for_changes()
        await settle(pilot)
        expected = Notebook.open(big).query(HighlightFilter())
        assert [h.id for h in screen.shown] == [h.id for h in expected]
        assert screen.shown[0].tags[-1] == "elsewhere"
        assert "elsewhere" in screen.panel._tags.tags
        assert lazy.opened is None
