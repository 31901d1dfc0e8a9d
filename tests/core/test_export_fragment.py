"""Passage links: URL text fragments as the WICG text-fragments spec writes them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.test_export_seed import KEY_QUOTE, URL, seed
from tui.core.export.fragment import _found_earlier, encode_term, fragment_link, text_directive


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("well-crafted", "well%2Dcrafted"),
        ("Q&A, then", "Q%26A%2C%20then"),
        ("it's 50%", "it%27s%2050%25"),
        ("café #1", "caf%C3%A9%20%231"),
    ],
)
def test_terms_encode_the_directive_syntax_characters(term: str, expected: str) -> None:
    assert encode_term(term) == expected


def test_short_quote_is_given_whole() -> None:
    assert text_directive("So far  so good.") == "text=So%20far%20so%20good."


def test_long_quote_is_a_range_of_a_few_words_each_side() -> None:
    assert text_directive(KEY_QUOTE) == (
        "text=My%20colleagues%20Marco%20Ramirez,good.%20It%27s%20working%20out."
    )


def test_quote_over_two_blocks_is_always_a_range() -> None:
    assert text_directive("It's working out.\n\nThat's a pretty") == (
        "text=It%27s%20working%20out.,That%27s%20a%20pretty"
    )


def test_prefix_tells_an_earlier_match_apart() -> None:
    s = seed()
    # "Jessica Jones" first appears in the first paragraph; this one is in the last.
    text = s.article.text
    start = text.index("Jessica Jones' Season 2 debut")
    exact = "Jessica Jones"
    prefix = text[start - 32 : start]
    assert text_directive(exact, prefix, text=text, start=start) == (
        "text=will%20premiere%2C%20meaning-,Jessica%20Jones"
    )
    # Without the page text nothing can be told apart, so no prefix.
    assert text_directive(exact, prefix) == "text=Jessica%20Jones"
    # A phrase found only here needs none.
    longer = "Jessica Jones' Season 2 debut"
    assert text_directive(longer, prefix, text=text, start=start) == (
        "text=Jessica%20Jones%27%20Season%202%20debut"
    )
    # The first occurrence needs none.
    first = text.index("Jessica will be moving on")
    assert "-," not in text_directive(
        "Jessica will be moving on", text[:first], text=text, start=first
    )


def test_prefix_stays_in_the_quote_s_own_block() -> None:
    text = "alpha beta\n\nalpha beta"
    assert text_directive("alpha beta", "alpha beta\n\n", text=text, start=12) == (
        "text=alpha%20beta"
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (URL, URL + "#:~:text=So%20far"),
        ("https://e.com/a#section", "https://e.com/a#section:~:text=So%20far"),
        ("https://e.com/a#:~:text=old", "https://e.com/a#:~:text=So%20far"),
        ("file:///tmp/page.html", None),
        (None, None),
    ],
)
def test_fragment_link(url: str | None, expected: str | None) -> None:
    assert fragment_link(url, "So far") == expected


def test_quote_without_words_links_to_the_page() -> None:
    assert fragment_link(URL, "  \n ") == URL


def _found_earlier_by_regex(text: str, head: str, start: int) -> bool:
    """The plain definition the cached search must agree with."""
    pattern = r"\s+".join(re.escape(word) for word in head.split())
    found = re.search(pattern, text, re.IGNORECASE)
    return found is not None and found.start() < start


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(["so", "far", "So", "good", "it's", "Far", "\n\n", "  "]),
        min_size=1,
        max_size=40,
    ),
    data=st.data(),
)
@pytest.mark.slow
def test_cached_earlier_search_agrees_with_the_regex(words: list[str], data: st.DataObject) -> None:
    text = " ".join(words)
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    if not starts:
        return
    start = data.draw(st.sampled_from(starts))
    head_words = data.draw(st.integers(1, 3))
    head = " ".join(text[start:].split()[:head_words])
    assert _found_earlier(text, head, start) == _found_earlier_by_regex(text, head, start)


def test_earlier_search_with_case_changing_length() -> None:
    # "İ" lower-cases to two characters: the cached copy is skipped, the answer stays right.
    text = "İstanbul so far. Then so far again."
    assert _found_earlier(text, "so far", text.rindex("so far")) is True
    assert _found_earlier(text, "so far", text.index("so far")) is False


def reference_terms(exact: str) -> list[str]:
    """The directive's terms as the spec reads (every word split out, no shortcuts)."""
    blocks = [b.split() for b in exact.split("\n\n") if b.split()]
    if not blocks:
        return []
    if len(blocks) == 1 and len(blocks[0]) <= 8:
        return [" ".join(blocks[0])]
    return [" ".join(blocks[0][:4]), " ".join(blocks[-1][-4:])]


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab-,é \n\t\u3000")), max_size=40))
def test_the_directive_takes_the_edge_words_however_the_quote_is_spaced(exact: str) -> None:
    terms = reference_terms(exact)
    expected = "text=" + ",".join(encode_term(t) for t in terms) if terms else ""
    assert text_directive(exact) == expected


def _folded_by_walking(text: str) -> tuple[str, tuple[int, ...], tuple[int, ...]] | None:
    """The folded copy as first written: every whitespace run walked and recorded."""
    parts: list[str] = []
    run_ends: list[int] = []
    removed: list[int] = []
    last = gone = 0
    for match in re.finditer(r"\s+", text):
        parts += (text[last : match.start()], " ")
        gone += match.end() - match.start() - 1
        run_ends.append(match.end())
        removed.append(gone)
        last = match.end()
    parts.append(text[last:])
    flat = "".join(parts)
    lower = flat.lower()
    return (lower, tuple(run_ends), tuple(removed)) if len(lower) == len(flat) else None


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.sampled_from(["a", "B", " ", "\n", "\t", "\u00a0", "İ", "é", "\x1c",
                                     "\u2028", "\u3000", "\x85", "\u200b"]),
                    max_size=40),
       data=st.data())
def test_folded_copy_maps_offsets_as_walking_every_run_did(text: str, data: st.DataObject) -> None:
    from tui.core.export.fragment import _folded

    new, old = _folded(text), _folded_by_walking(text)
    assert (new is None) == (old is None)
    if new is None or old is None:
        return
    assert new[0] == old[0]
    start = data.draw(st.integers(0, len(text)))
    # The shift an offset gets: what the runs ending at or before it removed.
    def shift(ends: tuple[int, ...], removed: tuple[int, ...]) -> int:
        import bisect

        runs = bisect.bisect_right(ends, start)
        return removed[runs - 1] if runs else 0

    assert shift(new[1], new[2]) == shift(old[1], old[2])
