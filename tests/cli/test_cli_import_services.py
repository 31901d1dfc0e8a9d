"""`gloss import` of other services' exports, through a subprocess: the report, --json,
--dry-run, fetching pages from 127.0.0.1 and --retry, and bad files as one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli_notebook import assert_one_line_error, gloss
from tests.core.test_imports_fetch import PAGE, csv_for
from tests.support.httpserver import HTTPTestServer
from tests.support.imports import DATA

pytestmark = pytest.mark.slow


def test_kindle_report_and_a_second_import(tmp_path: Path) -> None:
    nb = tmp_path / "nb"
    dry = gloss("import", DATA / "kindle-clippings.txt", "--dry-run", "--notebook", nb)
    assert (dry.returncode, dry.stderr) == (0, (
        "gloss: kindle: would add 8 articles and 8 highlights\n"
        "gloss: 8 highlights in books (no page)\n"
    ))
    assert not nb.exists()
    done = gloss("import", DATA / "kindle-clippings.txt", "--notebook", nb)
    assert done.stderr == (
        "gloss: kindle: added 8 articles and 8 highlights\n"
        "gloss: 8 highlights in books (no page)\n"
    )
    again = gloss("import", DATA / "kindle-clippings.txt", "--notebook", nb)
    assert again.stderr == (
        "gloss: kindle: nothing new to import; 8 highlights already in the notebook\n"
    )
    listed = json.loads(gloss("notebook", "list", "--json", "--notebook", nb).stdout)
    assert len(listed) == 8


def test_json_report_with_pages_fetched(http_server: HTTPTestServer, tmp_path: Path) -> None:
    http_server.page("/slow", PAGE.format(title="Slow"))
    export = tmp_path / "instapaper.csv"
    export.write_bytes(csv_for(http_server, [
        ("/slow", "Reading slowly is not reading less; it is reading with the whole mind."),
        ("/gone", "Not there."),
    ]))
    nb = tmp_path / "nb"
    done = gloss("import", export, "--json", "--notebook", nb)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report == {
        "format": "instapaper", "articles_added": 2, "articles_already_saved": 0,
        "pages_added": 0, "highlights_added": 2, "placed_exactly": 0, "placed_fuzzily": 0,
        "orphaned": 0, "in_books": 0, "waiting_for_page": 2, "duplicates_skipped": 0,
        "failed": [], "dry_run": False,
        "fetch": {
            "pages_to_fetch": 2, "pages_fetched": 1, "placed_exactly": 1, "placed_fuzzily": 0,
            "orphaned": 0, "stopped": False,
            "not_fetched": [{"url": http_server.url("/gone"),
                             "reason": f"HTTP 404 Not Found for {http_server.url('/gone')}"}],
        },
    }
    http_server.page("/gone", PAGE.format(title="Back again"))
    retried = gloss("import", "--retry", "--notebook", nb)
    assert retried.stderr == (
        "gloss: fetched 1 of 1 page; highlights in them placed 0 exactly, 0 approximately; "
        "1 not found (kept as orphans)\n"
    )
    assert gloss("import", "--retry", "--notebook", nb).stderr == (
        "gloss: nothing to fetch: every saved article has its page\n"
    )


@pytest.mark.parametrize(
    ("name", "content", "args", "message"),
    [
        ("x.txt", "hello\n", (), "cannot tell what export x.txt is: name its format with --from "
         "(w3c, omnivore, pocket, readwise, instapaper, hypothesis, kindle, koreader, urls, "
         "opml, bookmarks)"),
        ("c.csv", "Highlight,Book Title\n", ("--from", "readwise"),
         "readwise: line 1: no 'Book Author' column in the header"),
    ],
)
def test_bad_files_are_one_line(
    tmp_path: Path, name: str, content: str, args: tuple[str, ...], message: str
) -> None:
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    done = gloss("import", bad, *args, "--notebook", tmp_path / "nb")
    assert_one_line_error(done, 6, message)
    assert not (tmp_path / "nb").exists()


def test_no_file_and_no_retry_is_a_usage_error(tmp_path: Path) -> None:
    assert_one_line_error(
        gloss("import", "--notebook", tmp_path / "nb"), 2,
        "gloss import: give a FILE to import (or --retry)",
    )
