"""The library and notebook screens on a big notebook: 50,000 highlights over 2,000 articles.

Run headless with Textual's Pilot (the real app, a 110×32 screen): starting on the library,
opening the notebook screen until its list is filled (the rows handed to the list; its next
frame follows) and until the orphan check is done,
narrowing it by typed text, and moving the cursor. Baselines from the same run: the bare
notebook query the screen makes, and a stock DataTable filled with the same 50,000 rows (what
the screen would cost had it used one).

``GLOSS_BENCH_200K=1`` adds the notebook screen at 200,000 highlights over 10,000 articles
as `gloss` reads it, from its query index (issue 19): the real command in a pseudo-terminal,
from spawning to the library shown, then from ``m`` to the notebook's rows and position
shown, and each one's peak RSS, beside a bare Textual app spawned the same way, turn about.
``GLOSS_BENCH_200K_AT=DIR`` keeps that notebook (and its index) in DIR to reuse: it takes
minutes to make.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from tests.benchmarks.report import Report
from tests.support.notebookgen import generate
from tests.support.pty import TerminalSession, gloss_command
from tests.support.reader_app import ROOT, SIZE, make_app
from tui.core.library import Library
from tui.core.notebook.api import Notebook
from tui.core.notebook.query import HighlightFilter
from tui.core.notebook.storage import FileWriter
from tui.ui.screens.library import LibraryScreen
from tui.ui.screens.notebook import NotebookScreen

POLL = 0.002  # seconds between looks at the screen while waiting


async def _until(pilot: Pilot[Any], done: Callable[[], bool], limit: float = 120.0) -> float:
    """Seconds until ``done()`` (checked between frames)."""
    start = time.perf_counter()
    while not done():
        if time.perf_counter() - start > limit:
            raise TimeoutError("the screen did not get there")
        await pilot.pause(POLL)
    return time.perf_counter() - start


class _Stamps:
    """When methods of the screen first ran (wrapped for the measurement only)."""

    def __init__(self) -> None:
        self.first: dict[str, float] = {}

    @contextlib.contextmanager
    def on(self, cls: type, name: str) -> Iterator[None]:
        original = getattr(cls, name)

        def stamped(*args: Any, **kwargs: Any) -> Any:
            result = original(*args, **kwargs)
            self.first.setdefault(name, time.perf_counter())
            return result

        setattr(cls, name, stamped)
        try:
            yield
        finally:
            setattr(cls, name, original)


class _TableApp(App[None]):
    """A DataTable of the same rows: the baseline for the notebook's list."""

    def __init__(self, rows: list[tuple[str, ...]]) -> None:
        super().__init__()
        self.rows = rows
        self.filled = 0.0

    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        start = time.perf_counter()
        table = self.query_one(DataTable)
        table.add_columns("Date", "Quote", "Article", "Tags")
        table.add_rows(self.rows)
        self.filled = time.perf_counter() - start


async def _cpu_per_key(pilot: Pilot[Any], keys: int = 30) -> float:
    """CPU milliseconds per ``down`` key, painting included (Pilot's waits for the next frame
    are idle time, so wall time would measure the frame pacing, not the work)."""
    start = time.process_time()
    for _ in range(keys):
        await pilot.press("down")
    return (time.process_time() - start) * 1000 / keys


async def _measure(root: Path, report: Report, highlights: int, stale: str) -> None:
    label = f"{highlights:,} highlights"
    notebook = Notebook.open(root)
    start = time.perf_counter()
    notebook.query(HighlightFilter())
    bare_query = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    notebook.query(HighlightFilter(text="cafe"))
    start = time.perf_counter()  # the second time: the folded-text index is built by now
    notebook.query(HighlightFilter(text="cafe"))
    bare_text = (time.perf_counter() - start) * 1000

    app = make_app(None, library=Library(notebook), refresh_seconds=None)
    start = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, LibraryScreen) and app.screen.shown)
        library_ms = (time.perf_counter() - start) * 1000
        report.add("screens", f"app start to library shown ({len(notebook.articles()):,} "
                   "articles)", library_ms, "ms", target="< 500 ms")

        seen = _Stamps()
        start = time.perf_counter()
        with seen.on(NotebookScreen, "_show"), seen.on(NotebookScreen, "_orphans_found"):
            await pilot.press("m")
            screen = app.screen
            assert isinstance(screen, NotebookScreen)
            await _until(pilot, lambda: len(screen.shown) == highlights)
            await _until(pilot, lambda: screen.orphans is not None)
        report.add("screens", f"notebook screen: list filled, {label}",
                   (seen.first["_show"] - start) * 1000, "ms",
                   baseline="bare notebook.query()", baseline_value=bare_query,
                   target="< 1000 ms")
        report.add("screens", f"notebook screen: orphan check done, {label} ({stale})",
                   (seen.first["_orphans_found"] - start) * 1000, "ms")

        field = screen.panel.query_one("#text", Input)
        start = time.perf_counter()
        field.value = "cafe"
        await _until(pilot, lambda: 0 < len(screen.shown) < highlights)
        await pilot.pause()
        report.add("screens", f"notebook: typed text narrows the list, {label}",
                   (time.perf_counter() - start) * 1000, "ms",
                   baseline="bare query(text=...), warm", baseline_value=bare_text)
        field.value = ""
        await _until(pilot, lambda: len(screen.shown) == highlights)

        screen.rows.focus()
        per_key = await _cpu_per_key(pilot)

    rows = [
        (h.created[:10], h.quote[:60], h.article_id, " ".join(h.tags))
        for h in notebook.query(HighlightFilter())
    ]
    table = _TableApp(rows)
    async with table.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table_per_key = await _cpu_per_key(pilot)
    report.add("screens", f"notebook: CPU per cursor move (keypress to frame), {label}",
               per_key, "ms", baseline="stock DataTable, same rows", baseline_value=table_per_key,
               target="< 16 ms")
    report.add("screens", f"baseline: stock DataTable filled with {label}",
               table.filled * 1000, "ms")


def _until_text(term: TerminalSession, check: Callable[[str], bool], limit: float = 120) -> float:
    """Seconds until the terminal shows what ``check`` wants."""
    start = time.monotonic()
    while not check(term.text()):
        if time.monotonic() - start > limit:
            raise TimeoutError(term.text())
        term.pump(0.005)
    return time.monotonic() - start


def _in_a_terminal(root: Path, report: Report, highlights: int) -> None:
    """The real `gloss` in a pseudo-terminal: what the user waits for, frames included."""
    label = f"{highlights:,} highlights"
    total = f"Notebook · {highlights:,} highlights"
    with TerminalSession(["--notebook", str(root)], size=SIZE, cwd=ROOT, timeout=120) as term:
        term.wait_for("LIBRARY")
        term.settle(0.5)
        term.press("m")
        listed = _until_text(term, lambda text: total in text and f"1/{highlights:,}" in text)
        report.add("screens", f"`m` to the notebook painted, {label} (pty)", listed * 1000, "ms",
                   target="< 1000 ms")
        _until_text(term, lambda text: "orphan" in text and "checking" not in text)
        term.settle(0.3)
        moves = []
        for n in range(2, 22):
            start = time.monotonic()
            term.press("down")
            _until_text(term, lambda text, n=n: f"{n}/{highlights:,}" in text)
            moves.append((time.monotonic() - start) * 1000)
        report.add("screens", f"keypress to repaint, cursor down, {label} (pty, median)",
                   statistics.median(moves), "ms", target="< 50 ms")
        term.press("q")
        term.wait_exit()


BARE = (
    "from textual.app import App\n"
    "from textual.widgets import Static\n"
    "class Bare(App):\n"
    "    def compose(self):\n"
    "        yield Static('BARE APP READY')\n"
    "    def on_key(self):\n"
    "        self.exit()\n"
    "Bare().run()\n"
)


def _vm_peak_mb(pid: int) -> float:
    """A running child's peak resident memory so far (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _spawned(args: list[str], command: list[str], env: dict[str, str],
             shown: Callable[[str], bool]) -> tuple[TerminalSession, float]:
    """A child in a pseudo-terminal, and the seconds from spawning it to ``shown(text)``."""
    start = time.perf_counter()
    term = TerminalSession(args, size=SIZE, cwd=ROOT, command=command, env=env, timeout=180)
    while not shown(term.text()):
        if time.perf_counter() - start > 180:
            raise TimeoutError(term.text())
        term.pump(0.002)
    return term, time.perf_counter() - start


def open_notebook_screen(root: Path, env: dict[str, str], highlights: int, articles: int,
                         command: list[str] | None = None) -> dict[str, float]:
    """`gloss --notebook ROOT` in a pseudo-terminal: spawn to the library shown, ``m`` to
    the notebook's rows shown (its heading and the cursor's position on screen), ``m`` to
    the orphan check done; the peak RSS after each (ms, MB)."""
    library = f"Library · {articles:,} articles"
    total, position = f"Notebook · {highlights:,} highlights", f"1/{highlights:,}"
    term, library_s = _spawned(["--notebook", str(root)], command or gloss_command(), env,
                               lambda text: library in text and "LIBRARY" in text)
    try:
        out = {"library": library_s * 1000, "library peak": _vm_peak_mb(term.child.pid)}
        term.settle(0.3)
        start = time.perf_counter()
        term.press("m")
        _until_text(term, lambda text: total in text and position in text, limit=180)
        out["notebook"] = (time.perf_counter() - start) * 1000
        out["notebook peak"] = _vm_peak_mb(term.child.pid)
        _until_text(term, lambda text: "checking for orphans" not in text, limit=180)
        out["orphans"] = (time.perf_counter() - start) * 1000
        out["orphans peak"] = _vm_peak_mb(term.child.pid)
        term.press("q")
        term.wait_exit()
    finally:
        term.child.close(force=True)
    return out


def bare_app(env: dict[str, str]) -> tuple[float, float]:
    """A bare Textual app spawned the same way: ms to its first paint, its peak RSS (MB)."""
    term, shown = _spawned([], [sys.executable, "-c", BARE], env,
                           lambda text: "BARE APP READY" in text)
    try:
        return shown * 1000, _vm_peak_mb(term.child.pid)
    finally:
        term.child.close(force=True)


def notebook_200k(report: Report, where: Path, repeat: int = 3) -> None:
    """The notebook screen at 200,000 highlights over 10,000 articles, from the index."""
    from tui.core.notebook import open_index

    highlights, articles = 200_000, 10_000
    root, cache = where / "nb200k", where / "cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: see bench_start
    env.pop("GLOSS_NO_INDEX", None)
    if not (root / "notebook.json").exists():
        start = time.perf_counter()
        generate(root, highlights, articles)
        print(f"  generated in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(cache)
    try:
        index = open_index(root)  # built, or brought up to date, once and untimed
        if index is not None:
            index.close()
    finally:
        if saved is None:
            os.environ.pop("XDG_CACHE_HOME", None)
        else:
            os.environ["XDG_CACHE_HOME"] = saved
    bare_app(env)  # warm-ups, untimed: bytecode written, files in the page cache
    open_notebook_screen(root, env, highlights, articles)
    runs, bare = [], []
    for _ in range(repeat):  # turn about: load from other work falls on both alike
        bare.append(bare_app(env))
        runs.append(open_notebook_screen(root, env, highlights, articles))
    group, label = "screens 200k", "200,000 highlights / 10,000 articles (pty)"
    bare_ms, bare_mb = min(b[0] for b in bare), max(b[1] for b in bare)

    def best(key: str) -> float:
        return min(r[key] for r in runs)

    def peak(key: str) -> float:
        return max(r[key] for r in runs)

    report.add(group, f"spawn to library shown, {label}", best("library"), "ms",
               baseline="bare Textual app, first paint", baseline_value=bare_ms)
    report.add(group, f"`m` to notebook rows shown, {label}", best("notebook"), "ms",
               baseline="spawn to library shown", baseline_value=best("library"),
               target="< 1000 ms")
    report.add(group, f"`m` to orphan check done, {label}", best("orphans"), "ms",
               baseline="`m` to rows shown", baseline_value=best("notebook"))
    report.add(group, "peak RSS: library shown", peak("library peak"), "MB",
               baseline="bare Textual app", baseline_value=bare_mb, target="<= 150 MB at 200k")
    report.add(group, "peak RSS: notebook screen shown, orphans checked", peak("orphans peak"),
               "MB", baseline="library shown", baseline_value=peak("library peak"),
               target="<= 150 MB at 200k")


def run(report: Report, quick: bool) -> None:
    """Generate the notebook, then measure the screens on it."""
    highlights, articles = (5_000, 200) if quick else (50_000, 2_000)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "nb"
        made = generate(root, highlights, articles)
        # A new version of one article in twenty, its second block gone: their highlights were
        # taken from another text, so the orphan check has to place them (some are orphans).
        notebook = Notebook.open(root, writer=FileWriter(durable=False))
        changed = made.articles[:: 20]
        with notebook.batch():
            for article in changed:
                blocks = article.blocks[:1] + article.blocks[2:]
                notebook.save_article(dataclasses.replace(article, blocks=blocks))
        counts = notebook.highlight_counts()
        stale = sum(counts.get(made.article_ids[i], 0) for i in range(0, articles, 20))
        note = f"{stale:,} highlights in {len(changed)} re-fetched articles to place"
        asyncio.run(_measure(root, report, highlights, note))
        _in_a_terminal(root, report, highlights)
    if os.environ.get("GLOSS_BENCH_200K"):
        kept = os.environ.get("GLOSS_BENCH_200K_AT")
        if kept:
            Path(kept).mkdir(parents=True, exist_ok=True)
            notebook_200k(report, Path(kept), repeat=2 if quick else 3)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                notebook_200k(report, Path(tmp), repeat=2 if quick else 3)
