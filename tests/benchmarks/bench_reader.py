"""The reader on a 100,000-word article: start to first paint, resize, key latency, memory.

Every app runs as a child process in a real pseudo-terminal (the same harness as the
end-to-end tests), so the figures include Python's start, imports and writing frames to a
terminal. Baselines run the same way in the same run: a bare Textual app (start, memory),
Textual's ``Log`` widget holding the same lines (scroll and resize), and Textual's
``Markdown`` widget on the same document (start, memory).

* start → first paint: from spawning the process to the frame showing the article. The
  reader's figure opens the Article as saved (JSON, as the notebook will); the pipeline
  figure opens the HTML page, fetch and cleaning included.
* resize: from the terminal's resize until the screen settles (re-wrapped text, then
  scrollbars and status; the quiet time that shows it has settled is not counted).
* keypress → repaint: from writing a key to the end of the frame that answers it.
* peak RSS: of the child, after loading, scrolling to the end, searching and stepping.

Run: ``python -m tests.benchmarks --only reader`` (``--quick`` for a 20,000-word article).
A child is ``python -m tests.benchmarks.bench_reader child KIND INPUT RESULT``.
"""

from __future__ import annotations

import html
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pexpect

from tests.benchmarks.report import Report, median_ms
from tests.support import paths
from tests.support.memory import peak_rss_mb
from tests.support.pty import TerminalSession
from tests.support.textgen import generate_article
from tui.core.export.article_text import to_markdown
from tui.core.model.article import Article, Block, BlockKind

ROOT = paths.ROOT
SAMPLES = ROOT / "samples"
SIZE = (110, 32)
MARKER = "Gloss benchmark article"
PRESSES = 40
FRAME_GAP = 0.005  # seconds of silence that end a frame's burst of output
SETTLE_GAP = 0.25  # seconds of silence after which a resize has finished redrawing


# -- the document -----------------------------------------------------------------------------


def sample_blocks() -> list[Block]:
    """Quotes, lists, code, tables, images and captions from the bundled long read."""
    from tui.core.extract.pipeline import extract

    page = SAMPLES / "long-read.html"
    article = extract(page.read_text(encoding="utf-8"), page.as_uri())
    return [b for b in article.blocks if b.kind not in (BlockKind.PARAGRAPH, BlockKind.HEADING)]


def bench_article(words: int) -> Article:
    """``words`` words of generated prose (tests.support.textgen) with the samples' other
    kinds of block mixed in every few paragraphs, so every kind of line is drawn."""
    prose = generate_article(words, seed=7).blocks
    extras = sample_blocks()
    blocks: list[Block] = []
    for n, block in enumerate(prose):
        blocks.append(block)
        if n % 6 == 5:
            blocks.append(extras[(n // 6) % len(extras)])
    return Article(
        title=MARKER, blocks=tuple(blocks), byline="Bench", site_name="Gloss", url=None
    )


def article_html(article: Article) -> str:
    """The article as a plain HTML page, for the fetch-and-clean pipeline figure."""
    out = [f"<html><head><title>{html.escape(article.title)}</title></head><body><article>"]
    for block in article.blocks:
        text = html.escape(block.text)
        match block.kind:
            case BlockKind.HEADING:
                out.append(f"<h{block.level}>{text}</h{block.level}>")
            case BlockKind.QUOTE:
                out.append(f"<blockquote><p>{text}</p></blockquote>")
            case BlockKind.LIST_ITEM:
                out.append(f"<ul><li>{text}</li></ul>")
            case BlockKind.PRE:
                out.append(f"<pre>{text}</pre>")
            case BlockKind.IMAGE:
                out.append(f'<img src="x.png" alt="{text}">')
            case BlockKind.TABLE:
                rows = "".join(
                    "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                    for row in block.rows
                )
                out.append(f"<table>{rows}</table>")
            case _:
                out.append(f"<p>{text}</p>")
    out.append("</article></body></html>")
    return "\n".join(out)


# -- the children -----------------------------------------------------------------------------


def child(kind: str, source: str, result: str) -> None:
    """Run one app in this terminal; write when it first painted, and its peak RSS at exit."""
    from textual.app import App, ComposeResult
    from textual.widgets import Log, Markdown, Static

    out = Path(result)

    def painted() -> None:
        out.write_text(json.dumps({"painted": time.monotonic()}))

    if kind in ("reader", "pipeline"):
        from tui.core.library import Opened
        from tui.core.loader import ArticleLoader
        from tui.core.model.records import SavedArticle
        from tui.ui.app import GlossApp
        from tui.ui.messages import ArticleShown

        class SavedLoader(ArticleLoader):
            """Opens the Article as saved (JSON), as the notebook will."""

            async def load(
                self, source: str, base_url: str | None = None, *, fresh: bool = False
            ) -> Opened:
                data = json.loads(Path(source).read_text(encoding="utf-8"))
                article = Article.from_dict(data)
                return Opened(SavedArticle.from_article(article), article, (), offline=True)

        class BenchApp(GlossApp):
            def on_article_shown(self, message: ArticleShown) -> None:
                self.call_after_refresh(painted)

        loader = SavedLoader() if kind == "reader" else ArticleLoader()
        app: App[object] = BenchApp(source, loader=loader, persist=False, cursor_blink=False)
    elif kind == "bare":

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Static(MARKER)

            def on_mount(self) -> None:
                self.call_after_refresh(painted)

            def on_key(self) -> None:
                self.exit()

        app = Bare()
    elif kind == "log":

        class LogApp(App[None]):
            BINDINGS = [("q", "quit")]  # noqa: RUF012

            def compose(self) -> ComposeResult:
                yield Static(MARKER)
                yield Log()

            def on_mount(self) -> None:
                log = self.query_one(Log)
                log.write_lines(Path(source).read_text(encoding="utf-8").splitlines())
                log.scroll_home(animate=False)
                log.focus()
                self.call_after_refresh(painted)

        app = LogApp()
    elif kind == "markdown":

        class MarkdownApp(App[None]):
            BINDINGS = [("q", "quit")]  # noqa: RUF012

            def compose(self) -> ComposeResult:
                yield Static(MARKER)
                yield Markdown()

            async def on_mount(self) -> None:
                text = Path(source).read_text(encoding="utf-8")
                await self.query_one(Markdown).update(text)
                self.call_after_refresh(painted)

        app = MarkdownApp()
    else:
        raise SystemExit(f"unknown child kind {kind}")
    app.run()
    data = json.loads(out.read_text()) if out.exists() else {}
    data["rss_mb"] = peak_rss_mb()
    out.write_text(json.dumps(data))


# -- driving a child ------------------------------------------------------------------------


class Child:
    """One child app in a pseudo-terminal, with timings taken from the outside."""

    def __init__(self, kind: str, source: Path, work: Path, timeout: float = 120.0) -> None:
        self.result = work / f"{kind}-{time.monotonic_ns()}.json"
        command = [sys.executable, "-m", "tests.benchmarks.bench_reader", "child", kind]
        self.started = time.monotonic()
        self.term = TerminalSession(
            [str(source), str(self.result)], size=SIZE, command=command, cwd=ROOT, timeout=timeout
        )
        self.timeout = timeout

    def first_paint(self) -> float:
        """Seconds from spawning to the first paint of the document."""
        deadline = self.started + self.timeout
        while not self.result.exists():
            if time.monotonic() > deadline or not self.term.child.isalive():
                raise TimeoutError
            self.term.pump(0.02)
        painted = json.loads(self.result.read_text())["painted"]
        self.term.settle(0.3)
        return painted - self.started

    def _frame_after(self, act: Callable[[], object], gap: float = FRAME_GAP) -> float:
        """Milliseconds from ``act()`` to the last byte written before ``gap`` s of quiet.

        With the default gap that is the one frame answering a key (Textual redraws the
        scrollbars in a frame of their own a moment later, which is not counted).
        """
        self.term.settle(0.1)
        start = time.monotonic()
        act()
        self.term.child.read_nonblocking(65536, timeout=10)
        last = time.monotonic()
        while True:
            try:
                self.term.child.read_nonblocking(65536, timeout=gap)
            except pexpect.TIMEOUT:
                break
            last = time.monotonic()
        return (last - start) * 1000

    def latency(self, key: str) -> float:
        """Keypress → repaint: from sending ``key`` to the end of the frame that answers."""
        return self._frame_after(lambda: self.term.child.send(key))

    def resize(self, columns: int) -> float:
        """From a terminal resize until the screen settles: Textual first redraws the old
        lines at the new size, then the re-wrapped text, then scrollbars and status."""
        return self._frame_after(
            lambda: self.term.child.setwinsize(SIZE[1], columns), gap=SETTLE_GAP
        )

    def finish(self, quit_key: str = "q") -> float:
        """Quit; the child's peak RSS in MB."""
        self.term.child.send(quit_key)
        self.term.wait_exit(30)
        self.term.close()
        return json.loads(self.result.read_text())["rss_mb"]

    def kill(self) -> None:
        self.term.close()


def median(values: list[float]) -> float:
    return statistics.median(values)


# -- the benchmark ----------------------------------------------------------------------------


def run(report: Report, quick: bool = False) -> None:
    """Every figure of the reader, beside its baselines."""
    from tui.core.reader.layout import layout_article

    words = 20_000 if quick else 100_000
    article = bench_article(words)
    size_kb = len(article.text.encode()) / 1000
    label = f"{article.word_count:,} words, {size_kb:,.0f} KB"
    print(f"  document: {label}, {len(article.blocks):,} blocks", file=sys.stderr)
    repeat = 1 if quick else 5
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        saved = work / "article.json"
        saved.write_text(json.dumps(article.to_dict()), encoding="utf-8")
        page = work / "article.html"
        page.write_text(article_html(article), encoding="utf-8")
        markdown = work / "article.md"
        markdown.write_text(to_markdown(article), encoding="utf-8")
        layout = layout_article(article, 76)
        lines = work / "lines.txt"
        lines.write_text("\n".join(layout.line_text(i) for i in range(len(layout))))

        # Start to first paint, alternating so both see the same (shared, noisy) machine.
        bare_start, bare_rss, reader_start = [], [], []
        for _ in range(repeat):
            c = Child("bare", saved, work)
            bare_start.append(c.first_paint())
            bare_rss.append(c.finish())
            c = Child("reader", saved, work)
            reader_start.append(c.first_paint())
            c.finish()
        base = median(bare_start)
        ours = median(reader_start)
        report.add("reader", f"start → first paint ({label}, saved Article)", ours * 1000, "ms",
                   baseline="bare Textual app", baseline_value=base * 1000,
                   target="≤ baseline + 500 ms")
        report.add("reader", "  of which over the bare app", (ours - base) * 1000, "ms",
                   target="≤ 500 ms")
        c = Child("pipeline", page, work)
        report.add("reader", "start → first paint, from the HTML page (fetch + clean)",
                   c.first_paint() * 1000, "ms", baseline="bare Textual app",
                   baseline_value=base * 1000)
        c.finish()

        # Keys, resize and memory, on one reader and one Log baseline.
        log = Child("log", lines, work)
        log.first_paint()
        log_scroll = [log.latency("\x1b[B" if n % 4 else "\x1b[6~") for n in range(PRESSES)]
        log_resize = median([log.resize(cols) for cols in (70, 60, 50, 65, 55)])
        log.finish()
        reader = Child("reader", saved, work)
        reader.first_paint()
        scroll = [reader.latency("j" if n % 4 else " ") for n in range(PRESSES)]
        report.add("reader", "keypress → repaint, scrolling (median)", median(scroll), "ms",
                   baseline="Textual Log widget", baseline_value=median(log_scroll),
                   target="≤ 30 ms")
        reader.term.press("slash")
        reader.term.type("the")
        reader.term.press("enter")
        reader.term.settle(0.3)
        step = [reader.latency("n") for _ in range(PRESSES)]
        report.add("reader", "keypress → repaint, search next (“the”, median)", median(step),
                   "ms", baseline="scrolling, same app", baseline_value=median(scroll),
                   target="≤ 30 ms")
        # Each width is narrower than the measure and new, so each one re-wraps everything.
        resize = [reader.resize(cols) for cols in (70, 60, 50, 65, 55)]
        report.add("reader", "resize → screen settled, re-wrapped (median of 5)", median(resize),
                   "ms",
                   baseline="Textual Log widget", baseline_value=log_resize, target="≤ 200 ms")
        from tui.ui.widgets.reader.view import _layout_without_gc

        report.add("reader", "  of which layout (wrap at 57 columns, in process)",
                   median_ms(lambda: _layout_without_gc(article, 57), repeat=3), "ms")
        reader.term.press("G")
        reader.term.settle(0.3)
        rss = reader.finish()
        report.add("reader", "peak RSS (loaded, scrolled, searched, resized)", rss, "MB",
                   baseline="bare Textual app", baseline_value=median(bare_rss),
                   target="≤ 150 MB")

        # The same document through Textual's Markdown widget.
        timeout = 120.0 if quick else 600.0
        md = Child("markdown", markdown, work, timeout=timeout)
        try:
            took = md.first_paint()
        except TimeoutError:
            md.kill()
            report.add("markdown", f"Markdown widget: start → document shown ({label})",
                       timeout * 1000, "ms (timed out, at least)", baseline="Gloss reader",
                       baseline_value=ours * 1000)
        else:
            md_rss = md.finish()
            report.add("markdown", f"Markdown widget: start → document shown ({label})",
                       took * 1000, "ms", baseline="Gloss reader", baseline_value=ours * 1000)
            report.add("markdown", "Markdown widget: peak RSS", md_rss, "MB",
                       baseline="Gloss reader", baseline_value=rss)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "child":
        child(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        raise SystemExit(__doc__)
