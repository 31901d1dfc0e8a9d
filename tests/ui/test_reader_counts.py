"""Vim habits in READ mode: a count repeats a motion (``3w``, ``2}``, ``5j``, ``3)``) and never
makes a highlight; colours are ``c`` then ``1``-``5``; ``b`` is a word back in both modes
(page up is PgUp and ``ctrl+b``)."""

from __future__ import annotations

from pathlib import Path

from tests.support.reader_app import SEED, SIZE, make_app, reader, settle, status, view
from tests.ui.test_highlight_ui import app_with_notebook, notes, stored
from tui.core.config import Config


async def cursor_after(*keys: str) -> int:
    """Where the cursor is after ``keys`` from the top of the sample."""
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        await pilot.pause()
        return reader(app).cursor


async def test_counts_repeat_motions_in_read_mode(tmp_path: Path) -> None:
    app = app_with_notebook(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        for counted, plain in [
            (("3", "w"), ("w", "w", "w")),
            (("2", "right_curly_bracket"), ("right_curly_bracket",) * 2),
            (("3", "right_parenthesis"), ("right_parenthesis",) * 3),
            (("1", "2", "w"), ("w",) * 12),
        ]:
            await pilot.press("g", *counted)
            await pilot.pause()
            after_count = screen.cursor
            await pilot.press("g", *plain)
            await pilot.pause()
            assert (counted, after_count) == (counted, screen.cursor)
            assert screen.cursor > 0
        await pilot.press("g", "5", "j")
        await pilot.pause()
        assert view(app).first_line == 5
        await pilot.press("2", "k")
        await pilot.pause()
        assert view(app).first_line == 3
        assert status(app).mode == "READ"
        assert stored(app) == []  # no digit made a highlight


async def test_a_count_shows_while_pending_and_esc_drops_it(tmp_path: Path) -> None:
    app = app_with_notebook(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await pilot.pause()
        assert status(app).info.startswith("3…")
        await pilot.press("escape", "w")
        await pilot.pause()
        assert reader(app).cursor == await cursor_after("w")
        assert stored(app) == []


async def test_b_is_a_word_back_and_ctrl_b_pages_up() -> None:
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        text = screen.article.text
        await pilot.press("w", "w", "b")
        await pilot.pause()
        assert text[screen.cursor :].startswith("first season")
        await pilot.press("space")
        await pilot.pause()
        page = view(app).first_line
        assert page > 0
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert view(app).first_line == 0
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert view(app).first_line == page


async def test_c_then_a_digit_colours(tmp_path: Path) -> None:
    app = app_with_notebook(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert status(app).info == (
            "Colour: 1 yellow · 2 green · 3 blue · 4 pink · 5 purple · Esc cancels"
        )
        await pilot.press("2")
        await pilot.pause()
        (highlight,) = stored(app)
        assert highlight.color == "green"
        await pilot.press("c", "escape", "4")  # cancelled: 4 is a count, nothing changes
        await pilot.pause()
        assert [h.color for h in stored(app)] == ["green"]
        await pilot.press("escape", "c", "4")
        await pilot.pause()
        assert [h.color for h in stored(app)] == ["pink"]
        # While selecting, the same keys colour the selection.
        text = reader(app).article.text
        await pilot.press("right_curly_bracket", "v", "2", "right_parenthesis", "c", "3")
        await pilot.pause()
        blue = [h for h in stored(app) if h.color == "blue"]
        assert len(blue) == 1 and blue[0].quote.endswith("happening with Jessica?")
        assert blue[0].quote in text
        assert status(app).mode == "READ"


async def test_old_colour_remaps_keep_working(tmp_path: Path) -> None:
    app = app_with_notebook(tmp_path, config=Config(keys={"reader.color_2": "f2"}))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert [h.color for h in stored(app)] == ["green"]
        assert not [n for n in notes(app) if "no key binding" in n]


async def test_the_palette_names_each_colour_with_its_keys() -> None:
    from tui.ui.palette import _colours

    app = make_app(SEED, config=Config(keys={"reader.color": "C"}))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        entries = _colours(app, reader(app))
        assert [(title, help_text) for title, help_text, _ in entries][1] == (
            "Colour green",
            "Highlighting · key: C then 2",
        )
