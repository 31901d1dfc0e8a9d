"""`shorten`'s summed-prefix path cuts exactly where the character-by-character rule cuts
(the rule as it stood before the fast path, kept here as the reference)."""

from __future__ import annotations

import random

import pytest

from tui.core.text import shorten
from tui.core.text.cells import ELLIPSIS, _loose_end, _widths

ALPHABET = [
    "a", "b", " ", "é", "e\u0301", "\u0301", "漢", "字", "🙂", "\u200d", "\ufe0f", "❤",
    "\u00ad", "\u200b", "\t", "x", "ß", "ｱ", "가",
]


def reference(text: str, width: int) -> str:
    """The loop `shorten` ran for every text that is not printable ASCII."""
    if width <= 0:
        return ""
    if text.isascii() and text.isprintable():
        return text if len(text) <= width else text[: width - 1].rstrip() + ELLIPSIS
    used, cut = 0, 0
    for at, share in enumerate(_widths(text)):
        used += share
        if used <= width - 1:
            cut = at + 1
        elif used > width:
            return _loose_end(text[:cut]) + ELLIPSIS
    return text


@pytest.mark.parametrize("seed", range(8))
def test_fast_path_cuts_where_the_loop_cuts(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(2000):
        # Runs of zero-cell marks now and then: the prefix the fast path sums falls short.
        pool = ALPHABET if rng.random() < 0.8 else ["\u0301", "\u200b", "a", "漢"]
        text = "".join(rng.choice(pool) for _ in range(rng.randrange(1, 60)))
        width = rng.randrange(0, 40)
        assert shorten(text, width) == reference(text, width), (text, width)


def test_accented_quote_cut_to_its_cell_width() -> None:
    assert shorten("revision notice page forget élan garden", 30) == (
        "revision notice page forget é" + ELLIPSIS
    )
    assert shorten("café au lait", 12) == "café au lait"
    assert shorten("漢字漢字漢字", 7) == "漢字漢" + ELLIPSIS
