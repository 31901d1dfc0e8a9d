"""Gloss's one-pass ``fast_clean`` answers exactly what readability's own ``clean`` does.

readability scores a page by the length of its cleaned texts, so any difference, even one
character on one page, could change which article it picks: the two are compared on every
kind of whitespace run (hypothesis), on runs around readability's 255-character cut, and on
the text of every element of the 88 pages of the extraction corpus.
"""

from __future__ import annotations

import gzip

import lxml.html
import pytest
import readability.readability as readability_module
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.paths import EXTRACTION
from tui.core.extract import extract, readable
from tui.core.extract.readable import fast_clean

ORIGINAL = readable._ORIGINAL_CLEAN
# Every kind of blank readability's regexes treat apart (space, tab, line break), others \s
# matches (CR, form feed, no-break and ideographic spaces, a separator control), and text.
ALPHABET = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\xa0", "\u2009", "\u3000", "\x1c",
            "a", "Z", ",", "é", "文"]


def test_readability_uses_it_while_gloss_runs_it_only(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = []
    real_summary = readable._TreeDocument.summary

    def summary(self: readable._TreeDocument, **kwargs: bool) -> object:
        seen.append(readability_module.clean)
        return real_summary(self, **kwargs)

    monkeypatch.setattr(readable._TreeDocument, "summary", summary)
    extract("<html><body><article><p>A sentence of prose, long enough to be an article.</p>"
            "<p>And a second one, to make it read as text.</p></article></body></html>")
    assert seen == [fast_clean]
    assert readability_module.clean is ORIGINAL is not fast_clean  # bare readability after


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=40))
def test_same_as_readability_on_any_mix_of_blanks(text: str) -> None:
    assert fast_clean(text) == ORIGINAL(text)


@pytest.mark.parametrize("length", [2, 254, 255, 256, 600])
@pytest.mark.parametrize("unit", [" ", "\t", "\n", " \n", "\t ", "\xa0", "\n\t\t"])
def test_same_as_readability_on_long_runs(length: int, unit: str) -> None:
    run = (unit * length)[:length]
    for text in (run, f"a{run}b", f"a{run}", f" a {run} b\t"):
        assert fast_clean(text) == ORIGINAL(text), repr(text[:12])


@pytest.mark.slow
def test_same_as_readability_on_every_element_of_the_corpus() -> None:
    pages = sorted((EXTRACTION / "html").glob("*.html.gz"))
    assert len(pages) == 88
    compared = 0
    for page in pages:
        doc = lxml.html.document_fromstring(gzip.decompress(page.read_bytes()))
        for el in doc.iter():
            if isinstance(el.tag, str):
                text = el.text_content()
                assert fast_clean(text) == ORIGINAL(text), (page.name, el.tag)
                compared += 1
        fast_clean.cache_clear()
    assert compared > 50_000
