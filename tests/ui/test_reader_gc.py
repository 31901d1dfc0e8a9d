"""A long layout is kept out of the garbage collector's walks (resizes stay smooth), a short
one is left alone, and freezing on an article's first layout pins no waiting garbage."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from tests.support.textgen import generate_article
from tui.ui.widgets.reader.view import FREEZE_LINES, _layout_without_gc


class Node:
    """A part of a reference cycle: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture(autouse=True)
def _thawed() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # the rest of the test run must not keep what was frozen here


def test_only_long_layouts_are_frozen_and_the_first_collects_first() -> None:
    short = _layout_without_gc(generate_article(1_500, seed=4), 57)
    assert len(short.lines) < FREEZE_LINES and gc.get_freeze_count() == 0

    garbage = Node()
    gone = weakref.ref(garbage)
    del garbage
    long_article = generate_article(60_000, seed=5)
    long = _layout_without_gc(long_article, 57, first=True)
    assert len(long.lines) >= FREEZE_LINES
    assert gc.get_freeze_count() >= len(long.lines)  # its lines are out of the walks
    assert gone() is None  # collected before the freeze, not pinned by it
    assert gc.isenabled()
