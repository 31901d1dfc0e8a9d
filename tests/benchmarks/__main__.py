"""Run the benchmarks: ``python -m tests.benchmarks [--only NAME ...] [--quick]``.

Each module ``bench_<name>.py`` here has ``run(report, quick)``; rows print as they come and
the whole table prints at the end. Figures are reported, never asserted: machines are shared.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

from tests.benchmarks.report import Report


def main() -> int:
    here = [str(Path(__file__).parent)]
    names = sorted(
        m.name.removeprefix("bench_")
        for m in pkgutil.iter_modules(here)
        if m.name.startswith("bench_")
    )
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__)
    parser.add_argument("--only", nargs="+", choices=names, help="run only these benchmarks")
    parser.add_argument("--quick", action="store_true", help="smaller inputs, fewer repeats")
    args = parser.parse_args()
    report = Report()
    for name in args.only or names:
        print(f"== {name}", file=sys.stderr, flush=True)
        module = importlib.import_module(f"tests.benchmarks.bench_{name}")
        module.run(report, quick=args.quick)
    print(report.table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
