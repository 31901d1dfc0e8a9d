"""`gloss search` and `gloss notebook reindex` through a subprocess (issue 19).

The notebook is the export seed plus the café article (tests/cli/test_cli_notebook.py), whose
saved text "Bergson wrote of an élan vital, a vital push." lets a search find a body.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.cli.test_cli_notebook import CAFE_ID, assert_one_line_error, gloss, seed_notebook
from tui.core.notebook import index_file


@pytest.fixture(scope="module")
def notebook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-search") / "nb"
    seed_notebook(path, cafe=True)
    return path


def hits(*query: str, notebook: Path) -> list[tuple[str, str]]:
    done = gloss("search", *query, "--json", "--notebook", notebook)
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    return [(h["kind"], h["id"][:8]) for h in json.loads(done.stdout)]


def test_one_search_finds_highlights_and_the_saved_text_of_articles(notebook: Path) -> None:
    done = gloss("search", "ELAN", "--notebook", notebook)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        "c0ffee00  highlight  2026-12-01  Café notes  élan vital\n"
        "557dd0e5  article    2026-12-01  Café notes  Bergson wrote of an élan vital, a vital "
        "push.\n"
    )


def test_a_limit_says_how_many_there_were(notebook: Path) -> None:
    done = gloss("search", "élan", "--limit", "1", "--notebook", notebook)
    assert done.stdout == "c0ffee00  highlight  2026-12-01  Café notes  élan vital\n"
    assert done.stderr == "gloss: 1 of 2 hits (--limit N for more)\n"


def test_a_phrase_opens_at_its_passage(notebook: Path) -> None:
    done = gloss("search", '"vital push"', "--json", "--notebook", notebook)
    [hit] = json.loads(done.stdout)
    assert (hit["kind"], hit["snippet"], hit["position"]) == (
        "article", "Bergson wrote of an élan vital, a vital push.", 34,
    )
    assert hits('"push vital"', notebook=notebook) == []  # a phrase keeps its order


def test_the_filters(notebook: Path) -> None:
    assert hits("tag:philosophy", notebook=notebook) == [("highlight", CAFE_ID[:8])]
    assert hits("in:notes", "bergson", notebook=notebook) == [("highlight", CAFE_ID[:8])]
    assert hits("in:quotes", "bergson", notebook=notebook) == []
    assert hits("in:articles", "élan", notebook=notebook) == [("article", "557dd0e5")]
    assert hits("vital", "-élan", notebook=notebook) == []  # -word: a separate argument
    assert hits("élan", "before:2026-12", notebook=notebook) == []
    assert hits("élan", "after:2026-12", "site:example", notebook=notebook) == [
        ("highlight", CAFE_ID[:8]), ("article", "557dd0e5"),
    ]
    assert hits("is:orphan", notebook=notebook) == []
    assert hits("argu", notebook=notebook) == hits("argument", notebook=notebook)  # prefixes


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("in:videos", "in: is notes, quotes or articles, not 'videos'"),
        ("tag:", "tag: needs a value, as in tag:method"),
        ("-tag:x", "only words and phrases can be excluded, not tag:"),
    ],
)
def test_a_bad_query_is_one_line_and_exit_2(notebook: Path, query: str, message: str) -> None:
    assert_one_line_error(gloss("search", query, "--notebook", notebook), 2, message)


def test_reindex_rebuilds_in_the_cache_and_deleting_the_index_loses_nothing(
    notebook: Path,
) -> None:
    before = gloss("notebook", "list", "--json", "--notebook", notebook).stdout
    done = gloss("notebook", "reindex", "--notebook", notebook)
    assert done.returncode == 0
    assert done.stderr.startswith("gloss: indexed the notebook in ")
    path = index_file(notebook)
    assert str(path) in done.stderr
    assert Path(os.environ["XDG_CACHE_HOME"]) in path.parents
    path.unlink()
    assert gloss("notebook", "list", "--json", "--notebook", notebook).stdout == before
    assert path.is_file()  # rebuilt by the read
