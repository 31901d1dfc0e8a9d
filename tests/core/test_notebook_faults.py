"""Real processes against real files: writers killed at random moments, and writers racing.

Children are forked from the test process (so 200 of them start in milliseconds, not the
150 ms an interpreter takes); each is a full process with its own notebook, lock and file
handles, killed with SIGKILL, which no code can catch or clean up after.
"""

from __future__ import annotations

import os
import random
import signal
import time
import traceback
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.support.notebookgen import TAGS, make_article, make_highlight
from tui.core.model.article import Article
from tui.core.model.records import article_id_for
from tui.core.notebook.api import Notebook
from tui.core.notebook.storage import TMP_PREFIX, read_tables

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")


def fork(child: Callable[[int], None]) -> tuple[int, int]:
    """Run ``child(write_fd)`` in a forked process; return its pid and our read end."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child: never returns into pytest
        code = 0
        try:
            os.close(r)
            child(w)
        except BaseException:
            traceback.print_exc()  # to the test's captured stderr: why the child failed
            code = 1
        finally:
            os._exit(code)
    os.close(w)
    return pid, r


def read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks)


def wait_for(fd: int, token: bytes) -> bytes:
    """Read until ``token`` has come; return what came before it."""
    got = b""
    while token not in got:
        chunk = os.read(fd, 4096)
        if not chunk:
            raise AssertionError(f"child exited before {token!r}: {got!r}")
        got += chunk
    return got


def read_lines(fd: int, count: int) -> bytes:
    """Read until ``count`` whole lines have come; return all that came (nothing dropped)."""
    got = b""
    while got.count(b"\n") < count:
        chunk = os.read(fd, 4096)
        if not chunk:
            raise AssertionError(f"child exited after {got!r}")
        got += chunk
    return got


def reported(output: bytes) -> list[str]:
    """Highlight ids a child said were saved (a line cut short by the kill is not one)."""
    return [line.decode() for line in output.split(b"\n")[:-1] if line and line != b"ready"]


@pytest.mark.slow
def test_writers_killed_at_random_moments_never_lose_a_reported_highlight(
    tmp_path: Path,
) -> None:
    root = tmp_path / "nb"
    rng = random.Random(2024)
    articles = [make_article(rng, i) for i in range(3)]
    nb = Notebook.open(root)
    for a in articles:
        nb.save_article(a)
    saved: set[str] = set()
    kills = 200

    for n in range(kills):
        seed = rng.getrandbits(32)
        # Every 10th child starts a new "day", so it is killed while taking a backup too.
        day = date(2026, 1, 1) + timedelta(days=n // 10) if n % 10 == 0 else None

        def child(w: int, seed: int = seed, day: date | None = day, n: int = n) -> None:
            crng = random.Random(seed)
            mine = Notebook.open(root)
            if day is not None:
                mine.today = lambda: day
            known = list(articles)
            os.write(w, b"ready\n")
            while True:
                if crng.random() < 0.05:  # a new article: snapshot, index and a new shard
                    a = make_article(crng, 1000 * n + len(known))
                    mine.save_article(a)
                    known.append(a)
                if crng.random() < 0.03:  # a rename across shards: the undo journal's case
                    mine.rename_tag(crng.choice(TAGS), crng.choice(TAGS))
                a = crng.choice(known)
                h = mine.add_highlight(make_highlight(crng, a, article_id_for(a)))
                os.write(w, f"{h.id}\n".encode())

        pid, r = fork(child)
        # Every other child is killed only after it reported a highlight, so the test does
        # real work however loaded the machine is (a fixed sleep alone once let every child
        # die before its first write); the rest die at once or a little later.
        head = read_lines(r, 2 if n % 2 == 0 else 1)
        time.sleep(rng.uniform(0.005, 0.05))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        ids = reported(head + read_all(r))
        saved.update(ids)
        if n % 20 == 19 or n == kills - 1:
            again = Notebook.open(root, read_only=True)
            missing = [i for i in saved if again.highlight(i) is None]
            assert not missing, f"after kill {n + 1}: {len(missing)} reported highlights lost"

    assert len(saved) >= kills // 2  # the children did get work done between kills
    final = Notebook.open(root)  # read-write: opens cleanly and sweeps the killed writers' mess
    assert {i for i in saved if final.highlight(i) is None} == set()
    assert not list(root.rglob(f"{TMP_PREFIX}*"))
    assert not (root / "undo" / "manifest.json").exists()
    for path in [root / "notebook.json", *(root / "highlights").glob("*.json")]:
        read_tables(path)  # every file whole and valid
    for record in final.articles():
        final.load_article(record.id)  # every snapshot whole


def _race(root: Path, targets: list[Article], per_child: int) -> tuple[list[str], list[str]]:
    """Two children add ``per_child`` highlights each, at once, to ``targets[i]``."""
    go_r, go_w = os.pipe()

    def adder(which: int) -> Callable[[int], None]:
        def child(w: int) -> None:
            crng = random.Random(which)
            # The lock is polled, not queued: on a loaded machine one child can hold it for
            # longer than the default 10 s wait while the other waits. What is tested here is
            # that no highlight is lost, not how long a writer waits.
            mine = Notebook.open(root, lock_timeout=120)
            a = targets[which]
            os.write(w, b"ready\n")
            os.read(go_r, 1)  # both start together
            for _ in range(per_child):
                h = mine.add_highlight(make_highlight(crng, a, article_id_for(a)))
                os.write(w, f"{h.id}\n".encode())

        return child

    children = [fork(adder(0)), fork(adder(1))]
    for _, r in children:
        wait_for(r, b"ready\n")
    os.write(go_w, b"gg")
    outputs = [read_all(r) for _, r in children]
    statuses = [os.waitpid(pid, 0)[1] for pid, _ in children]
    os.close(go_r)
    os.close(go_w)
    assert statuses == [0, 0]
    first, second = (reported(o) for o in outputs)
    return first, second


@pytest.mark.slow
@pytest.mark.parametrize("same_article", [True, False], ids=["same article", "two articles"])
def test_two_processes_adding_at_once_keep_every_highlight(
    tmp_path: Path, same_article: bool
) -> None:
    root = tmp_path / "nb"
    rng = random.Random(7)
    a, b = make_article(rng, 0), make_article(rng, 1)
    watcher = Notebook.open(root)
    watcher.save_article(a)
    watcher.save_article(b)

    first, second = _race(root, [a, a] if same_article else [a, b], per_child=500)

    assert len(first) == len(second) == 500
    ids = set(first) | set(second)
    assert len(ids) == 1000
    assert watcher.refresh() is True  # the app that was open all along sees them all
    assert {h.id for h in watcher.highlights()} == ids
    assert {h.id for h in Notebook.open(root).highlights()} == ids
    for path in (root / "highlights").glob("*.json"):
        read_tables(path)
    expected_files = 1 if same_article else 2
    assert len(list((root / "highlights").glob("*.json"))) == expected_files
