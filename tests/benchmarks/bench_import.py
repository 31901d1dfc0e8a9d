"""Import figures: a 10,000-row Readwise CSV (highlights of 1,000 books and articles) whose
articles' pages come from local servers on 127.0.0.1 with 50-200 ms latency, imported with 8
workers beside the same fetches one at a time (``--workers 1``) in the same run; peak memory
of each; and the share of quotes placed exactly when the served pages differ slightly from
the quoted words (typography, spacing, a changed word).
"""

from __future__ import annotations

import csv
import io
import json
import random
import subprocess
import sys
import tempfile
import textwrap
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from tests.benchmarks.report import Report
from tests.support import paths
from tests.support.httpserver import HTTPTestServer, respond

SITES = 25  # servers (ports): the pool allows 2 fetches at once per site
HIGHLIGHTS_PER_DOC = 10
_WORDS = ["reading", "notes", "margin", "attention", "memory", "index", "argument", "author",
          "page", "library", "slowly", "quiet", "habit", "paper", "question", "answer",
          "summary", "sentence", "chapter", "idea"]

# Runs `gloss import` in a fresh process and prints its JSON report and its peak RSS.
_RUN = textwrap.dedent("""
    import contextlib, io, json, sys, time
    from tests.support.memory import peak_rss_mb
    from tui.cli import main
    out = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out):
        code = main(sys.argv[1:])
    print(json.dumps({"code": code, "seconds": time.perf_counter() - start,
                      "rss": peak_rss_mb(), "report": json.loads(out.getvalue())}))
""")


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(12, 20))]
    return f"Sentence {n}: the reader's " + " ".join(words) + " - \"so it goes\"."


def _document(rng: random.Random) -> tuple[list[str], list[str]]:
    """A page's paragraphs and the quotes highlighted in it, a third of them as on the
    page, a third in other typography and spacing, a third with one word changed."""
    sentences = [_sentence(rng, n) for n in range(HIGHLIGHTS_PER_DOC * 2)]
    page = [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
    quotes = []
    for n in range(HIGHLIGHTS_PER_DOC):
        quote = sentences[n * 2]
        if n % 3 == 1:  # the page's typography: curly quotes, an en dash, doubled spaces
            page[n] = (page[n].replace("'", "\u2019").replace(' - "', " \u2013 \u201c")
                       .replace('"', "\u201d").replace(" ", "  ", 3))
        elif n % 3 == 2:
            words = quote.split()
            words[len(words) // 2] = "different"
            quote = " ".join(words)
        quotes.append(quote)
    return page, quotes


def _build(rows: int, folder: Path) -> tuple[Path, dict[str, bytes], int]:
    """The CSV, the pages by path, and how many quotes are in web articles."""
    rng = random.Random(15)
    docs = rows // HIGHLIGHTS_PER_DOC
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Highlight", "Book Title", "Book Author", "Amazon Book ID", "Note",
                     "Color", "Tags", "Location Type", "Location", "Highlighted at",
                     "Document tags", "URL"])
    pages: dict[str, bytes] = {}
    web_quotes = 0
    for d in range(docs):
        paragraphs, quotes = _document(rng)
        is_article = d % 2 == 0
        url = ""
        if is_article:
            path = f"/site{d % SITES}/article-{d}"
            body = "".join(f"<p>{p}</p>" for p in paragraphs)
            pages[path] = (f"<html><head><title>Article {d}</title></head><body><article>"
                           f"<h1>Article {d}</h1>{body}</article></body></html>").encode()
            url = path  # made absolute once the servers have ports
            web_quotes += len(quotes)
        for n, quote in enumerate(quotes):
            writer.writerow([quote, f"Document {d}", "A. Writer", "" if is_article else "B0X",
                             "", "yellow", "", "order" if is_article else "location", n,
                             f"2024-01-01 00:{n:02d}:00+00:00", "", url])
    csv_path = folder / "readwise.csv"
    csv_path.write_text(out.getvalue(), encoding="utf-8")
    return csv_path, pages, web_quotes


def _serve(pages: dict[str, bytes]) -> list[HTTPTestServer]:
    rng = random.Random(51)
    servers = [HTTPTestServer().start() for _ in range(SITES)]
    for path, body in pages.items():
        latency = rng.uniform(0.05, 0.2)

        def handler(request: BaseHTTPRequestHandler, body: bytes = body,
                    latency: float = latency) -> None:
            time.sleep(latency)
            respond(body)(request)

        servers[int(path.split("/")[1].removeprefix("site"))].route(path, handler)
    return servers


def _import(csv_path: Path, notebook: Path, workers: int) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _RUN, "import", str(csv_path), "--json", "--workers",
         str(workers), "--notebook", str(notebook)],
        capture_output=True, text=True, cwd=paths.ROOT, check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _pool_only(jobs: list[tuple[str, str]], workers: int) -> float:
    """Seconds for the fetch pool alone: the same fetches, cleaning stubbed out (on a busy
    machine, cleaning 500 pages is CPU-bound and hides what the pool does)."""
    import asyncio

    from tui.core.imports import bulk
    from tui.core.model import Article

    real = bulk.extract
    bulk.extract = lambda html, url, **_: Article(title="", blocks=())  # type: ignore[assignment]
    try:
        start = time.perf_counter()
        done: list[object] = []
        asyncio.run(bulk.fetch_all(jobs, done.append, workers=workers))
        return time.perf_counter() - start
    finally:
        bulk.extract = real


def run(report: Report, quick: bool) -> None:
    """10,000 rows (1,000 with --quick) imported with 8 workers, then one at a time."""
    rows = 1000 if quick else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path, pages, web_quotes = _build(rows, folder)
        servers = _serve(pages)
        try:
            text = csv_path.read_text(encoding="utf-8")
            for n, server in enumerate(servers):
                text = text.replace(f",/site{n}/", f",{server.base_url}/site{n}/")
            csv_path.write_text(text, encoding="utf-8")
            pooled = _import(csv_path, folder / "pooled", 8)
            single = _import(csv_path, folder / "single", 1)
            urls = [(f"{n:016x}", server.base_url + path) for n, path in enumerate(pages)
                    for server in [servers[int(path.split("/")[1].removeprefix("site"))]]]
            pool_8, pool_1 = _pool_only(urls, 8), _pool_only(urls, 1)
        finally:
            for server in servers:
                server.close()
    group = f"import {rows} rows"
    report.add(group, f"{len(pages)} pages, 8 workers", float(pooled["seconds"]) * 1000, "ms",
               baseline="one at a time", baseline_value=float(single["seconds"]) * 1000,
               target=">= 5x faster")
    report.add(group, f"{len(pages)} fetches by the pool alone, 8 workers", pool_8 * 1000, "ms",
               baseline="one at a time", baseline_value=pool_1 * 1000, target=">= 5x faster")
    report.add(group, "peak RSS, 8 workers", float(pooled["rss"]), "MB",
               baseline="one at a time", baseline_value=float(single["rss"]),
               target="<= 300 MB")
    fetched = pooled["report"]["fetch"]  # type: ignore[index]
    exact = fetched["placed_exactly"]  # type: ignore[index]
    fuzzy = fetched["placed_fuzzily"]  # type: ignore[index]
    report.add(group, f"quotes placed exactly (of {web_quotes}; 1/3 with a changed word)",
               100 * exact / max(1, web_quotes), "%",
               baseline="approximately", baseline_value=100 * fuzzy / max(1, web_quotes),
               target="2/3 exact, the rest approximately")
