"""The reading cursor and the modes: where the cursor goes with each key, search and the
mouse; what the status line says; how VISUAL keys differ from READ ones."""

from __future__ import annotations

import pytest
from textual import events

from tests.support.reader_app import SEED, SIZE, make_app, reader, settle, status, view
from tui.core.config import Config
from tui.ui.app import GlossApp


def cursor_text(app: GlossApp, length: int = 12) -> str:
    screen = reader(app)
    assert screen.article is not None
    return screen.article.text[screen.cursor : screen.cursor + length]


def cursor_line(app: GlossApp) -> int:
    layout = view(app).text_layout
    assert layout is not None
    return layout.line_at(reader(app).cursor) - view(app).first_line


@pytest.mark.slow
async def test_read_motions_move_the_cursor_and_the_view_follows() -> None:
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        steps = [
            ("w", "first season"),
            ("w", "season of Ne"),
            ("B", "first season"),
            ("right_parenthesis", "Jessica will"),
            ("right_parenthesis", "If you're li"),
            ("left_parenthesis", "Jessica will"),
            ("right_curly_bracket", "My colleague"),
            ("left_curly_bracket", "The first se"),
        ]
        for key, expected in steps:
            await pilot.press(key)
            assert (key, cursor_text(app)) == (key, expected)
        for _ in range(4):
            await pilot.press("right_curly_bracket")
        await pilot.pause()
        assert cursor_text(app) == "As far as na"
        assert 0 <= cursor_line(app) < view(app).visible_height  # scrolled along
        assert status(app).mode == "READ"


@pytest.mark.slow
async def test_scrolling_carries_the_cursor_only_when_it_would_leave_the_view() -> None:
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_parenthesis")  # "Jessica will" on the fourth line
        assert cursor_line(app) == 3
        await pilot.press("j", "j")
        await pilot.pause()
        assert (cursor_text(app), cursor_line(app)) == ("Jessica will", 1)  # stays on its text
        await pilot.press("j", "j")
        await pilot.pause()
        assert (cursor_line(app), cursor_text(app)) == (0, "where that w")  # the top line
        await pilot.press("space")  # a page down: the top line of the new page
        await pilot.pause()
        assert cursor_line(app) == 0
        assert view(app).first_line == 23
        await pilot.press("G")
        await pilot.pause()
        assert cursor_text(app, 20) == "originals will premi"  # the last line's first word
        await pilot.press("ctrl+b")  # a page up; the cursor to the bottom line
        await pilot.pause()
        assert view(app).first_line == 0
        assert (cursor_line(app), cursor_text(app)) == (27, "when it come")
        await pilot.press("g")
        await pilot.pause()
        assert reader(app).cursor == 0


async def test_the_mouse_wheel_carries_the_cursor_too() -> None:
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader_view = view(app)
        for _ in range(3):
            reader_view.post_message(
                events.MouseScrollDown(reader_view, 10, 5, 0, 1, 0, False, False, False)
            )
            await pilot.pause()
        assert reader_view.first_line > 0
        assert cursor_line(app) == 0


@pytest.mark.slow
async def test_search_takes_the_cursor_to_the_match_and_esc_brings_it_back() -> None:
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w", "w")
        before = reader(app).cursor
        await pilot.press("slash", *"Rosenberg")
        await pilot.pause()
        text = reader(app).article.text
        first = text.index("Rosenberg")
        assert reader(app).cursor == first
        assert status(app).mode == "SEARCH"  # the prompt keeps the status line
        await pilot.press("escape")
        await pilot.pause()
        assert reader(app).cursor == before
        await pilot.press("slash", *"Rosenberg", "enter", "n")
        await pilot.pause()
        assert reader(app).cursor == text.index("Rosenberg", first + 1)
        assert status(app).info == "“Rosenberg” 2/5"


async def test_visual_keys_extend_and_esc_or_v_ends() -> None:
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        text = screen.article.text
        await pilot.press("v", "w", "w", "w")
        await pilot.pause()
        assert status(app).mode == "VISUAL"
        assert status(app).info == (
            "16 characters · h highlight · a annotate · y copy · Esc cancels"
        )
        assert text[slice(*screen.selection.span(text))] == "The first season"
        await pilot.press("b")  # a word back
        assert text[slice(*screen.selection.span(text))] == "The first"
        await pilot.press("j")  # a line down, same column (the "t" of first: column 8)
        await pilot.pause()
        assert view(app).first_line == 0
        assert text[slice(*screen.selection.span(text))].endswith("anything else in M")
        await pilot.press("escape")
        await pilot.pause()
        assert (screen.selection, status(app).mode) == (None, "READ")
        assert view(app).decorations.get("selection") == []
        await pilot.press("v", "right_parenthesis", "v")
        await pilot.pause()
        assert screen.selection is None
        assert status(app).info == str(SEED)


async def test_j_while_selecting_keeps_the_column() -> None:
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        text = screen.article.text
        layout = view(app).text_layout
        await pilot.press("w", "w", "v", "j", "j")
        await pilot.pause()
        head = screen.selection.head
        assert layout.point_at(head) == (2, layout.point_at(text.index("season"))[1])
        await pilot.press("3", "k")
        await pilot.pause()
        assert layout.point_at(screen.selection.head)[0] == 0  # clamped at the top


async def test_a_remapped_selection_key_works() -> None:
    app = make_app(SEED, config=Config(keys={"reader.visual": "s"}))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        assert reader(app).selection is None
        await pilot.press("s")
        await pilot.pause()
        assert status(app).mode == "VISUAL"
