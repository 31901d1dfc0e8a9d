"""Hostile text cannot break an export: escaping tables, then properties over random text.

Quotes and titles may hold Markdown, HTML, Obsidian syntax, YAML specials, ``---``, newlines
or Gloss's own markers. Checked with a real CommonMark parser (markdown-it-py, which Textual
already brings) and a real YAML parser (PyYAML).
"""

from __future__ import annotations

from dataclasses import replace

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from tests.core.test_export_seed import seed
from tui.core.export.escape import (
    blockquote,
    defuse_markers,
    escape_inline,
    escape_lines,
    hashtag,
)
from tui.core.export.exporter import export_text
from tui.core.export.frontmatter import dump_yaml
from tui.core.export.markdown import MarkdownExporter
from tui.core.export.merge import merge_document, regions_in
from tui.core.export.template import load_template
from tui.core.model.highlight import Highlight, Target, TextPosition, TextQuote

MD = MarkdownIt("commonmark")
HOSTILE = [
    "---", "...", "- item", "+ item", "* item", "1. one", "2) two", "# heading", "> quote",
    "```", "~~~", "    code", "\tcode", "<div>", "<!--", "-->", "<!-- gloss:end id=x -->",
    "<!-- gloss:begin id=x hash=0 -->", "[link](http://x)", "![img](x)", "[[wiki]]", "#tag",
    "%%comment%%", "$x^2$", "==mark==", "^block-id", "*em*", "_em_", "**b**", "`code`",
    "&amp;", "&#65;", "a | b", "~~strike~~", "\\", "key: value", "'", '"', "{a: b}", "[a, b]",
    "!important", "? x", "@at", "null", "yes", "1e3", "0x1F", "2016-08-13", "=====", "___",
    "***", "<script>alert(1)</script>", "[^1]", "[!note]", "\u00a0", "é", "🙂", "\u200b",
]
_PLAIN = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))
_TEXT_PART = st.one_of(st.sampled_from([*HOSTILE, "\n", "\n\n", " "]), st.text(_PLAIN, max_size=8))
hostile_text = st.lists(_TEXT_PART, min_size=1, max_size=12).map("".join)
# Front matter must survive even controls and odd line breaks (only surrogates cannot be
# written as UTF-8 at all).
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40) | hostile_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain words, a comma", "plain words, a comma"),
        ("#MeToo and [[wiki]]", "\\#MeToo and \\[\\[wiki\\]\\]"),
        ("50% off, %%hidden%%", "50% off, \\%\\%hidden\\%\\%"),
        ("costs $5/$10", "costs \\$5/\\$10"),
        ("==mark== ^id", "\\=\\=mark\\=\\= \\^id"),
        ("Q&A &amp; &#65;", "Q&A \\&amp; &\\#65;"),
        ("- not a list", "\\- not a list"),
        ("2016. A year", "2016\\. A year"),
        ("snake_case *x*", "snake\\_case \\*x\\*"),
        ("<!-- gloss:end -->", "\\<!-- gloss:end --\\>"),
        ("a\n  b\n\n# c", "a b \\# c"),
    ],
)
def test_escape_inline(text: str, expected: str) -> None:
    assert escape_inline(text) == expected


def test_blockquote_prefixes_every_line_and_keeps_indentation_visible() -> None:
    assert blockquote("a\n\n  b\n---") == "> a\n>\n> \u00a0\u00a0b\n> \\---"


def test_defuse_markers_only_touches_marker_lines() -> None:
    text = "keep <!-- gloss:end --> inline\n<!-- gloss:end id=x -->\n<!-- other -->"
    assert defuse_markers(text) == (
        "keep <!-- gloss:end --> inline\n\\<!-- gloss:end id=x -->\n<!-- other -->"
    )


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("defenders", "#defenders"), ("c++", "#c-plus-plus"), ("2016", "#_2016"),
     ("sci-fi/noir", "#sci-fi/noir"), ("!!", ""), ("été", "#été")],
)
def test_hashtag(tag: str, expected: str) -> None:
    assert hashtag(tag) == expected


# -- properties --------------------------------------------------------------------------------


def _inline_text(tokens: list[Token]) -> str:
    """The text a run of inline tokens shows; fails on any markup that page text produced."""
    out = []
    for token in tokens:
        assert token.type in ("text", "softbreak"), f"markup from page text: {token.type}"
        out.append(token.content if token.type == "text" else "\n")
    return "".join(out)


def _paragraphs(text: str) -> list[list[str]]:
    """Paragraphs of lines, whitespace folded: what a Markdown reader can be asked to keep."""
    paragraphs: list[list[str]] = [[]]
    for line in text.replace("\r", "\n").split("\n"):
        words = " ".join(line.split())
        if words:
            paragraphs[-1].append(words)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def _quote_in(body: str, citation: bool = False) -> list[list[str]]:
    """The paragraphs inside the block quote a highlight's body starts with.

    With ``citation`` the last paragraph is a citation, whose italics are meant; its text is
    taken as written.
    """
    tokens = MD.parse(body)
    assert tokens[0].type == "blockquote_open"
    depth, paragraphs, inlines = 0, [], []
    for token in tokens:
        depth += token.nesting if token.type.startswith("blockquote") else 0
        if token.type == "inline" and depth:
            inlines.append(token)
        if depth == 0:
            break
    for n, token in enumerate(inlines):
        if citation and n == len(inlines) - 1:
            paragraphs.append([token.content])
        else:
            paragraphs.append(_inline_text(token.children or []).split("\n"))
    return [[" ".join(line.split()) for line in p if line.strip()] for p in paragraphs]


def _hostile_records(quote: str, title: str, note: str) -> tuple[object, Highlight]:
    s = seed()
    record = replace(s.record, title=title, byline=title, site_name=title)
    target = Target(TextQuote(quote), TextPosition(0, max(1, len(quote))), "")
    highlight = Highlight(article_id=record.id, target=target, tags=("x",), note=note,
                          id="11111111-2222-4333-8444-555555555555", created="2026-01-01T00:00:00Z")
    return record, highlight


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(quote=hostile_text.filter(lambda q: q.strip()), title=hostile_text, note=hostile_text)
@pytest.mark.slow
def test_quote_stays_in_its_block_quote(quote: str, title: str, note: str) -> None:
    record, highlight = _hostile_records(quote, title, note)
    text = export_text([record], [highlight])
    regions = dict(regions_in(text))
    # Markers cannot be forged: exactly Gloss's regions, whatever the texts hold.
    assert list(regions) == [f"article={record.id}", f"id={highlight.id}"]
    body = regions[f"id={highlight.id}"]
    quoted = body.split("\n\n^hl-")[0]
    assert all(line.startswith(">") for line in quoted.split("\n"))
    assert _quote_in(body) == _paragraphs(quote)
    # The title is one heading showing exactly the title's words.
    tokens = MD.parse(regions[f"article={record.id}"])
    assert tokens[0].type == "heading_open" and tokens[0].tag == "h1"
    shown = _inline_text(tokens[1].children or [])
    assert " ".join(shown.split()) == " ".join(title.split())
    # Exporting into the file again changes nothing.
    assert merge_document(text, MarkdownExporter(load_template()).one_file(
        [record], [highlight]))[0] == text


@settings(max_examples=60, deadline=None)
@given(quote=hostile_text.filter(lambda q: q.strip()), title=hostile_text)
def test_quote_board_keeps_quote_and_citation_in_one_block_quote(quote: str, title: str) -> None:
    from tui.core.export.exporter import ExportOptions

    record, highlight = _hostile_records(quote, title, "")
    text = export_text([record], [highlight], ExportOptions(layout="tag"))
    body = dict(regions_in(text))[f"tag=x id={highlight.id}"]
    paragraphs = _quote_in(body, citation=True)
    assert paragraphs[:-1] == _paragraphs(quote)
    assert paragraphs[-1][0].startswith("— ")


@settings(max_examples=200, deadline=None)
@given(title=any_text, author=any_text, site=any_text, tag=any_text)
@pytest.mark.slow
def test_front_matter_reads_back_the_same_values(
    title: str, author: str, site: str, tag: str
) -> None:
    data = {"title": title, "author": author, "site": site, "tags": [tag, "x"]}
    dumped = dump_yaml(data)
    assert yaml.safe_load(dumped) == data
    # One line per scalar: nothing a value holds can become a line of its own ("---" above all).
    assert len(dumped.splitlines()) == 6


@settings(max_examples=100, deadline=None)
@given(title=any_text)
def test_whole_export_front_matter_round_trips(title: str) -> None:
    record, highlight = _hostile_records("a quote", title, "")
    text = export_text([record], [highlight])
    end = text.index("\n---\n")
    assert yaml.safe_load(text[4:end]).get("title", "") == title  # an empty title is left out
    assert len(regions_in(text)) == 2


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(
    [*list("ab -+1٣²*#_<&%\\"), " ", "\t", "\n", "\r", "\u2028", "\x85", "\xa0", "\u3000", "é"]
), max_size=12))
def test_blockquotes_fast_path_is_the_general_one(text: str) -> None:
    # A plain one-line quote skips the line splitting: the result must be the same.
    lines = escape_lines(text.strip("\n"))
    assert blockquote(text) == "\n".join(f"> {line}" if line else ">" for line in lines)
