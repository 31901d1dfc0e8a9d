"""Pilot tests of the reader: every key, the mouse, the dialogs, the palette and themes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from tests.support.reader_app import (
    FEATURES,
    SEED,
    SIZE,
    BrowserLog,
    make_app,
    reader,
    screen_text,
    settle,
    status,
    view,
    view_rows,
)
from tui.core.config import Config
from tui.core.reader.layout import outline
from tui.core.state import UiState, load_state
from tui.ui.dialogs.contents import ContentsScreen
from tui.ui.dialogs.help import HelpScreen
from tui.ui.dialogs.open import OpenScreen
from tui.ui.messages import ArticleShown
from tui.ui.widgets.article_header import ArticleHeader

SENTENCE = "This sentence is here to make the page long enough to scroll through."


def write_page(path: Path, title: str, body: str, paragraphs: int = 30) -> Path:
    """A local article: ``body`` first, then ``paragraphs`` numbered filler paragraphs."""
    filler = "".join(
        f"<p>Paragraph {n}. {SENTENCE} {SENTENCE} {SENTENCE}</p>\n"
        for n in range(1, paragraphs + 1)
    )
    path.write_text(
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{body}\n{filler}</article></body></html>",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def pages(tmp_path: Path) -> dict[str, Path]:
    """Two local pages linking to each other (relative links), and a third."""
    a = write_page(
        tmp_path / "a.html",
        "Page A",
        '<p>Start of A, with <a href="b.html">a link to B</a> and '
        '<a href="c.html">another to C</a> in its first paragraph of text.</p>',
    )
    b = write_page(
        tmp_path / "b.html",
        "Page B",
        '<p>Start of B, which links <a href="a.html">back to A</a> for the test here.</p>',
        paragraphs=3,
    )
    c = write_page(tmp_path / "c.html", "Page C", "<p>Start of C, a page with no links.</p>", 2)
    return {"a": a, "b": b, "c": c}


async def test_opens_the_seed_with_header_and_status() -> None:
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        header = reader(app).query_one(ArticleHeader)
        assert str(header.query_one("#title").content) == (
            "How The Defenders Is Affecting Jessica Jones Season 2"
        )
        assert str(header.query_one("#facts").content) == (
            "By Nick Venable · CinemaBlend · 2016-08-13 · 3 min read"
        )
        assert status(app).mode == "READ"
        assert status(app).info == str(SEED)
        assert status(app).position == "1–28 of 51 · 0%"
        rows = view_rows(app)
        # The text column is 76 wide, centred in 109 columns (one is the scrollbar).
        assert rows[0] == (
            " " * 16 + "The first season of Netflix's Jessica Jones was as excellent as anything"
        ).ljust(109)
        assert rows[10].strip().startswith("│ My colleagues Marco Ramirez")


@pytest.mark.slow
async def test_scroll_keys(pages: dict[str, Path]) -> None:
    app = make_app(pages["a"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader_view = view(app)
        total = len(reader_view.text_layout)
        bottom = total - reader_view.visible_height
        steps = [
            ("j", 1), ("down", 2), ("k", 1), ("up", 0), ("up", 0),
            ("space", 27), ("ctrl+b", 0), ("ctrl+f", 27), ("pageup", 0), ("pagedown", 27),
            ("pageup", 0),
            ("G", bottom), ("g", 0), ("end", bottom), ("home", 0),
        ]  # fmt: skip
        for key, line in steps:
            await pilot.press(key)
            await pilot.pause()
            assert (key, reader_view.first_line) == (key, line)
        await pilot.press("G")
        await pilot.pause()
        assert status(app).position == f"{bottom + 1}–{total} of {total} · 100%"


@pytest.mark.slow
async def test_mouse_wheel_scrolls() -> None:
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader_view = view(app)
        reader_view.post_message(
            events.MouseScrollDown(reader_view, 10, 5, 0, 1, 0, False, False, False)
        )
        await pilot.pause()
        assert reader_view.first_line > 0


@pytest.mark.slow
async def test_search_counts_highlights_and_steps() -> None:
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        assert status(app).mode == "SEARCH"
        await pilot.press(*"rosenberg")
        await pilot.pause()
        text = reader(app).article.text
        starts = [i for i in range(len(text)) if text.startswith("Rosenberg", i)]
        assert len(starts) == 5
        layer = view(app).decorations.get("match")
        assert [(d.start, d.end) for d in layer] == [(s, s + 9) for s in starts]
        current = view(app).decorations.get("current-match")
        assert [(d.start, d.gutter) for d in current] == [(starts[0], "▸")]
        await pilot.press("enter")
        await pilot.pause()
        assert status(app).mode == "READ"
        assert status(app).info == "“rosenberg” 1/5"
        assert view(app).has_focus
        for expected in ("2/5", "3/5", "4/5", "5/5", "1/5"):
            await pilot.press("n")
            await pilot.pause()
            assert status(app).info.split(" ")[1] == expected
        assert status(app).info.endswith("wrapped")
        await pilot.press("N")
        await pilot.pause()
        assert status(app).info.startswith("“rosenberg” 5/5")
        match = view(app).decorations.get("current-match")[0]
        assert view(app).point_of(match.start) is not None  # scrolled into view
        # The matched text is painted with the current-match style.
        await pilot.press("escape")
        await pilot.pause()
        assert view(app).decorations.get("match") == []
        assert status(app).info == str(SEED)


@pytest.mark.slow
async def test_search_escape_restores_and_no_matches_is_said() -> None:
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"zebra")
        await pilot.pause()
        assert reader(app).search_bar.query_one("#count").content == ""
        await pilot.press("escape")
        await pilot.pause()
        assert not reader(app).search_bar.is_open
        assert reader(app).search.query == ""
        await pilot.press("n")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["No search yet: press / to search."]
        await pilot.press("slash", *"zebra", "enter")
        await pilot.pause()
        assert status(app).info == "“zebra”: no matches"


@pytest.mark.slow
async def test_tab_selects_links_and_enter_follows(pages: dict[str, Path]) -> None:
    app = make_app(pages["a"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        await pilot.pause()
        focused = reader(app).focused_link
        assert focused is not None and focused.href == pages["b"].as_uri()
        assert status(app).info == f"→ {pages['b'].as_uri()}"
        assert [(d.start, d.end) for d in view(app).decorations.get("link-focus")] == [
            (focused.start, focused.end)
        ]
        await pilot.press("tab")
        assert reader(app).focused_link.href == pages["c"].as_uri()
        await pilot.press("shift+tab")
        assert reader(app).focused_link.href == pages["b"].as_uri()
        await pilot.press("enter")
        await settle(pilot)
        assert reader(app).article.title == "Page B"
        assert reader(app).focused_link is None


async def test_link_hints_follow_the_typed_number(pages: dict[str, Path]) -> None:
    app = make_app(pages["a"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert status(app).mode == "LINKS"
        labels = view(app).decorations.get("hint")
        assert [d.label for d in labels] == ["1", "2"]
        # Each label is put in before its link ("a link", "another"), hiding none of it.
        assert "Start of A, with 1a link to B and 2another to C" in view_rows(app)[0]
        await pilot.press("2")
        await settle(pilot)
        assert reader(app).article.title == "Page C"
        assert view(app).decorations.get("hint") == []


async def test_link_hints_cancel_on_escape(pages: dict[str, Path]) -> None:
    app = make_app(pages["a"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f", "escape")
        await pilot.pause()
        assert reader(app).hints is None
        assert status(app).mode == "READ"
        await pilot.press("j")  # keys work normally again
        await pilot.pause()
        assert view(app).first_line == 1


@pytest.mark.slow
async def test_back_and_forward_keep_each_position(pages: dict[str, Path]) -> None:
    app = make_app(pages["a"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert reader(app).article.title == "Page B"
        await pilot.press("H")
        await settle(pilot)
        assert reader(app).article.title == "Page A"
        for _ in range(6):
            await pilot.press("j")
        await pilot.pause()
        await pilot.press("L")
        await settle(pilot)
        assert reader(app).article.title == "Page B"
        await pilot.press("backspace")
        await settle(pilot)
        assert reader(app).article.title == "Page A"
        assert view(app).first_line == 6  # where A was left
        await pilot.press("H")
        await pilot.pause()
        assert [n.message for n in app._notifications][-1] == "Nothing to go back to."


async def test_position_is_remembered_across_runs(pages: dict[str, Path]) -> None:
    state = UiState()
    app = make_app(pages["a"], state=state, persist=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("space")
        await pilot.pause()
        top = view(app).top_offset
        await pilot.press("q")
    assert app.return_code == 0
    assert load_state().positions == {pages["a"].as_uri(): top}
    again = make_app(pages["a"], state=load_state())
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert view(again).top_offset == top
        # Positions are canonical offsets: a blank line above the text is not one.
        assert view(again).first_line == view(again).text_layout.line_at(top)


@pytest.mark.slow
async def test_open_dialog_loads_a_path(pages: dict[str, Path]) -> None:
    app = make_app(pages["a"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OpenScreen)
        await pilot.press(*str(pages["c"]), "enter")
        await settle(pilot)
        assert reader(app).article.title == "Page C"
        await pilot.press("o", "escape")
        await pilot.pause()
        assert reader(app).article.title == "Page C"
        assert app.screen is reader(app)


@pytest.mark.slow
async def test_reload_fetches_again_and_keeps_the_place(pages: dict[str, Path]) -> None:
    app = make_app(pages["a"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j")
        await pilot.pause()
        # Same body (the <h1> repeats the title and is dropped), new title.
        pages["a"].write_text(pages["a"].read_text().replace("Page A", "Page A2"))
        await pilot.press("r")
        await settle(pilot)
        assert reader(app).article.title == "Page A2"
        assert view(app).first_line == 3
        assert len(reader(app).history) == 1


async def test_open_in_browser_uses_the_page_address(pages: dict[str, Path]) -> None:
    browser = BrowserLog()
    app = make_app(pages["a"], open_browser=browser)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("O")
        await pilot.pause()
        assert browser.urls == [pages["a"].as_uri()]
        assert app._notifications and list(app._notifications)[-1].message == (
            f"Opened {pages['a'].as_uri()} in your browser."
        )


async def test_contents_jumps_to_a_heading() -> None:
    app = make_app(FEATURES, config=Config())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ContentsScreen)
        options = app.screen.query_one("#headings")
        assert [str(options.get_option_at_index(i).prompt) for i in range(5)] == [
            "↑ A Field Guide to Terminal Reading",
            "Why a measure matters",
            "Lists, nested and numbered",
            "\u00a0\u00a0Code and tables",
            "Other scripts",
        ]
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        heading = outline(reader(app).article)[1]
        assert view(app).top_offset == heading.offset
        assert view_rows(app)[0].strip() == "Lists, nested and numbered"


async def test_help_lists_every_key_and_the_users_remaps() -> None:
    app = make_app(SEED, config=Config(keys={"reader.top": "z"}))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = [str(s.content) for s in app.screen.query(".help--row")]
        assert "z                  Go to the top" in rows
        assert "H Backspace" + " " * 8 + "Back" in rows
        assert "q                  Quit" in rows
        assert len(rows) == 39 + 8 + 3  # the reader's keys and extras, then l m E
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is reader(app)


async def test_remapped_key_works_and_old_key_does_not() -> None:
    app = make_app(SEED, config=Config(keys={"reader.down": "z"}))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await pilot.pause()
        assert view(app).first_line == 0
        await pilot.press("z")
        await pilot.pause()
        assert view(app).first_line == 1


@pytest.mark.slow
async def test_palette_runs_reader_actions() -> None:
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"go to the end")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        reader_view = view(app)
        assert reader_view.first_line == len(reader_view.text_layout) - reader_view.visible_height


@pytest.mark.slow
async def test_theme_from_the_palette_persists() -> None:
    state = UiState()
    app = make_app(SEED, state=state, persist=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"theme")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press(*"gloss-paper")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "gloss-paper"
        await pilot.pause()
    assert load_state().theme == "gloss-paper"
    again = make_app(SEED, state=load_state())
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "gloss-paper"


async def test_config_theme_and_measure_apply() -> None:
    from tui.core.config import ReaderSettings

    app = make_app(SEED, config=Config(theme="nord", reader=ReaderSettings(measure=50)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        assert view(app).text_layout.width == 50
        assert max(len(r.rstrip()) - len(r) + len(r.lstrip()) for r in view_rows(app)) <= 50


@pytest.mark.parametrize("theme", ["nord", "gloss-paper", "textual-dark"])
async def test_the_start_styles_every_widget_once_in_the_chosen_theme(
    theme: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The theme is the app's from the start: setting it in on_mount re-parsed the whole
    # stylesheet and restyled every widget again before the first paint.
    from textual.color import Color
    from textual.css.stylesheet import Stylesheet

    reparsed: list[bool] = []
    reparse = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        reparsed.append(True)
        reparse(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    app = make_app(SEED, config=Config(theme=theme))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert reparsed == []
        assert app.theme == theme
        dark = app.current_theme.dark
        assert {c for c in app.classes if c.startswith("-")} == {
            f"-theme-{theme}",
            "-dark-mode" if dark else "-light-mode",
        }
        expected = app.current_theme.to_color_system().generate()["background"]
        assert app.screen.styles.background == Color.parse(expected)


@pytest.mark.parametrize("page", [SEED, FEATURES], ids=["seed", "features"])
async def test_the_first_frame_shows_the_position(
    page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The status line's position part is as wide as its text. It was laid out empty and
    # filled by a message handled after the first frame: the article's first frame had no
    # position, and a stale message from the empty view blanked it again for a frame.
    from textual.widgets import Static

    from tui.ui.app import GlossApp
    from tui.ui.screens.reader.screen import ReaderScreen

    frames: list[tuple[str, int]] = []
    display = GlossApp._display

    def recording(self: GlossApp, screen: object, renderable: object) -> None:
        if isinstance(screen, ReaderScreen) and screen.view.text_layout is not None:
            part = screen.status.query_one("#position", Static)
            frames.append((str(part.content), part.region.width))
        display(self, screen, renderable)  # type: ignore[arg-type]

    monkeypatch.setattr(GlossApp, "_display", recording)
    app = make_app(page)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        final = status(app).position
    assert frames, "no frame showed the article"
    text, width = frames[0]
    assert text.endswith(" · 0%") and " of " in text
    assert width == len(text) + 2  # laid out for it: nothing cut off
    assert all(shown for shown, _ in frames)  # never blank once shown
    assert frames[-1][0] == final


async def test_a_stale_position_message_never_blanks_the_status() -> None:
    # The empty view's position (posted at mount, before the article) arrived after the
    # article's first frame and blanked the status line's position for a frame.
    from tui.ui.messages import PositionChanged

    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert status(app).position == "1–28 of 51 · 0%"
        reader(app).view.post_message(PositionChanged(0, 0, 0, 0, 0))
        await pilot.pause()
        assert status(app).position == "1–28 of 51 · 0%"


async def test_unknown_config_names_are_reported() -> None:
    app = make_app(SEED, config=Config(theme="no-such-theme", keys={"reader.jump": "x"}))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        assert [n.message for n in app._notifications] == [
            "config: there is no theme called 'no-such-theme'",
            "config: no key binding has the id 'reader.jump'",
        ]


@pytest.mark.slow
async def test_resize_rewraps_and_keeps_the_place() -> None:
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _ in range(12):
            await pilot.press("j")
        await pilot.pause()
        top = view(app).top_offset
        await pilot.resize_terminal(50, 30)
        await pilot.pause()
        await pilot.pause()
        assert view(app).text_layout.width == 50 - 2 - 1 - 1  # gutter, margin, scrollbar
        assert view(app).top_offset <= top < view(app).text_layout.lines[
            view(app).first_line + 1
        ].start
        assert all(len(row.rstrip()) <= 49 for row in view_rows(app))


async def test_quit_and_article_shown_message() -> None:
    seen: list[ArticleShown] = []
    app = make_app(SEED)
    async with app.run_test(size=SIZE, message_hook=lambda m: seen.append(m) if isinstance(
        m, ArticleShown) else None) as pilot:
        await settle(pilot)
        unique = list({id(m): m for m in seen}.values())  # the hook sees it at each hop
        assert [(m.article.title, m.source) for m in unique] == [
            ("How The Defenders Is Affecting Jessica Jones Season 2", str(SEED))
        ]
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_screen_shows_text_literally() -> None:
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "How The Defenders Is Affecting Jessica Jones Season 2" in text
        assert " READ " in text


@pytest.mark.slow
async def test_position_is_right_when_a_scrollbar_comes_and_goes() -> None:
    # The long read has wide code (a horizontal scrollbar takes a row); the seed has none.
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("G")
        await pilot.pause()
        assert status(app).position == "24–51 of 51 · 100%"
        await pilot.press("o", *str(SEED.parent / "long-read.html"), "enter")
        await settle(pilot)
        assert view(app).show_horizontal_scrollbar
        assert status(app).position.startswith("1–27 of ")
        await pilot.press("H")
        await settle(pilot)
        assert not view(app).show_horizontal_scrollbar
        assert status(app).position == "24–51 of 51 · 100%"


async def test_bad_key_remaps_are_reported_at_start() -> None:
    keys = {"reader.down": "nosuchkey", "reader.top": "k", "reader.search": "ctrl+slash"}
    app = make_app(SEED, config=Config(keys=keys))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert [n.message for n in app._notifications] == [
            "config: 'keys.reader.down' names no key Gloss knows: 'nosuchkey'",
            "config: 'k' does two things in the reader: reader.up and reader.top",
        ]
