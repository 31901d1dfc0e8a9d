"""CJK line breaking: between any two ideographs or kana, but no line starts with closing
punctuation (。，、）」 ...) or ends with opening punctuation (（「 ...): the kinsoku rule."""

from __future__ import annotations

import pytest

from tui.core.model.article import Article, Block, BlockKind
from tui.core.reader.layout import layout_article, line_texts
from tui.core.text import can_break
from tui.core.text.linebreak import NO_END, NO_START

ZH = "读书时把重要的句子划出来，以后再看。我们常常忘记（其实很重要）的细节。"
JA = (
    "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。"
    "「何でも薄暗いじめじめした所で」ニャーニャー泣いていた事だけは記憶している。"
)


def lines_of(text: str, width: int = 12) -> list[str]:
    """``text`` as one paragraph laid out ``width`` cells wide (12: six ideographs)."""
    article = Article(title="T", blocks=(Block(BlockKind.PARAGRAPH, text),))
    return line_texts(layout_article(article, width))


def test_a_chinese_paragraph_keeps_its_punctuation_with_its_words() -> None:
    assert lines_of(ZH) == [
        "读书时把重要",
        "的句子划出",  # not "的句子划出来" then "，以后再看": the comma takes 来 along
        "来，以后再",
        "看。我们常常",
        "忘记（其实很",
        "重要）的细",
        "节。",
    ]


def test_a_japanese_paragraph_keeps_its_punctuation_and_small_kana() -> None:
    assert lines_of(JA) == [
        "吾輩は猫であ",
        "る。名前はま",
        "だ無い。どこ",
        "で生れたかと",
        "んと見当がつ",
        "かぬ。「何で",
        "も薄暗いじめ",
        "じめした所",  # 」 may not start the next line: で goes with it
        "で」ニャー",  # ャ and ー may not start a line either
        "ニャー泣いて",
        "いた事だけは",
        "記憶してい",
        "る。",
    ]


@pytest.mark.parametrize(
    ("text", "expected", "width"),
    [
        ("一二三四五（六七）八", ["一二三四五", "（六七）八"], 12),  # （ never ends a line
        ("一二三四五「六七」", ["一二三四五", "「六七」"], 12),
        ("一二三四五六……七", ["一二三四五", "六……七"], 12),  # …… never starts a line
        ("一二三四五六——七八", ["一二三四五六", "——七八"], 13),  # —— is one mark
        ("我用 Python 写了一个程序，它很快。", ["我用 Python", "写了一个程", "序，它很快。"], 12),
        ("一二三四五六", ["一二三四五六"], 12),  # exactly the measure: no break at all
    ],
)
def test_breaks_around_brackets_marks_and_latin(
    text: str, expected: list[str], width: int
) -> None:
    assert lines_of(text, width) == expected


@pytest.mark.parametrize("text", [ZH, JA])
def test_no_line_starts_closed_or_ends_open_and_nothing_is_lost(text: str) -> None:
    for width in range(12, 40):
        lines = lines_of(text, width)
        assert "".join(lines) == text
        assert all(line[0] not in NO_START and line[-1] not in NO_END for line in lines)


def test_latin_breaks_only_at_spaces() -> None:
    assert not can_break("a", "b")
    assert not can_break("🎉", "a")  # emoji in Latin text change nothing
    assert can_break("字", "a") and can_break("a", "字") and can_break("漢", "字")
    assert not can_break("漢", "。") and not can_break("「", "漢")
    assert not can_break("한", "국")  # Korean breaks at spaces
