"""Laying out a long article allocates no lines up front (a resize leaves the garbage
collector nothing new to walk), freezes nothing, and leaves the collector as it found it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tests.support.textgen import generate_article
from tui.ui.widgets.reader.view import _layout_without_gc


@pytest.fixture(autouse=True)
def _thawed() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_long_layout_builds_its_lines_only_when_asked_and_freezes_nothing() -> None:
    article = generate_article(60_000, seed=5)
    layout = _layout_without_gc(article, 57)
    assert len(layout.lines) > 5_000
    assert layout._built == {}  # counted, not built
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()

    middle = len(layout.lines) // 2
    line = layout.lines[middle]
    assert list(layout._built) == [line.block]  # one block built, the one asked for
    assert layout.built(line.block)[middle - layout._firsts[line.block]] == line
