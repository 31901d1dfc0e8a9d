"""The notebook at scale through its query index (issue 19): whole `gloss` processes beside a
~30-line SQLite FTS5 script over the same data, in the same run.

At 50,000 highlights over 2,000 articles (``--quick``: 5,000 over 500; env
``GLOSS_BENCH_200K=1`` adds 200,000 over 10,000): `gloss search WORD --json`, `gloss
notebook search WORD --json`, `gloss notebook tags`, `gloss export -o FILE` (everything),
`gloss notebook list` (every highlight, a line each), `gloss notebook reindex` (time and
disk size), the exports streamed from the index (JSON to a file and to stdout, a folder, a
merge into an edited file: beside the same without the index) and each command's peak RSS.
The baseline script loads the same TinyDB files into SQLite FTS5 (its build is the reindex
baseline) and answers the same questions (search: matching records as JSON; tags: counts;
export: every highlight as Markdown lines under its article's title).

Every child runs with bytecode caching on (``PYTHONDONTWRITEBYTECODE`` removed) after one
untimed warm-up run, as an installed Gloss runs (as in bench_start): without the cache each
`gloss` process compiled ~30 of its own modules again, ~50 ms that no user pays.
``GLOSS_BENCH_1M=1`` runs 1,000,000 highlights over 20,000 articles instead (once, by hand:
not part of the suite).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.report import Report
from tests.support import paths
from tests.support.notebookgen import generate
from tui.core.notebook import index_file

ROOT = paths.ROOT
WORD = "cafe"  # "café" in the data: folding must find it

BASELINE = r'''
import json, sqlite3, sys
from pathlib import Path
db_path, action = sys.argv[1], sys.argv[2]
if action == "build":
    nb = Path(sys.argv[3])
    db = sqlite3.connect(db_path)
    db.executescript("CREATE TABLE a(id PRIMARY KEY, title, doc);"
        "CREATE VIRTUAL TABLE h USING fts5(quote, note, tags, id UNINDEXED, art UNINDEXED,"
        " created UNINDEXED, doc UNINDEXED, tokenize='unicode61 remove_diacritics 2');"
        "CREATE TABLE t(tag, hid)")
    arts = json.loads((nb / "notebook.json").read_text())["articles"]
    db.executemany("INSERT INTO a VALUES (?,?,?)",
                   [(k, v["title"], json.dumps(v)) for k, v in arts.items()])
    for shard in (nb / "highlights").glob("*.json"):
        for k, v in json.loads(shard.read_text())["highlights"].items():
            quote = v["target"]["quote"]["exact"]
            tags = v.get("tags", [])
            db.execute("INSERT INTO h VALUES (?,?,?,?,?,?,?)", (quote, v.get("note", ""),
                       " ".join(tags), k, v["article_id"], v["created"], json.dumps(v)))
            db.executemany("INSERT INTO t VALUES (?,?)", [(x, k) for x in v.get("tags", [])])
    db.commit()
    sys.exit()
db = sqlite3.connect(db_path)
if action in ("search", "search20"):
    limit = " LIMIT 20" if action == "search20" else ""
    sql = f"SELECT doc FROM h WHERE h MATCH ? ORDER BY rank{limit}"
    rows = db.execute(sql, (sys.argv[3] + "*",))
    print(json.dumps([json.loads(d) for (d,) in rows], indent=2, ensure_ascii=False))
elif action == "list":
    titles = dict(db.execute("SELECT id, title FROM a"))
    out = sys.stdout
    for k, created, tags, art, quote in db.execute(
            "SELECT id, created, tags, art, quote FROM h ORDER BY created DESC, id DESC"):
        out.write(f"{k[:8]}  {created[:10]}  {tags}  {titles.get(art, art)[:24]}  {quote[:60]}\n")
elif action == "tags":
    for tag, n in db.execute("SELECT tag, count(*) c FROM t GROUP BY tag ORDER BY c DESC, tag"):
        print(f"{n:>6}  {tag}")
elif action == "export":
    titles = dict(db.execute("SELECT id, title FROM a"))
    with open(sys.argv[3], "w") as out:
        last = None
        for art, quote, note in db.execute("SELECT art, quote, note FROM h ORDER BY art, created"):
            if art != last:
                out.write(f"\n## {titles.get(art, art)}\n\n")
                last = art
            out.write(f"> {quote}\n" + (f"\n{note}\n" if note else "") + "\n")
'''

PEAK = (
    "import atexit, sys\n"
    "from tests.support.memory import peak_rss_mb\n"
    "atexit.register(lambda: sys.stderr.write(f'\\nPEAK {peak_rss_mb()}\\n'))\n"
    "sys.argv = ['gloss', *sys.argv[1:]]\n"
    "from tui.cli import main\n"
    "sys.exit(main())\n"
)

# App start to the library shown, in a fresh process: imports, the notebook opened the way
# `gloss` opens it (prepare_start), the first frame of the library. BARE_APP is the same
# measure for a bare Textual app, the floor any Textual program pays.
APP_START = (
    "import asyncio, atexit, sys, time\n"
    "t0 = time.perf_counter()\n"
    "from pathlib import Path\n"
    "from tests.support.memory import peak_rss_mb\n"
    "atexit.register(lambda: sys.stderr.write(f'\\nPEAK {peak_rss_mb()}\\n'))\n"
    "from tui.core.loader import prepare_start\n"
    "from tui.ui.app import GlossApp\n"
    "from tui.ui.screens.library import LibraryScreen\n"
    "async def main():\n"
    "    start = prepare_start(None, notebook=Path(sys.argv[1]), background=False)\n"
    "    app = GlossApp(library=start.library, loader=start.loader, persist=False,\n"
    "                   refresh_seconds=None, cursor_blink=False)\n"
    "    async with app.run_test(size=(100, 30)) as pilot:\n"
    "        while not (isinstance(app.screen, LibraryScreen) and app.screen.shown):\n"
    "            await pilot.pause(0.005)\n"
    "        sys.stderr.write(f'\\nSHOWN {(time.perf_counter() - t0) * 1000}\\n')\n"
    "asyncio.run(main())\n"
)
BARE_APP = (
    "import asyncio, atexit, sys, time\n"
    "t0 = time.perf_counter()\n"
    "from tests.support.memory import peak_rss_mb\n"
    "atexit.register(lambda: sys.stderr.write(f'\\nPEAK {peak_rss_mb()}\\n'))\n"
    "from textual.app import App\n"
    "from textual.widgets import Static\n"
    "class Bare(App[None]):\n"
    "    def compose(self):\n"
    "        yield Static('library')\n"
    "async def main():\n"
    "    app = Bare()\n"
    "    async with app.run_test(size=(100, 30)) as pilot:\n"
    "        await pilot.pause()\n"
    "        sys.stderr.write(f'\\nSHOWN {(time.perf_counter() - t0) * 1000}\\n')\n"
    "asyncio.run(main())\n"
)


def _shown(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Milliseconds from a child's start to its first screen shown, and its peak RSS (MB)."""
    done = subprocess.run(argv, capture_output=True, cwd=ROOT, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"app start failed: {done.stderr.decode()[-500:]}")
    found = {"SHOWN": 0.0, "PEAK": 0.0}
    for line in done.stderr.decode().splitlines():
        word, _, value = line.partition(" ")
        if word in found:
            found[word] = float(value)
    return found["SHOWN"], found["PEAK"]


def _app_start(report: Report, group: str, root: Path, env: dict[str, str], repeat: int) -> None:
    """`gloss` with no source: start to the library shown, beside a bare Textual app."""
    py = sys.executable
    for script in (APP_START, BARE_APP):  # warm-up, untimed: bytecode written
        _shown([py, "-c", script, str(root)], env)
    ours = [_shown([py, "-c", APP_START, str(root)], env) for _ in range(repeat)]
    bare = [_shown([py, "-c", BARE_APP], env) for _ in range(repeat)]
    report.add(group, "app start to library shown", statistics.median(m for m, _ in ours), "ms",
               baseline="bare Textual app", baseline_value=statistics.median(m for m, _ in bare),
               target="<= bare + 300 ms")
    # The same start on a notebook of 5 articles: what is left over it is the notebook's
    # size (the rows read at start); what the small one is over bare, Gloss's own start.
    small = root.parent / "small-nb"
    if not small.exists():
        from tui.core.notebook import reindex

        generate(small, 40, 5)
        reindex(small)
        _shown([py, "-c", APP_START, str(small)], env)  # warm-up, untimed
    few = [_shown([py, "-c", APP_START, str(small)], env) for _ in range(repeat)]
    report.add(group, "app start to library shown: over a 5-article notebook's",
               statistics.median(m for m, _ in ours), "ms", baseline="5 articles, 40 highlights",
               baseline_value=statistics.median(m for m, _ in few))
    report.add(group, "app start to library shown: peak RSS", max(r for _, r in ours), "MB",
               baseline="bare Textual app", baseline_value=max(r for _, r in bare),
               target="<= 150 MB at 200k")
    # As before the index: the whole notebook loaded at start.
    old = [_shown([py, "-c", APP_START, str(root)], {**env, "GLOSS_NO_INDEX": "1"})
           for _ in range(repeat)]
    report.add(group, "app start to library shown: without the index",
               statistics.median(m for m, _ in old), "ms", baseline="with it",
               baseline_value=statistics.median(m for m, _ in ours))
    report.add(group, "app start to library shown: peak RSS without the index",
               max(r for _, r in old), "MB", baseline="with it",
               baseline_value=max(r for _, r in ours))


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time (ms) and peak RSS (MB) of one whole process."""
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, cwd=ROOT, env=env, check=False)
    ms = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        raise RuntimeError(f"{argv[3:]} failed: {done.stderr.decode()[-500:]}")
    peak = 0.0
    for line in done.stderr.decode().splitlines():
        if line.startswith("PEAK "):
            peak = float(line.split()[1])
    return ms, peak


def _median(argv: list[str], env: dict[str, str], repeat: int) -> tuple[float, float]:
    if repeat > 1:  # warm-up, untimed: bytecode written, files in the page cache
        _run(argv, env)
    runs = [_run(argv, env) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def bench_size(report: Report, highlights: int, articles: int, repeat: int) -> None:
    group = f"index {highlights // 1000}k/{articles / 1000:g}k"
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "COLUMNS": "100"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: see the module's note
        os.environ["XDG_CACHE_HOME"] = env["XDG_CACHE_HOME"]
        root = tmp_path / "nb"
        start = time.perf_counter()
        generate(root, highlights, articles)
        print(f"  generated in {time.perf_counter() - start:.1f} s", file=sys.stderr)
        script = tmp_path / "baseline.py"
        script.write_text(BASELINE)
        base_db = tmp_path / "baseline.sqlite"
        py = sys.executable
        gloss = [py, "-c", PEAK]
        nb = ["--notebook", str(root)]

        # Build: the index from nothing, beside the script loading the same files.
        build_ms, _ = _run([py, str(script), str(base_db), "build", str(root)], env)
        ms, rss = _run([*gloss, "notebook", "reindex", *nb], env)
        size = index_file(root).stat().st_size / 2**20
        report.add(group, "gloss notebook reindex", ms, "ms", baseline="FTS5 script build",
                   baseline_value=build_ms)
        report.add(group, "gloss notebook reindex: peak RSS", rss, "MB")
        report.add(group, "index size on disk", size, "MiB", baseline="FTS5 script's db",
                   baseline_value=base_db.stat().st_size / 2**20)

        old_env = {**env, "GLOSS_NO_INDEX": "1"}

        _write_cost(report, group, root)
        _app_start(report, group, root, env, repeat)

        def pair(
            name: str, ours: list[str], theirs: list[str], target: str, old: bool = True
        ) -> None:
            ms, rss = _median([*gloss, *ours], env, repeat)
            base_ms, _ = _median([py, str(script), str(base_db), *theirs], env, repeat)
            report.add(group, name, ms, "ms", baseline="FTS5 script", baseline_value=base_ms,
                       target=target)
            if old:  # the same command reading the files, as before the index
                old_ms, old_rss = _median([*gloss, *ours], old_env, 1)
                report.add(group, f"{name}: without the index", old_ms, "ms",
                           baseline="with it", baseline_value=ms)
                report.add(group, f"{name}: peak RSS", rss, "MB", baseline="without the index",
                           baseline_value=old_rss, target="<= 150 MB at 200k")
            else:
                report.add(group, f"{name}: peak RSS", rss, "MB", target="<= 150 MB at 200k")

        pair(f"gloss search {WORD} --json (20 best)", ["search", WORD, "--json", *nb],
             ["search20", WORD], "<= 2x", old=False)
        pair(f"gloss notebook search {WORD} --json", ["notebook", "search", WORD, "--json", *nb],
             ["search", WORD], "<= 2x")
        pair("gloss notebook tags", ["notebook", "tags", *nb], ["tags"], "<= 2x")
        # Every highlight, a line each (no ratio target: its memory is the point).
        pair("gloss notebook list (all)", ["notebook", "list", *nb], ["list"], "")
        out = tmp_path / "all.md"
        pair("gloss export -o FILE (all)", ["export", "-o", str(out), "--force", *nb],
             ["export", str(tmp_path / "base.md")], "<= 1.5x")
        # The same into a new file each time (the runs above find the file as written).
        new = tmp_path / "new.md"
        runs = []
        for _ in range(repeat):
            new.unlink(missing_ok=True)
            runs.append(_run([*gloss, "export", "-o", str(new), *nb], env))
        base_ms, _ = _median([py, str(script), str(base_db), "export", str(tmp_path / "b.md")],
                             env, repeat)
        report.add(group, "gloss export -o NEW FILE (all)", statistics.median(r[0] for r in runs),
                   "ms", baseline="FTS5 script", baseline_value=base_ms, target="<= 1.5x")
        report.add(group, "gloss export -o NEW FILE (all): peak RSS", max(r[1] for r in runs),
                   "MB", target="<= 150 MB at 200k")
        _exports(report, group, tmp_path, gloss, nb, env, old_env, repeat)
        # Full text over the saved bodies, ranked, the 20 best with their sentences.
        ms, _ = _median([*gloss, "search", "river mountain", "in:articles", "--json", *nb],
                          env, repeat)
        base_ms, _ = _median([py, "-c", "import tui.cli"], env, repeat)
        report.add(group, "gloss search in:articles (bodies)", ms, "ms",
                   baseline="importing gloss's command line", baseline_value=base_ms,
                   target="<= 200 ms over 10k bodies")


def _exports(
    report: Report,
    group: str,
    tmp_path: Path,
    gloss: list[str],
    nb: list[str],
    env: dict[str, str],
    old_env: dict[str, str],
    repeat: int,
) -> None:
    """The exports streamed from the index (JSON to a file and to stdout, a folder, a merge
    into a file the user edited), each fresh every run, beside the same command without
    the index (which reads every record) and `gloss notebook search`'s peak."""
    import shutil

    _, search_rss = _median([*gloss, "notebook", "search", WORD, "--json", *nb], env, 1)
    edited = (tmp_path / "all.md").read_text(encoding="utf-8").replace(
        "<!-- gloss:end header -->\n", "<!-- gloss:end header -->\n\nMy own line.\n", 1)
    target = tmp_path / "target"

    def clear() -> None:
        if target.is_dir():
            shutil.rmtree(target)
        target.unlink(missing_ok=True)

    def edit() -> None:
        clear()
        target.write_text(edited, encoding="utf-8")

    cases = [
        ("gloss export --format json -o NEW FILE (all)",
         ["export", "--format", "json", "-o", str(target)], clear),
        ("gloss export --format json (stdout, all)", ["export", "--format", "json"], clear),
        ("gloss export --folder NEW (all)", ["export", "--folder", str(target)], clear),
        ("gloss export -o FILE (all, merged into the user's edits)",
         ["export", "-o", str(target)], edit),
    ]
    for name, argv, prepare in cases:
        runs = []
        for _ in range(repeat):
            prepare()
            runs.append(_run([*gloss, *argv, *nb], env))
        prepare()
        old_ms, old_rss = _run([*gloss, *argv, *nb], old_env)
        report.add(group, name, statistics.median(r[0] for r in runs), "ms",
                   baseline="without the index", baseline_value=old_ms)
        rss = max(r[1] for r in runs)
        report.add(group, f"{name}: peak RSS", rss, "MB", baseline="without the index",
                   baseline_value=old_rss, target="<= 150 MB at 200k")
        report.add(group, f"{name}: peak RSS", rss, "MB",
                   baseline="gloss notebook search --json", baseline_value=search_rss)
    clear()


def _write_cost(report: Report, group: str, root: Path) -> None:
    """A durable highlight add with the index kept in step, beside the same add without."""
    import random

    from tests.support.notebookgen import make_highlight
    from tui.core.notebook import Notebook, store

    nb = Notebook.open(root)
    record = nb.articles()[len(nb.articles()) // 2]
    article = nb.load_article(record.id)
    rng = random.Random(7)
    real = store.update_after_write
    times: dict[str, list[float]] = {"with": [], "without": []}
    try:
        for _ in range(15):
            for label in ("with", "without"):  # turn about: load falls on both alike
                store.update_after_write = real if label == "with" else (lambda *a: None)
                start = time.perf_counter()
                nb.add_highlight(make_highlight(rng, article, record.id))
                times[label].append((time.perf_counter() - start) * 1000)
    finally:
        store.update_after_write = real
    report.add(group, "add one highlight (durable), index kept in step",
               statistics.median(times["with"]), "ms", baseline="no index",
               baseline_value=statistics.median(times["without"]))
    # The adds without the index left it behind: catch it up before the reads measured.
    from tui.core.notebook import open_index

    index = open_index(root)
    if index is not None:
        index.close()


def run(report: Report, quick: bool = False) -> None:
    if quick:
        bench_size(report, 5_000, 500, repeat=3)
        return
    if os.environ.get("GLOSS_BENCH_1M"):
        bench_size(report, 1_000_000, 20_000, repeat=3)
        return
    bench_size(report, 50_000, 2_000, repeat=3)
    if os.environ.get("GLOSS_BENCH_200K"):
        bench_size(report, 200_000, 10_000, repeat=3)
