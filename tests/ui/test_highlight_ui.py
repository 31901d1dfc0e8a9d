"""Highlighting in the reader, end to end in Pilot: keys and the mouse select, the notebook
keeps exactly what was selected, with its tags, note and colour."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.cli.test_cli_notebook import gloss
from tests.support.reader_app import SEED, SIZE, make_app, reader, settle, status, view, view_rows
from tui.core.config import Config, HighlightSettings
from tui.core.export.citation import accessed_on, quote_block
from tui.core.library import Library
from tui.core.model.highlight import Highlight
from tui.core.notebook.api import Notebook
from tui.ui.app import GlossApp
from tui.ui.dialogs.highlight import HighlightDialog
from tui.ui.widgets.tag_suggester import TagSuggester

ROSENBERG = (
    "My colleagues Marco Ramirez and Doug Petrie, who are doing Defenders, they've shared "
    "material. We've sat down for many conversations about what are they doing, what's "
    "happening with Jessica? They want my input, they want all the different showrunners' "
    "input on the characters that they're most familiar with. . . . They enjoy collaboration, "
    "which is not always the case, and they listen, and we listen to them. We're really "
    "trying to find a way to respond to the things that they want to do, and them to respond "
    "to the things we want to do. So far so good. It's working out."
)


def notes(app: GlossApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def app_with_notebook(tmp_path: Path, **kwargs: Any) -> GlossApp:
    return make_app(SEED, library=Library(Notebook.open(tmp_path / "nb")), **kwargs)


def stored(app: GlossApp) -> list[Highlight]:
    """What a fresh process would read from the notebook's files."""
    notebook = app.notebook
    assert notebook is not None
    return Notebook.open(notebook.path, read_only=True).highlights()


def text_of(app: GlossApp) -> str:
    article = reader(app).article
    assert article is not None
    return article.text


async def drag(pilot: Pilot[Any], start: int, last: int) -> None:
    """Drag the mouse from the character at ``start`` to the one at ``last`` (inclusive)."""
    reader_view = view(pilot.app)
    origin, target = reader_view.point_of(start), reader_view.point_of(last)
    assert origin is not None and target is not None
    await pilot.mouse_down(reader_view, offset=origin)
    await pilot.hover(reader_view, offset=target)
    await pilot.mouse_up(reader_view, offset=target)
    await pilot.pause()


# -- the story ------------------------------------------------------------------------------


@pytest.mark.slow
async def test_select_the_quote_with_keys_tag_it_and_copy_it(tmp_path: Path) -> None:
    app = app_with_notebook(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        text = text_of(app)
        assert (screen.cursor, text[:4]) == (0, "The ")
        assert [(d.start, d.end) for d in view(app).decorations.get("cursor")] == [(0, 0)]

        await pilot.press("right_curly_bracket")
        assert text[screen.cursor :].startswith("My colleagues")
        await pilot.press("v", "right_curly_bracket")
        await pilot.pause()
        assert status(app).mode == "VISUAL"
        start, end = screen.selection.bounds
        assert text[start:end] == ROSENBERG
        assert [(d.start, d.end) for d in view(app).decorations.get("selection")] == [
            (start, end)
        ]

        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, HighlightDialog)
        await pilot.press(*"collaboration defenders", "tab")
        await pilot.press(*"Rosenberg: the Defenders team shares material", "tab", "right")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen

        (highlight,) = stored(app)
        assert highlight.quote == ROSENBERG
        assert highlight.tags == ("collaboration", "defenders")
        assert highlight.note == "Rosenberg: the Defenders team shares material"
        assert highlight.color == "green"
        assert highlight.target.position.start == text.index(ROSENBERG)
        # Shown: the cursor is on it, the status line says what it is, the lines are marked.
        assert status(app).mode == "READ"
        assert status(app).info == (
            "green highlight · #collaboration #defenders · "
            "Rosenberg: the Defenders team shares material"
        )
        layer = view(app).decorations.get("highlight")
        assert [(d.start, d.end, d.component, d.gutter) for d in layer] == [
            (start, end, "reader--hl-green", "▌")
        ]
        marked = [row for row in view_rows(app) if row.lstrip().startswith("▌ │")]
        assert len(marked) == 8  # every line of the quote, and only those

        await pilot.press("y")
        await pilot.pause()
        record = screen.opened.record
        assert app.clipboard == quote_block(highlight, record, "mla", accessed_on(record.saved),
                                            body=screen.article,
                                            start=highlight.target.position.start)
        # The words highlighted, with the page's italics kept (as the export keeps them).
        italic = ROSENBERG.replace("Defenders", "*Defenders*", 1)
        assert app.clipboard.startswith(f"> {italic}\n>\n> — Venable, Nick. “How The")
        assert "Copied the quote with its citation to the clipboard" not in " ".join(notes(app))
        assert any(n.startswith("No system clipboard took the quote") for n in notes(app))

        # One undo takes back the highlight and its tags (they came from one dialog).
        await pilot.press("u")
        await pilot.pause()
        assert stored(app) == []
        assert view(app).decorations.get("highlight") == []
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert stored(app) == [highlight]


async def test_count_motions_select_the_same_paragraph(tmp_path: Path) -> None:
    app = app_with_notebook(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_curly_bracket", "v", "7", "right_parenthesis", "h")
        await pilot.pause()
        assert [h.quote for h in stored(app)] == [ROSENBERG]
        assert stored(app)[0].color == "yellow"


# -- the mouse ----------------------------------------------------------------------------


@pytest.mark.slow
async def test_a_drag_selects_and_the_keys_act_on_it(tmp_path: Path) -> None:
    app = app_with_notebook(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = text_of(app)
        start = text.index("So far so good.")
        await drag(pilot, start, start + len("So far so good.") - 1)
        assert status(app).mode == "VISUAL"
        assert "15 characters" in status(app).info
        await pilot.press("h")
        await pilot.pause()
        assert [h.quote for h in stored(app)] == ["So far so good."]

        # Backwards over four lines, then a sentence off its start with the keys; a.
        first = text.index("They enjoy collaboration")
        last = text.index("It's working out.") + len("It's working out.") - 1
        await drag(pilot, last, first)
        assert reader(app).selection.head == first
        await pilot.press("right_parenthesis")  # the left end moves: a sentence shorter
        await pilot.press("a", *"collaboration", "enter")
        await pilot.pause()
        assert {h.quote: h.tags for h in stored(app)} == {
            "So far so good.": (),
            "We're really trying to find a way to respond to the things that they want to do, "
            "and them to respond to the things we want to do. So far so good. It's working "
            "out.": ("collaboration",),
        }


async def test_a_drag_from_the_margin_to_past_the_line_end_takes_whole_lines(
    tmp_path: Path,
) -> None:
    app = app_with_notebook(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader_view = view(app)
        rows = view_rows(app)
        assert rows[16].strip().startswith("│ find a way to respond")
        await pilot.mouse_down(reader_view, offset=(2, 16))  # the left margin
        await pilot.hover(reader_view, offset=(105, 17))  # right of the text
        await pilot.mouse_up(reader_view, offset=(105, 17))
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard.startswith(
            "> find a way to respond to the things that they want to do, and them to respond "
            "to the things we want to do. So far so good. It's working out.\n>\n> — Venable"
        )


@pytest.mark.slow
async def test_a_click_moves_the_cursor_and_a_double_click_selects_a_word(
    tmp_path: Path,
) -> None:
    app = app_with_notebook(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = text_of(app)
        at = text.index("Kilgrave")
        point = view(app).point_of(at + 2)
        await pilot.click(view(app), offset=point)
        await pilot.pause()
        assert (reader(app).cursor, reader(app).selection) == (at + 2, None)
        await pilot.click(view(app), offset=point, times=2)
        await pilot.pause()
        start, end = reader(app).selection.span(text)
        assert text[start:end] == "Kilgrave"


# -- making, editing, deleting --------------------------------------------------------------


async def test_h_highlights_the_sentence_under_the_cursor(tmp_path: Path) -> None:
    app = app_with_notebook(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_parenthesis", "w", "h")
        await pilot.pause()
        (highlight,) = stored(app)
        assert highlight.quote == (
            "Jessica will be moving on in Season 2, though we're not quite sure where that "
            "will be, since it isn't scheduled to premiere until after The Defenders brings "
            "the street-level heroes together."
        )
        await pilot.press("h")
        await pilot.pause()
        assert notes(app)[-1] == (
            "Already highlighted: a edits it, c then 1–5 recolour it, x deletes it."
        )
        assert len(stored(app)) == 1


@pytest.mark.slow
async def test_the_same_passage_highlighted_again_is_the_same_highlight(tmp_path: Path) -> None:
    config = Config(highlight=HighlightSettings(tags={"green": "quote-for-review"}))
    app = app_with_notebook(tmp_path, config=config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = text_of(app)
        start = text.index("So far so good.")
        last = start + len("So far so good.") - 1
        await drag(pilot, start, last)
        await pilot.press("h")
        await pilot.pause()
        (first,) = stored(app)

        # Selected again and coloured: the same highlight, recoloured, the colour's tag added.
        await drag(pilot, start, last)
        await pilot.press("c", "2")
        await pilot.pause()
        (merged,) = stored(app)
        assert merged.id == first.id
        assert (merged.color, merged.tags) == ("green", ("quote-for-review",))
        assert notes(app)[-1] == "Already highlighted: coloured green, added tag quote-for-review."
        assert status(app).mode == "READ"
        assert len(view(app).decorations.get("highlight")) == 1

        # h on it again adds nothing, and says how to change it.
        await drag(pilot, start, last)
        await pilot.press("h")
        await pilot.pause()
        assert stored(app) == [merged]
        assert notes(app)[-1] == (
            "Already highlighted: a edits it, c then 1–5 recolour it, x deletes it."
        )

        # a on it again edits it (the dialog holds its tags), rather than making another.
        await drag(pilot, start, last)
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, HighlightDialog)
        assert app.screen.query_one("#tags").value == "quote-for-review"
        await pilot.press("escape")
        await pilot.pause()
        assert stored(app) == [merged]

        # Undo puts the highlight back as it was before it was highlighted again.
        await pilot.press("u")
        await pilot.pause()
        assert stored(app) == [first]
        assert notes(app)[-1] == "Undid an edit."
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert stored(app) == [merged]


@pytest.mark.slow
async def test_gloss_highlight_beside_the_reader_adds_to_its_highlight(tmp_path: Path) -> None:
    app = app_with_notebook(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = text_of(app)
        start = text.index("So far so good.")
        await drag(pilot, start, start + len("So far so good.") - 1)
        await pilot.press("h")
        await pilot.pause()
        (first,) = stored(app)
        done = gloss(
            "highlight", SEED, "--quote", "so far so good.", "--tag", "optimism",
            "--notebook", tmp_path / "nb",
        )
        assert (done.returncode, done.stdout) == (0, first.id + "\n"), done.stderr
        reader(app).look_for_highlights()  # what the timer does
        await pilot.pause()
        (merged,) = stored(app)
        assert (merged.id, merged.tags) == (first.id, ("optimism",))
        assert [p.highlight for p in reader(app).placed] == [merged]


@pytest.mark.slow
async def test_colour_keys_and_the_colour_tag_binding(tmp_path: Path) -> None:
    config = Config(highlight=HighlightSettings(tags={"green": "quote-for-review"}))
    app = app_with_notebook(tmp_path, config=config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c", "2")  # no selection, no highlight: the sentence, in green
        await pilot.pause()
        (highlight,) = stored(app)
        assert (highlight.color, highlight.tags) == ("green", ("quote-for-review",))
        await pilot.press("c", "4")  # on it: recoloured, and the green tag goes with green
        await pilot.pause()
        (highlight,) = stored(app)
        assert (highlight.color, highlight.tags) == ("pink", ())
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"later quote-for-review")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, HighlightDialog)
        assert dialog.edit.color == "green"  # typing the bound tag picked its colour
        await pilot.press("enter")
        await pilot.pause()
        (highlight,) = stored(app)
        assert (highlight.color, highlight.tags) == ("green", ("later", "quote-for-review"))


@pytest.mark.slow
async def test_while_selecting_a_digit_is_a_count_and_c_then_a_digit_a_colour(
    tmp_path: Path,
) -> None:
    app = app_with_notebook(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = text_of(app)
        await pilot.press("v", "2", "right_parenthesis")
        await pilot.pause()
        start, end = reader(app).selection.span(text)
        assert text[start:end].endswith("heroes together.")  # two sentences
        await pilot.press("3")
        await pilot.pause()
        assert status(app).info.startswith("3… · ")
        await pilot.press("c")  # not a motion: the count is dropped, c waits for a colour
        await pilot.pause()
        assert status(app).info.startswith("Colour: 1 yellow")
        await pilot.press("3")
        await pilot.pause()
        (highlight,) = stored(app)
        assert highlight.color == "blue"
        assert highlight.quote == text[start:end]
        assert status(app).mode == "READ"


async def test_x_deletes_and_undo_redo_walk_the_history(tmp_path: Path) -> None:
    app = app_with_notebook(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await pilot.pause()
        (highlight,) = stored(app)
        await pilot.press("x")
        await pilot.pause()
        assert stored(app) == []
        assert "Deleted the highlight (u undoes it)." in notes(app)
        await pilot.press("u")
        await pilot.pause()
        assert stored(app) == [highlight]
        assert notes(app)[-1] == "Undid deleting a highlight."
        await pilot.press("u", "u")
        await pilot.pause()
        assert stored(app) == []
        assert notes(app)[-1] == "Nothing to undo."
        await pilot.press("ctrl+r", "ctrl+r")
        await pilot.pause()
        assert stored(app) == []  # added again, then deleted again
        assert notes(app)[-1] == "Redid deleting a highlight."
        await pilot.press("x")
        await pilot.pause()
        assert notes(app)[-1] == "No highlight under the cursor."


@pytest.mark.slow
async def test_x_on_a_selection_deletes_every_highlight_it_touches(tmp_path: Path) -> None:
    app = app_with_notebook(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        for _ in range(3):  # the first three sentences, one highlight each
            await pilot.press("h", "right_parenthesis")
            await pilot.pause()
        first, second, third = sorted(stored(app), key=lambda h: h.target.position.start)
        assert third.target.position.start > second.target.position.end
        # A selection from inside the first highlight to inside the second, not the third.
        screen.place_cursor(first.target.position.start + 2)
        await pilot.press("v", "right_parenthesis", "w")
        await pilot.pause()
        assert screen.selection is not None
        start, end = screen.selection.span(text_of(app))
        assert first.target.position.start < start < first.target.position.end
        assert second.target.position.start < end < second.target.position.end
        await pilot.press("x")
        await pilot.pause()
        assert stored(app) == [third]
        assert notes(app)[-1] == "Deleted 2 highlights (u undoes it)."
        assert status(app).mode != "VISUAL"
        await pilot.press("u")
        await pilot.pause()
        assert sorted(stored(app), key=lambda h: h.target.position.start) == [
            first,
            second,
            third,
        ]
        assert notes(app)[-1] == "Undid deleting 2 highlights."
        assert screen.cursor == first.target.position.start
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert stored(app) == [third]
        assert notes(app)[-1] == "Redid deleting 2 highlights."
        await pilot.press("v", "x")  # the cursor stayed where the first one was
        await pilot.pause()
        assert notes(app)[-1] == "No highlight in the selection."
        assert stored(app) == [third]


async def test_undo_leaves_a_highlight_another_process_changed(tmp_path: Path) -> None:
    app = app_with_notebook(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await pilot.pause()
        (highlight,) = stored(app)
        other = Notebook.open(tmp_path / "nb")
        other.update_highlight(highlight.edited(note="from gloss highlight"))
        await pilot.press("u")
        await pilot.pause()
        assert notes(app)[-1] == "that highlight was changed elsewhere since; left as it is"
        assert [h.note for h in stored(app)] == ["from gloss highlight"]


async def test_a_read_only_notebook_says_nothing_can_be_saved(tmp_path: Path) -> None:
    app = app_with_notebook(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the article is saved
    app = make_app(SEED, library=Library(Notebook.open(tmp_path / "nb", read_only=True)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await pilot.pause()
        assert notes(app) == [
            f"the notebook {tmp_path / 'nb'} is open read-only; nothing can be saved"
        ]
        assert view(app).decorations.get("highlight") == []
        assert reader(app).undo_stack.can_undo is False


@pytest.mark.slow
async def test_digits_typed_in_the_search_prompt_are_not_counts(tmp_path: Path) -> None:
    app = app_with_notebook(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v", "slash", "2", "0", "1", "6")
        await pilot.pause()
        assert reader(app).search_bar.input.value == "2016"
        assert reader(app)._count == ""
        assert stored(app) == []


async def test_esc_in_the_annotate_dialog_saves_nothing_ctrl_s_saves(tmp_path: Path) -> None:
    """Issue 13, finding 6: "Esc cancels" means no highlight, not an untagged one."""
    app = app_with_notebook(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("right_curly_bracket", "v", "right_curly_bracket", "a")
        await pilot.pause()
        assert isinstance(app.screen, HighlightDialog)
        assert stored(app) == [], "nothing is saved while the dialog is open"
        await pilot.press(*"collaboration", "escape")
        await pilot.pause()
        assert app.screen is screen
        assert stored(app) == []
        assert view(app).decorations.get("highlight") == []
        assert screen.placed == ()
        await pilot.press("u")  # nothing was done, so there is nothing to undo
        await pilot.pause()
        assert notes(app)[-1] == "Nothing to undo."
        # The same again, saved with Ctrl+S: one highlight, one undo takes it back.
        await pilot.press("a", *"collaboration", "ctrl+s")
        await pilot.pause()
        (highlight,) = stored(app)
        assert (highlight.quote, highlight.tags) == (ROSENBERG, ("collaboration",))
        await pilot.press("u")
        await pilot.pause()
        assert stored(app) == []


@pytest.mark.parametrize("key", ["h", "a", "x", "u", "c1"])
async def test_without_a_notebook_highlighting_says_so(key: str) -> None:
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if key == "x":
            await pilot.press(key)
            await pilot.pause()
            assert notes(app) == ["No highlight under the cursor."]
            return
        await pilot.press(*(["c", "1"] if key == "c1" else [key]))
        await pilot.pause()
        expected = {
            "u": "Nothing to undo.",
        }.get(key, "Highlights need a notebook, and this reader was started without one.")
        assert notes(app) == [expected]
        assert app.screen is reader(app)


async def test_copy_works_without_a_notebook() -> None:
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard.startswith(
            "> The first season of Netflix's *Jessica Jones* was as excellent as anything else "
            "in Marvel's live-action library"
        )
        assert "\n>\n> — Venable, Nick. “How The Defenders Is Affecting" in app.clipboard


@pytest.mark.slow
async def test_copy_in_apa_puts_the_title_in_sentence_case_by_the_articles_text() -> None:
    config = Config(highlight=HighlightSettings(citation="apa"))
    app = make_app(SEED, config=config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await pilot.pause()
        # The reader's text writes Defenders, Jessica Jones and Season 2 with capitals.
        assert "\n>\n> — Venable, N. (2016, August 13). *How the Defenders is affecting " \
            "Jessica Jones Season 2*. CinemaBlend. https://www.cinemablend.com/" in app.clipboard
        assert "Retrieved" not in app.clipboard


@pytest.mark.slow
async def test_tags_complete_from_the_notebooks_tags(tmp_path: Path) -> None:
    app = app_with_notebook(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a", *"collaboration defenders", "enter")  # the first sentence
        await pilot.press("right_parenthesis", "a", *"col", "right", " ", *"#de", "right")
        await pilot.pause()
        assert app.screen.query_one("#tags").value == "collaboration #defenders"
        await pilot.press("enter")
        await pilot.pause()
        assert [h.tags for h in stored(app)] == [
            ("collaboration", "defenders"),
            ("collaboration", "defenders"),
        ]


async def test_the_suggester_completes_only_the_last_word() -> None:
    suggester = TagSuggester(["collaboration", "casting", "defenders"])
    assert await suggester.get_suggestion("c") == "collaboration"
    assert await suggester.get_suggestion("collaboration, ca") == "collaboration, casting"
    assert await suggester.get_suggestion("collaboration c") == "collaboration casting"
    assert await suggester.get_suggestion("casting ") is None
    assert await suggester.get_suggestion("defenders") is None  # already whole
    assert await suggester.get_suggestion("x") is None
