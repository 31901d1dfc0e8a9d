"""Re-anchoring 1,000 highlights on a 100,000-word article after 200 scattered edits.

The baseline, in the same run on the same edited text, is 1,000 plain ``str.find`` calls for
the highlights' exact quotes: the least any re-anchoring could do. Gloss's figure is the
whole of ``reanchor_all`` with its caches cleared first (hash, normalised copy, every step).
"""

from __future__ import annotations

import hashlib
import random
import re
import statistics
import time
from dataclasses import dataclass

from tests.benchmarks.report import Report, median_ms, percentile
from tests.support.textgen import generate_text
from tui.core.anchor import attach as anchor
from tui.core.anchor.attach import describe, reanchor, reanchor_all, summarize
from tui.core.anchor.normal import NormalText
from tui.core.model.highlight import CONTEXT_CHARS, Target


@dataclass(frozen=True)
class Case:
    """An edited text, the targets taken before the edits, and where the untouched ones went."""

    old: str
    new: str
    targets: list[Target]
    expected: dict[int, tuple[int, int]]  # target index -> offsets, for targets no edit touched


def make_case(words: int, highlights: int, edits: int, seed: int) -> Case:
    """Word-aligned highlights of 3-40 words, then insertions, deletions and replacements."""
    rng = random.Random(seed)
    old = generate_text(words, seed)
    spans = [m.span() for m in re.finditer(r"\S+", old)]
    ranges = []
    for _ in range(highlights):
        first = rng.randrange(len(spans) - 40)
        ranges.append((spans[first][0], spans[first + rng.randint(2, 39)][1]))
    targets = [describe(old, start, end) for start, end in ranges]
    phrases = generate_text(edits * 12, seed + 1).split()
    changes = []  # (start, end, replacement) on the old text, disjoint
    for at in sorted(rng.sample(range(len(spans) - 10), edits)):
        kind = rng.choice(("insert", "delete", "replace"))
        start = spans[at][0]
        if kind == "insert":
            words_in = " ".join(rng.sample(phrases, rng.randint(3, 12)))
            changes.append((start, start, words_in + " "))
        elif kind == "delete":
            changes.append((start, spans[at + rng.randint(0, 7)][1] + 1, ""))
        else:
            changes.append((start, spans[at][1], rng.choice(phrases)))
    merged: list[tuple[int, int, str]] = []
    for change in changes:  # drop a change that overlaps the one before it
        if not merged or change[0] >= merged[-1][1]:
            merged.append(change)
    parts, last = [], 0
    for start, end, text in merged:
        parts += [old[last:start], text]
        last = end
    new = "".join([*parts, old[last:]])
    expected = {}
    for index, (start, end) in enumerate(ranges):
        lo, hi = start - CONTEXT_CHARS, end + CONTEXT_CHARS
        if all(e < lo or s > hi for s, e, _ in merged):
            shift = sum(len(t) - (e - s) for s, e, t in merged if e < lo)
            expected[index] = (start + shift, end + shift)
    return Case(old, new, targets, expected)


def _cold_run(case: Case, text: str | None = None) -> list[anchor.Anchor]:
    anchor.text_hash.cache_clear()
    anchor._normal.cache_clear()
    return reanchor_all(case.targets, case.new if text is None else text)


def straightened(text: str) -> str:
    """The text as another extractor might give it: straight quotes, three dots, hyphens."""
    for curly, plain in (("\u201c", '"'), ("\u201d", '"'), ("\u2026", "..."), ("\u2014", " - ")):
        text = text.replace(curly, plain)
    return text


def run(report: Report, quick: bool = False) -> None:
    """Total time beside the str.find baseline, status counts, per-highlight p95."""
    words, count, edits = (20_000, 200, 40) if quick else (100_000, 1_000, 200)
    case = make_case(words, count, edits, seed=7)
    group = f"anchor ({words:,} words, {len(case.new) / 1e3:.0f} KB, {edits} edits)"
    repeat = 3 if quick else 5

    totals, baselines = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        anchors = _cold_run(case)
        totals.append(time.perf_counter() - start)
        start = time.perf_counter()
        for target in case.targets:
            case.new.find(target.quote.exact)
        baselines.append(time.perf_counter() - start)
    report.add(group, f"reanchor_all, {count:,} highlights (cold)", statistics.median(totals),
               "s", baseline=f"{count:,} str.find of the quotes",
               baseline_value=statistics.median(baselines), target="≤ 0.5 s")

    build = median_ms(lambda: NormalText.of(case.new), repeat)
    digest_ms = median_ms(lambda: hashlib.sha256(case.new.encode("utf-8")).hexdigest(), repeat)
    report.add(group, "normalised copy of the text (once per text)", build, "ms",
               baseline="sha256 of the text", baseline_value=digest_ms)

    summary = summarize(anchors)
    for name in ("exact", "moved", "fuzzy", "orphaned"):
        report.add(group, f"status: {name}", getattr(summary, name), "highlights")
    right = sum(
        (anchors[i].start, anchors[i].end) == offsets and anchors[i].attached
        for i, offsets in case.expected.items()
    )
    report.add(group, "untouched highlights back on their own words", 100 * right /
               max(1, len(case.expected)), f"% of {len(case.expected)}", target="100 %")

    digest = anchor.text_hash(case.new)  # warm: the index is built, as after the first target
    per = []
    for target in case.targets:
        start = time.perf_counter()
        reanchor(target, case.new, text_hash=digest)
        per.append((time.perf_counter() - start) * 1000)
    finds = []
    for target in case.targets:
        start = time.perf_counter()
        case.new.find(target.quote.exact)
        finds.append((time.perf_counter() - start) * 1000)
    report.add(group, "per highlight p95 (warm index)", percentile(per, 95), "ms",
               baseline="str.find p95", baseline_value=percentile(finds, 95))
    report.add(group, "per highlight max (warm index)", max(per), "ms",
               baseline="str.find max", baseline_value=max(finds))

    # The same edits, and every curly quote, ellipsis and dash made plain as well.
    plain = straightened(case.new)
    totals, baselines = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        anchors = _cold_run(case, plain)
        totals.append(time.perf_counter() - start)
        start = time.perf_counter()
        for target in case.targets:
            plain.find(target.quote.exact)
        baselines.append(time.perf_counter() - start)
    report.add(group, "reanchor_all, typography also changed (cold)", statistics.median(totals),
               "s", baseline=f"{count:,} str.find of the quotes",
               baseline_value=statistics.median(baselines), target="≤ 0.5 s")
    summary = summarize(anchors)
    for name in ("exact", "moved", "fuzzy", "orphaned"):
        report.add(group, f"typography also changed, status: {name}", getattr(summary, name),
                   "highlights")
