"""The export's shortcuts for quotes that need no escaping give what the general paths give,
for generated nasty quotes: Markdown metacharacters at line starts ('>', '#', '-', '+',
digits and '.' or ')'), backslashes, ']]', '%', emoji, right-to-left text, every kind of line
break (CR, LF, CR LF, U+2028), blank lines, trailing spaces, Unicode digits and very long
words. Fixed seeds: a failure names its quote and is the same on every run."""

from __future__ import annotations

import random

import pytest

from tui.core.export.escape import _blockquote_lines, blockquote
from tui.core.export.fragment import (
    _ASCII,
    _WORDS,
    _encode_new,
    _encode_word,
    encode_term,
    plain_directive,
    text_directive,
)
from tui.core.export.markdown import MarkdownExporter, block_id, sort_highlights
from tui.core.export.merge import (
    Document,
    Region,
    Shape,
    document_pieces,
    id_key,
    normalize_body,
    parse_key,
    shape_of_keys,
    unchanged_as_written,
)
from tui.core.export.template import load_template
from tui.core.model import Highlight, SavedArticle
from tui.core.model.highlight import AnchorStatus, Placement, Target, TextPosition, TextQuote

PLAIN = ["the", "Defenders", "season", "Jessica", "well", "crafted", "café", "naïve", "日本語",
         "שלום", "مرحبا", "😀", "👩‍👩‍👧", "x" * 300, "Q", "it's", "a,", "end.", "(yes)", "?!", "²",
         "é", "İstanbul", "ǅ", "\u200f", "\u00ad"]
NASTY = [">", "#", "##", "-", "+", "*", "1.", "12)", "123456789.", "1234567890.", "٣.", "٣)",
         "\\", "\\\\", "]]", "[[x]]", "%", "%%", "50%", "&amp;", "&#1;", "Q&A", "_a_", "`c`",
         "<!--", "gloss:begin", "-->", "<!-- gloss:end id=x -->", "~~", "==m==", "$5$", "^id",
         "|", "-" * 300, "x:~:text=y", "a-b", "a_b", "a.b~c"]
SEPARATORS = [" ", " ", " ", " ", "  ", "\t", "\n", "\n\n", "\n\n\n", " \n", "\n ", "\r\n",
              "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\u00a0", "\u3000",
              " \t\n"]
EDGES = ["", "", "", " ", "\n", "\n\n", "\n\n\n", "\t", " \n", "\r\n", "-", "+", "1", "\u00a0",
         "\x1c", "\x0b"]


def _quote(rng: random.Random, nasty: float) -> str:
    """A quote of 0 to 40 words; ``nasty``: the share of words needing escaping."""
    n = rng.choice([0, 1, 2, 4, 8, 9, 12, 40])
    parts = [rng.choice(EDGES)]
    for i in range(n):
        if i:
            parts.append(rng.choice(SEPARATORS) if rng.random() < 0.3 else " ")
        parts.append(rng.choice(NASTY if rng.random() < nasty else PLAIN))
    parts.append(rng.choice(EDGES))
    return "".join(parts)


def _quotes(seed: int, count: int = 3000) -> list[str]:
    rng = random.Random(seed)
    # Mostly quotes with no word to escape (what the shortcuts take), some with a few.
    return [_quote(rng, rng.choice([0.0, 0.0, 0.05, 0.3])) for _ in range(count)]


@pytest.mark.parametrize("seed", range(4))
def test_blockquote_shortcuts_equal_the_line_by_line_path(seed: int) -> None:
    for quote in _quotes(500 + seed):
        assert blockquote(quote) == _blockquote_lines(quote), repr(quote)


def test_blockquote_of_paragraphs_that_need_no_escaping() -> None:
    # What the paragraph shortcut gives, spelt out: blank lines a bare '>'.
    assert blockquote("\n\nOne line.\nTwo.\n\n\nThree\n") == "> One line.\n> Two.\n>\n>\n> Three"
    # A line ending with a space, or starting with a digit, is the general path's.
    assert blockquote("a \nb") == _blockquote_lines("a \nb") == "> a\n> b"
    assert blockquote("a\n1. b") == "> a\n> 1\\. b"
    assert blockquote("a\n\n٣. b") == "> a\n>\n> ٣\\. b"


@pytest.mark.parametrize("seed", range(4))
def test_plain_directive_equals_text_directive_on_nasty_quotes(seed: int) -> None:
    for quote in _quotes(600 + seed):
        assert plain_directive(quote) == text_directive(quote), repr(quote)


def test_word_cache_gives_each_word_its_own_encoding() -> None:
    words = [w for w in PLAIN + NASTY if w.split() == [w]]
    _WORDS.clear()
    fresh = [_encode_new(w) for w in words]
    assert [_encode_word(w) for w in words] == fresh  # from the cache now
    assert _encode_word("a-b") == "a%2Db" and _encode_word("café-x") == "caf%C3%A9%2Dx"
    assert _encode_word("a_b~") == "a_b~".translate(_ASCII) == "a_b~"
    assert _encode_word("日本-語") == "%E6%97%A5%E6%9C%AC%2D%E8%AA%9E"
    assert encode_term("50% off") == "50%25%20off"
    # Full: emptied, then filled again, with the same answers.
    _WORDS.update((f"w{n}", f"w{n}") for n in range(65536))
    assert _encode_word("R&D") == "R%26D" and len(_WORDS) == 1


@pytest.mark.parametrize("seed", range(3))
def test_inline_article_blocks_equal_the_general_path_on_nasty_quotes(seed: int) -> None:
    rng = random.Random(700 + seed)
    exporter = MarkdownExporter(load_template())
    assert exporter.template.shipped == "article"
    article = SavedArticle(id="0123456789abcdef", title="T", url="https://example.com/a",
                           saved="2026-11-20T09:15:00Z")
    highlights = []
    for n, quote in enumerate(_quotes(800 + seed, 1500)):
        uuid = f"{rng.getrandbits(128):032x}"
        hid = f"{uuid[:8]}-{uuid[8:12]}-{uuid[12:16]}-{uuid[16:20]}-{uuid[20:]}"
        if n % 7 == 0:
            hid = hid.upper()
        elif n % 11 == 0:
            hid = hid[:-1] + "g"  # not hex: not a canonical UUID
        elif n % 13 == 0:
            hid = uuid  # no hyphens
        target = Target(TextQuote(quote, "", ""), TextPosition(n, n + len(quote)), "")
        highlights.append(Highlight(
            article_id=article.id, target=target, id=hid, created="2026-11-20T09:20:00Z",
            tags=rng.choice([(), ("c++",), ("read later", "2016"), ("!",)]),
            note=rng.choice(["", "A *note*.", "<!-- gloss:end id=x -->", "x  \n\n<!--y \t",
                             " \n "]),
            location=rng.choice([None, None, "", "  ", "\t\n", "page 6, *location* 84-86"]),
        ))
    inline = exporter._shipped_article_highlights(article, highlights)
    general = [Region(id_key(h.id), exporter._shipped_highlight(h, article)) for h in highlights]
    assert inline == general
    assert all(f"^{block_id(h.id)}\n" in r.body or r.body.endswith(f"^{block_id(h.id)}")
               for h, r in zip(highlights, inline, strict=True))
    # A region said to be normalized is: written as it is, it is what the check would give.
    assert all(normalize_body(r.body) == r.body for r in inline if r.normal)
    assert sum(r.normal for r in inline) > 600 and sum(not r.normal for r in inline) > 300
    document = Document("T", {"title": "T"}, tuple(inline))
    unmarked = Document("T", {"title": "T"}, tuple(Region(r.key, r.body) for r in inline))
    assert "".join(document_pieces(document)) == "".join(document_pieces(unmarked))


def test_one_check_of_an_articles_ids_is_the_check_of_each() -> None:
    # Ids that are canonical UUIDs only when read one line at a time: each is not.
    exporter = MarkdownExporter(load_template())
    article = SavedArticle(id="a", title="T", url="https://example.com/a", saved="")
    uuid = "0b6c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3"
    for ids in ([uuid + "\n" + uuid], [uuid, uuid + "\n" + uuid], [uuid + "\n", uuid],
                [uuid, uuid.upper(), uuid], ["\n" + uuid], [uuid, ""], [uuid]):
        highlights = [
            Highlight(article_id="a", id=hid, created="2026-11-20T09:20:00Z",
                      target=Target(TextQuote("Words.", "", ""), TextPosition(n, n + 6), ""))
            for n, hid in enumerate(ids)
        ]
        inline = exporter._shipped_article_highlights(article, highlights)
        general = [Region(id_key(h.id), exporter._shipped_highlight(h, article))
                   for h in highlights]
        assert inline == general, ids


def test_reading_order_reads_start_as_the_highlight_does() -> None:
    rng = random.Random(900)
    highlights = []
    for n in range(400):
        start = rng.randrange(50)
        moved = Placement(rng.randrange(-1, 50), 60, "", AnchorStatus.MOVED)
        placement = rng.choice([None, None, moved, Placement(-1, -1, "", AnchorStatus.ORPHAN)])
        highlights.append(Highlight(
            article_id="a", id=f"{n:04d}", created=f"2026-11-{rng.randrange(10, 12)}",
            target=Target(TextQuote("w", "", ""), TextPosition(start, start + rng.randrange(3)),
                          ""), placement=placement,
        ))
    expected = sorted(highlights, key=lambda h: (h.start, h.target.position.end, h.created, h.id))
    assert sort_highlights(highlights) == expected
    assert sort_highlights(reversed(highlights)) == expected


def _shape_one_by_one(keys: list[str]) -> Shape:
    """shape_of_keys as it was: every key read on its own."""
    layout: str | None = None
    articles: set[str] = set()
    for key in keys:
        pairs = parse_key(key)
        if "header" in pairs:
            continue
        if "tag" in pairs or "untagged" in pairs:
            layout = "tag"
        elif "article" in pairs or "id" in pairs:
            layout = layout or "article"
            if pairs.get("article"):
                articles.add(pairs["article"] or "")
    return Shape(layout, frozenset(articles))


def test_shape_of_keys_equals_reading_each_key() -> None:
    rng = random.Random(1000)
    pieces = ["id=0b6c-1", "id=a b", "id=", "id=x\ttab", "id=x\r", "article=a1", "article=",
              "header", "tag=read-later id=9", "untagged id=3", "tag=x", "untagged", "",
              "id=1\ntag=x", "id=2\n", "\nid=3", "other=1", "id=%20", "ID=upper"]
    for _ in range(3000):
        keys = [rng.choice(pieces) for _ in range(rng.choice([0, 1, 2, 5, 20]))]
        assert shape_of_keys(keys) == _shape_one_by_one(keys), keys
        assert shape_of_keys(iter(keys)) == _shape_one_by_one(keys), keys


def test_a_key_holding_a_hash_is_never_taken_as_written() -> None:
    # Such a key reads back with the wrong hash: the merge must parse the file.
    for keys in (["id=a hash=1"], ["id=a", "tag=x hash=2"], ["id=a", "id=b"]):
        document = Document("T", {"title": "T"}, tuple(Region(k, "body") for k in keys))
        written = "".join(document_pieces(document))
        assert unchanged_as_written(written, document) == (keys == ["id=a", "id=b"])
