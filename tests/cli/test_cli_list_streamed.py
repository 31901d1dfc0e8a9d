"""`gloss notebook list` in two passes over the index (issue 19: every command within
150 MB at 200k highlights): the lines equal those the whole-notebook listing gives, for
every order and filter, with the changed and orphaned quotes marked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli_notebook import gloss
from tests.cli.test_cli_quote_status import Story, story  # noqa: F401  (a fixture)
from tests.support.notebookgen import generate

QUERIES = [
    ("list",),
    ("list", "--sort", "oldest"),
    ("list", "--sort", "article"),
    ("list", "--sort", "quote", "--limit", "40"),
    ("list", "--sort", "edited", "--tag", "research"),
    ("search", "cafe", "river"),
    ("search", "the", "--sort", "article", "--limit", "7"),
]


@pytest.fixture(scope="module")
def notebook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("streamed") / "nb"
    generate(root, 600, 15, seed=3)
    return root


@pytest.mark.parametrize("query", QUERIES, ids=" ".join)
def test_the_index_lists_what_the_records_list(
    notebook: Path, query: tuple[str, ...]
) -> None:
    args = ("notebook", *query, "--notebook", notebook)
    indexed = gloss(*args, columns=90)
    records = gloss(*args, columns=90, env={"GLOSS_NO_INDEX": "1"})
    assert (indexed.returncode, indexed.stderr) == (0, ""), indexed.stderr
    assert records.returncode == 0
    assert indexed.stdout == records.stdout
    assert indexed.stdout.count("\n") > 1


def test_marks_come_through_the_two_passes(story: Story) -> None:  # noqa: F811
    indexed = gloss("notebook", "list", "--sort", "oldest", "--notebook", story.nb)
    records = gloss("notebook", "list", "--sort", "oldest", "--notebook", story.nb,
                    env={"GLOSS_NO_INDEX": "1"})
    assert indexed.returncode == 0, indexed.stderr
    assert indexed.stdout == records.stdout
    marks = [line.split()[1] for line in indexed.stdout.splitlines()]
    assert (marks.count("changed"), marks.count("orphan")) == (1, 1)
