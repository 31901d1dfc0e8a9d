"""The notebook soak, long (see tests/support/soak.py): 1,000 random SIGKILLs across
``gloss highlight``, ``gloss import`` and API writers (many inside journal commits), then 4
writers at once for 100 rounds on one passage and on different passages.

Figures: notebooks unopenable, acknowledged changes lost, writes half applied (all three
must be 0), duplicate highlights of the one raced passage, and the time it took. ``--quick``
runs 100 kills and 20 rounds.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.benchmarks.report import Report
from tests.support.soak import Figures, kill_soak, race_soak


def run(report: Report, quick: bool) -> None:
    kills, rounds = (100, 20) if quick else (1000, 100)
    with tempfile.TemporaryDirectory(prefix="gloss-soak-") as tmp:
        killed = kill_soak(Path(tmp), kills)
        _report(report, f"soak: {kills} SIGKILLs", killed)
        report.add(
            f"soak: {kills} SIGKILLs", "kills inside a journal commit", killed.kills_in_commit, ""
        )
        raced = race_soak(Path(tmp), writers=4, rounds=rounds)
        _report(report, f"soak: 4 writers x {rounds} rounds", raced)
        report.add(f"soak: 4 writers x {rounds} rounds", "writes acknowledged", raced.writes, "")
        report.add(
            f"soak: 4 writers x {rounds} rounds",
            "duplicate highlights of one passage",
            raced.duplicates,
            "",
            target="0",
        )


def _report(report: Report, group: str, f: Figures) -> None:
    report.add(group, "acknowledged changes checked", f.acknowledged, "")
    report.add(group, "notebooks unopenable", f.unopenable, "", target="0")
    report.add(group, "acknowledged changes lost", f.lost, "", target="0")
    report.add(group, "writes half applied", f.half_applied, "", target="0")
    report.add(group, "time", f.seconds, "s")
    for line in f.problems:
        print(f"  {group} | problem: {line}", flush=True)
