"""The reader on a long article wraps lazily: a resize counts every block's lines at the new
width and builds only the lines it shows, so the place, the end, search and highlights must
all be exactly where a full wrap would put them."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tests.support.textgen import generate_article
from tui.core.model.article import Article
from tui.core.reader.layout import layout_article
from tui.ui.widgets.decorations import Decoration
from tui.ui.widgets.reader.view import ReaderView

ARTICLE = generate_article(20_000, seed=11)


class LongApp(App[None]):
    """A reader view showing a long article."""

    def __init__(self, article: Article = ARTICLE) -> None:
        super().__init__()
        self.article = article

    def compose(self) -> ComposeResult:
        yield ReaderView(measure=76)

    def on_mount(self) -> None:
        self.query_one(ReaderView).show(self.article)


def built_blocks(view: ReaderView) -> set[int]:
    assert view.text_layout is not None
    return set(view.text_layout._built)


async def test_after_a_resize_the_top_block_stays_at_the_top_and_little_is_built() -> None:
    app = LongApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.query_one(ReaderView)
        block = len(ARTICLE.blocks) * 2 // 3
        offset = ARTICLE.offsets[block]
        view.scroll_to_offset(offset)
        await pilot.pause()
        assert view.top_offset == offset
        for columns in (61, 48, 90, 33):
            await pilot.resize_terminal(columns, 30)
            await pilot.pause()
            await pilot.pause()
            layout = view.text_layout
            assert layout is not None
            assert layout.width == view.wrap_width_for(view.scrollable_content_region.width)
            # The first line in view is the block's first line, at the same offset.
            assert view.top_offset == offset
            assert layout.lines[view.first_line].block == block
            assert view.first_line == layout.block_lines[block]
            # As many lines as a full wrap makes, but only the blocks around the view built.
            assert len(layout.lines) == len(list(layout_article(ARTICLE, layout.width).lines))
            assert len(built_blocks(view)) < len(ARTICLE.blocks) // 10


async def test_jumping_to_the_end_after_a_resize_shows_the_last_line() -> None:
    app = LongApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.query_one(ReaderView)
        await pilot.resize_terminal(57, 30)
        await pilot.pause()
        layout = view.text_layout
        assert layout is not None
        view.scroll_to_line(len(layout.lines))
        await pilot.pause()
        assert view.first_line == len(layout.lines) - view.visible_height
        full = layout_article(ARTICLE, layout.width)
        last = full.line_text(len(full.lines) - 1)
        assert view.render_line(view.visible_height - 1).text.strip() == last.strip()
        assert view.position().percent == 100
        assert view.position().total == len(full.lines)


async def test_a_highlight_paints_on_lines_built_after_it_was_set() -> None:
    app = LongApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.query_one(ReaderView)
        block = len(ARTICLE.blocks) - 5
        start = ARTICLE.offsets[block] + 10
        view.set_decorations("highlights", [Decoration(start, start + 8, "reader--hl-yellow",
                                                       gutter="▌")])
        await pilot.resize_terminal(64, 30)
        await pilot.pause()
        assert block not in built_blocks(view)  # its lines are not built yet
        view.ensure_visible(start)
        await pilot.pause()
        assert block in built_blocks(view)
        point = view.point_of(start)
        assert point is not None
        strip = view.render_line(point.y)
        hl = view._component_style("reader--hl-yellow")
        cells = list(strip.crop(point.x, point.x + 8))
        assert "".join(s.text for s in cells) == ARTICLE.text[start : start + 8]
        assert all(s.style is not None and s.style.bgcolor == hl.bgcolor for s in cells)
        assert strip.text[view.page_left - 2] == "▌"  # the gutter mark on that line
