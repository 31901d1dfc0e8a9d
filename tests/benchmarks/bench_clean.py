"""Cleaning time and quality beside bare readability, measured in the same run.

The baseline is readability-lxml's own ``Document(html).summary(html_partial=True)`` on the
same input; Gloss's figure is the whole of ``extract()`` (parse, metadata, readability, rules,
blocks), plus ``to_text`` on the corpus, as ``gloss clean --format text`` prints it. Rows: each
sample page, a generated ~2 MB page, and the 88-page extraction corpus (median time per page,
and the word-shingle F1 of both, bare readability's text taken block by block).

Other corpora of the same layout (``ground-truth.json``, ``html/<id>.html.gz``, and an optional
``sources.json`` naming each page's dataset) are scored too when their folders are given in
``GLOSS_EXTRACTION_CORPORA`` (separated by ``os.pathsep``): corpora that may not be copied into
the repository are passed at run time, never stored here.
"""

from __future__ import annotations

import json
import os
import statistics
from collections.abc import Callable
from pathlib import Path

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


def _page_f1(expected: str, predicted: str) -> tuple[float | None, float | None]:
    return extraction_score.page_scores(expected, predicted)


def _f1(pairs: list[tuple[float | None, float | None]]) -> float:
    ps = [p for p, _ in pairs if p is not None]
    rs = [r for _, r in pairs if r is not None]
    p, r = (statistics.fmean(ps) if ps else 0.0), (statistics.fmean(rs) if rs else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


def _safe(extract_text: Callable[[str, str], str], html: str, url: str) -> str:
    try:
        return extract_text(html, url)
    except Exception:  # a failure scores as an empty extraction, as score.py counts it
        return ""


def given_corpus_rows(report: Report, folder: Path) -> None:
    """F1 per dataset and median time per page, ours beside bare readability, on ``folder``."""
    sources_file = folder / "sources.json"
    sources = json.loads(sources_file.read_text()) if sources_file.exists() else {}
    ours: dict[str, list[tuple[float | None, float | None]]] = {}
    bare: dict[str, list[tuple[float | None, float | None]]] = {}
    ours_ms, bare_ms, empty = [], [], 0
    for page in extraction_score.pages(folder):
        b, o = paired_medians_ms(lambda h=page.html: _bare(h),
                                 lambda p=page: _safe(_gloss_text, p.html, p.url), 1)
        bare_ms.append(b)
        ours_ms.append(o)
        text = _safe(_gloss_text, page.html, page.url)
        empty += not text.split() and len(page.expected.split()) >= 100
        for dataset in {folder.name, sources.get(page.page_id, folder.name)}:
            ours.setdefault(dataset, []).append(_page_f1(page.expected, text))
            bare.setdefault(dataset, []).append(
                _page_f1(page.expected, _safe(_bare_text, page.html, page.url))
            )
    for dataset in sorted(ours, key=lambda d: (d != folder.name, d)):
        report.add("clean", f"{folder.name}: F1 {dataset} ({len(ours[dataset])} pages)",
                   _f1(ours[dataset]), "", baseline="readability text",
                   baseline_value=_f1(bare[dataset]))
    report.add("clean", f"{folder.name}: empty where the truth has >= 100 words", empty, "",
               target="0")
    report.add("clean", f"{folder.name}: median per page", statistics.median(ours_ms), "ms",
               baseline="readability summary()", baseline_value=statistics.median(bare_ms),
               target="≤ 1.25x")


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
    for folder in filter(None, os.environ.get("GLOSS_EXTRACTION_CORPORA", "").split(os.pathsep)):
        given_corpus_rows(report, Path(folder))
