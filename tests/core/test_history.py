"""Back/forward history."""

from __future__ import annotations

from tui.core.reader.history import Entry, History

A, B, C, D = (Entry(name) for name in "abcd")


def test_back_and_forward() -> None:
    history = History()
    assert history.current is None and not history.can_go_back
    for entry in (A, B, C):
        history.visit(entry)
    assert history.current == C
    assert history.peek_back() == B
    assert history.back() == B
    assert history.back() == A
    assert history.back() is None
    assert history.current == A
    assert history.forward() == B
    assert history.peek_forward() == C


def test_visiting_after_going_back_drops_the_forward_entries() -> None:
    history = History()
    for entry in (A, B, C):
        history.visit(entry)
    history.back()
    history.visit(D)
    assert history.entries == (A, B, D)
    assert not history.can_go_forward


def test_visiting_the_current_entry_again_adds_nothing() -> None:
    history = History()
    history.visit(A)
    history.visit(A)
    assert history.entries == (A,)
    assert history.index == 0


def test_the_same_page_can_appear_twice() -> None:
    history = History()
    for entry in (A, B, A):
        history.visit(entry)
    assert history.back() == B
    assert history.back() == A
    assert history.index == 0


def test_limit_drops_the_oldest() -> None:
    history = History(limit=2)
    for entry in (A, B, C):
        history.visit(entry)
    assert history.entries == (B, C)
    assert history.back() == B
    assert history.back() is None
