"""Cleaning time per sample page and for a generated ~2 MB page, beside bare readability.

The baseline is readability-lxml's own ``Document(html).summary()`` on the same input in the
same run; Gloss's figure is the whole of ``extract()`` (parse, metadata, readability, blocks).
"""

from __future__ import annotations

import statistics
from pathlib import Path

from readability import Document

from tests.benchmarks.report import Report, median_ms
from tui.core.extract import extract
from tui.core.fetch import decode_html

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def big_page(target_bytes: int = 2_000_000) -> str:
    """A ~2 MB page: the seed sample's body repeated inside the sample's own chrome."""
    seed = (SAMPLES / "jessica-jones-season-2.html").read_text(encoding="utf-8")
    start, end = seed.index("<article"), seed.index("</article>") + len("</article>")
    article = seed[start:end]
    repeats = max(1, (target_bytes - len(seed)) // len(article))
    return seed[:start] + article * repeats + seed[end:]


def _bare(html: str) -> None:
    Document(html).summary(html_partial=True)


def run(report: Report, quick: bool = False) -> None:
    """Add one row per sample page, one for the generated page, and the median ratio."""
    repeat = 3 if quick else 9
    ratios = []
    for path in sorted(SAMPLES.glob("*.html")):
        html, _ = decode_html(path.read_bytes())
        url = path.resolve().as_uri()
        try:
            extract(html, url)
        except Exception:  # a sample that is meant to fail (no article) has no clean time
            continue
        base = median_ms(lambda h=html: _bare(h), repeat)
        ours = median_ms(lambda h=html, u=url: extract(h, u), repeat)
        ratios.append(ours / base)
        report.add("clean", path.name, ours, "ms", baseline="readability summary()",
                   baseline_value=base, target="≤ 1.2x")
    html = big_page(600_000 if quick else 2_000_000)
    base = median_ms(lambda: _bare(html), 1 if quick else 3)
    ours = median_ms(lambda: extract(html, "https://example.com/big"), 1 if quick else 3)
    ratios.append(ours / base)
    report.add("clean", f"generated page ({len(html) / 1e6:.1f} MB)", ours, "ms",
               baseline="readability summary()", baseline_value=base, target="≤ 1.2x")
    report.add("clean", "median ratio over pages", statistics.median(ratios), "x",
               target="≤ 1.2")
