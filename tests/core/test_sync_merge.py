"""The record merge sync uses (merge3 for highlights, merge_article for articles): a table of
cases, each checked both ways round, since two machines merge with the sides swapped and
must write the same bytes."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.model import Highlight, Overwritten, SavedArticle, Target
from tui.core.notebook.merge import DELETED_ELSEWHERE, merge3
from tui.core.notebook.threeway import merge_article

TEXT = "Alpha beta gamma delta epsilon."
BASE = Highlight(
    "a1", Target.of(TEXT, 0, 5, "h"), tags=("t", "u"), note="n", color="yellow",
    id="h1", created="2030-01-01T00:00:00Z",
)


def edited(**changes: object) -> Highlight:
    return replace(BASE, **changes)  # type: ignore[arg-type]


CASES = [
    # (ours, theirs, expected)
    (BASE, BASE, BASE),
    (edited(note="x", updated="2030-01-02T00:00:00Z"), BASE,
     edited(note="x", updated="2030-01-02T00:00:00Z")),
    (edited(tags=("t", "u", "a")), edited(tags=("u",)), edited(tags=("a", "u"))),
    (
        edited(note="late", updated="2030-01-03T00:00:00Z"),
        edited(note="early", updated="2030-01-02T00:00:00Z"),
        edited(note="late", updated="2030-01-03T00:00:00Z",
               history=(Overwritten("note", "early", "2030-01-02T00:00:00Z"),)),
    ),
    (
        edited(color="green", updated="2030-01-02T00:00:00Z"),
        edited(note="m", updated="2030-01-03T00:00:00Z"),
        edited(color="green", note="m", updated="2030-01-03T00:00:00Z"),
    ),
    (None, BASE, None),
    (
        None,
        edited(note="kept", updated="2030-01-02T00:00:00Z"),
        edited(note="kept", updated="2030-01-02T00:00:00Z",
               history=(Overwritten(DELETED_ELSEWHERE, "", "2030-01-02T00:00:00Z"),)),
    ),
]


@pytest.mark.parametrize(("ours", "theirs", "expected"), CASES)
def test_merge3_both_ways_round(
    ours: Highlight | None, theirs: Highlight | None, expected: Highlight | None
) -> None:
    assert merge3(BASE, ours, theirs) == expected
    assert merge3(BASE, theirs, ours) == expected


def test_a_highlight_new_on_one_side_is_added() -> None:
    assert merge3(None, None, BASE) == BASE == merge3(None, BASE, None)


notes = st.sampled_from(["", "a", "b", "c"])
times = st.sampled_from(["2030-01-01T00:00:00Z", "2030-01-02T00:00:00Z"])
tag_sets = st.lists(st.sampled_from(["t", "u", "v", "w"]), unique=True).map(tuple)


@st.composite
def versions(draw: st.DrawFn) -> Highlight | None:
    if draw(st.integers(0, 5)) == 0:
        return None
    return edited(note=draw(notes), tags=draw(tag_sets), updated=draw(times))


@settings(max_examples=300, derandomize=True)
@given(ours=versions(), theirs=versions())
def test_merge3_is_symmetric_and_settles(ours: Highlight | None, theirs: Highlight | None) -> None:
    merged = merge3(BASE, ours, theirs)
    assert merged == merge3(BASE, theirs, ours)
    if merged is not None and ours is not None and theirs is not None:
        # Merging the result with either side again changes nothing (a sync killed after
        # writing its merge and run again lands on the same record).
        assert merge3(BASE, merged, theirs).note == merged.note  # type: ignore[union-attr]
        assert merge3(BASE, merged, theirs).tags == merged.tags  # type: ignore[union-attr]


ART = SavedArticle(id="a1", title="T", saved="2030-01-01T00:00:00Z", snapshot="s1",
                   text_hash="x1")


def test_articles_take_the_later_reading_and_keep_a_replaced_version() -> None:
    ours = replace(ART, progress=0.9, last_read="2030-01-02T00:00:00Z")
    theirs = replace(ART, progress=0.1, last_read="2030-01-03T00:00:00Z", snapshot="s2",
                     text_hash="x2", read=True)
    for a, b in ((ours, theirs), (theirs, ours)):
        merged = merge_article(ART, a, b)
        assert merged is not None
        record, versions = merged
        assert (record.progress, record.last_read, record.read) == (
            0.1, "2030-01-03T00:00:00Z", True
        )
        assert (record.snapshot, record.text_hash) == ("s2", "x2")
        assert [v.snapshot for v in versions] == ["s1"]


def test_an_article_deleted_on_one_side_goes_unless_changed_on_the_other() -> None:
    assert merge_article(ART, None, ART) is None
    changed = replace(ART, progress=0.5)
    assert merge_article(ART, None, changed) == (changed, ())
