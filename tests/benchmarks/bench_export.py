"""Export time for 50,000 highlights, to one Markdown file and to a folder, beside a baseline.

The baseline, measured in the same run, writes the same quotes as plain text lines (one file,
or one file per article) with no templating, escaping, links or markers: the cost of the I/O
alone. Re-exports into what the first export wrote (the merge path) are measured too.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from tests.benchmarks.report import Report, median_ms
from tests.support import paths
from tui.core.export.exporter import ExportOptions, export_file, export_folder, export_text
from tui.core.export.fragment import plain_directive
from tui.core.export.markdown import MarkdownExporter, _group
from tui.core.export.merge import Document, render_document
from tui.core.export.template import TEMPLATES_DIR, MarkdownTemplate, load_template
from tui.core.model.highlight import Highlight, Target
from tui.core.model.records import SavedArticle

SEED = paths.GOLDEN / "seed-jessica-jones-season-2.txt"
PER_ARTICLE = 100
TAGS = ("collaboration", "defenders", "character", "schedule", "netflix", "marvel", "craft")


def corpus(total: int) -> tuple[list[SavedArticle], list[Highlight]]:
    """``total`` highlights over ``total / 100`` articles, quotes cut from the seed text."""
    text = SEED.read_text(encoding="utf-8").strip()
    sentences = [m.span() for m in re.finditer(r"[^.?!]+[.?!]", text)]
    articles, highlights = [], []
    spans = itertools.cycle(sentences)
    for a in range(max(1, total // PER_ARTICLE)):
        url = f"https://example.com/2016/08/article-{a}"
        article = SavedArticle(
            id=f"{a:016x}", title=f"Article {a}: how the Defenders affects season {a % 7}",
            url=url, canonical_url=url, byline="Nick Venable", site_name="CinemaBlend",
            published="2016-08-13T14:30:00-07:00", saved="2026-11-20T09:15:00Z",
        )
        articles.append(article)
        for n in range(PER_ARTICLE):
            start, end = next(spans)
            while text[start] == " ":
                start += 1
            highlights.append(Highlight(
                article_id=article.id,
                target=Target.of(text, start, end, "hash"),
                tags=TAGS[n % 3 : n % 3 + n % 4],
                note="A note on this quote, with *emphasis*." if n % 5 == 0 else "",
                id=f"{a:08x}-{n:04x}-4000-8000-000000000000",
                created="2026-11-20T09:20:00Z",
            ))
    return articles, highlights


def _plain_file(path: Path, highlights: list[Highlight]) -> None:
    path.write_text("\n".join(h.quote for h in highlights) + "\n", encoding="utf-8")


def _plain_folder(folder: Path, highlights: list[Highlight]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for article_id, group in itertools.groupby(highlights, key=lambda h: h.article_id):
        (folder / f"{article_id}.txt").write_text(
            "\n".join(h.quote for h in group) + "\n", encoding="utf-8"
        )


def run(report: Report, quick: bool = False) -> None:
    """Rows for one file and a folder (fresh and again), by tag, JSON, and the render alone."""
    total = 5_000 if quick else 50_000
    repeat = 1 if quick else 3
    articles, highlights = corpus(total)
    label = f"{len(highlights):,} highlights"
    work = Path(tempfile.mkdtemp(prefix="gloss-bench-export-"))
    counter = itertools.count()

    def fresh(name: str) -> Path:
        return work / f"{name}-{next(counter)}"

    try:
        base_file = median_ms(lambda: _plain_file(fresh("plain.txt"), highlights), repeat)
        base_folder = median_ms(lambda: _plain_folder(fresh("plain"), highlights), repeat)

        ours = median_ms(lambda: export_file(fresh("one.md"), articles, highlights), repeat)
        report.add("export", f"{label} → one Markdown file", ours, "ms",
                   baseline="plain text lines, one file", baseline_value=base_file,
                   target="≤ 10× the plain write (issue 14)")
        ours = median_ms(lambda: export_folder(fresh("folder"), articles, highlights), repeat)
        report.add("export", f"{label} → folder ({len(articles)} files)", ours, "ms",
                   baseline="plain text, one file per article", baseline_value=base_folder,
                   target="≤ 2,000 ms")

        # Exporting again into what was written: read, parse, merge, compare (no write).
        same_file = fresh("again.md")
        export_file(same_file, articles, highlights)
        ours = median_ms(lambda: export_file(same_file, articles, highlights), repeat, warmup=0)
        report.add("export", f"{label} → same file again (merge)", ours, "ms",
                   baseline="plain text lines, one file", baseline_value=base_file,
                   target="≤ 15× the plain write (issue 14)")
        same_folder = fresh("again")
        export_folder(same_folder, articles, highlights)
        ours = median_ms(lambda: export_folder(same_folder, articles, highlights), repeat,
                         warmup=0)
        report.add("export", f"{label} → same folder again (merge)", ours, "ms",
                   baseline="plain text, one file per article", baseline_value=base_folder,
                   target="≤ 2,000 ms")

        by_tag = ExportOptions(layout="tag")
        ours = median_ms(lambda: export_file(fresh("board.md"), articles, highlights, by_tag),
                         repeat)
        report.add("export", f"{label} → quote board (by tag)", ours, "ms",
                   baseline="plain text lines, one file", baseline_value=base_file)
        as_json = ExportOptions(format="json")
        ours = median_ms(lambda: export_file(fresh("notes.json"), articles, highlights, as_json),
                         repeat)
        report.add("export", f"{label} → Web Annotation JSON", ours, "ms",
                   baseline="plain text lines, one file", baseline_value=base_file)

        # Where the time goes: building the documents (views, citations, links, templates)
        # without the markers, hashing and writing.
        exporter = MarkdownExporter(load_template())
        ours = median_ms(lambda: exporter.one_file(articles, highlights), repeat)
        report.add("export", f"{label}: template rendering only", ours, "ms",
                   baseline="plain text lines, one file", baseline_value=base_file)
        # The same through Jinja2, as a user's template (or an edited shipped one) renders.
        source = (TEMPLATES_DIR / "article.md.j2").read_text(encoding="utf-8")
        jinja = MarkdownExporter(MarkdownTemplate(source, "article", precompile=False))
        ours = median_ms(lambda: jinja.one_file(articles, highlights), repeat)
        report.add("export", f"{label}: template rendering only, through Jinja2", ours, "ms",
                   baseline="plain text lines, one file", baseline_value=base_file)
        ours = median_ms(lambda: export_text(articles, highlights), repeat)
        report.add("export", f"{label} → stdout text (no file)", ours, "ms",
                   baseline="plain text lines, one file", baseline_value=base_file)
        _floors(report, label, articles, highlights, work, repeat, base_file)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _floors(report: Report, label: str, articles: list[SavedArticle],
            highlights: list[Highlight], work: Path, repeat: int, base_file: float) -> None:
    """Where the floor of the one-file rows is: the same file's bytes (checked equal to the
    export's) from two short Python loops that skip what an export must do in general.

    ``ready bodies``: every region's text given; only hashing each body (the file format asks
    for its SHA-256), the marker lines and the write. ``bare loop``: the highlights' bodies
    put together as this corpus needs them (no quote here needs escaping, every id is a
    lower-case UUID, nothing is asked of a placement), with the article blocks, grouping and
    sorting given: what the fastest exporter that knows its input in advance would cost.
    """
    exporter = MarkdownExporter(load_template())
    document = exporter.one_file(articles, highlights)
    expected = render_document(document)
    head = render_document(Document("", document.front_matter, ()))
    bodies = [(region.key, region.body) for region in document.regions]
    counter = itertools.count()

    def ready(path: Path) -> None:
        sha256 = hashlib.sha256
        with path.open("w", encoding="utf-8") as handle:
            handle.write(head)
            for at in range(0, len(bodies), 256):
                handle.write("".join([
                    f"\n<!-- gloss:begin {key} hash={sha256(body.encode()).hexdigest()[:12]} -->"
                    f"\n{body}\n<!-- gloss:end {key} -->\n"
                    for key, body in bodies[at : at + 256]
                ]))

    groups = _group(articles, highlights)
    by_key = {region.key: region.body for region in document.regions}
    header = document.regions[0]
    # Each article's block (and key) as the export wrote it, with its highlights in order.
    articles_given = [(f"article={a.id}", by_key[f"article={a.id}"], hls) for a, hls in groups]
    hashtags = {h.tags: " ".join(f"#{t}" for t in h.tags) for h in highlights}
    opening = {a.id: f"[Open passage]({a.canonical_url}#:~:" for a in articles}

    def bare(path: Path) -> None:
        sha256 = hashlib.sha256
        parts = [head]
        append = parts.append
        for key, body, hls in [(header.key, header.body, []), *articles_given]:
            digest = sha256(body.encode()).hexdigest()[:12]
            append(f"\n<!-- gloss:begin {key} hash={digest} -->\n{body}\n"
                   f"<!-- gloss:end {key} -->\n")
            link = opening[hls[0].article_id] if hls else ""
            for h in hls:
                exact = h.target.quote.exact
                hid = h.id
                quoted = ("> " + exact.strip("\n").replace("\n", "\n> ")).replace("> \n", ">\n")
                note = f"\n\n{h.note}" if h.note else ""
                tags = f"{hashtags[h.tags]} · " if h.tags else ""
                text = (f"{quoted}\n\n^hl-{hid[:8]}{hid[9:13]}{note}\n\n{tags}{link}"
                        f"{plain_directive(exact)})")
                digest = sha256(text.encode()).hexdigest()[:12]
                append(f"\n<!-- gloss:begin id={hid} hash={digest} -->\n{text}\n"
                       f"<!-- gloss:end id={hid} -->\n")
        with path.open("w", encoding="utf-8") as handle:
            handle.write("".join(parts))

    for name, write in (("ready bodies: hashes, markers, write", ready),
                        ("bare loop from the records, no checks", bare)):
        check = work / f"floor-check-{next(counter)}.md"
        write(check)
        if check.read_text(encoding="utf-8") != expected:
            raise AssertionError(f"the floor '{name}' does not write the export's bytes")
        ours = median_ms(functools.partial(_into_new, write, work, counter), repeat)
        report.add("export", f"{label} → one Markdown file, floor: {name}", ours, "ms",
                   baseline="plain text lines, one file", baseline_value=base_file)


def _into_new(write: Callable[[Path], None], work: Path, counter: Iterator[int]) -> None:
    write(work / f"floor-{next(counter)}.md")
