"""`gloss highlight` through a subprocess, and the story it serves: highlight a quote from
the shell, see it in `gloss notebook list`, export it as Markdown with its citation.

The story's export is checked against tests/golden/cli/story-export.md, with what changes
from run to run (the highlight's id, the day it was saved) as placeholders;
``GLOSS_UPDATE_GOLDEN=1`` rewrites it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.cli.test_cli_notebook import SAMPLE, assert_one_line_error, gloss
from tests.core.test_export_seed import KEY_NOTE, KEY_QUOTE, TITLE
from tests.support import paths
from tui.core.export.citation import MLA_MONTHS

GOLDEN = paths.GOLDEN / "cli"
UPDATE = os.environ.get("GLOSS_UPDATE_GOLDEN") == "1"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")

# Rosenberg's paragraph as someone would type or paste it: curly apostrophes, "...." for
# ". . . .", a line break where a terminal wrapped it. Gloss stores the page's own text.
TYPED = (
    "My colleagues Marco Ramirez and Doug Petrie, who are doing Defenders, they’ve shared "
    "material. We’ve sat down for many conversations about what are they doing, what’s "
    "happening with Jessica? They want my input, they want all the different showrunners’ "
    "input on the characters that they’re most familiar with....\n They enjoy collaboration, "
    "which is not always the case, and they listen, and we listen to them. We’re really trying "
    "to find a way to respond to the things that they want to do, and them to respond to the "
    "things we want to do. So far so good. It’s working out."
)


def placeholders(text: str, highlight_id: str, saved: str) -> str:
    """``text`` with what differs between runs named: id, save time, access day, hashes."""
    day = date.fromisoformat(saved[:10])
    accessed = f"{day.day} {MLA_MONTHS[day.month - 1]} {day.year}"
    text = text.replace(highlight_id, "{id}").replace(highlight_id.replace("-", "")[:12], "{id12}")
    text = text.replace(saved, "{saved}").replace(f"Accessed {accessed}.", "Accessed {accessed}.")
    return re.sub(r"hash=[0-9a-f]{12}", "hash={hash}", text)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.slow
def test_story_highlight_list_export(tmp_path: Path) -> None:
    nb = tmp_path / "nb"
    done = gloss(
        "highlight", SAMPLE, "--quote", TYPED, "--tag", "collaboration", "--tag", "Defenders",
        "--note", KEY_NOTE, "--notebook", nb,
    )
    assert done.returncode == 0, done.stderr
    assert UUID.fullmatch(done.stdout.strip())
    highlight_id = done.stdout.strip()
    assert done.stderr == (
        f'gloss: saved highlight {highlight_id[:8]}: {len(KEY_QUOTE)} characters of "{TITLE}"; '
        "tags: collaboration, defenders\n"
    )

    (record,) = json.loads(gloss("notebook", "list", "--json", "--notebook", nb).stdout)
    assert record["id"] == highlight_id
    assert record["quote"] == KEY_QUOTE  # the page's text, character for character
    assert (record["tags"], record["note"], record["color"]) == (
        ["collaboration", "defenders"], KEY_NOTE, "yellow"
    )
    assert record["target"]["quote"]["suffix"] == "\n\nThat's a pretty fantastic way "

    done = gloss("export", "--tag", "collaboration", "--notebook", nb)
    assert (done.returncode, done.stderr) == (0, "")
    (article,) = json.loads(gloss("notebook", "articles", "--json", "--notebook", nb).stdout)
    check_golden("story-export.md", placeholders(done.stdout, highlight_id, article["saved"]))


@pytest.fixture
def nb(tmp_path: Path) -> Path:
    return tmp_path / "nb"


def test_json_record_color_alias_and_quote_from_stdin(nb: Path) -> None:
    done = gloss(
        "highlight", SAMPLE, "--quote", "-", "--color", "2", "--tag", "a, #B c", "--json",
        "--quiet", "--notebook", nb, stdin=b"the titular  badass",
    )
    assert (done.returncode, done.stderr) == (0, "")
    record = json.loads(done.stdout)
    assert (record["quote"], record["color"], record["tags"]) == (
        "the titular badass", "green", ["a", "b-c"]
    )
    assert record["article_title"] == TITLE


@pytest.mark.slow
def test_the_same_passage_again_adds_to_the_highlight_already_there(nb: Path) -> None:
    first = gloss("highlight", SAMPLE, "--quote", "Kilgrave", "--note", "villain",
                  "--tag", "character", "--notebook", nb)
    again = gloss("highlight", SAMPLE, "--quote", "kilgrave", "--tag", "villain, character",
                  "--note", "other", "--color", "pink", "--notebook", nb)
    assert again.stdout == first.stdout
    assert again.stderr == (
        f"gloss: the passage was highlighted already ({first.stdout[:8]}); changed its tags, "
        "note, color\n"
    )
    (record,) = json.loads(gloss("notebook", "list", "--json", "--notebook", nb).stdout)
    assert (record["tags"], record["note"], record["color"]) == (
        ["character", "villain"], "other", "pink"
    )
    same = gloss("highlight", SAMPLE, "--quote", "Kilgrave", "--tag", "villain", "--notebook", nb)
    assert (same.stdout, same.stderr) == (
        first.stdout,
        f"gloss: the passage was highlighted already ({first.stdout[:8]}); nothing changed\n",
    )
    (unchanged,) = json.loads(gloss("notebook", "list", "--json", "--notebook", nb).stdout)
    assert unchanged == record


@pytest.mark.slow
def test_a_saved_article_opens_offline(nb: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    shutil.copy(SAMPLE, page)
    assert gloss("highlight", page, "--quote", "Kilgrave", "--notebook", nb).returncode == 0
    page.unlink()
    done = gloss("highlight", page, "--quote", "the titular badass", "--notebook", nb)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(gloss("notebook", "list", "--json", "--notebook", nb).stdout)) == 2


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--quote", "Luke Cage's cousin"], f'quote not found in "{TITLE}"'),
        (
            ["--quote", "Jessica Jones"],
            f'quote found 4 times in "{TITLE}"; choose one with --occurrence 1..4',
        ),
        (
            ["--quote", "jessica jones", "--occurrence", "5"],
            f'--occurrence 5 is out of range: quote found 4 times in "{TITLE}" (1..4)',
        ),
        (
            ["--quote", "Kilgrave", "--occurrence", "2"],
            f'--occurrence 2 is out of range: quote found once in "{TITLE}"',
        ),
        (["--quote", "  \n"], "the quote is empty"),
    ],
)
@pytest.mark.slow
def test_quote_errors(nb: Path, options: list[str], message: str) -> None:
    assert_one_line_error(gloss("highlight", SAMPLE, *options, "--notebook", nb), 2, message)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--color", "red"],
            "argument --color: unknown colour 'red' (one of yellow, green, blue, pink, purple, "
            "or 1-5)",
        ),
        (["--occurrence", "0"], "argument --occurrence: not a number from 1 up: '0'"),
        (["--tag", ", ,"], "argument --tag: not a tag: ', ,'"),
    ],
)
def test_bad_options(nb: Path, options: list[str], message: str) -> None:
    done = gloss("highlight", SAMPLE, "--quote", "Kilgrave", *options, "--notebook", nb)
    assert_one_line_error(done, 2, f"{message} (see 'gloss highlight --help')")
    assert not nb.exists()


@pytest.mark.slow
def test_missing_source(nb: Path) -> None:
    done = gloss("highlight", "no/such/page.html", "--quote", "x", "--notebook", nb)
    assert_one_line_error(done, 3, "no such file: no/such/page.html")


@pytest.mark.slow
def test_damaged_notebook_is_left_as_it_is(nb: Path) -> None:
    assert gloss("highlight", SAMPLE, "--quote", "Kilgrave", "--notebook", nb).returncode == 0
    index = nb / "notebook.json"
    index.write_bytes(index.read_bytes()[:-7])
    before = sorted((p, p.read_bytes()) for p in nb.rglob("*") if p.is_file())
    done = gloss("highlight", SAMPLE, "--quote", "the titular badass", "--notebook", nb)
    assert done.returncode == 5 and done.stdout == ""
    assert done.stderr.startswith(f"gloss: the notebook file {index} is damaged (")
    assert done.stderr.endswith("Run 'gloss notebook repair' to restore it from its latest "
                                "backup, or add --read-only to read it without writing.\n")
    assert done.stderr.count("\n") == 1
    assert sorted((p, p.read_bytes()) for p in nb.rglob("*") if p.is_file()) == before
