"""The shipped templates' Python twins (tui/core/export/shipped.py) print exactly what Jinja2
prints from the same templates, for every shape of view; a template that differs by a byte
goes through Jinja2."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.export.escape import Markdown
from tui.core.export.markdown import ArticleView, HighlightView, QuoteText, TagView
from tui.core.export.template import (
    DEFAULT_TEMPLATES,
    SUFFIX,
    TEMPLATES_DIR,
    MarkdownTemplate,
    load_template,
)

# Text that exercises the escaping and the stripping: markup, markers, blank lines, spaces.
PIECES = ["", " ", "\n", "\n\n", "a", "Word", "*", "#tag", "<!-- gloss:end id=x -->", "- ",
          "1.", "%%", "“quoted”", "\t", "é", "[[x]]"]
texts = st.lists(st.sampled_from(PIECES), max_size=6).map("".join)
markdown = texts.map(Markdown)


@st.composite
def quotes(draw: st.DrawFn) -> QuoteText:
    quote = QuoteText(draw(texts))
    if quote and draw(st.booleans()):
        start = draw(st.integers(0, len(quote) - 1))
        end = draw(st.integers(start + 1, len(quote)))
        quote.emphasis = ((draw(st.sampled_from(["emphasis", "strong"])), start, end),)
    return quote


@st.composite
def highlight_views(draw: st.DrawFn) -> HighlightView:
    orphan = draw(st.booleans())
    return HighlightView(
        id="h1", block_id=draw(st.sampled_from(["hl-0123456789ab", "hl-0123456789ab-abcdef"])),
        quote=draw(quotes()), note=draw(markdown),
        tags=tuple(draw(st.lists(st.sampled_from(["a", "c++", "2016"]), max_size=2))),
        hashtags=draw(markdown), color="yellow", created=None, updated=None,
        link=draw(st.none() | markdown), start=0, end=1, prefix="", suffix="",
        status="ok", anchoring=None, changed=not orphan and draw(st.booleans()),
        orphan=orphan, current_quote=draw(st.none() | texts),
        location=draw(st.none() | texts),
    )


def article_view(title: str, citation: str) -> ArticleView:
    return ArticleView(
        id="a" * 16, title=title, author=None, site=None, url=None, published=None, saved=None,
        tags=(), hashtags=Markdown(""), highlight_count=1, citation=Markdown(citation),
        _cite=lambda style: Markdown(citation),
    )


def both(name: str) -> tuple[MarkdownTemplate, MarkdownTemplate]:
    source = (TEMPLATES_DIR / (name + SUFFIX)).read_text(encoding="utf-8")
    fast = MarkdownTemplate(source, name)
    slow = MarkdownTemplate(source, name, precompile=False)
    assert fast.precompiled is not None and slow.precompiled is None
    return fast, slow


@pytest.mark.parametrize("name", sorted(DEFAULT_TEMPLATES.values()))
def test_every_shipped_template_has_its_python_twin(name: str) -> None:
    # Fails when a shipped template is edited and shipped.py not brought along.
    assert load_template(name).precompiled is not None


@pytest.mark.parametrize("name", sorted(DEFAULT_TEMPLATES.values()))
@settings(max_examples=200, deadline=None)
@given(highlight=highlight_views(), title=texts, citation=texts, tag=texts)
def test_the_twin_prints_what_jinja_prints(
    name: str, highlight: HighlightView, title: str, citation: str, tag: str
) -> None:
    fast, slow = both(name)
    article = article_view(title, citation)
    section = TagView(name=tag, hashtag=Markdown(""), untagged=False, highlight_count=1,
                      article_count=1)
    contexts = {
        fast.layout: {"article": article, "tag": section if fast.layout == "tag" else None},
        "highlight": {"highlight": highlight, "article": article, "tag": None},
    }
    for block, context in contexts.items():
        expected = slow.renderer().render(block, dict(context))
        assert fast.renderer().render(block, dict(context)) == expected, block


def test_a_template_differing_by_a_byte_goes_through_jinja(tmp_path: Path) -> None:
    source = (TEMPLATES_DIR / "article.md.j2").read_text(encoding="utf-8")
    copy = tmp_path / "mine.md.j2"
    copy.write_text(source.replace("[Open passage]", "[Open the passage]"), encoding="utf-8")
    assert load_template(copy).precompiled is None
    exact = tmp_path / "same.md.j2"
    exact.write_text(source, encoding="utf-8")
    assert load_template(exact).precompiled is not None  # a faithful copy is the same template
