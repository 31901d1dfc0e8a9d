"""The shipped template ``article``'s inline path (``MarkdownExporter``'s highlights put
together per article, without the saved texts) gives what the general path gives, region by
region and whole export by whole export (through Jinja2 too), for generated highlights of
every shape: quotes that need escaping or span paragraphs, notes, tags, book locations,
placements, ids that are not canonical UUIDs, URLs with and without a fragment."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

from tui.core.export.exporter import Scope, export_file, export_text
from tui.core.export.fragment import plain_directive, text_directive
from tui.core.export.markdown import MarkdownExporter
from tui.core.export.merge import (
    Document,
    MergeReport,
    Region,
    id_key,
    merge_document,
    parse_file,
    regions_in,
    render_document,
    unchanged_as_written,
    unchanged_in,
)
from tui.core.export.template import SUFFIX, TEMPLATES_DIR, MarkdownTemplate
from tui.core.model import Highlight, SavedArticle
from tui.core.model.highlight import AnchorStatus, Placement, Target, TextPosition, TextQuote

WORDS = ["the", "Defenders", "season", "it's", "50%", "Q&A,", "well-crafted", "café", "#1",
         "*x*", "[[y]]", "<b>", "%%", "==m==", "$5", "^id", "a_b", "`c`", "|", "~", "&amp;",
         "1.", "-", "+", "<!--", "gloss:begin", "-->", "\u2028", "naïve", "日本", "x:~:text=y"]
SPACES = [" ", " ", " ", " ", "  ", "\t", "\n", "\n\n", " \n", "\u00a0"]
URLS = [None, "", "https://example.com/a", "https://example.com/a#top",
        "https://example.com/a#:~:text=old", "http://e.com/x y(z)", "ftp://e.com/f",
        "https://e.com/a#frag:~:text=old,er"]
NOTES = ["", "", "A note with *emphasis*.", "  \n\n", "<!-- gloss:end id=x -->\n- item  ",
         "two\r\nlines\t "]
TAGS = [(), (), ("c++", "2016"), ("read later",), ("a", "b"), ("#",), ("!",), ("!", "?")]
LOCATIONS = [None, None, "", "page 6, *location* 84-86", "  ", "#12 [x]"]


def _quote(rng: random.Random) -> str:
    n = rng.choice([0, 1, 3, 8, 9, 12, 30])
    parts = []
    for _ in range(n):
        parts += [rng.choice(WORDS), rng.choice(SPACES)]
    text = "".join(parts)
    return rng.choice(["", " ", "\n", "-", "1"]) + text if rng.random() < 0.2 else text


def _id(rng: random.Random, n: str) -> str:
    uuid = f"{rng.getrandbits(128):032x}"
    canonical = f"{uuid[:8]}-{uuid[8:12]}-{uuid[12:16]}-{uuid[16:20]}-{uuid[20:]}"
    return rng.choice([
        canonical, canonical, canonical, canonical.upper(), uuid, canonical + "\n",
        f"https://example.com/annotations/{n}", canonical.replace("-", "", 1), f"id {n}",
    ])


def _highlights(rng: random.Random, article: SavedArticle, count: int) -> list[Highlight]:
    out = []
    for n in range(count):
        start = rng.randrange(0, 5000)
        exact = _quote(rng)
        hashes = ["", "saved", "other"]
        target = Target(TextQuote(exact, _quote(rng)[:32], ""),
                        TextPosition(start, start + len(exact)), rng.choice(hashes))
        placement = None
        if rng.random() < 0.4:
            status = rng.choice(list(AnchorStatus))
            placement = Placement(start, start + 3, rng.choice(hashes), status,
                                  rng.choice(["", "now other words"]))
        out.append(Highlight(
            article_id=article.id, target=target, tags=rng.choice(TAGS),
            note=rng.choice(NOTES), id=_id(rng, f"{article.id[-2:]}-{n}"),
            created="2026-11-20T09:20:00Z",
            placement=placement, location=rng.choice(LOCATIONS),
        ))
    return out


def _articles(rng: random.Random) -> list[SavedArticle]:
    return [
        SavedArticle(id=f"{a:016x}", title=f"Article {a}", url=rng.choice(URLS),
                     canonical_url=rng.choice([None, None, *URLS]), saved=f"2026-11-{a + 10}",
                     text_hash=rng.choice(["", "saved"]))
        for a in range(12)
    ]


def _exporter(precompile: bool = True) -> MarkdownExporter:
    source = (TEMPLATES_DIR / ("article" + SUFFIX)).read_text(encoding="utf-8")
    return MarkdownExporter(MarkdownTemplate(source, "article", precompile=precompile))


@pytest.mark.parametrize("seed", range(8))
def test_inline_highlights_equal_the_general_path(seed: int) -> None:
    rng = random.Random(seed)
    exporter = _exporter()
    assert exporter.template.shipped == "article"
    for article in _articles(rng):
        highlights = _highlights(rng, article, 150)
        inline = exporter._shipped_article_highlights(article, highlights)
        general = [Region(id_key(h.id), exporter._shipped_highlight(h, article))
                   for h in highlights]
        assert inline == general


@pytest.mark.parametrize("seed", range(3))
def test_whole_export_equals_the_export_through_jinja(seed: int) -> None:
    rng = random.Random(100 + seed)
    articles = _articles(rng)
    highlights = [h for a in articles for h in _highlights(rng, a, 60)]
    fast, slow = _exporter(), _exporter(precompile=False)
    assert slow.template.shipped is None
    one, other = fast.one_file(articles, highlights), slow.one_file(articles, highlights)
    assert one == other
    assert render_document(one) == render_document(other)
    assert fast.by_article(articles, highlights) == slow.by_article(articles, highlights)


@pytest.mark.parametrize("seed", range(4))
def test_plain_directive_is_text_directive_without_the_page(seed: int) -> None:
    rng = random.Random(200 + seed)
    for _ in range(2000):
        exact = _quote(rng)
        assert plain_directive(exact) == text_directive(exact, _quote(rng)), repr(exact)


def _edits(text: str) -> list[str]:
    first = text.index("<!-- gloss:end ")
    return [
        text + "\n", text.rstrip("\n"), text.replace("---\n", "---\naliases: [mine]\n", 1),
        text.replace(" hash=", " hash=0", 1), text[:first] + "my edit\n" + text[first:],
        text.replace("\n\n<!-- gloss:begin", "\n\nmine\n\n<!-- gloss:begin", 1),
        text + "<!-- gloss:begin id=x hash=0 -->\n<!-- gloss:end id=x -->\n",
        text.replace("\n---\n", "\n...\n", 1),
    ]


@pytest.mark.parametrize("seed", range(3))
def test_unchanged_as_written_only_when_the_merge_gives_the_file_back(seed: int) -> None:
    rng = random.Random(300 + seed)
    articles = _articles(rng)
    highlights = [h for a in articles for h in _highlights(rng, a, 40)]
    exporter = _exporter()
    documents = [exporter.one_file(articles, highlights),
                 *exporter.by_article(articles, highlights)]
    for document in documents:
        text = render_document(document)
        keys = [region.key for region in document.regions]
        # As written: proven without a parse, unless a key does not read back as itself
        # (an id ending with a line break is not percent-encoded: the merge parses).
        readable = all("\n" not in key for key in keys)
        assert unchanged_as_written(text, document) == readable
        for variant in [text, *_edits(text)]:
            parsed = parse_file(variant)
            merged, report = merge_document(parsed, document)
            same = merged == variant and report == MergeReport(unchanged=keys)
            assert unchanged_in(variant, parsed, document) == same
            if unchanged_as_written(variant, document):
                assert same
        other = Document(document.name, document.front_matter, document.regions[:-1],
                         document.identity)
        assert not unchanged_as_written(text, other)


def test_export_into_the_file_as_written_and_after_a_change(tmp_path: Path) -> None:
    rng = random.Random(400)
    articles = _articles(rng)
    # (An id ending with a line break makes a key that does not read back: left out.)
    highlights = [h for a in articles for h in _highlights(rng, a, 30) if "\n" not in h.id]
    path = tmp_path / "notes.md"
    assert export_file(path, articles, highlights).files[0].action == "created"
    written = path.read_text(encoding="utf-8")
    again = export_file(path, articles, highlights).files[0]
    assert again.action == "unchanged" and path.read_text(encoding="utf-8") == written
    assert again.regions.unchanged == [r.key for r in
                                       _exporter().one_file(articles, highlights).regions]
    changed = [dataclasses.replace(h, note="new note") if n == 7 else h
               for n, h in enumerate(highlights)]
    assert export_file(path, articles, changed).files[0].action == "updated"
    assert path.read_text(encoding="utf-8") == export_text(articles, changed)
    # One article into the collection: the document rendered for the check is not the one
    # exported (a collection), and the file keeps the other articles' regions.
    one = Scope.of_articles(articles[0].id)
    export_file(path, articles, changed, scope=one)
    kept = parse_file(path.read_text(encoding="utf-8"))
    assert [k for k, _ in regions_in(kept.text)] == [k for k, _ in regions_in(
        export_text(articles, changed))]


@pytest.mark.parametrize("count", range(13))
def test_plain_directive_at_every_word_count(count: int) -> None:
    # Around the edges plain_directive splits at: four words, eight, nine.
    for lead, space, trail in [("", " ", ""), (" ", "  ", "\t"), ("\n", " \n ", " ")]:
        exact = lead + space.join(f"w{n}-&" for n in range(count)) + trail
        assert plain_directive(exact) == text_directive(exact), repr(exact)
