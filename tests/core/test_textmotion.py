"""Word, sentence and paragraph boundaries for keyboard selection motions."""

from __future__ import annotations

import pytest

from tests.support import paths
from tui.core.anchor.attach import sentence_at as sentence_at_from_anchor
from tui.core.text.motion import (
    next_paragraph,
    next_sentence,
    next_word,
    paragraph_at,
    prev_paragraph,
    prev_sentence,
    prev_word,
    sentence_at,
    sentences,
    word_at,
)

SEED = paths.SEED_TEXT.read_text(encoding="utf-8").rstrip("\n")
BLOCKS = SEED.split("\n\n")


@pytest.fixture
def seed() -> str:
    """The seed article's canonical text (paragraphs joined by a blank line)."""
    return SEED


def texts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


def all_sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for block in text.split("\n\n"):
        out += sentences(text, start, start + len(block))
        start += len(block) + 2
    return out


# --- sentences ----------------------------------------------------------------------------


def test_rosenberg_paragraph_splits_into_its_seven_sentences(seed: str) -> None:
    start, end = paragraph_at(seed, seed.index("My colleagues"))
    assert texts(seed, sentences(seed, start, end)) == [
        "My colleagues Marco Ramirez and Doug Petrie, who are doing Defenders, they've shared "
        "material.",
        "We've sat down for many conversations about what are they doing, what's happening with "
        "Jessica?",
        "They want my input, they want all the different showrunners' input on the characters "
        "that they're most familiar with. . . .",
        "They enjoy collaboration, which is not always the case, and they listen, and we listen "
        "to them.",
        "We're really trying to find a way to respond to the things that they want to do, and "
        "them to respond to the things we want to do.",
        "So far so good.",
        "It's working out.",
    ]


def test_so_far_so_good_is_its_own_sentence_from_any_of_its_characters(seed: str) -> None:
    start = seed.index("So far so good.")
    for offset in range(start, start + 15):
        assert sentence_at(seed, offset) == (start, start + 15)


def test_the_spaced_ellipsis_ends_one_sentence_and_makes_none_of_its_own(seed: str) -> None:
    dots = seed.index(". . . .")
    expected = (seed.index("They want my input"), dots + len(". . . ."))
    for offset in range(dots - 3, dots + len(". . . .")):
        assert sentence_at(seed, offset) == expected
    assert sentence_at(seed, dots + len(". . . . ")) == (dots + 8, seed.index(" We're really"))


def test_no_sentence_of_the_seed_is_tiny_crosses_a_block_or_starts_with_a_dot(seed: str) -> None:
    found = all_sentences(seed)
    assert len(found) == 22
    for start, end in found:
        assert end - start > 10
        assert "\n" not in seed[start:end]
        assert seed[start] not in ". " and seed[end - 1] in ".?!)"


def test_every_offset_of_the_seed_widens_to_a_sentence_of_its_block(seed: str) -> None:
    found = set(all_sentences(seed))
    for offset in range(len(seed) + 1):
        span = sentence_at(seed, offset)
        assert span in found
        block = paragraph_at(seed, offset)
        assert block[0] <= span[0] < span[1] <= block[1]


SENTENCE_CASES = [
    # (id, text, an offset inside this substring, the sentence expected)
    ("title", "Mr. Smith went to Washington. He stayed.", "Smith", "Mr. Smith went to Washington."),
    ("titles in a row", "Dr. and Mrs. Jones came. Late.", "Jones", "Dr. and Mrs. Jones came."),
    ("e.g. and i.e.", "See e.g. Marvel, i.e. The Defenders. Next.", "Marvel",
     "See e.g. Marvel, i.e. The Defenders."),
    ("decimal", "It cost 3.5 dollars. Cheap.", "dollars", "It cost 3.5 dollars."),
    ("initials", "J. K. Rowling wrote it. Yes.", "Rowling", "J. K. Rowling wrote it."),
    ("number abbreviation", "See No. 5 for more. Done.", "more", "See No. 5 for more."),
    ("no. at the end", "He said no. Then he left.", "said", "He said no."),
    ("question inside quotes", "\u201cWho?\u201d she asked. Nobody knew.", "asked",
     "\u201cWho?\u201d she asked."),
    ("closing quote after the stop", 'He said "Go." Then he went.', "said", 'He said "Go."'),
    ("closing bracket after the stop", "(The two men ran it.) If so, fine.", "men",
     "(The two men ran it.)"),
    ("ellipsis before lower case", "Wait... what? Yes!", "what", "Wait... what?"),
    ("ellipsis character before a capital", "It ended\u2026 Then nothing.", "ended",
     "It ended\u2026"),
    ("bang and question together", "Really?! Yes.", "Really", "Really?!"),
    ("abbreviation then lower case", "The U.S. economy grew. Fine.", "economy",
     "The U.S. economy grew."),
    ("no terminator at all", "A heading without a stop\n\nThe body. Two.", "heading",
     "A heading without a stop"),
    ("block separator stops a sentence", "No stop here\n\nand lower case next.", "here",
     "No stop here"),
    ("between sentences: the next one", "One.  Two.", "  ", "Two."),
    ("on the separator: the block before", "One. Two\n\nThree.", "\n\n", "Two"),
]


@pytest.mark.parametrize(
    ("text", "inside", "expected"),
    [case[1:] for case in SENTENCE_CASES],
    ids=[case[0] for case in SENTENCE_CASES],
)
def test_sentence_at(text: str, inside: str, expected: str) -> None:
    offset = text.index(inside) + (1 if inside.strip() == "" else 0)
    start = text.index(expected)
    assert sentence_at(text, offset) == (start, start + len(expected))


def test_sentence_at_is_also_offered_by_the_anchor_module(seed: str) -> None:
    assert sentence_at_from_anchor is sentence_at


def test_offsets_outside_the_text_are_clamped(seed: str) -> None:
    last = seed.index("To see when")
    assert sentence_at(seed, -10) == sentence_at(seed, 0) == (0, seed.index(" Jessica will"))
    assert sentence_at(seed, 10**6) == (last, len(seed))
    assert sentence_at("", 5) == (0, 0)


def test_next_sentence_walks_every_sentence_start_then_the_end(seed: str) -> None:
    starts = [start for start, _ in all_sentences(seed)]
    walked, offset = [], 0
    while offset < len(seed):
        offset = next_sentence(seed, offset)
        walked.append(offset)
    assert walked == [*starts[1:], len(seed)]


def test_prev_sentence_walks_back_to_the_start(seed: str) -> None:
    starts = [start for start, _ in all_sentences(seed)]
    walked, offset = [], len(seed)
    while offset > 0:
        offset = prev_sentence(seed, offset)
        walked.append(offset)
    assert walked == starts[::-1]


def test_prev_sentence_from_inside_goes_to_the_start_of_the_same_sentence(seed: str) -> None:
    start = seed.index("So far so good.")
    assert prev_sentence(seed, start + 5) == start
    assert prev_sentence(seed, start) == seed.index("We're really")
    assert next_sentence(seed, start + 5) == seed.index("It's working out.")


# --- paragraphs ---------------------------------------------------------------------------


def test_paragraph_motions_land_on_block_starts(seed: str) -> None:
    starts = [seed.index(block) for block in BLOCKS]
    walked, offset = [], 0
    while offset < len(seed):
        offset = next_paragraph(seed, offset)
        walked.append(offset)
    assert walked == [*starts[1:], len(seed)]
    walked, offset = [], len(seed)
    while offset > 0:
        offset = prev_paragraph(seed, offset)
        walked.append(offset)
    assert walked == starts[::-1]


PARAGRAPH_CASES = [
    # (text, offset, paragraph_at, next_paragraph, prev_paragraph)
    ("A\n\nB", 0, (0, 1), 3, 0),
    ("A\n\nB", 1, (0, 1), 3, 0),  # the separator's first newline belongs to the block before
    ("A\n\nB", 2, (0, 1), 3, 0),  # ... and so does its second
    ("A\n\nB", 3, (3, 4), 4, 0),
    ("A\n\nB", 4, (3, 4), 4, 3),
    ("A\n\n\n\nB", 3, (0, 1), 5, 0),  # a longer run of blank lines is one separator
    ("A\nB\n\nC", 2, (0, 3), 5, 0),  # a single newline is inside a block (a table, a poem)
    ("", 0, (0, 0), 0, 0),
]


@pytest.mark.parametrize(("text", "offset", "block", "following", "before"), PARAGRAPH_CASES)
def test_paragraph_edges(
    text: str, offset: int, block: tuple[int, int], following: int, before: int
) -> None:
    assert paragraph_at(text, offset) == block
    assert next_paragraph(text, offset) == following
    assert prev_paragraph(text, offset) == before


# --- words --------------------------------------------------------------------------------

WORDY = "Hello, world. It isn't 3.5 (here).\n\nNext\u2019s line"
WORD_STARTS = [0, 5, 7, 12, 14, 17, 23, 24, 25, 27, 28, 32, 36, 43]


def test_next_word_walks_every_word_start_like_vim_w() -> None:
    assert [WORDY[s : s + 2] for s in WORD_STARTS] == [
        "He", ", ", "wo", ". ", "It", "is", "3.", ".5", "5 ", "(h", "he", ").", "Ne", "li",
    ]
    walked, offset = [], 0
    while offset < len(WORDY):
        offset = next_word(WORDY, offset)
        walked.append(offset)
    assert walked == [*WORD_STARTS[1:], len(WORDY)]


def test_prev_word_walks_back_like_vim_b() -> None:
    walked, offset = [], len(WORDY)
    while offset > 0:
        offset = prev_word(WORDY, offset)
        walked.append(offset)
    assert walked == WORD_STARTS[::-1]


@pytest.mark.parametrize(
    ("offset", "following", "before"),
    [
        (1, 5, 0),  # inside "Hello": w to ",", b to its own start
        (6, 7, 5),  # on the space after ",": w to "world", b to ","
        (19, 23, 17),  # inside "isn't"
        (38, 43, 36),  # inside "Next's"
        (len(WORDY), len(WORDY), 43),
    ],
)
def test_word_motions_from_inside_and_between_words(
    offset: int, following: int, before: int
) -> None:
    assert (next_word(WORDY, offset), prev_word(WORDY, offset)) == (following, before)


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(0, "Hello"), (4, "Hello"), (5, ","), (6, "world"), (19, "isn't"), (24, "."),
     (33, ")."), (34, ")."), (36, "Next\u2019s"), (len(WORDY), "line")],
)
def test_word_at(offset: int, expected: str) -> None:
    start, end = word_at(WORDY, offset)
    assert WORDY[start:end] == expected
    assert word_at("   ", 1) == (1, 1)
    assert word_at("", 0) == (0, 0)


def test_motions_on_an_empty_text_stay_at_zero() -> None:
    for motion in (next_word, prev_word, next_sentence, prev_sentence, next_paragraph,
                   prev_paragraph):
        assert motion("", 0) == 0
