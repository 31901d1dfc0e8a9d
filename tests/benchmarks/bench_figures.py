"""What figures cost at start: asking the terminal about graphics (textual-image) before the
app runs. Only a start that may show figures asks (a web page with some, or the library).

Rows, each beside the same start with ``images = "off"`` in the same run, in a pty that does
not answer the questions (each waits for its timeout: the worst case; a real terminal
answers at once): a page with one figure served from 127.0.0.1, and the saved seed sample
(a file: it fetches no figures, so nothing is asked).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.benchmarks.bench_start import (
    SEED,
    SEED_TITLE,
    _env,
    _first_paint,
    _median_ms,
    _reader_painted,
)
from tests.benchmarks.report import Report
from tests.support.httpserver import HTTPTestServer
from tests.support.images import png
from tests.support.pty import gloss_command

TITLE = "A page with one figure"
PAGE = (
    f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>"
    + "".join(f"<p>Paragraph {i} of ordinary body text, long enough to be kept by the "
              "cleaner and to fill the screen around the figure.</p>" for i in range(8))
    + '<img src="/figure.png" alt="A red rectangle">'
    + "</article></body></html>"
)


def _config(env: dict[str, str], images: str) -> dict[str, str]:
    folder = Path(env["XDG_CONFIG_HOME"]) / "gloss"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(f'[reader]\nimages = "{images}"\n', encoding="utf-8")
    return {**env, "GLOSS_CONFIG": str(folder / "config.toml")}


def _pair(source: str, title: str, work: Path, repeat: int) -> tuple[float, float]:
    gloss = gloss_command()
    painted = _reader_painted(title)
    _first_paint([source], painted, command=gloss, env=_env(work / "warm", work / "nb-warm"))
    on, off = [], []
    for n in range(repeat):
        for images, into in (("off", off), ("auto", on)):
            env = _config(_env(work / f"{images}{n}", work / f"nb-{images}{n}"), images)
            into.append(_first_paint([source], painted, command=gloss, env=env))
    return _median_ms(on), _median_ms(off)


def run(report: Report, quick: bool = False) -> None:
    """First paint with images on, beside images off."""
    repeat = 3 if quick else 7
    with tempfile.TemporaryDirectory() as tmp, HTTPTestServer() as server:
        work = Path(tmp)
        server.page("/figure.png", png(64, 32), content_type="image/png")
        url = server.page("/post", PAGE)
        on, off = _pair(url, TITLE, work / "web", repeat)
        report.add("figures", "first paint of a web page with a figure, images on", on, "ms",
                   baseline='same with images = "off"', baseline_value=off)
        on, off = _pair(str(SEED), SEED_TITLE, work / "seed", repeat)
        report.add("figures", "first paint of the seed sample (a file), images on", on, "ms",
                   baseline='same with images = "off"', baseline_value=off)
