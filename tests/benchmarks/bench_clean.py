"""Cleaning time and quality beside bare readability, measured in the same run.

The baseline is readability-lxml's own ``Document(html).summary(html_partial=True)`` on the
same input; Gloss's figure is the whole of ``extract()`` (parse, metadata, readability, rules,
blocks), plus ``to_text`` on the corpus, as ``gloss clean --format text`` prints it. Rows: each
sample page, a generated ~2 MB page, and the 88-page extraction corpus (median time per page,
and the word-shingle F1 of both, bare readability's text taken block by block).
"""

from __future__ import annotations

import statistics

import lxml.html
from readability import Document

from tests.benchmarks.report import Report, paired_medians_ms
from tests.support import extraction_score, paths
from tui.core.export.article_text import to_text
from tui.core.extract.html_blocks import blocks_from_html
from tui.core.extract.pipeline import extract
from tui.core.fetch.source import decode_html
from tui.core.model.article import BlockKind

SAMPLES = paths.SAMPLES


def big_page(target_bytes: int = 2_000_000) -> str:
    """A ~2 MB page: the seed sample's body repeated inside the sample's own chrome."""
    seed = (SAMPLES / "jessica-jones-season-2.html").read_text(encoding="utf-8")
    start, end = seed.index("<article"), seed.index("</article>") + len("</article>")
    article = seed[start:end]
    repeats = max(1, (target_bytes - len(seed)) // len(article))
    return seed[:start] + article * repeats + seed[end:]


def _bare(html: str) -> None:
    Document(html).summary(html_partial=True)


def _bare_text(html: str, url: str) -> str:
    """Bare readability's article as text, one block per line (as score.py's README does)."""
    summary = Document(html).summary(html_partial=True)
    root = lxml.html.fragment_fromstring(summary, create_parent="div")
    skip = (BlockKind.IMAGE, BlockKind.CAPTION)
    return "\n".join(b.text for b in blocks_from_html(root) if b.kind not in skip)


def _gloss_text(html: str, url: str) -> str:
    return to_text(extract(html, url or None))


def corpus_rows(report: Report, quick: bool = False) -> None:
    """Median time per corpus page, ours beside bare readability, and both F1 scores."""
    repeat = 1 if quick else 3
    ours, bare = [], []
    for page in extraction_score.pages():
        # Alternate the two on each page, so that load from other work hits both alike.
        b, o = paired_medians_ms(lambda h=page.html: _bare(h),
                                 lambda p=page: _gloss_text(p.html, p.url), repeat)
        bare.append(b)
        ours.append(o)
    report.add("clean", f"corpus median per page ({len(ours)} pages)", statistics.median(ours),
               "ms", baseline="readability summary()", baseline_value=statistics.median(bare),
               target="≤ 1.25x")
    report.add("clean", "corpus median of per-page ratios",
               statistics.median(o / b for o, b in zip(ours, bare, strict=True)), "x",
               target="≤ 1.25")
    gloss, plain = extraction_score.score(_gloss_text), extraction_score.score(_bare_text)
    report.add("clean", "corpus F1 (word shingles)", gloss.f1, "", baseline="readability text",
               baseline_value=plain.f1, target="≥ 0.975")
    report.add("clean", "corpus precision", gloss.precision, "", baseline="readability text",
               baseline_value=plain.precision)
    report.add("clean", "corpus recall", gloss.recall, "", baseline="readability text",
               baseline_value=plain.recall)


def run(report: Report, quick: bool = False) -> None:
    """Add one row per sample page, one for the generated page, and the median ratio."""
    repeat = 5 if quick else 31
    ratios = []
    for path in sorted(SAMPLES.glob("*.html")):
        html, _ = decode_html(path.read_bytes())
        url = path.resolve().as_uri()
        try:
            extract(html, url)
        except Exception:  # a sample that is meant to fail (no article) has no clean time
            continue
        base, ours = paired_medians_ms(lambda h=html: _bare(h),
                                       lambda h=html, u=url: extract(h, u), repeat)
        ratios.append(ours / base)
        report.add("clean", path.name, ours, "ms", baseline="readability summary()",
                   baseline_value=base, target="≤ 1.2x")
    html = big_page(600_000 if quick else 2_000_000)
    base, ours = paired_medians_ms(lambda: _bare(html),
                                   lambda: extract(html, "https://example.com/big"),
                                   1 if quick else 3)
    ratios.append(ours / base)
    report.add("clean", f"generated page ({len(html) / 1e6:.1f} MB)", ours, "ms",
               baseline="readability summary()", baseline_value=base, target="≤ 1.2x")
    report.add("clean", "median ratio over pages", statistics.median(ratios), "x",
               target="≤ 1.2")
    corpus_rows(report, quick)
