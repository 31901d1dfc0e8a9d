"""Article text is data: markup-like text shows literally and no escape reaches the screen."""

from __future__ import annotations

import pytest

from tests.support.reader_app import (
    ROOT,
    SIZE,
    make_app,
    reader,
    screen_text,
    settle,
    view,
    view_rows,
)
from tui.ui.dialogs.error import ErrorScreen
from tui.ui.widgets.article_header import ArticleHeader

HOSTILE = ROOT / "samples" / "hostile.html"
MARKUP = (
    "Rich markup: [bold red]x[/] and [link=file:///etc/passwd]y[/link] and "
    "[@click=app.quit]quit[/] must be shown exactly as typed."
)


async def all_rows(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    """Every row of the article as painted, page by page."""
    app = pilot.app
    reader_view = view(app)
    rows: list[str] = []
    for top in range(0, len(reader_view.text_layout), reader_view.visible_height):
        reader_view.scroll_to_line(top)
        await pilot.pause()
        rows += view_rows(app)[: len(reader_view.text_layout) - top]
    return rows


@pytest.mark.slow
async def test_hostile_page_shows_markup_literally_and_no_escapes() -> None:
    app = make_app(HOSTILE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = await all_rows(pilot)
        prose = " ".join(row.strip() for row in rows if row.strip())
        assert MARKUP in prose
        assert "Escaped bracket: \\[not markup] and a lone [ bracket" in prose
        for row in rows:
            assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in row), repr(row)
        assert "pwned" not in prose
        # Every segment the view paints is free of control characters too.
        reader_view = view(app)
        for y in range(reader_view.visible_height):
            for segment in reader_view.render_line(y):
                assert segment.control is None
        header = reader(app).query_one(ArticleHeader)
        assert str(header.query_one("#title").content) == "A Perfectly Ordinary Article"
        # And the text is on the screen as composed by Textual, literally.
        await pilot.press("slash", *"Rich markup", "enter")
        await pilot.pause()
        assert "Rich markup: [bold red]x[/] and [link=file:///etc/passwd]y[/link]" in (
            screen_text(app)
        )
        assert app.crash is None and app.is_running


@pytest.mark.slow
async def test_messages_and_dialogs_show_markup_literally() -> None:
    app = make_app(HOSTILE)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        reader(app).say("[bold red]x[/] [link=file:y]y[/link]")
        await pilot.pause()
        await pilot.pause()
        assert "[bold red]x[/] [link=file:y]y[/link]" in screen_text(app)
        await app.push_screen(ErrorScreen("Could not open [b]this[/b]", "[@click=app.quit]q[/]"))
        await pilot.pause()
        text = screen_text(app)
        assert "Could not open [b]this[/b]" in text
        assert "[@click=app.quit]q[/]" in text
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running


@pytest.mark.slow
async def test_search_text_with_brackets_is_literal() -> None:
    app = make_app(HOSTILE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"[bold red]x[/]", "enter")
        await pilot.pause()
        assert len(reader(app).search.matches) == 1
        assert "“[bold red]x[/]” 1/1" in screen_text(app)
