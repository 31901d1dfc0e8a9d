"""Painting a screen of highlights: a full 110×32 reader screen holding 200 highlights.

In-process: the reader view of a running (headless) app paints every row with
``render_line``, its line cache cleared first, so every row is painted from scratch. The
baseline is the same screen with no decorations at all, painted turn about with it in the
same run. Target: at most 20 % slower. Two more rows split the cost: the highlights with
the selection metadata left out (Textual's ``offset`` meta on every segment, which mouse
selection needs), and that metadata alone on the plain screen.

End to end, what a reader waits for: the real ``gloss`` command in a pseudo-terminal,
paging through an article whose every screen holds about 200 highlights, beside the same
article with none, keypress to repaint, the two processes driven turn about.

Run: ``python -m tests.benchmarks --only highlight`` (``--quick``: fewer repeats).
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import re
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import pexpect
from rich.style import Style
from textual.app import App, ComposeResult
from textual.strip import Strip

from tests.benchmarks.bench_reader import FRAME_GAP
from tests.benchmarks.report import Report, paired_medians_ms
from tests.support.pty import TerminalSession
from tests.support.textgen import generate_article
from tui.core.anchor.attach import describe
from tui.core.model.article import Article
from tui.core.model.highlight import COLORS, Highlight
from tui.core.notebook.api import Notebook
from tui.ui.widgets.decorations import Decoration, DecorationLayers
from tui.ui.widgets.reader.view import ReaderView

SIZE = (110, 32)
HIGHLIGHTS = 200
WORDS = 5_000
BENCH_URL = "https://bench.invalid/highlights"


class PaintApp(App[None]):
    """Just a reader view, styled as in Gloss."""

    def compose(self) -> ComposeResult:
        yield ReaderView()


def visible_highlights(view: ReaderView, count: int) -> DecorationLayers:
    """``count`` one-word highlights spread over the words in view, every colour, with
    their gutter marks, and the cursor."""
    start, end = view.visible_range()
    assert view.article is not None
    words = [m.span() for m in re.finditer(r"\w+", view.article.text[start:end])]
    if len(words) < count:
        raise ValueError(f"only {len(words)} words in view for {count} highlights")
    step = len(words) / count
    picked = [words[int(i * step)] for i in range(count)]
    layers = DecorationLayers()
    layers.set(
        "highlight",
        [
            Decoration(
                start + a,
                start + b,
                f"reader--hl-{COLORS[i % len(COLORS)]}",
                gutter="▌",
                gutter_component=f"reader--mark-{COLORS[i % len(COLORS)]}",
            )
            for i, (a, b) in enumerate(picked)
        ],
    )
    layers.set("cursor", [Decoration(start, start, "reader--cursor")])
    return layers


def paint_screen(view: ReaderView, layers: DecorationLayers) -> None:
    """Every row of the view, from scratch, with ``layers``."""
    view.decorations = layers
    view._cache.clear()  # private, but this module measures exactly that cache's misses
    for y in range(view.visible_height):
        view.render_line(y)


async def measure(repeat: int) -> dict[str, Any]:
    app = PaintApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ReaderView)
        view.show(generate_article(WORDS, seed=11))
        await pilot.pause()
        view.scroll_to_line(40)
        await pilot.pause()
        lit = visible_highlights(view, HIGHLIGHTS)
        shown = sum(1 for d in lit.get("highlight") if view.point_of(d.start) is not None)
        empty = DecorationLayers()
        none, with_highlights = paired_medians_ms(
            lambda: paint_screen(view, empty), lambda: paint_screen(view, lit), repeat
        )
        with_meta = view.with_offsets

        def bare(index: int, page: Strip, scroll_x: int, base: Style, starts: Any = None) -> list:
            """The segments over ``base``, without the selection meta."""
            return [
                segment._replace(style=base + segment.style if segment.style else base)
                for segment in page
            ]

        view.with_offsets = bare  # type: ignore[method-assign]
        try:
            bare_none, bare_lit = paired_medians_ms(
                lambda: paint_screen(view, empty), lambda: paint_screen(view, lit), repeat
            )
        finally:
            view.with_offsets = with_meta  # type: ignore[method-assign]
        return {
            "rows": view.visible_height,
            "shown": shown,
            "none": none,
            "highlights": with_highlights,
            "bare_none": bare_none,
            "bare_highlights": bare_lit,
        }


def _notebook(folder: Path, article: Article, every: float) -> str:
    """A notebook holding ``article`` (at a made-up URL), with a one-word highlight on about
    every ``every``-th word (none if ``every`` is 0); returns the URL to open it by."""
    article = dataclasses.replace(article, url=BENCH_URL)
    notebook = Notebook.open(folder)
    record = notebook.save_article(article)
    if every:
        found = list(re.finditer(r"\w+", article.text))
        words = [found[int(i * every)] for i in range(int(len(found) / every))]
        notebook.add_highlights(
            Highlight(
                record.id,
                describe(article.text, m.start(), m.end()),
                color=COLORS[n % len(COLORS)],
            )
            for n, m in enumerate(words)
        )
    return BENCH_URL


def _repaint_ms(term: TerminalSession, key: str) -> float:
    """Milliseconds from sending ``key`` to the end of the burst of output answering it."""
    term.settle(0.1)
    start = time.monotonic()
    term.child.send(key)
    term.child.read_nonblocking(65536, timeout=10)
    last = time.monotonic()
    while True:
        try:
            term.child.read_nonblocking(65536, timeout=FRAME_GAP)
        except pexpect.TIMEOUT:
            break
        last = time.monotonic()
    return (last - start) * 1000


def end_to_end(presses: int) -> tuple[float, float, int]:
    """Median page-down repaint (ms) with and without highlights; highlights per screen."""
    article = generate_article(WORDS, seed=11)
    words_per_screen = 32 * 11  # about eleven words on each of 32 rows at 76 columns
    every = words_per_screen / HIGHLIGHTS
    with tempfile.TemporaryDirectory() as tmp:
        sessions = []
        for name, step in (("none", 0), ("lit", every)):
            folder = Path(tmp) / name
            url = _notebook(folder, article, step)
            env = {
                **os.environ,
                "XDG_STATE_HOME": str(folder / "state"),
                "XDG_CONFIG_HOME": str(folder / "config"),
            }
            term = TerminalSession([url, "--notebook", str(folder)], size=SIZE, env=env, timeout=60)
            term.wait_for(article.title[:20])
            sessions.append(term)
        plain, lit = [], []
        try:
            for n in range(presses):
                key = " " if n % 8 < 7 else "g"  # page on, back to the top now and then
                plain.append(_repaint_ms(sessions[0], key))
                lit.append(_repaint_ms(sessions[1], key))
        finally:
            for term in sessions:
                term.close()
    return statistics.median(plain), statistics.median(lit), round(words_per_screen / every)


def run(report: Report, quick: bool) -> None:
    """Paint the screen with and without 200 highlights, turn about."""
    plain, lit, per_screen = end_to_end(presses=24 if quick else 80)
    report.add(
        "highlight",
        f"gloss in a pty: page down → repainted, ~{per_screen} highlights a screen (median)",
        lit,
        "ms",
        baseline="same article, no highlights",
        baseline_value=plain,
        target="≤ 1.20x",
    )
    figures = asyncio.run(measure(repeat=15 if quick else 61))
    rows, shown = figures["rows"], figures["shown"]
    report.add(
        "highlight",
        f"paint {rows} rows, {shown} highlights in view",
        figures["highlights"],
        "ms",
        baseline="same rows, no decorations",
        baseline_value=figures["none"],
        target="(render only: ≤ 1.20x not met)",
    )
    report.add(
        "highlight",
        f"paint {rows} rows, {shown} highlights, no selection meta",
        figures["bare_highlights"],
        "ms",
        baseline="same rows, no decorations, no meta",
        baseline_value=figures["bare_none"],
        target="(what the highlights cost alone)",
    )
    report.add(
        "highlight",
        f"paint {rows} rows, no decorations, with selection meta",
        figures["none"],
        "ms",
        baseline="without the meta",
        baseline_value=figures["bare_none"],
        target="(what mouse selection costs)",
    )
