"""The notebook at 1,000, 10,000 and 50,000 highlights over 2,000 articles (seeded).

For each size: adding one highlight (p50, p95; durable: fsync and all), filtering by tag,
text search, opening, and peak RSS in a fresh subprocess. Baselines, measured in the same run
on the same data: stock TinyDB (its default JSONStorage, everything in one file, as a naive
notebook would keep it) doing the same insert / search / load, and sqlite3 for the insert.
"""

from __future__ import annotations

import json
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from tinydb import Query, TinyDB

from tests.benchmarks.report import Report, median_ms, percentile
from tests.support import paths
from tests.support.notebookgen import GeneratedNotebook, generate
from tui.core.notebook.api import Notebook
from tui.core.notebook.query import HighlightFilter, fold
from tui.core.notebook.storage import FileWriter

ROOT = paths.ROOT
TAG = "ux"  # one of the generator's tags, carried by about 1 highlight in 25
WORDS = "cafe creme"  # accented in the data ("café", "crème"): folding must find them

# Measured in a child (see tests.support.memory for why not ru_maxrss).
RSS_SCRIPT = """
import sys
from pathlib import Path
from tui.core.notebook.api import Notebook
from tui.core.notebook.query import HighlightFilter
if sys.argv[2] == "open":
    nb = Notebook.open(Path(sys.argv[1]))
    nb.query(HighlightFilter(all_tags=("ux",)))
    nb.query(HighlightFilter(text="cafe creme"))
    nb.highlights()
from tests.support.memory import peak_rss_mb
print(peak_rss_mb())
"""


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _single_file_tinydb(gen: GeneratedNotebook, path: Path) -> None:
    """The same records in one stock-TinyDB file (articles without bodies, to be fair)."""
    nb = Notebook.open(gen.root, read_only=True)
    articles = {str(i + 1): a.to_dict() for i, a in enumerate(nb.articles())}
    highlights = {str(i + 1): h.to_dict() for i, h in enumerate(nb.highlights())}
    path.write_text(json.dumps({"articles": articles, "highlights": highlights}))


def _sqlite(gen: GeneratedNotebook, path: Path) -> sqlite3.Connection:
    nb = Notebook.open(gen.root, read_only=True)
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE highlights (id TEXT PRIMARY KEY, article_id TEXT, doc TEXT)")
    db.execute("CREATE INDEX by_article ON highlights (article_id)")
    db.executemany(
        "INSERT INTO highlights VALUES (?, ?, ?)",
        ((h.id, h.article_id, json.dumps(h.to_dict())) for h in nb.highlights()),
    )
    db.commit()
    return db


def _rss_mb(root: Path, mode: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", RSS_SCRIPT, str(root), mode],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    return float(out.stdout.strip())


def bench_size(report: Report, highlights: int, articles: int, quick: bool) -> None:
    """Every figure for one notebook size."""
    group = f"notebook {highlights:,}"
    adds = 20 if quick else 60
    with tempfile.TemporaryDirectory(prefix="gloss-bench-") as tmp:
        tmp_path = Path(tmp)
        start = time.perf_counter()
        gen = generate(tmp_path / "nb", highlights, articles, seed=highlights)
        print(f"  (generated in {time.perf_counter() - start:.1f} s)", file=sys.stderr)

        # Opening, and a stock-TinyDB load of the same highlights.
        single = tmp_path / "single.json"
        _single_file_tinydb(gen, single)
        opened = median_ms(lambda: Notebook.open(gen.root), 1 if quick else 3, warmup=1)

        def tiny_load() -> None:
            with TinyDB(single) as db:
                db.table("highlights").all()

        report.add(group, "open notebook", opened, "ms", baseline="TinyDB load all",
                   baseline_value=median_ms(tiny_load, 1 if quick else 3), target="≤ 1,000 ms")

        nb = Notebook.open(gen.root)
        nb.today = lambda: date(2030, 1, 1)
        first = _timed(lambda: nb.add_highlight(gen.new_highlight()))
        report.add(group, "first write of the day (takes the backup)", first, "ms")

        # Adding one highlight: Gloss (durable) vs stock TinyDB vs sqlite3, same data. Ours,
        # sqlite3's and a bare atomic write are interleaved, so that all three meet the same
        # disk: on this shared machine an fsync takes from under 1 ms to over 10 ms.
        db3 = _sqlite(gen, tmp_path / "sqlite.db")
        bare_path, bare_bytes = tmp_path / "bare.json", b"x" * 16_000
        writer = FileWriter()
        ours, lite, bare = [], [], []
        for _ in range(adds):
            ours.append(_timed(lambda: nb.add_highlight(gen.new_highlight())))
            h = gen.new_highlight()
            row = (h.id, h.article_id, json.dumps(h.to_dict()))

            def insert(r: tuple[str, str, str] = row) -> None:
                db3.execute("INSERT INTO highlights VALUES (?, ?, ?)", r)
                db3.commit()

            lite.append(_timed(insert))
            bare.append(_timed(lambda: writer.write_bytes(bare_path, bare_bytes)))
        db3.close()
        tiny = []
        with TinyDB(single) as db:
            table = db.table("highlights")
            for _ in range(3 if quick or highlights > 20_000 else 5):
                doc = gen.new_highlight().to_dict()
                tiny.append(_timed(lambda d=doc: table.insert(d)))
        p50 = statistics.median(ours)
        report.add(group, "add one highlight p50", p50, "ms", baseline="TinyDB JSONStorage",
                   baseline_value=statistics.median(tiny), target="≤ 10 ms")
        report.add(group, "add one highlight p50 vs sqlite3", p50, "ms", baseline="sqlite3",
                   baseline_value=statistics.median(lite))
        report.add(group, "add one highlight p50 vs the disk", p50, "ms",
                   baseline="bare atomic 16 KB write", baseline_value=statistics.median(bare))
        report.add(group, "add one highlight p95", percentile(ours, 95), "ms",
                   baseline="TinyDB JSONStorage", baseline_value=max(tiny))

        # Other writes the screens make often.
        some = nb.highlights()[: adds]
        edits = [_timed(lambda h=h: nb.update_highlight(h.edited(note="edited"))) for h in some]
        report.add(group, "edit a highlight's note p50", statistics.median(edits), "ms")
        ids = [r.id for r in nb.articles()[: adds]]
        progress = [_timed(lambda a=a: nb.update_article(a, progress=0.5)) for a in ids]
        report.add(group, "update reading progress p50", statistics.median(progress), "ms")

        # Filtering by tag and searching text, against TinyDB's own search on one file.
        by_tag = HighlightFilter(all_tags=(TAG,))
        with TinyDB(single) as db:
            table = db.table("highlights", cache_size=0)  # no cached answers: real searches
            tiny_tag = median_ms(lambda: table.search(Query().tags.any([TAG])), 3)
            words = fold(WORDS).split()

            def matches(doc: dict) -> bool:
                hay = fold(f"{doc['target']['quote']['exact']}\n{doc['note']}")
                return all(w in hay for w in words)

            tiny_text = median_ms(lambda: table.search(matches), 1)
        tag_ms = median_ms(lambda: nb.query(by_tag), 5 if quick else 9)
        report.add(group, f"filter by tag ({len(nb.query(by_tag)):,} hits)", tag_ms, "ms",
                   baseline="TinyDB search", baseline_value=tiny_tag, target="≤ 30 ms")
        text = HighlightFilter(text=WORDS)
        fresh = Notebook.open(gen.root)
        first_search = _timed(lambda: fresh.query(text))
        report.add(group, "text search, first (folds every highlight)", first_search, "ms")
        text_ms = median_ms(lambda: nb.query(text), 5 if quick else 9)
        report.add(group, f"text search ({len(nb.query(text)):,} hits)", text_ms, "ms",
                   baseline="TinyDB search + fold", baseline_value=tiny_text, target="≤ 50 ms")
        listed = median_ms(nb.highlights, 3 if quick else 5)
        report.add(group, "list all highlights, newest first", listed, "ms")

        # Peak memory of a fresh process that opens, filters, searches and lists.
        rss = _rss_mb(gen.root, "open")
        report.add(group, "peak RSS: open + filter + search + list", rss, "MB",
                   baseline="interpreter + imports", baseline_value=_rss_mb(gen.root, "bare"),
                   target="≤ 300 MB")
        size = sum(p.stat().st_size for p in gen.root.rglob("*") if p.is_file())
        single_mb = single.stat().st_size / 1e6
        report.add(group, "notebook on disk (all files)", size / 1e6, "MB",
                   baseline="one TinyDB file, no bodies", baseline_value=single_mb)


def run(report: Report, quick: bool = False) -> None:
    """Rows for each size (quick: 500 and 5,000 highlights over 200 articles)."""
    sizes = [(500, 200), (5_000, 200)] if quick else [(1_000, 2_000), (10_000, 2_000),
                                                       (50_000, 2_000)]
    for highlights, articles in sizes:
        bench_size(report, highlights, articles, quick)
    report.add("notebook", "peak RSS of the benchmark process", resource.getrusage(
        resource.RUSAGE_SELF).ru_maxrss / 1024, "MB")
