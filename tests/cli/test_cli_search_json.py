"""`gloss notebook search --json` from the index's stored records (issue 19: 200,000
highlights within 2x a plain FTS5 script): the text equals the whole-notebook listing's,
byte for byte, for placed, changed and orphaned quotes; and the batched JSON writer writes
what ``json.dumps(..., ensure_ascii=False, indent=2)`` writes, whatever the values."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.cli.test_cli_notebook import gloss
from tests.cli.test_cli_quote_status import Story, story  # noqa: F401  (a fixture)
from tests.support.notebookgen import generate
from tui.commands.format import QUICK_AFTER, json_batch_chunks, plain_json
from tui.core.model import AnchorStatus, Article, Block, BlockKind, Highlight, Placement, Target
from tui.core.notebook import Notebook
from tui.core.notebook.storage import FileWriter

QUERIES = [
    ("search", "cafe", "--json"),
    ("search", "the", "--json", "--sort", "article", "--limit", "300"),
    ("search", "river", "--json", "--sort", "quote", "--tag", "research"),
    ("list", "--json", "--sort", "oldest"),
    ("search", "zzzz-nothing", "--json"),
]


@pytest.fixture(scope="module")
def notebook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("searchjson") / "nb"
    generate(root, 2500, 20, seed=5)  # more than one batch of 2,000 records
    return root


@pytest.mark.parametrize("query", QUERIES, ids=" ".join)
def test_the_index_writes_what_the_records_write(
    notebook: Path, query: tuple[str, ...]
) -> None:
    args = ("notebook", *query, "--notebook", notebook)
    indexed = gloss(*args)
    records = gloss(*args, env={"GLOSS_NO_INDEX": "1"})
    # (stderr: the index may be built first, which says so)
    assert (indexed.returncode, records.returncode) == (0, 0), indexed.stderr
    assert indexed.stdout == records.stdout
    if "zzzz-nothing" in query:
        assert indexed.stdout == "[]\n"
    else:
        found = len(json.loads(indexed.stdout))
        assert found > (QUICK_AFTER if "river" not in query else 0)


def test_changed_and_orphaned_quotes_come_through(story: Story) -> None:  # noqa: F811
    args = ("notebook", "list", "--json", "--notebook", story.nb)
    indexed = gloss(*args)
    records = gloss(*args, env={"GLOSS_NO_INDEX": "1"})
    assert indexed.returncode == 0, indexed.stderr
    assert indexed.stdout == records.stdout
    statuses = sorted(r["status"] for r in json.loads(indexed.stdout))
    assert statuses == ["changed", "ok", "orphan"]


def test_scores_in_placed_records_are_written_as_the_json_module_writes_them(
    tmp_path: Path,
) -> None:
    # Placed records (their quote on the page as saved) with a placement whose score is a
    # float orjson writes its own way (1e-05: json writes "1e-05", orjson "1e-5"), more of
    # them than the short path takes: the batch must not go to orjson whole.
    root = tmp_path / "nb"
    nb = Notebook.open(root, writer=FileWriter(durable=False))
    article = Article(title="Café", blocks=(Block(BlockKind.PARAGRAPH, "The cafe river. " * 50),),
                      url="https://example.com/a")
    record = nb.save_article(article)
    with nb.batch():
        for i in range(QUICK_AFTER + 10):
            target = Target.of(article.text, i, i + 16, article.text_hash)
            nb.add_highlight(Highlight(
                article_id=record.id, target=target, id=f"h{i:03d}",
                created=f"2026-01-01T00:{i // 60:02d}:{i % 60:02d}Z",
                placement=Placement(i, i + 16, "elsewhere", AnchorStatus.FUZZY, "", 1e-05 * i),
            ))
    args = ("notebook", "search", "e", "--json", "--notebook", root)  # "e": in every quote
    indexed = gloss(*args)
    records = gloss(*args, env={"GLOSS_NO_INDEX": "1"})
    assert (indexed.returncode, records.returncode) == (0, 0), indexed.stderr
    assert indexed.stdout == records.stdout
    assert len(json.loads(indexed.stdout)) == QUICK_AFTER + 10
    assert '"score": 1e-05' in indexed.stdout


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=8),
    st.sampled_from(["\ud800", "\u2028", "\x1f", "é", "/", '"\\']),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=12,
)
plain = st.dictionaries(st.sampled_from(["id", "quote", "tags", "n"]),
                        st.one_of(st.text(max_size=6), st.integers(0, 9)), max_size=4)


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(batches=st.lists(
    st.one_of(
        st.lists(values, max_size=4),
        # Long batches (orjson's), some with one odd value among plain records.
        st.tuples(st.lists(plain, min_size=QUICK_AFTER + 1, max_size=QUICK_AFTER + 5),
                  st.one_of(st.none(), values)).map(
            lambda p: p[0] if p[1] is None else [*p[0], {"odd": p[1]}]),
    ),
    max_size=4,
), trusted=st.lists(st.booleans(), min_size=4, max_size=4))
def test_batched_json_is_the_json_modules(batches: list[list[Any]], trusted: list[bool]) -> None:
    # A batch is given as plain only when it is (as the caller knows it): else each record
    # is checked on its own.
    given_as = [(b, t and plain_json(b)) for b, t in zip(batches, trusted, strict=False)]
    every = [r for batch in batches for r in batch]
    assert "".join(json_batch_chunks(given_as)) == json.dumps(
        every, ensure_ascii=False, indent=2
    ) + "\n"
