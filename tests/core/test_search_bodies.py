"""The saved texts the query index keeps (``bodies``, issue 19): a full-text hit's sentence
is cut from there instead of from the article's snapshot, so the two must be the very same
text, character for character, whatever the writes since."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

from tui.core.model import Article, Block, BlockKind
from tui.core.model.records import article_id_for
from tui.core.notebook import Notebook, open_index
from tui.core.notebook.qindex.schema import VERSION, index_file, unpack_body
from tui.core.notebook.storage import FileWriter
from tui.core.search import parse_query, search_index
from tui.core.search.text import first_hit, sentence

_WORDS = (
    "river mountain Élan café naïve Straße über the a garden mémoire x-ray don't 42 "
    "Ångström coeur fiancée résumé theory"
)
WORDS = tuple(_WORDS.split())
ENDS = (".", "!", "?", "…", "", ";")


def _body(rng: random.Random) -> tuple[Block, ...]:
    """Paragraphs of sentences with every end mark, some longer than a snippet's width."""
    paragraphs = []
    for _ in range(rng.randint(1, 5)):
        sentences = [
            " ".join(rng.choices(WORDS, k=rng.choice([1, 3, 8, 60]))) + rng.choice(ENDS)
            for _ in range(rng.randint(1, 6))
        ]
        paragraphs.append(Block(BlockKind.PARAGRAPH, "  ".join(sentences)))
    return tuple(paragraphs)


def _articles(rng: random.Random, n: int) -> list[Article]:
    return [
        Article(title=f"T{i} {rng.choice(WORDS)}", blocks=_body(rng),
                byline=rng.choice([None, "Zoë"]), site_name=rng.choice([None, "Café Press"]),
                url=f"https://example.com/{i}")
        for i in range(n)
    ]


def _stored_bodies(root: Path) -> dict[str, str]:
    index = open_index(root)
    assert index is not None
    with index:
        rows = index.db.execute(
            "SELECT a.id, b.text FROM articles a LEFT JOIN bodies b ON b.n = a.n"
        )
        return {article_id: unpack_body(text) for article_id, text in rows}


def _snapshot_bodies(root: Path) -> dict[str, str]:
    nb = Notebook.open(root, read_only=True)
    return {a.id: nb.load_article(a.id).text for a in nb.articles()}


QUERIES = ("river", "cafe mountain", "élan", '"the garden"', "strasse -river", "42", "x",
           "resume theory", "coeur in:articles", "fianc")


def _assert_hits_are_the_snapshots(root: Path) -> int:
    """Every article hit's snippet and position, as cut from the snapshot's text."""
    nb = Notebook.open(root, read_only=True)
    index = open_index(root)
    assert index is not None
    checked = 0
    with index:
        for text in QUERIES:
            q = parse_query(text)
            for hit in search_index(index, q, limit=None).hits:
                if hit.kind != "article":
                    continue
                record = nb.article(hit.id)
                assert record is not None
                body = nb.load_article(hit.id).text
                found = first_hit(body, q.terms)
                if found is None:
                    expected = (record.byline or record.site_name or "", None)
                else:
                    expected = (sentence(body, *found)[0], found[0])
                assert (hit.snippet, hit.position) == expected, text
                assert (hit.title, hit.date) == (record.title, record.saved), text
                checked += 1
    return checked


def test_the_index_keeps_each_saved_text_as_its_snapshot_has_it(tmp_path: Path) -> None:
    rng = random.Random(19)
    root = tmp_path / "nb"
    nb = Notebook.open(root, writer=FileWriter(durable=False))
    articles = _articles(rng, 12)
    for article in articles:
        nb.save_article(article)
    assert _stored_bodies(root) == _snapshot_bodies(root)
    assert _assert_hits_are_the_snapshots(root) > 20
    # Writes the index follows: a new text for one article, another deleted, one added.
    changed = replace(articles[0], blocks=_body(rng))
    assert nb.save_article(changed).id == article_id_for(articles[0])
    nb.delete_article(article_id_for(articles[1]))
    nb.save_article(replace(_articles(random.Random(5), 1)[0], url="https://example.com/new"))
    stored = _stored_bodies(root)
    assert stored == _snapshot_bodies(root)
    assert stored[article_id_for(articles[0])] == changed.text
    assert article_id_for(articles[1]) not in stored
    assert _assert_hits_are_the_snapshots(root) > 20


def test_an_index_without_the_saved_texts_is_rebuilt(tmp_path: Path) -> None:
    root = tmp_path / "nb"
    nb = Notebook.open(root, writer=FileWriter(durable=False))
    for article in _articles(random.Random(3), 4):
        nb.save_article(article)
    index = open_index(root)
    assert index is not None
    index.close()
    # As the previous version left it: no bodies table, version 2.
    import sqlite3

    db = sqlite3.connect(index_file(root), isolation_level=None)
    db.execute("DROP TABLE bodies")
    db.execute("UPDATE meta SET value='2' WHERE key='version'")
    db.close()
    assert VERSION > 2
    assert _stored_bodies(root) == _snapshot_bodies(root)  # rebuilt on open
    db = sqlite3.connect(index_file(root))
    assert db.execute("SELECT value FROM meta WHERE key='version'").fetchone() == (str(VERSION),)
    db.close()
