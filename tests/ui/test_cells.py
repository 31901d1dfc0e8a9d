"""Core's cell-width rule (tui.core.text.cells) against what Textual paints with: Rich's
``cell_len``. Core may not import Rich, so this lives with the UI tests.

The rule is Rich's table and Rich's steps, so they agree everywhere; these tests say so over
every code point and over strings that exercise the steps (combining marks, ZWJ sequences,
variation selectors, controls), and catch the day a Rich upgrade changes its table.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len, get_character_cell_size

from tests.support.cell_table import rich_table
from tui.core.text import cell_table
from tui.core.text.cells import cell_widths, cells, char_cells, shorten
from tui.ui.widgets.row_list import fit

SAMPLES = [
    # ASCII, controls among it, escape sequences (sanitised away in articles, but measured)
    "plain ascii", "tab\there", "\x00", "\x1b[31mred\x1b[0m", "\x7f\x85\x9f", "line\nbreak",
    # Latin with accents, precomposed and combining; Greek, Cyrillic
    "café", "naïve façade", "e\u0301", "a\u0308\u0304", "Ω≈ç√", "Привет", "ŉ ǅ ȸ",
    # format characters: zero-width space and joiners, bidi marks, soft hyphen, BOM
    "a\u200bb", "a\u200cb", "\u200e\u200f", "soft\u00adhyphen", "\ufeffbom", "\u2028",
    # CJK, Hangul syllables and jamo, fullwidth and halfwidth forms, ideographic space
    "漢字", "한국어", "\u1100\u1161\u11a8", "ＡＢＣ", "ｶﾀｶﾅ", "日本語\u3000です", "〮〯",
    # scripts with spacing vowel signs: Rich gives them no cell
    "हिन्दी", "தமிழ்", "ไทย", "العربية", "\u0600\u0601",
    # emoji: presentation, skin tones, ZWJ families, VS16 and VS15, keycaps, flags, tags
    "👍", "👍🏽", "👨\u200d👩\u200d👧", "🏳️\u200d🌈", "❤️", "❤\ufe0e", "☺️", "#️⃣", "1️⃣",
    "🇫🇷🇩🇪", "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f", "a\u200d",
    "\u200d👍", "\ufe0f", "x\ufe0f", "🧑\u200d💻 at work", "🫨🪿",  # 🫨🪿: Unicode 15
    # box drawing, the reader's own glyphs
    "│ ", "━─", "• ◦ ▪", "[image: ", " │ ", "…",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_cells_agree_with_rich(text: str) -> None:
    assert cells(text) == cell_len(text)
    assert sum(cell_widths(text)) == cell_len(text)


def test_every_code_point_alone_agrees_with_rich() -> None:
    differ = [
        hex(code)
        for code in range(0x110000)
        if not 0xD800 <= code < 0xE000
        and char_cells(chr(code)) != get_character_cell_size(chr(code))
    ]
    assert differ == []


def test_every_character_vs16_widens_agrees_with_rich() -> None:
    for char in sorted(cell_table.NARROW_TO_WIDE):
        assert cells(char + "\ufe0f") == cell_len(char + "\ufe0f") == 2, hex(ord(char))


def test_the_table_is_the_installed_rich_table() -> None:
    """Fails after an upgrade of Rich that changed its table: run
    ``python -m tests.support.cell_table`` and commit tui/core/text/cell_table.py."""
    version, widths, widened = rich_table()
    assert version == cell_table.UNICODE_VERSION
    assert widths == cell_table.WIDTHS
    assert "".join(sorted(cell_table.NARROW_TO_WIDE)) == widened


_PIECES = st.sampled_from(["a", " ", "é", "e\u0301", "漢", "\u200d", "\ufe0f", "❤", "👍",
                           "🏽", "\u200b", "\t", "ि", "🇫", "#", "\u1160", "\x1b"])


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_mixed_text_agrees_with_rich(text: str) -> None:
    assert cells(text) == cell_len(text)
    widths = cell_widths(text)
    # Each prefix's share is the prefix's cells: the layout's columns rely on it.
    for n in range(len(text) + 1):
        assert sum(widths[:n]) == cell_len(text[:n])


@given(st.lists(_PIECES, max_size=30).map("".join), st.integers(1, 12))
def test_shortened_text_fits(text: str, width: int) -> None:
    short = shorten(text, width)
    assert cell_len(short) <= width
    assert short == text or short.endswith("…")
    assert cell_len(fit(text, width)) == width


def test_a_cut_list_row_ends_its_word_with_the_ellipsis() -> None:
    """The lists cut as the command line does: no space left before the ellipsis (they
    used to keep it: 'the quick …')."""
    assert fit("the quick brown fox", 11) == "the quick… "
    assert fit("the quick brown fox", 11, right=True) == " the quick…"
    assert fit("漢字漢字", 4) == "漢… "  # a wide character that does not fit is left out


def test_painted_lines_take_the_cells_the_layout_gave_them() -> None:
    """The reader's columns come from core, its strips are measured by Rich: on text full
    of what the old rules got wrong (spacing vowel signs, jamo, ZWJ families, VS16) every
    painted line is as wide as its layout says, so highlights land where they should."""
    from rich.style import Style

    from tui.core.model.article import Article, Block, BlockKind
    from tui.core.reader.layout import layout_article
    from tui.ui.widgets.reader.lines import LinePainter

    words = ["हिन्दी", "👨\u200d👩\u200d👧", "❤️", "漢字", "\u1100\u1161\u11a8", "café", "#️⃣",
             "🇫🇷", "soft\u00adhyphen", "plain"]
    text = " ".join(words[n % len(words)] for n in range(120))
    article = Article(title="T", blocks=(
        Block(BlockKind.PARAGRAPH, text),
        Block(BlockKind.QUOTE, text[:200], level=1),
        Block(BlockKind.LIST_ITEM, text[:150], level=1),
    ))
    layout = layout_article(article, 30)
    painter = LinePainter(layout, [[] for _ in article.blocks], lambda name: Style.null())
    for index, line in enumerate(layout.lines):
        strip = painter.paint(index, [], 0)
        assert sum(segment.cell_length for segment in strip) == line.width, index
        assert line.width <= 30, index
