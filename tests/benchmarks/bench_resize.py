"""Every size: resizing the reader on the 109,000-word page, beside Textual's Log widget.

Both apps run as children in a real pseudo-terminal (the harness of ``bench_reader``), on
the same document and the same widths, in the same run: the reader opens the saved Article,
the Log widget holds the same lines already wrapped at 76 columns (it never re-wraps, which
is what makes it the floor to aim at).

* resize → re-wrapped, new width: every width narrower than the measure and not seen
  before, so the reader lays the whole article out again (it counts every block's lines at
  the new width and wraps the lines it shows).
* resize → re-wrapped, a width seen before: back to one of the last widths (tmux zoom,
  a split closed again): the reader keeps the last few layouts.
* in process: ``layout_article`` alone at 57 columns, to show what laying out costs.

Run: ``python -m tests.benchmarks --only resize`` (``--quick`` for a 20,000-word article).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.bench_reader import Child, bench_article, median
from tests.benchmarks.report import Report, median_ms

NEW_WIDTHS = (70, 60, 50, 65, 55)


def run(report: Report, quick: bool = False) -> None:
    """Resize figures of the reader beside the Log widget's, same run, same widths."""
    from tui.core.reader.layout import layout_article
    from tui.ui.widgets.reader.view import LAYOUTS_KEPT, _layout_without_gc

    words = 20_000 if quick else 100_000
    article = bench_article(words)
    label = f"{article.word_count:,} words"
    print(f"  document: {label}, {len(article.blocks):,} blocks", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        saved = work / "article.json"
        saved.write_text(json.dumps(article.to_dict()), encoding="utf-8")
        layout = layout_article(article, 76)
        lines = work / "lines.txt"
        lines.write_text("\n".join(layout.line_text(i) for i in range(len(layout))))

        log = Child("log", lines, work)
        log.first_paint()
        log_new = [log.resize(cols) for cols in NEW_WIDTHS]
        log_seen = [log.resize(cols) for cols in NEW_WIDTHS[-LAYOUTS_KEPT:]]
        log.finish()

        reader = Child("reader", saved, work)
        reader.first_paint()
        new = [reader.resize(cols) for cols in NEW_WIDTHS]
        # The last LAYOUTS_KEPT widths are still laid out: going back to them re-wraps nothing.
        seen = [reader.resize(cols) for cols in NEW_WIDTHS[-LAYOUTS_KEPT:]]
        reader.finish()

    report.add("resize", f"resize → re-wrapped, new width ({label}, median of 5)",
               median(new), "ms", baseline="Textual Log widget", baseline_value=median(log_new),
               target="≤ Log widget")
    report.add("resize", f"resize → re-wrapped, a width seen before (median of {LAYOUTS_KEPT})",
               median(seen), "ms", baseline="Textual Log widget",
               baseline_value=median(log_seen), target="≤ Log widget")
    report.add("resize", "  of which layout (wrap at 57 columns, in process)",
               median_ms(lambda: _layout_without_gc(article, 57), repeat=3), "ms")
