"""Whole exports through the shipped templates' fast path (``MarkdownExporter`` printing a
highlight from its pieces, no view) equal the same exports through Jinja2, byte for byte:
a generated notebook with its saved texts, bent into every shape a highlight can take
(changed and gone passages, re-anchored quotes, the page's italics, book locations, notes
and tags that need escaping, ids that are not UUIDs, an article without a web address)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.support.notebookgen import generate
from tui.core.export.markdown import MarkdownExporter
from tui.core.export.merge import Document, render_document
from tui.core.export.template import SUFFIX, TEMPLATES_DIR, MarkdownTemplate
from tui.core.model import Article, Highlight, SavedArticle
from tui.core.model.article import Span, SpanKind
from tui.core.model.highlight import AnchorStatus, Placement
from tui.core.notebook import Notebook

NOTES = ["", "<!-- gloss:begin id=x -->\n- a list", "  \n\n", "*mine*  \ttrailing  ", "1. two"]
LOCATIONS = [None, "page 6, *location* 84-86", "  ", "#12 [x]"]
TAGS = [(), ("c++", "2016"), ("read later",), ("a", "b", "c")]


def _with_emphasis(body: Article) -> Article:
    """``body`` with italics and bold laid over every few words (the text is unchanged)."""
    blocks = []
    for n, block in enumerate(body.blocks):
        spans = tuple(
            Span(SpanKind.EMPHASIS if i % 2 else SpanKind.STRONG, i, min(i + 9, len(block.text)))
            for i in range(n % 5, max(0, len(block.text) - 9), 23)
        )
        blocks.append(dataclasses.replace(block, spans=spans))
    return dataclasses.replace(body, blocks=tuple(blocks))


def _bent(
    highlights: list[Highlight], records: dict[str, SavedArticle], bodies: dict[str, Article]
) -> list[Highlight]:
    out = []
    for i, h in enumerate(highlights):
        body = bodies[h.article_id]
        here = records[h.article_id].text_hash
        old = dataclasses.replace(h.target, text_hash="an older text")
        pos = h.target.position
        change: dict[str, object] = {
            "note": NOTES[i % len(NOTES)], "tags": TAGS[i % len(TAGS)],
            "location": LOCATIONS[i % len(LOCATIONS)],
        }
        kind = i % 9
        if kind == 1:  # the page's words changed there
            current = "now *other* words <!-- gloss:end id=y --> " + body.text[pos.start : pos.end]
            change.update(target=old, placement=Placement(
                pos.start, pos.end, here, AnchorStatus.FUZZY, current, 0.8))
        elif kind == 2:  # gone from the page
            change.update(target=old, placement=Placement(-1, -1, here, AnchorStatus.ORPHAN))
        elif kind == 3:  # taken from another text: re-anchored in the saved one on export
            change.update(target=old)
        elif kind == 4:  # a quote of markup over two paragraphs, from another text
            change.update(target=dataclasses.replace(
                old, quote=dataclasses.replace(old.quote, exact="# Title *x*\n\n- 1. [[y]] %% z")))
        elif kind == 5:
            change.update(id=f"https://example.com/annotations/{i}")
        out.append(dataclasses.replace(h, **change))  # type: ignore[arg-type]
    # A highlight whose article is not in the list: exported under a stand-in.
    out.append(dataclasses.replace(highlights[0], id="lost-1", article_id="f" * 16))
    return out


@pytest.fixture(scope="module")
def notebook(tmp_path_factory: pytest.TempPathFactory) -> tuple[
    list[SavedArticle], list[Highlight], dict[str, Article]
]:
    root: Path = tmp_path_factory.mktemp("nb")
    generate(root, 600, 12)
    nb = Notebook.open(root)
    records = {a.id: a for a in nb.articles()}
    bodies = {a: nb.load_article(a) for a in records}
    bodies = {a: _with_emphasis(b) if n % 2 else b for n, (a, b) in enumerate(bodies.items())}
    highlights = _bent(nb.highlights(), records, bodies)
    articles = list(records.values())
    # One article with no web address (no passage links), one without its saved text.
    articles[0] = dataclasses.replace(articles[0], url="", canonical_url=None)
    del bodies[articles[1].id]
    return articles, highlights, bodies


def _exporters(name: str, **kwargs: object) -> tuple[MarkdownExporter, MarkdownExporter]:
    source = (TEMPLATES_DIR / (name + SUFFIX)).read_text(encoding="utf-8")
    fast = MarkdownExporter(MarkdownTemplate(source, name), **kwargs)  # type: ignore[arg-type]
    slow = MarkdownExporter(
        MarkdownTemplate(source, name, precompile=False), **kwargs  # type: ignore[arg-type]
    )
    assert fast.template.shipped == name and slow.template.shipped is None
    return fast, slow


def _same(fast: list[Document], slow: list[Document]) -> None:
    assert len(fast) == len(slow)
    for one, other in zip(fast, slow, strict=True):
        assert one == other
        assert render_document(one) == render_document(other)


@pytest.mark.parametrize("name", ["article", "tags"])
@pytest.mark.parametrize("tags", [None, frozenset({"c++", "ux", "read-later"})])
def test_fast_path_exports_what_jinja_exports(
    notebook: tuple[list[SavedArticle], list[Highlight], dict[str, Article]],
    name: str,
    tags: frozenset[str] | None,
) -> None:
    articles, highlights, bodies = notebook
    fast, slow = _exporters(name, bodies=bodies, tags=tags, style="apa")
    _same([fast.one_file(articles, highlights)], [slow.one_file(articles, highlights)])
    few = [h for h in highlights if h.article_id == articles[3].id]
    _same([fast.one_file(articles, few)], [slow.one_file(articles, few)])
    if name == "article":
        _same(fast.by_article(articles, highlights), slow.by_article(articles, highlights))
    else:
        _same(fast.by_tag(articles, highlights), slow.by_tag(articles, highlights))


def test_the_bent_notebook_has_every_shape(
    notebook: tuple[list[SavedArticle], list[Highlight], dict[str, Article]],
) -> None:
    # Guards the test above: each shape it means to cover is in the export.
    articles, highlights, bodies = notebook
    fast, _ = _exporters("article", bodies=bodies)
    text = render_document(fast.one_file(articles, highlights))
    for piece in ("**Changed at the source**", "**Gone from the source**", "> — page 6",
                  "#c-plus-plus", "*", "**", "Unknown article", "\\<!-- gloss:begin",
                  "[Open passage](https://example.com/articles/"):
        assert piece in text, piece
