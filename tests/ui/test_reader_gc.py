"""After a long article's layout the heap is kept out of the garbage collector's walks
(resizes stay smooth), a short one is left alone, freezing on an article's first layout pins
no waiting garbage, and a layout builds no lines until they are asked for."""

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
    assert gc.get_freeze_count() >= len(long_article.blocks)  # the heap is out of the walks
    assert gone() is None  # collected before the freeze, not pinned by it
    assert gc.isenabled()


def test_a_long_layout_builds_its_lines_only_when_asked() -> None:
    article = generate_article(60_000, seed=5)
    layout = _layout_without_gc(article, 57)
    assert len(layout.lines) >= FREEZE_LINES
    assert layout._built == {}  # counted, not built
    middle = len(layout.lines) // 2
    line = layout.lines[middle]
    assert list(layout._built) == [line.block]  # one block built, the one asked for
