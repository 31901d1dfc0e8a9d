"""The soak, small: 20 random SIGKILLs of CLI and API writers (many inside journal commits),
and 4 writers at once for 10 rounds, on one passage and on different ones. The long run is
the ``soak`` benchmark (``python -m tests.benchmarks --only soak``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.soak import kill_soak, race_soak

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()"),
]


def test_random_kills_lose_no_acknowledged_change_and_half_apply_none(tmp_path: Path) -> None:
    figures = kill_soak(tmp_path, kills=20, seed=12)
    assert figures.kills == 20
    assert figures.acknowledged > 20
    assert (figures.unopenable, figures.lost, figures.half_applied) == (0, 0, 0), figures.problems


def test_four_writers_at_once_keep_every_acknowledged_tag(tmp_path: Path) -> None:
    figures = race_soak(tmp_path, writers=4, rounds=10)
    assert figures.writes == 4 * 10 * 3  # same passage, different passages, API editors
    assert (figures.unopenable, figures.lost) == (0, 0), figures.problems
