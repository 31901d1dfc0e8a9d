"""Pilot tests of the notebook screen: the filter (the same HighlightFilter as the CLI's), sort,
jumping into the reader, orphans, marking, tagging and untagging in bulk, renaming and merging
tags, editing and deleting highlights, undo and redo; on real notebooks in tmp dirs."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import Input, SelectionList, TextArea

from tests.support.library_seed import (
    LONG,
    SEED,
    Seeded,
    frozen_clock,
    load_sample,
    mark,
    seed_notebook,
)
from tests.support.reader_app import SIZE, make_app, settle
from tui.core.library import Library
from tui.core.model.article import Article
from tui.core.notebook.api import Notebook
from tui.core.notebook.query import HighlightFilter, HighlightSort
from tui.core.text.dates import HINT
from tui.ui.app import GlossApp
from tui.ui.dialogs.confirm import ConfirmDialog
from tui.ui.dialogs.highlight import HighlightDialog
from tui.ui.dialogs.tags import RenameTagDialog, TagsDialog
from tui.ui.screens.notebook import NotebookScreen
from tui.ui.screens.reader.screen import ReaderScreen

NEWEST = [
    "The electric telegraph of the 1840s needed skilled",
    "None of this is a museum piece. The rule",
    "Melissa Rosenberg",
    "The Defenders",
    "Jessica Jones",
    "From telegraph to teleprinter",
]


@pytest.fixture
def seeded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Seeded:
    with frozen_clock(monkeypatch):
        return seed_notebook(tmp_path / "nb")


def notebook_app(path: Path) -> GlossApp:
    return make_app(None, library=Library(Notebook.open(path)), refresh_seconds=None)


async def open_notebook(app: GlossApp, pilot) -> NotebookScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("m")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, NotebookScreen)
    return screen


def quotes(screen: NotebookScreen) -> list[str]:
    return [h.quote for h in screen.shown]


def notes(app: GlossApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def heading(screen: NotebookScreen) -> str:
    return str(screen.query_one("#heading").content)


def by_quote(seeded: Seeded, text: str):  # type: ignore[no-untyped-def]
    return next(h for h in seeded.highlights if h.quote == text)


# -- listing and filtering --------------------------------------------------------------------


@pytest.mark.slow
async def test_lists_every_highlight_newest_first(seeded: Seeded) -> None:
    app = notebook_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_notebook(app, pilot)
        assert quotes(screen) == NEWEST
        assert heading(screen) == "Notebook · 6 highlights"
        row = screen.rows.render_line(0).text
        # Beside the filter at 110 columns the date hides first (the detail shows it).
        assert row.startswith("  ▌ The electric telegraph of the 1840s nee…  Carriage Retu…")
        assert row.rstrip().endswith("#essay")
        detail = str(screen.query_one("#detail").render())
        assert "Note: Élan vital, again." in detail
        assert "2026-03-10 · yellow · #essay" in detail


@pytest.mark.parametrize(
    ("keys", "expected_filter", "expected"),
    [
        (["slash", *"élan"], HighlightFilter(text="élan"), [NEWEST[0]]),
        (["slash", *"ELAN"], HighlightFilter(text="ELAN"), [NEWEST[0]]),  # case, accents
        (["slash", *"marvel"], HighlightFilter(text="marvel"), [NEWEST[3], NEWEST[4]]),  # tags
        (["f", *"marvel, tv"], HighlightFilter(all_tags=("marvel", "tv")), [NEWEST[4]]),
        (
            ["f", "tab", *"people tv"],
            HighlightFilter(any_tags=("people", "tv")),
            [NEWEST[1], NEWEST[2], NEWEST[4]],
        ),
        (
            ["f", *"#Essay", "tab", *"tv"],
            HighlightFilter(all_tags=("essay",), any_tags=("tv",)),
            [NEWEST[1]],
        ),
    ],
)
@pytest.mark.slow
async def test_typed_filters_are_the_notebooks_filter(
    seeded: Seeded, keys: list[str], expected_filter: HighlightFilter, expected: list[str]
) -> None:
    app = notebook_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_notebook(app, pilot)
        await pilot.press(*keys)
        await settle(pilot)
        assert screen.panel.highlight_filter() == expected_filter
        assert quotes(screen) == expected
        # What `gloss notebook list` gets for the same filter, in the same order.
        assert screen.shown == seeded.notebook().query(expected_filter)
        assert heading(screen) == f"Notebook · 6 highlights · {len(expected)} shown"


@pytest.mark.slow
async def test_article_colour_and_date_range(seeded: Seeded) -> None:
    app = notebook_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_notebook(app, pilot)
        seed_id = seeded.records[SEED].id
        screen.panel.set_article(seed_id)
        await settle(pilot)
        assert quotes(screen) == NEWEST[2:5]
        screen.panel.query_one("#colors", SelectionList).select("green")
        await settle(pilot)
        assert quotes(screen) == ["The Defenders"]
        screen.panel.set_article(None)
        screen.panel.query_one("#colors", SelectionList).select("blue")
        await settle(pilot)
        assert screen.panel.highlight_filter() == HighlightFilter(colors=("green", "blue"))
        assert quotes(screen) == ["Melissa Rosenberg", "The Defenders"]
        screen.panel.clear()
        await settle(pilot)
        assert quotes(screen) == NEWEST
        screen.panel.query_one("#since", Input).value = "2026-02"
        screen.panel.query_one("#until", Input).value = "2026-02"
        await settle(pilot)
        assert screen.panel.highlight_filter() == HighlightFilter(since="2026-02", until="2026-02")
        assert quotes(screen) == ["Melissa Rosenberg", "The Defenders"]


@pytest.mark.slow
async def test_relative_dates_count_back_from_today(seeded: Seeded) -> None:
    # The seeded highlights were all made before today, so "until today" keeps every one
    # and "since today" none: the words are read, not dropped as bad dates.
    app = notebook_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_notebook(app, pilot)
        screen.panel.query_one("#until", Input).value = "today"
        await settle(pilot)
        today = datetime.now(UTC).date().isoformat()
        assert screen.panel.highlight_filter() == HighlightFilter(until=today)
        assert quotes(screen) == NEWEST
        screen.panel.query_one("#until", Input).value = ""
        screen.panel.query_one("#since", Input).value = "0d"
        await settle(pilot)
        assert screen.panel.highlight_filter() == HighlightFilter(since=today)
        assert quotes(screen) == []


@pytest.mark.slow
async def test_a_bad_date_is_said_and_left_out(seeded: Seeded) -> None:
    app = notebook_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_notebook(app, pilot)
        screen.panel.query_one("#since", Input).value = "2026-13"
        await settle(pilot)
        assert quotes(screen) == NEWEST
        info = str(screen.query_one("#info").content)
        assert info == f"not a date: '2026-13' ({HINT})"
        assert screen.panel.query_one("#since", Input).has_class("-invalid")
        screen.panel.query_one("#since", Input).value = ""  # the same filter, now without fault
        await settle(pilot)
        info = str(screen.query_one("#info").content)
        assert info == "newest first · Enter show · space mark · t tag · ? keys"


@pytest.mark.slow
async def test_sort_cycles_and_clear_resets(seeded: Seeded) -> None:
    app = notebook_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_notebook(app, pilot)
        await pilot.press("s")
        await settle(pilot)
        assert notes(app)[-1] == "Sorted: oldest first."
        assert quotes(screen) == NEWEST[::-1]
        await pilot.press("s", "s")
        await settle(pilot)
        assert notes(app)[-1] == "Sorted: by article."
        assert screen.shown == seeded.notebook().query(HighlightFilter(sort=HighlightSort.ARTICLE))
        await pilot.press("slash", *"jones", "escape", "c")
        await settle(pilot)
        assert notes(app)[-1] == "Filter cleared."
        assert quotes(screen) == NEWEST
        assert screen.panel.highlight_filter() == HighlightFilter()


@pytest.mark.slow
async def test_escape_leaves_the_filter_then_the_screen(seeded: Seeded) -> None:
    app = notebook_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_notebook(app, pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press("escape")
        assert app.focused is screen.rows
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "LibraryScreen"
        await pilot.press("m")  # the notebook kept its state
        await settle(pilot)
        assert app.screen is screen


# -- into the reader --------------------------------------------------------------------------


@pytest.mark.slow
async def test_enter_shows_the_highlight_in_its_article(seeded: Seeded) -> None:
    # One more highlight, in the middle of the long read, far below the first screen.
    long, record = seeded.articles[LONG], seeded.records[LONG]
    deep = mark(long, record, long.blocks[40].text[:30], created="2026-03-12T10:00:00Z")
    seeded.notebook().add_highlight(deep)
    app = notebook_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_notebook(app, pilot)
        assert screen.current is not None and screen.current.id == deep.id
        await pilot.press("enter")
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.article is not None and reader.article.title == long.title
        offset = deep.target.position.start
        start, end = reader.view.visible_range()
        assert 0 < start <= offset < end
        # m goes back to the notebook, where the cursor was.
        await pilot.press("m")
        await settle(pilot)
        assert app.screen is screen and screen.current.id == deep.id
        # Another jump reuses the reader, and puts the highlight a third of the way down.
        await pilot.press("g", "enter")
        await settle(pilot)
        assert app.screen is reader and reader.view.top_offset != 0
        point = reader.view.point_of(offset)
        assert point is not None and point.y == reader.view.visible_height // 3
        assert reader.cursor == offset  # the reading cursor is on it, for the highlight keys
        # Another article, then back to this one: the jump happens each time.
        await pilot.press("m", "down", "down", "down", "enter")
        await settle(pilot)
        seed_offset = by_quote(seeded, "Melissa Rosenberg").target.position.start
        assert reader.article.title == seeded.articles[SEED].title
        start, end = reader.view.visible_range()
        assert start <= seed_offset < end


@pytest.mark.slow
async def test_orphans_are_marked_listed_and_explained(seeded: Seeded) -> None:
    # A new version of the seed article that no longer names Melissa Rosenberg.
    nb = seeded.notebook()
    old: Article = seeded.articles[SEED]
    blocks = tuple(
        dataclasses.replace(
            b,
            text=b.text.replace("Melissa Rosenberg", "the showrunner").replace("Rosenberg", "she"),
            spans=(),
        )
        for b in old.blocks
    )
    nb.save_article(dataclasses.replace(old, blocks=blocks))
    orphan = by_quote(seeded, "Melissa Rosenberg")
    app = notebook_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_notebook(app, pilot)
        assert screen.orphans is not None and screen.orphans.ids == {orphan.id}
        assert heading(screen) == "Notebook · 6 highlights · 1 orphan"
        assert screen.rows.render_line(2).text.startswith("  ▌ ⚠ Melissa Rosenberg ")
        await pilot.press("o")
        await settle(pilot)
        assert quotes(screen) == ["Melissa Rosenberg"]
        detail = str(screen.query_one("#detail").render())
        assert "Orphan: this text is no longer in the saved article" in detail
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert (
            "This highlight is an orphan: its text is no longer in the saved article. "
            "It stays in the notebook; X lists the orphans to re-attach."
        ) in notes(app)
        assert seeded.notebook().highlight(orphan.id) is not None


async def test_changed_quotes_keep_their_words_and_are_flagged(seeded: Seeded) -> None:
    # A new version of the article that rewords a highlighted sentence (issue 13, finding 2).
    nb = seeded.notebook()
    words = NEWEST[0]
    changed = by_quote(seeded, words)
    old = next(a for a in seeded.articles.values() if words in a.text)
    now = "The electrical telegraph of the 1840s required skilled"
    blocks = tuple(
        dataclasses.replace(b, text=b.text.replace(words, now), spans=()) for b in old.blocks
    )
    nb.save_article(dataclasses.replace(old, blocks=blocks))
    app = notebook_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_notebook(app, pilot)
        assert screen.orphans is not None and dict(screen.orphans.changed) == {changed.id: now}
        assert heading(screen) == "Notebook · 6 highlights · 1 changed at the source"
        line = screen.rows.render_line(0).text
        assert line.startswith("  ▌ ≠ The electric telegraph of the 1840s n…  ")
        await pilot.press("o")
        await settle(pilot)
        assert quotes(screen) == [words], "the filter keeps it, with the words highlighted"
        detail = str(screen.query_one("#detail").render())
        assert f"Changed at the source: the page now reads “{now}”" in detail
        assert seeded.notebook().highlight(changed.id).quote == words
        # Only when asked (W), the quote takes the page's wording, and is no longer flagged.
        await pilot.press("W")
        await settle(pilot)
        assert notes(app)[-1] == f"The quote now reads as the page does: “{now}”"
        assert seeded.notebook().highlight(changed.id).quote == now
        assert screen.orphans is not None and dict(screen.orphans.changed) == {}
        await pilot.press("W")
        await settle(pilot)
        assert notes(app)[-1] == "No highlight here."  # the filter shows none flagged now


# -- marks and tags ---------------------------------------------------------------------------


@pytest.mark.slow
async def test_mark_some_then_tag_and_untag_them(seeded: Seeded) -> None:
    app = notebook_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_notebook(app, pilot)
        await pilot.press("space", "down", "space")  # the first and the third
        assert heading(screen) == "Notebook · 6 highlights · 2 marked"
        assert screen.rows.render_line(0).text.startswith("● ")
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TagsDialog)
        await pilot.press(*"review, Essay", "enter")
        await settle(pilot)
        assert notes(app)[-1] == "Tagged 2 highlights with #review #essay. u undoes."
        first, third = by_quote(seeded, NEWEST[0]), by_quote(seeded, NEWEST[2])
        nb = seeded.notebook()
        assert nb.highlight(first.id).tags == ("essay", "review")
        assert nb.highlight(third.id).tags == ("people", "review", "essay")
        assert nb.tags()["review"] == 2
        await pilot.press("T")
        await pilot.pause()
        await pilot.press(*"review", "enter")
        await settle(pilot)
        assert notes(app)[-1] == "Untagged 2 highlights from #review. u undoes."
        assert "review" not in seeded.notebook().tags()
        assert seeded.notebook().highlight(first.id).tags == ("essay",)


@pytest.mark.slow
async def test_without_marks_the_current_highlight_is_tagged(seeded: Seeded) -> None:
    app = notebook_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        await open_notebook(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        assert str(app.screen.query_one(".dialog--title").content) == "Add tags to 1 highlight"
        await pilot.press(*"essay", "enter")
        await settle(pilot)
        assert notes(app)[-1] == "Tagged 0 highlights with #essay (1 already had them)."


@pytest.mark.slow
async def test_mark_all_shown_and_unmark(seeded: Seeded) -> None:
    app = notebook_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_notebook(app, pilot)
        await pilot.press("slash", *"telegraph", "escape", "a")
        await settle(pilot)
        assert notes(app)[-1] == "2 highlights marked."
        # Marks outlive the filter: clearing it shows them among the rest.
        await pilot.press("c")
        await settle(pilot)
        assert heading(screen) == "Notebook · 6 highlights · 2 marked"
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"wires", "enter")
        await settle(pilot)
        assert seeded.notebook().tags()["wires"] == 2
        await pilot.press("A")
        assert heading(screen) == "Notebook · 6 highlights"


@pytest.mark.slow
async def test_rename_a_tag_everywhere_and_merge_one(seeded: Seeded) -> None:
    app = notebook_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_notebook(app, pilot)
        await pilot.press("f", *"essay", "escape")
        await settle(pilot)
        await pilot.press("R")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RenameTagDialog)
        assert dialog.query_one("#old", Input).value == "essay"  # the current one's tag
        await pilot.press(*"long-form", "enter")
        await settle(pilot)
        assert notes(app)[-1] == "Renamed #essay to #long-form on 2 highlights. u undoes."
        assert seeded.notebook().tags() == {"marvel": 2, "long-form": 2, "tv": 2, "people": 1}
        # The filter follows the rename, so the list still shows the same highlights.
        assert screen.panel.highlight_filter().all_tags == ("long-form",)
        assert len(screen.shown) == 2
        await pilot.press("c", "R")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RenameTagDialog)
        dialog.query_one("#old", Input).value = "people"
        await pilot.press(*"marvel", "enter")
        await settle(pilot)
        assert notes(app)[-1] == "Merged #people into #marvel on 1 highlight. u undoes."
        assert seeded.notebook().tags() == {"marvel": 3, "long-form": 2, "tv": 2}


@pytest.mark.slow
async def test_rename_refuses_what_cannot_be_done(seeded: Seeded) -> None:
    app = notebook_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        await open_notebook(app, pilot)
        await pilot.press("R")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RenameTagDialog)
        problem = dialog.query_one("#problem")
        await pilot.press("enter")
        assert str(problem.content) == "Both the tag and its new name are needed."
        dialog.query_one("#old", Input).value = "nope"
        await pilot.press(*"x", "enter")
        assert str(problem.content) == "No highlight has the tag nope."
        dialog.query_one("#old", Input).value = "x"
        assert isinstance(app.screen, RenameTagDialog)


@pytest.mark.slow
async def test_other_processes_highlights_show_up(seeded: Seeded) -> None:
    app = notebook_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_notebook(app, pilot)
        other = seeded.notebook()
        other.delete_highlight(by_quote(seeded, "Jessica Jones").id)
        app._look_for_changes()
        await settle(pilot)
        assert quotes(screen) == [q for q in NEWEST if q != "Jessica Jones"]
        assert heading(screen) == "Notebook · 5 highlights"


@pytest.fixture
def no_highlights(tmp_path: Path) -> Path:
    Notebook.open(tmp_path / "nb").save_article(load_sample(LONG))
    return tmp_path / "nb"


@pytest.mark.slow
async def test_an_empty_notebook_says_how_to_fill_it(no_highlights: Path) -> None:
    app = notebook_app(no_highlights)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_notebook(app, pilot)
        assert screen.shown == []
        assert screen.rows.message.startswith("The notebook has no highlights yet.")
        await pilot.press("enter", "t")
        assert notes(app)[-2:] == ["No highlight here.", "No highlight here."]


# -- editing, deleting, undo ------------------------------------------------------------------


async def test_edit_the_highlight_merges_what_another_process_wrote(seeded: Seeded) -> None:
    app = notebook_app(seeded.path)
    first = by_quote(seeded, NEWEST[0])
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_notebook(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, HighlightDialog)
        assert dialog.query_one("#tags", Input).value == "essay"
        # Meanwhile another process tags it: the dialog's change is made on top of that.
        seeded.notebook().tag_highlights([first.id], add=["wires"])
        await pilot.press(*" review")
        dialog.query_one("#note", TextArea).text = "Skilled hands"
        await pilot.press("ctrl+s")
        await settle(pilot)
        stored = seeded.notebook().highlight(first.id)
        assert (stored.tags, stored.note) == (("essay", "wires", "review"), "Skilled hands")
        assert notes(app)[-1] == "Saved the highlight. u undoes."
        assert screen.current is not None and screen.current.note == "Skilled hands"
        await pilot.press("u")
        await settle(pilot)
        assert notes(app)[-1] == "Undid the edit of a highlight."
        stored = seeded.notebook().highlight(first.id)
        assert (stored.tags, stored.note) == (("essay", "wires"), first.note)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert notes(app)[-1] == "Redid the edit of a highlight."
        assert seeded.notebook().highlight(first.id).note == "Skilled hands"


async def test_an_edit_that_changes_nothing_is_not_a_step(seeded: Seeded) -> None:
    app = notebook_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        await open_notebook(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, HighlightDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert notes(app)[-1] == "Nothing changed."
        await pilot.press("u")
        assert notes(app)[-1] == "Nothing to undo."


async def test_delete_the_highlight_under_the_cursor_then_undo_and_redo(seeded: Seeded) -> None:
    app = notebook_app(seeded.path)
    first = by_quote(seeded, NEWEST[0])
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_notebook(app, pilot)
        await pilot.press("d")  # one: no question
        await settle(pilot)
        assert notes(app)[-1] == "Deleted the highlight. u undoes."
        assert seeded.notebook().highlight(first.id) is None
        assert quotes(screen) == NEWEST[1:]
        await pilot.press("u")
        await settle(pilot)
        assert notes(app)[-1] == "Undid deleting a highlight."
        assert seeded.notebook().highlight(first.id) == first
        assert quotes(screen) == NEWEST
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert notes(app)[-1] == "Redid deleting a highlight."
        assert seeded.notebook().highlight(first.id) is None
        await pilot.press("ctrl+r")
        assert notes(app)[-1] == "Nothing to redo."


async def test_delete_the_marked_highlights_after_asking(seeded: Seeded) -> None:
    app = notebook_app(seeded.path)
    doomed = [by_quote(seeded, q) for q in NEWEST[:3]]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_notebook(app, pilot)
        await pilot.press("space", "space", "space", "d")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert dialog.question == "Delete 3 highlights? u undoes it."
        await pilot.press("n")  # no: nothing changes
        await settle(pilot)
        assert len(seeded.notebook().highlights()) == 6
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert notes(app)[-1] == "Deleted 3 highlights. u undoes."
        assert quotes(screen) == NEWEST[3:]
        assert heading(screen) == "Notebook · 3 highlights"
        await pilot.press("u")
        await settle(pilot)
        assert notes(app)[-1] == "Undid deleting 3 highlights."
        nb = seeded.notebook()
        assert [nb.highlight(h.id) for h in doomed] == doomed
        assert quotes(screen) == NEWEST


async def test_tag_and_untag_are_undone_and_redone(seeded: Seeded) -> None:
    app = notebook_app(seeded.path)
    first, third = by_quote(seeded, NEWEST[0]), by_quote(seeded, NEWEST[2])
    async with app.run_test(size=SIZE) as pilot:
        await open_notebook(app, pilot)
        await pilot.press("space", "down", "space", "t")
        await pilot.pause()
        await pilot.press(*"review", "enter")
        await settle(pilot)
        assert notes(app)[-1] == "Tagged 2 highlights with #review. u undoes."
        await pilot.press("T")
        await pilot.pause()
        await pilot.press(*"essay", "enter")
        await settle(pilot)
        assert notes(app)[-1] == (
            "Untagged 1 highlight from #essay (1 already lacked them). u undoes."
        )

        def tags() -> tuple[tuple[str, ...], ...]:
            nb = seeded.notebook()
            return nb.highlight(first.id).tags, nb.highlight(third.id).tags

        assert tags() == (("review",), ("people", "review"))
        await pilot.press("u")
        await settle(pilot)
        assert notes(app)[-1] == "Undid the tag change on a highlight."
        # The tag is back (as the notebook merges tags: at the end).
        assert tags() == (("review", "essay"), ("people", "review"))
        await pilot.press("u")
        await settle(pilot)
        assert notes(app)[-1] == "Undid the tag change on 2 highlights."
        assert tags() == (("essay",), ("people",))
        await pilot.press("u")
        assert notes(app)[-1] == "Nothing to undo."
        await pilot.press("ctrl+r", "ctrl+r")
        await settle(pilot)
        assert tags() == (("review",), ("people", "review"))


async def test_rename_and_merge_are_undone(seeded: Seeded) -> None:
    app = notebook_app(seeded.path)
    async with app.run_test(size=SIZE) as pilot:
        await open_notebook(app, pilot)
        before = {h.id: h for h in seeded.notebook().highlights()}
        await pilot.press("R")
        await pilot.pause()
        app.screen.query_one("#old", Input).value = "people"
        await pilot.press(*"marvel", "enter")
        await settle(pilot)
        assert notes(app)[-1] == "Merged #people into #marvel on 1 highlight. u undoes."
        await pilot.press("u")
        await settle(pilot)
        assert notes(app)[-1] == "Undid the tag change on a highlight."
        assert {h.id: h for h in seeded.notebook().highlights()} == before
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert seeded.notebook().tags() == {"marvel": 3, "essay": 2, "tv": 2}


async def test_an_undo_is_refused_when_another_process_changed_the_highlight(
    seeded: Seeded,
) -> None:
    app = notebook_app(seeded.path)
    first, third = by_quote(seeded, NEWEST[0]), by_quote(seeded, NEWEST[2])
    async with app.run_test(size=SIZE) as pilot:
        await open_notebook(app, pilot)
        await pilot.press("space", "down", "space", "t")
        await pilot.pause()
        await pilot.press(*"review", "enter")
        await settle(pilot)
        other = seeded.notebook()
        noted = other.update_highlight(other.highlight(third.id).edited(note="Mine"))
        await pilot.press("u")
        await settle(pilot)
        assert notes(app)[-1] == "that highlight was changed elsewhere since; left as it is"
        nb = seeded.notebook()
        # All or nothing: the other highlight keeps its tag too, and the note stays.
        assert nb.highlight(first.id).tags == ("essay", "review")
        assert nb.highlight(third.id) == noted
