"""Starting the real `gloss` command: `gloss clean` as a whole process, and the reader's
first paint from an HTML page and from the saved article, each beside same-run baselines.

* ``gloss clean`` of the seed page, the whole process, against
  ``python -c "import readability, lxml.html"`` (what any cleaner must import), turn about.
* first paint: from spawning ``gloss PAGE`` in a pseudo-terminal (the end-to-end harness) to
  the frame that shows the article's title and its position; "from the HTML page" opens it
  with an empty notebook (read, cleaned and saved), "from the saved article" opens it again
  (the notebook's snapshot). Baselines: a bare Textual app painting one line, spawned the
  same way; readability's bare ``Document(html).summary()`` on the same page (in process);
  and ``w3m -dump`` of the same page as a whole process (``apt-get install w3m``; the row is
  skipped when w3m is absent).

Every child runs with bytecode caching on (``PYTHONDONTWRITEBYTECODE`` removed) after one
untimed warm-up run, as an installed Gloss starts: without the cache, compiling Gloss's own
modules alone costs several hundred milliseconds per start.

Pages: the bundled seed sample, and a generated 100,000-word page (20,000 with ``--quick``)
as in bench_reader. Run: ``python -m tests.benchmarks --only start``.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.benchmarks.report import Report, median_ms
from tests.support import paths
from tests.support.pty import TerminalSession, gloss_command

ROOT = paths.ROOT
SEED = ROOT / "samples" / "jessica-jones-season-2.html"
SEED_TITLE = "How The Defenders Is Affecting Jessica Jones Season 2"
SIZE = (110, 32)
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


def _cached() -> dict[str, str]:
    """The environment with bytecode caching on."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _env(work: Path, notebook: Path) -> dict[str, str]:
    env = _cached()
    for name in ("XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        env[name] = str(work / name.lower())
    env["GLOSS_NOTEBOOK"] = str(notebook)
    return env


def _first_paint(args: list[str], painted: Callable[[str], bool], *,
                 command: list[str] | None = None, env: dict[str, str] | None = None) -> float:
    """Seconds from spawning to the arrival of the output that makes ``painted(text)`` hold.

    The time is taken when the bytes are read, before pyte parses them: pyte, in pure
    Python, takes ~1.5 µs a byte, ~70 ms for the 55 KB of Gloss's first frames against
    ~7 ms for the bare app's 4 KB, time a real terminal does not spend. Each chunk is
    parsed before the next is read, so a chunk arriving while pyte is busy is timed late:
    the figure is an upper bound.
    """
    start = time.perf_counter()
    term = TerminalSession(args, size=SIZE, cwd=ROOT, command=command, env=env, timeout=120)
    try:
        while True:
            if time.perf_counter() - start > 120:
                raise TimeoutError(f"never painted; the screen shows:\n{term.text()}")
            arrived = term.read_once(0.5)
            if arrived is not None and painted(term.text()):
                return arrived - start
    finally:
        term.close()


def _reader_painted(title: str) -> Callable[[str], bool]:
    """The article's title on screen and the status line's position (the article is laid
    out, not just the loading frame)."""
    return lambda text: title in text and " of " in text.splitlines()[-1]


def _bare() -> float:
    return _first_paint([], lambda t: "BARE APP READY" in t,
                        command=[sys.executable, "-c", BARE], env=_cached())


def _process_seconds(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
                   cwd=ROOT, env=_cached())
    return time.perf_counter() - start


def _readability_ms(page: Path) -> float:
    from readability import Document

    html = page.read_text(encoding="utf-8")
    return median_ms(lambda: Document(html).summary(), repeat=3)


def _median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def _clean_rows(report: Report, repeat: int) -> None:
    gloss = gloss_command()
    ours, base = [], []
    _process_seconds([*gloss, "clean", str(SEED)])  # warm the file cache and the .pyc files
    for _ in range(repeat):  # turn about: load from other work falls on both alike
        ours.append(_process_seconds([*gloss, "clean", str(SEED)]))
        base.append(_process_seconds([sys.executable, "-c", "import readability, lxml.html"]))
    report.add("start", "`gloss clean` of the seed page, whole process", _median_ms(ours), "ms",
               baseline="python -c 'import readability, lxml.html'",
               baseline_value=_median_ms(base), target="≤ 1.5× baseline")


def _paint_rows(report: Report, page: Path, title: str, label: str, work: Path,
                repeat: int) -> None:
    """First paint of ``page`` opened fresh and from the notebook, with the bare app."""
    gloss = gloss_command()
    bare, fresh, saved = [], [], []
    warm = _env(work / f"home-{label}-warm", work / f"nb-{label}-warm")
    _first_paint([str(page)], _reader_painted(title), command=gloss, env=warm)  # .pyc files
    _bare()
    for n in range(repeat):
        notebook = work / f"nb-{label}-{n}"
        env = _env(work / f"home-{label}-{n}", notebook)
        bare.append(_bare())
        fresh.append(_first_paint([str(page)], _reader_painted(title), command=gloss, env=env))
        saved.append(_first_paint([str(page)], _reader_painted(title), command=gloss, env=env))
        shutil.rmtree(notebook, ignore_errors=True)
    base = _median_ms(bare)
    readability = _readability_ms(page)
    report.add("start", f"first paint from the HTML page ({label})", _median_ms(fresh), "ms",
               baseline="bare Textual app", baseline_value=base,
               target=f"≤ max(bare app, readability {readability:,.0f} ms) + 200 ms")
    report.add("start", f"  readability summary() alone ({label})", readability, "ms",
               baseline="bare Textual app", baseline_value=base)
    report.add("start", f"first paint from the saved article ({label})", _median_ms(saved),
               "ms", baseline="bare Textual app", baseline_value=base,
               target="≤ bare app + 300 ms")
    w3m = shutil.which("w3m")
    if w3m is None:
        print("  w3m is absent (apt-get install w3m): its row is skipped", file=sys.stderr)
        return
    dump = [_process_seconds([w3m, "-dump", "-T", "text/html", str(page)])
            for _ in range(repeat)]
    report.add("start", f"  w3m -dump of the same page ({label}), whole process",
               _median_ms(dump), "ms", baseline="gloss first paint from the page",
               baseline_value=_median_ms(fresh))


def run(report: Report, quick: bool = False) -> None:
    """Every start figure, beside its baselines."""
    from tests.benchmarks.bench_reader import MARKER, article_html, bench_article

    repeat = 3 if quick else 7
    _clean_rows(report, repeat=5 if quick else 15)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        _paint_rows(report, SEED, SEED_TITLE, "seed sample", work, repeat)
        article = bench_article(20_000 if quick else 100_000)
        big = work / "big.html"
        big.write_text(article_html(article), encoding="utf-8")
        label = f"{article.word_count:,}-word page"
        _paint_rows(report, big, MARKER, label, work, max(1, repeat // 2))
