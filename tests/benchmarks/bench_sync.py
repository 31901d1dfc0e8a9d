"""Sync at 50,000 highlights over 2,000 articles (seeded), with a local bare remote.

Measured: the first ``sync init`` (commit and push everything), the clone onto a second
machine (``sync init REMOTE`` on an empty notebook), a sync after adding one highlight
(target <= 1 s), and a sync merging 1,000 changed highlights from each side. Beside each,
the bare git operations on the same data in the same run: ``git init/add/commit/push``,
``git clone``, ``git add/commit/fetch/push``, and git's own text ``merge`` of the same two
commits (with the number of files it left in conflict, which the record merge never does).

Then the long runs: `gloss sync` SIGKILLed at random steps 200 times (every notebook must
open and the next sync converge), and the three-machine property run with more steps.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.benchmarks.report import Report
from tests.support.notebookgen import generate
from tests.support.synckill import kill_run
from tests.support.syncworld import git_env
from tests.support.syncworld import run as world_run
from tui.core.notebook import Edit, Notebook
from tui.core.sync import init, sync

IDENT = ["-c", "user.name=bench", "-c", "user.email=bench@localhost"]


def _git(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *IDENT, *map(str, args)], cwd=cwd, capture_output=True, text=True, check=False
    )


def _seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _copy_data(src: Path, dst: Path) -> None:
    """The notebook's synced files only (what git would hold), for the bare-git baseline."""
    dst.mkdir(parents=True)
    shutil.copy2(src / "notebook.json", dst / "notebook.json")
    shutil.copytree(src / "highlights", dst / "highlights")
    shutil.copytree(src / "snapshots", dst / "snapshots")


def run_sync(report: Report, quick: bool) -> None:
    git_env()
    highlights, articles = (5_000, 200) if quick else (50_000, 2_000)
    changes = 100 if quick else 1_000
    group = f"sync {highlights:,}/{articles:,}"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        gen = generate(root / "a", highlights, articles, seed=1)
        plain = root / "plain"
        _copy_data(gen.root, plain)

        # First sync init: commit everything, create the bare remote, push.
        t_init = _seconds(lambda: init(gen.root, str(root / "remote.git"), machine="a"))

        def bare_init() -> None:
            _git("init", "-q", "-b", "main", cwd=plain)
            _git("add", "-A", cwd=plain)
            _git("commit", "-qm", "all", cwd=plain)
            _git("init", "-q", "--bare", "-b", "main", root / "plain.git")
            _git("push", "-q", root / "plain.git", "main", cwd=plain)

        b_init = _seconds(bare_init)
        report.add(group, "first sync init (commit, push)", t_init * 1000, "ms",
                   baseline="git init/add/commit/push", baseline_value=b_init * 1000)

        t_clone = _seconds(lambda: init(root / "b", str(root / "remote.git"), machine="b"))
        b_clone = _seconds(lambda: _git("clone", "-q", root / "plain.git", root / "plain-b"))
        report.add(group, "clone onto a second machine", t_clone * 1000, "ms",
                   baseline="git clone", baseline_value=b_clone * 1000)

        # One added highlight, then sync (local bare remote).
        nb = Notebook.open(gen.root)
        nb.add_highlight(gen.new_highlight())
        t_one = _seconds(lambda: sync(gen.root, machine="a"))
        shard = sorted((plain / "highlights").iterdir())[0]
        shard.write_bytes(shard.read_bytes().replace(b'"note":"', b'"note":"x', 1))

        def bare_one() -> None:
            _git("add", "-A", cwd=plain)
            _git("commit", "-qm", "one", cwd=plain)
            _git("fetch", "-q", root / "plain.git", cwd=plain)
            _git("push", "-q", root / "plain.git", "main", cwd=plain)

        b_one = _seconds(bare_one)
        report.add(group, "sync after one added highlight", t_one * 1000, "ms",
                   baseline="git add/commit/fetch/push", baseline_value=b_one * 1000,
                   target="<= 1,000 ms")
        sync(root / "b", machine="b")

        # 1,000 changes on each side, then the merging sync.
        ids = list(gen.highlight_ids)
        gen.rng.shuffle(ids)
        for machine, chosen in (("a", ids[:changes]), ("b", ids[changes : 2 * changes])):
            where = gen.root if machine == "a" else root / "b"
            book = Notebook.open(where)
            with book.batch():
                for hid in chosen:
                    book.edit_highlight(hid, Edit(add_tags=(f"by-{machine}",)))
        sync(gen.root, machine="a")
        t_merge = _seconds(lambda: sync(root / "b", machine="b"))
        # Baseline: git's own text merge of the very same two commits.
        scratch = root / "scratch"
        _git("clone", "-q", root / "b", scratch)
        _git("checkout", "-q", "HEAD^1", cwd=scratch)
        start = time.perf_counter()
        merged = _git("merge", "-q", "--no-edit", "HEAD@{1}^2", cwd=scratch)
        b_merge = time.perf_counter() - start
        conflicts = len(_git("diff", "--name-only", "--diff-filter=U", cwd=scratch).stdout.split())
        report.add(group, f"sync merging {changes:,} changes per side", t_merge * 1000, "ms",
                   baseline=f"git merge (text; {conflicts} files in conflict, "
                   f"exit {merged.returncode})", baseline_value=b_merge * 1000)


def run_long(report: Report, quick: bool) -> None:
    kills = 10 if quick else 200
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        result = kill_run(Path(tmp), seed=2026, kills=kills)
        took = time.perf_counter() - start
    for problem in result.problems:
        print(f"  kill run problem: {problem}", flush=True)
    report.add("sync kills", f"{kills} runs: killed {result.kills}, finished "
               f"{result.completed}", len(result.problems), "problems",
               target="0 problems")
    report.add("sync kills", "time per run (4 syncs + a child process)",
               took / kills * 1000, "ms")
    seeds = 2 if quick else 5
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(seeds):
            _taken, violations = world_run(Path(tmp) / str(seed), seed, steps=60)
            for v in violations:
                print(f"  property run {seed}: {v}", flush=True)
            bad += len(violations)
    report.add("sync property", f"{seeds} worlds x 60 steps, 3 machines", bad, "violations",
               target="0 violations")


def run(report: Report, quick: bool) -> None:
    """The figures, then the long runs (GLOSS_BENCH_SYNC_LONG=0 leaves those out)."""
    run_sync(report, quick)
    if os.environ.get("GLOSS_BENCH_SYNC_LONG", "1") != "0":
        run_long(report, quick)
