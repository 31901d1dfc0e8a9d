"""`gloss sync` SIGKILLed at chosen steps: the notebook always opens, the next sync converges.

Two machines make changes; the second runs the real `gloss sync` in a child process whose
step hooks (each notebook file write, tui/core/notebook/storage.py, and each stage of a
sync, tui/core/sync/engine.py) SIGKILL it at step N, N drawn from a fixed seed. Then: the
notebook must open; syncing both machines must leave them byte-identical, holding every
highlight either made. Real git, real files, a real kill.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tests.support import paths
from tests.support.syncworld import TEXT, article, data_files, git_env, make_world
from tui.core.model import Highlight, Target
from tui.core.notebook import Notebook

DRIVER = """
import os, signal, sys
from tui.core.notebook import storage
from tui.core.sync import engine
from tui.cli import main
count = 0
kill_at = int(sys.argv[1])
def hook(*_):
    global count
    count += 1
    if count == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
storage.STEP_HOOK = hook
engine.STEP_HOOK = hook
code = main(["sync", "--notebook", sys.argv[2]])
print("steps", count, file=sys.stderr)
sys.exit(code)
"""
KILLED = -9
MAX_STEP = 30  # a sync merging a few changes takes some 30 steps


@dataclass
class KillResult:
    """How the kills went."""

    kills: int = 0
    completed: int = 0  # runs that finished before reaching their kill step
    problems: list[str] = field(default_factory=list)


def kill_run(root: Path, seed: int, kills: int) -> KillResult:
    """``kills`` rounds of: changes on both machines, a killed sync, checks, full syncs."""
    git_env()
    rng = random.Random(seed)
    a, b = make_world(root, 2)
    result = KillResult()
    made: set[str] = set()
    for n in range(kills):
        for m, count in ((a, rng.randint(1, 3)), (b, rng.randint(1, 3))):
            nb = m.open()
            if not nb.articles():
                nb.save_article(article(n))
            record = rng.choice(nb.articles())
            text_hash = record.text_hash or "x"
            for _ in range(count):
                start = rng.randrange(0, len(TEXT) - 8)
                h = nb.add_highlight(
                    Highlight(record.id, Target.of(TEXT, start, start + 8, text_hash))
                )
                made.add(h.id)
            if rng.random() < 0.5 and nb.highlights():
                h = rng.choice(nb.highlights())
                nb.update_highlight(h.edited(note=f"note {n} by {m.name}"))
        a.sync()
        step = rng.randint(1, MAX_STEP)
        done = subprocess.run(
            [sys.executable, "-c", DRIVER, str(step), str(b.root)],
            capture_output=True,
            timeout=120,
            cwd=paths.ROOT,
            env={**os.environ, "GLOSS_MACHINE": b.name},
        )
        if done.returncode == KILLED:
            result.kills += 1
        elif done.returncode == 0:
            result.completed += 1
        else:
            result.problems.append(f"round {n}: sync failed: {done.stderr.decode()[-300:]}")
        try:
            Notebook.open(b.root).close()
        except Exception as error:
            result.problems.append(f"round {n}, killed at step {step}: does not open: {error}")
            continue
        for m in (b, a, b):
            m.sync()
        if data_files(a.root) != data_files(b.root):
            result.problems.append(f"round {n}, killed at step {step}: the machines differ")
        present = {h.id for h in a.open().highlights()}
        if made - present:
            result.problems.append(f"round {n}: {len(made - present)} highlights lost")
    return result
