"""`gloss notebook list|search|tags|articles|backups|repair|path` through a subprocess.

The notebook the listing tests read is built once per module with the core API (real files,
fixed ids and times, so outputs are exact): the export seed (three highlights on the
Jessica Jones article) and a second, accented article. The helpers here (``gloss``,
``seed_notebook``) are shared by the other tests/test_cli_*.py modules.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from tests.core.test_export_seed import KEY_QUOTE, TITLE, URL, Seed, seed
from tests.support import paths
from tui.core.model.article import Article, Block, BlockKind
from tui.core.model.highlight import Highlight, Target
from tui.core.model.records import SavedArticle
from tui.core.notebook.api import Notebook

ROOT = paths.ROOT
SAMPLE = ROOT / "samples" / "jessica-jones-season-2.html"
CAFE_ID = "c0ffee00-1111-4222-8333-444455556666"
CAFE_URL = "https://example.com/cafe"


def gloss(
    *args: str | Path,
    env: dict[str, str] | None = None,
    stdin: bytes | None = None,
    columns: int = 100,
) -> subprocess.CompletedProcess[str]:
    """Run `python -m tui ARGS` in a terminal ``columns`` wide (COLUMNS, as a shell sets it)."""
    done = subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)],
        input=stdin,
        capture_output=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, "COLUMNS": str(columns), **(env or {})},
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    )


def assert_one_line_error(done: subprocess.CompletedProcess[str], code: int, message: str) -> None:
    """Nothing on stdout; exactly ``gloss: message`` on stderr; exit ``code``."""
    assert (done.returncode, done.stdout, done.stderr) == (code, "", f"gloss: {message}\n")


def seed_notebook(path: Path, *, cafe: bool = False) -> Seed:
    """A notebook at ``path`` holding the export seed (with its snapshot, so passage links
    use its text), and with ``cafe`` a second article with an accented highlight."""
    s = seed()
    nb = Notebook.open(path)
    digest = nb.snapshots.put(s.article)
    records = [replace(s.record, snapshot=digest)]
    highlights = list(s.highlights)
    if cafe:
        article = Article(
            title="Café notes",
            blocks=(Block(BlockKind.PARAGRAPH, "Bergson wrote of an élan vital, a vital push."),),
            url=CAFE_URL,
            canonical_url=CAFE_URL,
        )
        record = replace(
            SavedArticle.from_article(article, nb.snapshots.put(article)),
            saved="2026-12-01T08:00:00Z",
            progress=0.5,
        )
        start = article.text.index("élan vital")
        highlights.append(
            Highlight(
                article_id=record.id,
                target=Target.of(article.text, start, start + 10, article.text_hash),
                tags=("philosophy",),
                color="pink",
                note="Bergson, *Creative Evolution*",
                id=CAFE_ID,
                created="2026-12-01T08:05:00Z",
            )
        )
        records.append(record)
    with nb.batch():
        nb.add_articles(records)
    nb.add_highlights(highlights)  # a second write: the day's backup is taken before it
    return s


@pytest.fixture(scope="module")
def notebook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed and the café article, shared by the tests that only read."""
    path = tmp_path_factory.mktemp("cli-notebook") / "nb"
    seed_notebook(path, cafe=True)
    return path


# -- list and search ------------------------------------------------------------------------


LIST = (
    "c0ffee00  2026-12-01  #philosophy           Café notes                élan vital\n"
    "9c8b7a6d  2026-11-20                        How The Defenders Is Af…  "
    "So far so good. It's working…\n"
    "0b6c1f5e  2026-11-20  #collaboration #def…  How The Defenders Is Af…  "
    "My colleagues Marco Ramirez a…\n"
    "5a4e9d2c  2026-11-20  #character            How The Defenders Is Af…  "
    "well-crafted relationship bet…\n"
)


def test_list_is_one_aligned_line_per_highlight_newest_first(notebook: Path) -> None:
    done = gloss("notebook", "list", "--notebook", notebook)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == LIST
    assert max(len(line) for line in done.stdout.splitlines()) == 100


def test_list_quote_fills_a_wider_terminal(notebook: Path) -> None:
    done = gloss("notebook", "list", "--notebook", notebook, "--tag", "collaboration",
                 columns=160)
    assert done.stdout == (
        "0b6c1f5e  2026-11-20  #collaboration #def…  How The Defenders Is Af…  "
        + KEY_QUOTE[:89] + "…\n"
    )


def test_list_json_has_the_records_and_the_article(notebook: Path) -> None:
    done = gloss("notebook", "list", "--json", "--notebook", notebook)
    records = json.loads(done.stdout)
    assert [r["id"][:8] for r in records] == ["c0ffee00", "9c8b7a6d", "0b6c1f5e", "5a4e9d2c"]
    key = records[2]
    assert key["quote"] == key["target"]["quote"]["exact"] == KEY_QUOTE
    assert (key["article_title"], key["article_url"]) == (TITLE, URL)
    assert key["tags"] == ["collaboration", "defenders"]
    assert key["created"] == "2026-11-20T09:20:00Z"
    assert records[0]["note"] == "Bergson, *Creative Evolution*"
    assert records[0]["color"] == "pink"


@pytest.mark.parametrize(
    ("options", "ids"),
    [
        (["--tag", "collaboration", "--tag", "defenders"], ["0b6c1f5e"]),
        (["--tag", "collaboration,character"], []),  # all of them
        (["--any-tag", "character,#Philosophy"], ["c0ffee00", "5a4e9d2c"]),
        (["--color", "green"], ["5a4e9d2c"]),
        (["--color", "3", "--color", "pink"], ["c0ffee00", "9c8b7a6d"]),
        (["--since", "2026-11-21"], ["c0ffee00"]),
        (["--until", "2026-11"], ["9c8b7a6d", "0b6c1f5e", "5a4e9d2c"]),
        (["--since", "2026-11-20T09:19", "--until", "2026-11-20T09:20"], ["0b6c1f5e"]),
        (["--article", "be754a88", "--sort", "oldest", "--limit", "2"], ["5a4e9d2c", "0b6c1f5e"]),
        (["--article", CAFE_URL], ["c0ffee00"]),
    ],
)
def test_list_filters(notebook: Path, options: list[str], ids: list[str]) -> None:
    done = gloss("notebook", "list", "--json", "--notebook", notebook, *options)
    assert done.returncode == 0, done.stderr
    assert [r["id"][:8] for r in json.loads(done.stdout)] == ids


def test_search_ignores_case_and_accents(notebook: Path) -> None:
    done = gloss("notebook", "search", "ELAN", "--notebook", notebook)
    assert done.stdout == "c0ffee00  2026-12-01  #philosophy  Café notes  élan vital\n"
    done = gloss("notebook", "search", "working", "out", "--notebook", notebook, "--json")
    assert [r["id"][:8] for r in json.loads(done.stdout)] == ["9c8b7a6d", "0b6c1f5e"]


def test_nothing_matches(notebook: Path) -> None:
    done = gloss("notebook", "list", "--tag", "nope", "--notebook", notebook)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "gloss: no highlights match\n")
    done = gloss("notebook", "search", "nowhere", "--json", "--notebook", notebook)
    assert (done.returncode, done.stdout, done.stderr) == (0, "[]\n", "")


@pytest.mark.slow
def test_unknown_article(notebook: Path) -> None:
    assert_one_line_error(
        gloss("notebook", "list", "--article", "https://nowhere.example/", "--notebook", notebook),
        2,
        "no article https://nowhere.example/ in the notebook",
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--since", "2026-13-01"],
            "argument --since: not a date: '2026-13-01' (YYYY-MM-DD, YYYY-MM, YYYY, "
            "YYYY-MM-DDTHH:MM, today, yesterday, or 7d / 2w ago)",
        ),
        (
            ["--color", "red"],
            "argument --color: unknown colour 'red' (one of yellow, green, blue, pink, "
            "purple, or 1-5)",
        ),
    ],
)
def test_bad_options_are_one_line(notebook: Path, options: list[str], message: str) -> None:
    done = gloss("notebook", "list", "--notebook", notebook, *options)
    assert_one_line_error(done, 2, f"{message} (see 'gloss notebook list --help')")


# -- tags and articles ------------------------------------------------------------------------


def test_tags(notebook: Path) -> None:
    done = gloss("notebook", "tags", "--notebook", notebook)
    assert done.stdout == "1  character\n1  collaboration\n1  defenders\n1  philosophy\n"
    done = gloss("notebook", "tags", "--json", "--any-tag", "defenders", "--notebook", notebook)
    assert json.loads(done.stdout) == [
        {"tag": "collaboration", "count": 1},
        {"tag": "defenders", "count": 1},
    ]


def test_articles(notebook: Path) -> None:
    done = gloss("notebook", "articles", "--notebook", notebook)
    assert done.stdout == (
        "557dd0e5  2026-12-01  50%   1 highlight               Café notes\n"
        "be754a88  2026-11-20   0%  3 highlights  CinemaBlend  " + TITLE[:44] + "…\n"
    )
    records = json.loads(gloss("notebook", "articles", "--json", "--notebook", notebook).stdout)
    assert [(r["title"], r["highlights"], r["progress"]) for r in records] == [
        ("Café notes", 1, 0.5),
        (TITLE, 3, 0.0),
    ]
    assert records[1]["saved"] == "2026-11-20T09:15:00Z"


def test_path_and_the_environment_variable(notebook: Path) -> None:
    done = gloss("notebook", "path", env={"GLOSS_NOTEBOOK": str(notebook)})
    assert (done.returncode, done.stdout) == (0, f"{notebook}\n")
    done = gloss("notebook", "tags", "--json", env={"GLOSS_NOTEBOOK": str(notebook)})
    assert len(json.loads(done.stdout)) == 4


def test_a_missing_notebook_is_an_error_for_reading(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    for action in ("list", "articles", "backups"):
        assert_one_line_error(
            gloss("notebook", action, "--notebook", missing),
            5,
            f"no notebook at {missing} (nothing saved there yet)",
        )
    assert not missing.exists()


# -- a damaged notebook -----------------------------------------------------------------------


def test_damaged_notebook_fails_then_reads_read_only_then_repairs(
    notebook: Path, tmp_path: Path
) -> None:
    damaged = tmp_path / "nb"
    shutil.copytree(notebook, damaged)
    index = damaged / "notebook.json"
    index.write_bytes(b'{"articles": {"be75')
    before = index.read_bytes()
    reason = (
        f"the notebook file {index} is damaged (not valid JSON: unexpected end of data: "
        "line 1 column 20 (char 19))"
    )

    assert_one_line_error(
        gloss("notebook", "list", "--notebook", damaged),
        5,
        f"{reason}; it was left untouched. Run 'gloss notebook repair' to restore it from its "
        "latest backup, or add --read-only to read it without writing.",
    )
    assert index.read_bytes() == before

    done = gloss("notebook", "list", "--read-only", "--notebook", damaged)
    assert done.returncode == 0
    day = done.stderr.rsplit(" ", 1)[-1].strip()
    assert done.stderr == f"gloss: warning: {reason}; showing it as of {day}\n"
    assert done.stdout == LIST
    assert index.read_bytes() == before

    done = gloss("notebook", "backups", "--json", "--notebook", damaged)
    (backup,) = json.loads(done.stdout)
    assert backup["label"] == day and backup["path"] == str(damaged / "backups" / f"{day}.zip")

    done = gloss("notebook", "repair", "--notebook", damaged)
    (aside,) = (damaged / "damaged").iterdir()
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        f"restored {index} from backup {day}\n"
        f"1 of 1 damaged files restored; the damaged copies are in {aside}\n"
    )
    assert (aside / "notebook.json").read_bytes() == before
    assert gloss("notebook", "list", "--notebook", damaged).stdout == LIST
    assert gloss("notebook", "repair", "--notebook", damaged).stdout == "nothing to repair\n"


def test_help_lists_the_commands() -> None:
    done = gloss("--help")
    for name in ("highlight", "notebook", "export", "import"):
        assert f"gloss {name} ..." in done.stdout
    done = gloss("notebook", "--help")
    for action in ("list", "search", "tags", "articles", "backups", "repair", "path"):
        assert f"    {action} " in done.stdout
