"""Sync's properties with real git: three machines applying random operations and syncing in
random orders converge byte for byte, keep every acknowledged highlight and bring back no
deleted one (see tests/support/syncworld.py); and `gloss sync` SIGKILLed at chosen steps
leaves a notebook that opens and a next sync that converges (tests/support/synckill.py).

Small fixed-seed counts here; the long runs are the `sync` benchmark.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.synckill import kill_run
from tests.support.syncworld import run

pytestmark = pytest.mark.slow


@settings(max_examples=2, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_three_machines_converge_and_lose_nothing(
    tmp_path_factory: pytest.TempPathFactory, seed: int
) -> None:
    taken, violations = run(tmp_path_factory.mktemp("world"), seed, steps=30)
    assert violations == [], "\n".join(taken)


def test_sync_killed_at_chosen_steps_always_opens_and_converges(tmp_path: Path) -> None:
    result = kill_run(tmp_path, seed=7, kills=4)
    assert result.problems == []
    assert result.kills + result.completed == 4
    assert result.kills >= 2  # the seed reaches kill points, not only finished runs
