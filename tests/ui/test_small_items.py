"""The smaller things a daily reader trips over (issue 14, finding 6): one key notation and
j/k/Space in the keys screen, a ``? keys`` hint in the reader, "1 character", ``H`` at the
start of history, link hints that hide none of the link (CJK too), and the BBC page's
publisher named once and its screen-reader labels gone. Pilot on real local pages."""

from __future__ import annotations

import gzip
from pathlib import Path

from textual.containers import VerticalScroll
from textual.widgets import Static

from tests.support import paths
from tests.support.reader_app import SEED, SIZE, make_app, settle, status, view_rows
from tests.ui.test_reader import write_page
from tui.core.extract.pipeline import extract
from tui.core.model.article import BlockKind
from tui.ui.dialogs.help import HelpScreen
from tui.ui.widgets.article_header import article_facts

BBC = paths.ROOT / "tests/data/extraction/html" / (
    "70cb2d5bca75ab5a8f6bb378a38a52f882f6bda508de93b12502e74936d86ff2.html.gz"
)


async def test_keys_screen_scrolls_like_the_reader_and_names_keys_one_way() -> None:
    app = make_app(SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        rows = [str(s.content) for s in app.screen.query(".help--row").results(Static)]
        keys = {row[:18].strip() for row in rows}
        assert {"Space PgDn Ctrl+F", "Ctrl+R", "Enter", "Ctrl+P", "Esc"} <= keys
        assert not [k for k in keys if "^" in k or "⏎" in k or "ctrl+" in k or "⌫" in k]
        scroll = app.screen.query_one(VerticalScroll)
        assert scroll.scroll_y == 0
        await pilot.press("j", "j")
        await pilot.pause()
        assert scroll.scroll_y == 2
        await pilot.press("k")
        await pilot.pause()
        assert scroll.scroll_y == 1
        await pilot.press("space")
        await pilot.pause()
        assert scroll.scroll_y > 10
        await pilot.press("G")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y > 0
        await pilot.press("g")
        await pilot.pause()
        assert scroll.scroll_y == 0
        assert isinstance(app.screen, HelpScreen)  # none of these closed it


async def test_reader_shows_the_keys_hint_and_counts_one_character() -> None:
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert status(app).keys == "? keys"
        await pilot.press("v")
        await pilot.pause()
        assert status(app).info == "1 character · h highlight · a annotate · y copy · Esc cancels"
        assert status(app).keys == "? keys"


async def test_back_at_the_start_of_history_says_so() -> None:
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("H")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["Nothing to go back to."]


async def test_link_hints_go_before_the_link_and_keep_wide_characters(tmp_path: Path) -> None:
    page = write_page(
        tmp_path / "cjk.html",
        "Links",
        '<p>See <a href="a.html">Jeph Loeb</a> and <a href="b.html">東京の地図</a> here.</p>',
    )
    app = make_app(page)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = view_rows(app)[0]
        assert "See Jeph Loeb and 東京の地図 here." in before
        await pilot.press("f")
        await pilot.pause()
        assert "See 1Jeph Loeb and 2東京の地図 here." in view_rows(app)[0]
        await pilot.press("escape")
        await pilot.pause()
        assert view_rows(app)[0] == before


def test_bbc_names_the_publisher_once_and_drops_screen_reader_labels() -> None:
    html = gzip.decompress(BBC.read_bytes()).decode("utf-8")
    article = extract(html, "https://www.bbc.co.uk/news/entertainment-arts-50405890")
    assert (article.byline, article.site_name) == ("BBC News", "BBC News")
    assert article_facts(article) == "BBC News · 2019-11-19 · 2 min read"
    captions = [b.text for b in article.blocks if b.kind is BlockKind.CAPTION]
    assert captions == [
        "Getty Images",
        "Getty Images",
        "Scooter Braun has managed Justin Bieber, among others, throughout his career in music",
        "Getty Images",
        "Taylor Swift's seventh album, Lover, is the only one she owns the rights to",
    ]
    assert "Image caption" not in article.text and "Image copyright" not in article.text

