"""A small table of benchmark figures, each beside its baseline from the same run."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.support import memory


@dataclass
class Row:
    """One figure: what was measured, its value, and what it is compared with."""

    group: str
    name: str
    value: float
    unit: str
    baseline: str = ""
    baseline_value: float | None = None
    target: str = ""

    @property
    def ratio(self) -> str:
        if self.baseline_value in (None, 0):
            return ""
        return f"{self.value / self.baseline_value:.2f}x"


@dataclass
class Report:
    """Collects rows and prints them as one aligned table."""

    rows: list[Row] = field(default_factory=list)

    def add(
        self,
        group: str,
        name: str,
        value: float,
        unit: str,
        *,
        baseline: str = "",
        baseline_value: float | None = None,
        target: str = "",
    ) -> None:
        """Record one figure (and print it at once, so a long run shows progress)."""
        row = Row(group, name, value, unit, baseline, baseline_value, target)
        self.rows.append(row)
        print(
            f"  {group} | {name}: {_fmt(value)} {unit}"
            + (f"  (baseline {baseline}: {_fmt(baseline_value)} {unit})" if baseline else ""),
            file=sys.stderr,
            flush=True,
        )

    def table(self) -> str:
        """The rows as a Markdown table."""
        head = ["group", "measure", "value", "baseline (same run)", "ratio", "target"]
        lines = [head]
        for r in self.rows:
            base = f"{r.baseline}: {_fmt(r.baseline_value)} {r.unit}" if r.baseline else ""
            lines.append([r.group, r.name, f"{_fmt(r.value)} {r.unit}", base, r.ratio, r.target])
        widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
        out = []
        for n, line in enumerate(lines):
            cells = (c.ljust(w) for c, w in zip(line, widths, strict=True))
            out.append("| " + " | ".join(cells) + " |")
            if n == 0:
                out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        return "\n".join(out)


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"  # counts read as counts, not "13.0"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"


def timings_ms(fn: Callable[[], object], repeat: int = 5, warmup: int = 1) -> list[float]:
    """Wall times of ``fn()`` in milliseconds, after ``warmup`` untimed calls."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def median_ms(fn: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    """Median wall time of ``fn()`` in milliseconds."""
    return statistics.median(timings_ms(fn, repeat, warmup))


def paired_medians_ms(
    first: Callable[[], object], second: Callable[[], object], repeat: int = 15
) -> tuple[float, float]:
    """Median times of two functions called turn about, so that load from other work on a
    shared machine falls on both alike (a ratio of two separate runs drifts with it)."""
    first()
    second()
    a, b = [], []
    for _ in range(repeat):
        for fn, out in ((first, a), (second, b)):
            start = time.perf_counter()
            fn()
            out.append((time.perf_counter() - start) * 1000)
    return statistics.median(a), statistics.median(b)


def percentile(values: list[float], pct: float) -> float:
    """The ``pct`` percentile (0-100) of ``values`` by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))]


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (see tests.support.memory)."""
    return memory.peak_rss_mb()
