"""The cleaner's quality on 88 real pages stays at the level it reached (quality only).

The score is the word-shingle F1 of ``../shared/extraction/score.py``, computed in-process
over the copy of the corpus in tests/data/extraction. Timing is not asserted here: the clean
benchmark (tests/benchmarks/bench_clean.py) reports it beside bare readability.
"""

from __future__ import annotations

import pytest

from tests.support.extraction_score import page_scores, score, shingles
from tui.core.export.article_text import to_text
from tui.core.extract.pipeline import extract

# Reached on this corpus when the rules were written (F1 0.992, P 0.992, R 0.992, with the
# structural link rules); the floor leaves room for float noise and a page's worth of
# harmless change, not for a regression.
REACHED_F1 = 0.992
EPSILON = 0.001


def _gloss(html: str, url: str) -> str:
    return to_text(extract(html, url or None))


@pytest.mark.slow
def test_corpus_f1_stays_at_the_level_reached() -> None:
    result = score(_gloss)
    assert result.pages == 88
    assert result.errors == 0
    assert result.f1 >= REACHED_F1 - EPSILON, result


def test_shingle_scoring_matches_the_reference_definition() -> None:
    # Four-word runs, case-sensitive, as multisets; short texts are one run.
    assert shingles("one two three four five") == {
        ("one", "two", "three", "four"): 1,
        ("two", "three", "four", "five"): 1,
    }
    assert shingles("Hi there") == {("Hi", "there"): 1}
    assert page_scores("a b c d e", "a b c d e") == (1.0, 1.0)
    assert page_scores("a b c d e", "a b c d x y") == (1 / 3, 1 / 2)
    assert page_scores("a b c d e f", "a b c d e") == (1.0, 2 / 3)
    assert page_scores("", "") == (None, None)
    # Words glued across blocks lose their shingles: blocks must print on separate lines.
    assert page_scores("end. Start of the next", "endStart of the next") == (0.0, 0.0)
