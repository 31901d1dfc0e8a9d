"""Wide characters (CJK, emoji) under the cursor, a selection or a highlight are drawn over
their whole two cells: the painted line keeps every character in its place.

A cursor used to take one cell of a two-cell character, which Rich's crop turns into a
space: the first character of a Chinese paragraph vanished and the line shifted."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from tui.core.model.article import Article, Block, BlockKind
from tui.ui.widgets.decorations import Decoration
from tui.ui.widgets.reader.view import ReaderView

ZH = "读书时把重要的句子划出来，以后再看。"
EMOJI = "今天🎉很好，我们去看书。"


class WideApp(App[None]):
    """A reader view showing one paragraph, measure wide enough for one line."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield ReaderView(measure=60)

    def on_mount(self) -> None:
        article = Article(title="Wide", blocks=(Block(BlockKind.PARAGRAPH, self.text),))
        self.query_one(ReaderView).show(article)


async def painted_text(pilot: Pilot[None], view: ReaderView, layer: list[Decoration]) -> str:
    """The paragraph's row as painted with ``layer`` over it, page margin stripped."""
    view.set_decorations("test", layer)
    await pilot.pause()
    assert view.text_layout is not None
    row = view.text_layout.line_at(0) - view.first_line
    return view.render_line(row).text


@pytest.mark.parametrize(
    ("text", "layer"),
    [
        (ZH, [Decoration(0, 0, "reader--cursor")]),  # the cursor on the first character
        (ZH, [Decoration(5, 5, "reader--cursor")]),  # and inside the run
        (ZH, [Decoration(len(ZH) - 1, len(ZH) - 1, "reader--cursor")]),  # on the last one
        (ZH, [Decoration(3, 9, "reader--selection")]),  # a selection inside the run
        (ZH, [Decoration(0, 4, "reader--hl-yellow"), Decoration(4, 4, "reader--cursor")]),
        (EMOJI, [Decoration(2, 2, "reader--cursor")]),  # the cursor on an emoji
        (EMOJI, [Decoration(2, 3, "reader--selection")]),  # a selection of just the emoji
        (EMOJI, [Decoration(1, 3, "reader--selection"), Decoration(2, 2, "reader--cursor")]),
        ("心❤️好", [Decoration(1, 1, "reader--cursor")]),  # a heart made wide by VS16
    ],
)
async def test_wide_characters_keep_their_cells(text: str, layer: list[Decoration]) -> None:
    app = WideApp(text)
    async with app.run_test(size=(80, 10)) as pilot:
        view = app.query_one(ReaderView)
        await pilot.pause()
        plain = await painted_text(pilot, view, [])
        assert plain.strip() == text
        assert await painted_text(pilot, view, layer) == plain  # nothing lost, nothing moved


def test_a_point_covers_the_character_it_is_on() -> None:
    from tui.core.text import char_at_cells

    assert [char_at_cells("读a🎉", i) for i in range(4)] == [2, 1, 2, 1]  # 1 past the end
    assert char_at_cells("❤\ufe0f", 0) == 2  # VS16 makes the heart wide
    assert char_at_cells("a\u0301", 1) == 1  # a mark alone still shows one cell
    assert char_at_cells("读\n", 1) == 1
