"""Fetch figures, each beside a baseline from the same run.

Loopback fetches beside a bare httpx GET (the cost of the limits and the charset logic), the
peak memory of refusing a 1 GB gzip bomb beside httpx's own decoder with the same cap, and
charset detection beside a plain ``bytes.decode`` of a declared page.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap

import httpx

from tests.benchmarks.report import Report, median_ms
from tests.support import paths
from tests.support.httpserver import HTTPTestServer, gzip_bomb, gzipped
from tui.core.fetch.source import decode_html, fetch_async

ROOT = paths.ROOT
_PARAGRAPH = ("<p>Le café était très chaud, et la crème brûlée était délicieuse. À côté, un "
              "garçon lisait « Les Misérables » en mangeant une pêche — “dit-il”.</p>\n")

# Peak memory of one fetch, in a fresh process after a warm-up fetch: RSS growth (the real
# cost, but hidden under any earlier high-water mark) and tracemalloc's peak (Python
# allocations only, but exact).
_MEMORY_SCRIPT = textwrap.dedent("""
    import asyncio, resource, sys, time, tracemalloc
    import httpx
    from tui.core.fetch.source import fetch
    from tui.core.errors import GlossError

    from tests.support.memory import peak_rss_mb as peak_mb

    async def httpx_decoder(url, cap=10 << 20):
        async with httpx.AsyncClient() as client, client.stream("GET", url) as response:
            total = 0
            async for chunk in response.aiter_bytes():
                total += len(chunk)
                if total > cap:
                    return

    fetch(sys.argv[1])
    before = peak_mb()
    tracemalloc.start()
    start = time.perf_counter()
    if sys.argv[3] == "gloss":
        try:
            fetch(sys.argv[2])
        except GlossError:
            pass
    else:
        asyncio.run(httpx_decoder(sys.argv[2]))
    elapsed = (time.perf_counter() - start) * 1000
    traced = tracemalloc.get_traced_memory()[1] / (1 << 20)
    print(peak_mb() - before, traced, elapsed)
""")


def _page(size: int) -> str:
    body = _PARAGRAPH * (size // len(_PARAGRAPH.encode()) + 1)
    return f"<!doctype html><html><head><title>Bench</title></head><body>{body}</body></html>"


def _memory(bomb: str, small: str, mode: str) -> tuple[float, float, float]:
    """(RSS growth MB, traced peak MB, elapsed ms) of fetching ``bomb`` in a fresh process."""
    done = subprocess.run([sys.executable, "-c", _MEMORY_SCRIPT, small, bomb, mode],
                          capture_output=True, text=True, timeout=300, cwd=ROOT, check=True)
    growth, traced, elapsed = done.stdout.split()
    return float(growth), float(traced), float(elapsed)


def run(report: Report, quick: bool) -> None:
    """Measure and add the fetch rows."""
    repeat = 3 if quick else 10
    size = (256 << 10) if quick else (1 << 20)
    label = f"{size >> 10} KB" if size < (1 << 20) else f"{size >> 20} MB"
    html = _page(size)
    with HTTPTestServer() as server:
        plain = server.page("/page", html)
        packed = server.page("/gz", gzipped(html.encode()), headers={"Content-Encoding": "gzip"})
        server.page("/small", "<p>warm</p>")
        server.page("/bomb", gzip_bomb(1 << 30), headers={"Content-Encoding": "gzip"})

        async def bare(url: str) -> None:
            async with httpx.AsyncClient() as client:
                (await client.get(url)).text  # noqa: B018 (decoding is part of the cost)

        for name, url in ((f"{label} page, loopback", plain),
                          (f"{label} page gzipped, loopback", packed)):
            ours = median_ms(lambda url=url: asyncio.run(fetch_async(url)), repeat)
            base = median_ms(lambda url=url: asyncio.run(bare(url)), repeat)
            report.add("fetch", name, ours, "ms", baseline="httpx GET + .text",
                       baseline_value=base, target="< 2x baseline")

        ours = _memory(server.url("/bomb"), server.url("/small"), "gloss")
        theirs = _memory(server.url("/bomb"), server.url("/small"), "httpx")
        versus = "httpx aiter_bytes, same 10 MB cap"
        for n, (name, unit, target) in enumerate((
                ("1 GB gzip bomb refused: peak RSS growth", "MB", "< 60 MB"),
                ("1 GB gzip bomb refused: traced peak", "MB", "~ 10 MB cap"),
                ("1 GB gzip bomb refused: time", "ms", ""))):
            report.add("fetch", name, ours[n], unit, baseline=versus, baseline_value=theirs[n],
                       target=target)

    legacy = html.encode("cp1252")
    modern = html.encode("utf-8")
    report.add("charset", f"undeclared windows-1252, {label}",
               median_ms(lambda: decode_html(legacy), repeat), "ms",
               baseline="bytes.decode('cp1252')",
               baseline_value=median_ms(lambda: legacy.decode("cp1252"), repeat),
               target="< 100 ms")
    report.add("charset", f"undeclared UTF-8, {label}",
               median_ms(lambda: decode_html(modern), repeat), "ms",
               baseline="bytes.decode('utf-8')",
               baseline_value=median_ms(lambda: modern.decode("utf-8"), repeat))
