"""count_words answers what ``len(re.findall(r"\\w+", text))`` does, on any text; a cleaned
Article comes with the count it would make of itself."""

from __future__ import annotations

import gzip
import json
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.paths import EXTRACTION, SAMPLES
from tui.core.extract import extract
from tui.core.extract.clean.signals import word_count
from tui.core.model import Article
from tui.core.text.words import count_words

WORDS = re.compile(r"\w+")


def test_word_characters_are_alphanumerics_and_underscore_everywhere() -> None:
    """The byte table's premise, over every code point."""
    word = re.compile(r"\w")
    differ = [
        code
        for code in range(sys.maxunicode + 1)
        if (word.match(chr(code)) is not None) != (chr(code).isalnum() or chr(code) == "_")
    ]
    assert differ == []


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_text(text: str) -> None:
    assert count_words(text) == len(WORDS.findall(text))


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=60))
def test_any_text(text: str) -> None:
    assert count_words(text) == len(WORDS.findall(text))


def test_english_with_a_few_other_characters_and_other_scripts() -> None:
    english = "\u201cQuoted\u201d words \u2014 and a na\u00efve caf\u00e9\u2019s menu, " * 20
    russian = "Слово за словом. " * 20
    for text in (english, russian, english + russian, "a\ud800b", "\ud800" + english):
        assert count_words(text) == len(WORDS.findall(text)), text[:20]


def test_examples() -> None:
    cases = {
        "": 0, " ": 0, "a": 1, "_": 1, " a ": 1, "don't": 2, "a-b c_d 42": 4,
        "\x00a\x7fb": 2, "end.\n\nStart": 2, "café au lait": 3, "a’b": 2,
    }
    assert {text: count_words(text) for text in cases} == cases


def test_the_rules_count_unspaced_scripts_as_before() -> None:
    assert word_count("Plain English words here.") == 4
    assert word_count("日本語の文章です") == 4  # eight characters, two per word
    assert word_count("Gloss 日本語") == 3


def _own_count(article: Article) -> int:
    """What the Article counts when asked first (Article.word_count, uncounted)."""
    return len(WORDS.findall(article.text))


def test_a_cleaned_article_comes_counted_as_it_would_count_itself() -> None:
    """extract() hands the Article its count, summed from the counts of its blocks."""
    page = SAMPLES / "jessica-jones-season-2.html"
    article = extract(page.read_text(encoding="utf-8"), page.as_uri())
    assert article._words == _own_count(article) > 500
    cjk = extract(
        "<html><body><article><p>日本語の文章です。これは記事の本文で、十分に長い段落です。</p>"
        "<p>Gloss reads it: 二つ目の段落も、句読点で終わります。</p></article></body></html>"
    )
    assert cjk._words == _own_count(cjk)


@pytest.mark.slow
def test_every_corpus_page_comes_counted_as_it_would_count_itself() -> None:
    truth = json.loads((EXTRACTION / "ground-truth.json").read_text(encoding="utf-8"))
    pages = sorted((EXTRACTION / "html").glob("*.html.gz"))
    assert len(pages) == 88
    for page in pages:
        html = gzip.decompress(page.read_bytes()).decode("utf-8", "replace")
        url = truth[page.name.removesuffix(".html.gz")].get("url")
        article = extract(html, url)
        assert article._words == _own_count(article), page.name
