"""Describing quotes and re-attaching them to changed texts: tables with exact offsets."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support import paths
from tui.core.anchor.attach import (
    FUZZY_FLOOR,
    Anchor,
    AnchorSummary,
    describe,
    find_quote,
    reanchor,
    reanchor_all,
    summarize,
    text_hash,
)
from tui.core.anchor.normal import NormalQuote, NormalText, normalize
from tui.core.model.article import Article, Block, BlockKind
from tui.core.model.highlight import AnchorStatus, Target, TextPosition, TextQuote

SEED = paths.SEED_TEXT.read_text(encoding="utf-8").rstrip("\n")
EXACT, MOVED, FUZZY, ORPHAN = (
    AnchorStatus.EXACT,
    AnchorStatus.MOVED,
    AnchorStatus.FUZZY,
    AnchorStatus.ORPHAN,
)
ROSENBERG = SEED.split("\n\n")[1]


@pytest.fixture
def seed() -> str:
    """The seed article's canonical text (paragraphs joined by a blank line)."""
    return SEED


def target_on(text: str, quote: str, occurrence: int = 0) -> Target:
    """The target for the ``occurrence``-th ``quote`` in ``text`` (which must be there)."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return describe(text, start, start + len(quote))


def at(text: str, quote: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return start, start + len(quote)


# --- describe ----------------------------------------------------------------------------


def test_describe_records_quote_context_offsets_and_the_articles_hash(seed: str) -> None:
    start = seed.index("So far so good.")
    target = describe(seed, start, start + 15)
    assert target.quote == TextQuote(
        "So far so good.", "nd to the things we want to do. ", " It's working out.\n\nThat's a pre"
    )
    assert target.position == TextPosition(start, start + 15)
    article = Article("t", tuple(Block(BlockKind.PARAGRAPH, p) for p in seed.split("\n\n")))
    assert article.text == seed
    assert target.text_hash == article.text_hash == text_hash(seed)


def test_describe_at_the_edges_keeps_the_context_it_has(seed: str) -> None:
    first = describe(seed, 0, 9)
    assert (first.quote.exact, first.quote.prefix) == ("The first", "")
    last = describe(seed, len(seed) - 9, len(seed))
    assert (last.quote.exact, last.quote.suffix) == ("schedule.", "")


def test_describe_rejects_an_empty_or_outside_range(seed: str) -> None:
    for start, end in ((5, 5), (-1, 3), (10, len(seed) + 1)):
        with pytest.raises(ValueError, match="bad range"):
            describe(seed, start, end)


# --- re-anchoring tables -------------------------------------------------------------------


def insert(before: str, text: str) -> Callable[[str], str]:
    """An edit that puts ``text`` just before the first ``before``."""
    return lambda s: s.replace(before, text + before, 1)


def replace(old: str, new: str) -> Callable[[str], str]:
    return lambda s: s.replace(old, new, 1) if old in s else pytest.fail(f"{old!r} not in text")


SAME_WORDS_CASES = [
    # (id, quote, edit, status, the quote's text in the new text)
    ("unchanged", "So far so good.", lambda s: s, EXACT, "So far so good."),
    ("edit after", "So far so good.", replace("Luke Cage will", "Luke Cage, the show, will"),
     EXACT, "So far so good."),
    ("edit before", "So far so good.", insert("The first season", "Update: renewed.\n\n"),
     MOVED, "So far so good."),
    ("edit in the prefix, same length", "So far so good.",
     replace("listen to them.", "listen to those"), EXACT, "So far so good."),
    ("edit in the prefix, longer", "So far so good.",
     replace("we want to do.", "we would want to do."), MOVED, "So far so good."),
    ("edit in the suffix", "So far so good.", replace("It's working out.", "It works."),
     EXACT, "So far so good."),
    ("spaces doubled inside", "So far so good.", replace("So far so good.", "So  far so  good."),
     MOVED, "So  far so  good."),
    ("line break inside", "So far so good.", replace("So far so good.", "So far\nso good."),
     EXACT, "So far\nso good."),
    ("straight to curly apostrophe", "they've shared material",
     replace("they've shared material", "they\u2019ve shared material"),
     EXACT, "they\u2019ve shared material"),
    ("hyphen to en dash", "the street-level heroes", replace("street-level", "street\u2013level"),
     EXACT, "the street\u2013level heroes"),
    ("hyphen to em dash, with a shift", "the street-level heroes",
     replace("the street-level heroes", "the street\u2014level heroes"),
     EXACT, "the street\u2014level heroes"),
    ("spaced ellipsis respaced", "familiar with. . . . They enjoy",
     replace("with. . . . They", "with.  .  .  . They"), MOVED,
     "familiar with.  .  .  . They enjoy"),
    ("a paragraph reordered", "Not a lot of asskicking",
     lambda s: "\n\n".join([s.split("\n\n")[i] for i in (0, 1, 4, 2, 3, 5)]),
     MOVED, "Not a lot of asskicking"),
    ("quote spanning paragraphs, edit before", "It's working out.\n\nThat's a pretty",
     insert("My colleagues", "[Quote:] "), MOVED, "It's working out.\n\nThat's a pretty"),
    ("quote spanning paragraphs, blank line widened", "It's working out.\n\nThat's a pretty",
     replace("out.\n\nThat's", "out.\n\n\nThat's"), MOVED,
     "It's working out.\n\n\nThat's a pretty"),
    ("quote at the very start, paragraph added", "The first season of Netflix",
     insert("The first season", "Updated June 2017.\n\n"), MOVED, "The first season of Netflix"),
    ("quote at the very end, text appended", "our Netflix premiere schedule.",
     lambda s: s + "\n\nMore on this soon.", EXACT, "our Netflix premiere schedule."),
    ("quote at the very end, text prepended", "our Netflix premiere schedule.",
     lambda s: "Hi. " + s, MOVED, "our Netflix premiere schedule."),
    ("suffix extended", "the hottest spot in New York",
     replace("spot in New York", "spot in New York City"), EXACT, "the hottest spot in New York"),
    ("short quote with its context", "So", insert("The first season", "New. "), MOVED, "So"),
]


@pytest.mark.parametrize(
    ("quote", "edit", "status", "found"),
    [case[1:] for case in SAME_WORDS_CASES],
    ids=[case[0] for case in SAME_WORDS_CASES],
)
def test_same_words_are_found_again(
    seed: str, quote: str, edit: Callable[[str], str], status: AnchorStatus, found: str
) -> None:
    # The short quote is the "So" of "So far so good.", not an earlier one.
    occurrence = seed[: seed.index("So far so good.")].count("So") if quote == "So" else 0
    target = target_on(seed, quote, occurrence)
    new = edit(seed)
    assert new != seed or status is EXACT
    expected = at(new, found, occurrence)
    assert reanchor(target, new) == Anchor(*expected, status, 1.0)


def test_an_unchanged_hash_is_trivially_exact(seed: str) -> None:
    target = target_on(seed, "Kilgrave")
    assert reanchor(target, seed, text_hash=text_hash(seed)) == Anchor(*at(seed, "Kilgrave"), EXACT)


def test_a_repeat_nearer_the_old_place_loses_to_the_one_with_the_context(seed: str) -> None:
    target = target_on(seed, "So far so good.")
    start = target.position.start
    # 300 characters inserted 200 before the quote put a copy with other context exactly at
    # the old offset, and push the original 300 further on.
    filler = "x" * 200 + "So far so good." + "y" * 85
    new = seed[: start - 200] + filler + seed[start - 200 :]
    assert new[start : start + 15] == "So far so good."
    assert reanchor(target, new) == Anchor(start + 300, start + 315, MOVED)


@pytest.mark.parametrize("copy", [0, 1])
def test_repeats_with_the_same_context_are_told_apart_by_nearness(copy: int) -> None:
    paragraph = ROSENBERG
    text = paragraph + "\n\n" + paragraph
    target = target_on(text, "They enjoy collaboration", copy)
    new = "Intro.\n\n" + text
    start, end = at(new, "They enjoy collaboration", copy)
    assert reanchor(target, new) == Anchor(start, end, MOVED)


def test_the_quote_is_found_even_when_the_old_position_is_past_the_end(seed: str) -> None:
    target = Target(TextQuote("So far so good.", "", ""), TextPosition(9_000, 9_015), "old")
    assert reanchor(target, seed) == Anchor(*at(seed, "So far so good."), MOVED)


def test_a_stale_hash_with_the_words_in_place_is_still_exact(seed: str) -> None:
    target = target_on(seed, "Kilgrave")
    stale = Target(target.quote, target.position, "0" * 64)
    assert reanchor(stale, seed, text_hash=text_hash(seed)) == Anchor(*at(seed, "Kilgrave"), EXACT)


# Typography changes that alter lengths, on small texts so the offsets are easy to read.
TYPOGRAPHY_CASES = [
    ("three dots to ellipsis", 'She said "wait..." and left.', "wait...",
     'She said \u201cwait\u2026\u201d and left.', "wait\u2026"),
    ("ellipsis to three dots", "She said \u201cwait\u2026\u201d and left.",
     "\u201cwait\u2026\u201d", 'She said "wait..." and left.', '"wait..."'),
    ("curly quotes to straight", "He called it \u201cinauspicious\u201d at best.",
     "\u201cinauspicious\u201d at best", 'He called it "inauspicious" at best.',
     '"inauspicious" at best'),
    ("em dash to hyphen", "the chemistry\u2014and the sisterhood",
     "chemistry\u2014and", "the chemistry-and the sisterhood", "chemistry-and"),
    ("em dash to spaced hyphen", "the chemistry\u2014and the sisterhood",
     "chemistry\u2014and the", "the chemistry - and the sisterhood", "chemistry - and the"),
    ("double hyphen to em dash", "a draft -- the first one", "draft -- the",
     "a draft\u2014the first one", "draft\u2014the"),
    ("spaced ellipsis to ellipsis character", "most familiar with. . . . They enjoy it",
     "with. . . . They", "most familiar with.\u2026 They enjoy it", "with.\u2026 They"),
    ("no-break space to space", "Friday,\u00a0September 30", "Friday,\u00a0September",
     "Friday, September 30", "Friday, September"),
    ("zero-width space removed", "Iron\u200b Fist's Scott Buck", "Iron\u200b Fist",
     "Iron Fist's Scott Buck", "Iron Fist"),
]


@pytest.mark.parametrize(
    ("old", "quote", "new", "found"),
    [case[1:] for case in TYPOGRAPHY_CASES],
    ids=[case[0] for case in TYPOGRAPHY_CASES],
)
def test_typography_changes_keep_the_words(old: str, quote: str, new: str, found: str) -> None:
    target = target_on(old, quote)
    start, end = at(new, found)
    status = EXACT if (start, end) == (target.position.start, target.position.end) else MOVED
    assert reanchor(target, new) == Anchor(start, end, status)


FUZZY_CASES = [
    # (id, quote, edit, the span expected in the new text)
    ("comma added inside", "So far so good.", replace("So far so good.", "So far, so good."),
     "So far, so good."),
    ("word replaced inside", "they listen, and we listen to them",
     replace("they listen, and we listen", "they listen, and we talk"),
     "they listen, and we talk to them"),
    ("word deleted inside", "the well-crafted relationship between the titular badass",
     replace("the titular badass", "the badass"),
     "the well-crafted relationship between the badass"),
    ("last word replaced", "Melissa Rosenberg told EW that she's very interested",
     replace("very interested", "very keen"), "Melissa Rosenberg told EW that she's very keen"),
    ("first word replaced", "Similarly, the Defenders duo can share with Rosenberg",
     replace("Similarly, the Defenders", "Likewise, the Defenders"),
     "Likewise, the Defenders duo can share with Rosenberg"),
    ("edit inside and the text shifted", "a specific scene somewhere in Jessica's apartment",
     lambda s: "Preface.\n\n" + s.replace("scene somewhere in", "scene set somewhere in"),
     "a specific scene set somewhere in Jessica's apartment"),
]


@pytest.mark.parametrize(
    ("quote", "edit", "found"),
    [case[1:] for case in FUZZY_CASES],
    ids=[case[0] for case in FUZZY_CASES],
)
def test_edited_quotes_attach_fuzzily_on_whole_words(
    seed: str, quote: str, edit: Callable[[str], str], found: str
) -> None:
    target = target_on(seed, quote)
    new = edit(seed)
    anchor = reanchor(target, new)
    assert (anchor.start, anchor.end, anchor.status) == (*at(new, found), FUZZY)
    assert FUZZY_FLOOR <= anchor.score < 1.0


def test_a_rosenberg_sentence_reworded_and_moved_to_the_end(seed: str) -> None:
    quote = "We're really trying to find a way to respond to the things that they want to do"
    target = target_on(seed, quote)
    sentence = quote + ", and them to respond to the things we want to do. "
    reworded = "We are really trying to find a way to respond to the things they want to do"
    new = seed.replace(sentence, "") + "\n\n" + reworded + ", and the reverse."
    anchor = reanchor(target, new)
    assert (anchor.start, anchor.end, anchor.status) == (*at(new, reworded), FUZZY)


ORPHAN_CASES = [
    ("quote deleted", "So far so good.", replace("So far so good. ", "")),
    ("sentence deleted", "They enjoy collaboration, which is not always the case",
     replace("They enjoy collaboration, which is not always the case, and they listen, and we "
             "listen to them. ", "")),
    ("quote rewritten", "a lack of strong communication between everyone involved",
     replace("a lack of strong communication between everyone involved",
             "if nobody talked to anybody at all")),
    ("half the quote cut", "Not a lot of asskicking and throwing people through doors",
     replace("asskicking and throwing people through doors", "doors")),
]


@pytest.mark.parametrize(
    ("quote", "edit"), [case[1:] for case in ORPHAN_CASES], ids=[c[0] for c in ORPHAN_CASES]
)
def test_lost_quotes_are_orphans_below_the_floor(
    seed: str, quote: str, edit: Callable[[str], str]
) -> None:
    anchor = reanchor(target_on(seed, quote), edit(seed))
    assert (anchor.start, anchor.end, anchor.status) == (-1, -1, ORPHAN)
    assert 0.0 <= anchor.score < FUZZY_FLOOR
    assert not anchor.attached


def test_a_deleted_quote_with_nothing_close_scores_zero(seed: str) -> None:
    new = seed.replace("So far so good. ", "")
    assert reanchor(target_on(seed, "So far so good."), new) == Anchor(-1, -1, ORPHAN, 0.0)


def test_a_short_quote_whose_context_is_gone_is_an_orphan_with_a_score(seed: str) -> None:
    target = target_on(seed, "Kilgrave")  # 8 characters, once in the text
    sentence = seed[seed.index("in large part") : seed.index("Kilgrave. ") + 10]
    new = seed.replace(sentence, "thanks to its cast, above all Kilgrave, its villain. ")
    anchor = reanchor(target, new)
    assert anchor.status is ORPHAN
    assert 0.3 < anchor.score < FUZZY_FLOOR


def test_a_short_quote_keeps_its_place_when_one_side_of_its_context_holds(seed: str) -> None:
    target = target_on(seed, "Kilgrave")
    new = seed.replace("Kilgrave. Jessica will be moving", "Kilgrave. She moves")
    assert reanchor(target, new) == Anchor(*at(new, "Kilgrave"), EXACT)


def test_a_word_is_not_found_again_inside_a_longer_word() -> None:
    target = target_on("We met Jones today. It rained.", "Jones")
    new = "We met Jonesy today. Later, Jones left."
    assert reanchor(target, new).status is ORPHAN


def test_a_short_common_quote_with_new_context_everywhere_is_an_orphan() -> None:
    text = "We went to the shop. Then to the park. Then to the beach."
    target = target_on(text, "the", 1)
    new = "Tomorrow: the zoo, the museum, and the river walk by the old mill."
    assert reanchor(target, new).status is ORPHAN


@pytest.mark.parametrize("exact", ["", " "])
def test_an_empty_or_blank_quote_is_an_orphan(seed: str, exact: str) -> None:
    target = Target(TextQuote(exact, "abc", "def"), TextPosition(10, 10 + len(exact)), "x")
    new = seed.replace(" ", "  ")  # so that the blank quote is not found where it was
    assert reanchor(target, new if exact else seed) == Anchor(-1, -1, ORPHAN, 0.0)


def test_a_single_character_quote_comes_back_exactly(seed: str) -> None:
    start = seed.index("Jessica")
    target = describe(seed, start, start + 1)
    assert reanchor(target, seed) == Anchor(start, start + 1, EXACT)
    assert reanchor(target, "So: " + seed) == Anchor(start + 4, start + 5, MOVED)


def test_reanchor_all_matches_reanchor_one_by_one(seed: str) -> None:
    quotes = ["So far so good.", "Kilgrave", "The first season", "our Netflix premiere schedule."]
    targets = [target_on(seed, q) for q in quotes]
    new = "Intro.\n\n" + seed.replace("So far so good. ", "").replace("first season", "1st season")
    anchors = reanchor_all(targets, new)
    assert anchors == [reanchor(t, new) for t in targets]
    assert [a.status for a in anchors] == [ORPHAN, MOVED, FUZZY, MOVED]
    assert str(summarize(anchors)) == "0 exact, 2 moved, 1 fuzzy, 1 orphaned"


def test_summary_counts_and_reads_as_the_ui_shows_it() -> None:
    anchors = [Anchor(0, 1, EXACT)] * 3 + [Anchor(2, 3, MOVED), Anchor(-1, -1, ORPHAN, 0.0)]
    assert summarize(anchors) == AnchorSummary(exact=3, moved=1, fuzzy=0, orphaned=1)
    assert str(summarize(anchors)) == "3 exact, 1 moved, 0 fuzzy, 1 orphaned"
    assert str(summarize([])) == "0 exact, 0 moved, 0 fuzzy, 0 orphaned"


def test_targets_survive_a_round_trip_through_their_dict_form(seed: str) -> None:
    target = target_on(seed, "So far so good.")
    again = Target.from_dict(target.to_dict())
    new = "Lead.\n\n" + seed
    expected = Anchor(*at(new, "So far so good."), MOVED)
    assert reanchor(again, new) == reanchor(target, new) == expected


# --- find_quote ----------------------------------------------------------------------------

FIND_CASES = [
    ("typed as is", "So far so good.", ["So far so good."]),
    ("extra and missing spaces", "So  far so\ngood .", ["So far so good."]),
    ("straight apostrophe for a straight one", "they've shared", ["they've shared"]),
    ("three dots for a spaced ellipsis", "familiar with.... They", ["familiar with. . . . They"]),
    ("ellipsis character for a spaced one", "with.\u2026 They", ["with. . . . They"]),
    ("curly apostrophe for a straight one", "they\u2019ve shared", ["they've shared"]),
    ("em dash for a hyphen", "street\u2014level", ["street-level"]),
    ("every occurrence, in order", "Season 2", ["Season 2"] * 5),
    ("case ignored only when nothing matches with it", "so far so good", ["So far so good"]),
    ("not there", "Luke Cage will not premiere", []),
    ("whole words only", "Jess", []),
    ("a word, not inside longer ones", "the", ["the"] * 24),
    ("blank", "   ", []),
]


@pytest.mark.parametrize(
    ("typed", "found"), [c[1:] for c in FIND_CASES], ids=[c[0] for c in FIND_CASES]
)
def test_find_quote(seed: str, typed: str, found: list[str]) -> None:
    spans = find_quote(seed, typed)
    assert [seed[s:e] for s, e in spans] == found
    assert spans == sorted(spans)
    if found:
        assert spans[0] == at(seed, found[0])


def test_find_quote_reports_real_offsets_in_a_text_with_typography() -> None:
    text = "He said \u201cwait\u2026\u201d\u00a0and  left\u2014fast."
    assert find_quote(text, '"wait..." and left-fast') == [(8, len(text) - 1)]
    assert find_quote(text, "wait.") == [(9, 14)]


def test_find_quote_occurrences_do_not_overlap() -> None:
    assert find_quote("ha ha ha ha", "ha ha") == [(0, 5), (6, 11)]


# --- the normalised text -------------------------------------------------------------------


def test_normalize_folds_whitespace_and_typography_but_not_case() -> None:
    typed = "A\u00a0 \n\tb \u201cC\u201d \u2018d\u2019 e\u2013f\u2014g\u2026 h\u200bi"
    assert normalize(typed) == 'A b "C" \'d\' e-f-g... hi'
    assert normalize("a - b -- c \u2014 d. . . e .  . f") == "a-b-c-d... e .. f"


def test_normal_text_maps_spans_back_to_the_real_text() -> None:
    real = "a  b\u2026c\u200bd\n\ne"
    normal = NormalText.of(real)
    assert normal.norm == "a b...cd e"
    assert normal.real_span(0, 1) == (0, 1)
    assert normal.real_span(1, 2) == (1, 3)  # the collapsed spaces
    assert normal.real_span(3, 4) == (4, 5)  # one dot of the ellipsis is the whole ellipsis
    assert normal.real_span(3, 7) == (4, 6)
    assert normal.real_span(7, 8) == (7, 8)  # past the zero-width space
    assert normal.real_span(0, len(normal.norm)) == (0, len(real))
    assert [normal.norm_offset(r) for r in range(len(real) + 1)] == [
        0, 1, 1, 2, 3, 6, 7, 7, 8, 8, 9, 10,
    ]
    with pytest.raises(ValueError, match="empty span"):
        normal.real_span(2, 2)


def test_a_normal_quote_cuts_its_context_where_the_real_parts_met() -> None:
    quote = NormalQuote.of("end of it.\n\n", " Next\u2014one", "\u2026 then")
    # Context shorter than 32 characters was cut short by the start or the end of the text.
    assert quote == NormalQuote("end of it.", " Next-one", "... then", at_start=True, at_end=True)
    full = NormalQuote.of("x" * 32, "quote", "y" * 32)
    assert (full.exact, full.at_start, full.at_end) == ("quote", False, False)


def test_the_text_generator_is_seeded_exact_in_words_and_article_shaped() -> None:
    from tests.support.textgen import generate_article, generate_text

    article = generate_article(2_000, 3)
    assert article.text == generate_text(2_000, 3)
    assert generate_text(2_000, 3) != generate_text(2_000, 4)
    assert len(article.text.split()) == 2_000
    kinds = {block.kind for block in article.blocks}
    assert kinds == {BlockKind.HEADING, BlockKind.PARAGRAPH}
    assert "\n\n" not in "".join(block.text for block in article.blocks)
    assert [len(generate_text(n, n).split()) for n in (1, 7, 9, 50)] == [1, 7, 9, 50]
