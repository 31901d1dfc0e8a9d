"""A quote is what the critic highlighted, whatever the page does later (issue 13, 1 and 2).

End to end through subprocesses: `gloss highlight` saves three quotes of a page served on
127.0.0.1; the page then rewrites one sentence ("rest … nonsense" becomes "remainder …
gibberish") and deletes another; `gloss highlight --refresh` fetches it again (re-anchoring
every highlight); then `gloss export` and `gloss notebook list` must still give the words
highlighted, flag the changed one with the page's new wording, flag the orphan, and give no
passage link that cannot match.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli.test_cli_notebook import gloss
from tests.support.httpserver import HTTPTestServer
from tui.core.export.citation import accessed_on, cite
from tui.core.export.markdown import block_id
from tui.core.export.merge import HASH_CHARS, normalize_body
from tui.core.notebook.api import Notebook

KEPT = "The first paragraph sets the scene with a sentence or two of plain prose."
OLD = "The rest of the season is nonsense, said the critic about the finale."
NEW = "The remainder of the season is gibberish, said the critic about the finale."
GONE = "A third paragraph closes the piece with a thought about what comes next."


def page(*paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>A test piece</title></head>"
            f"<body><article>{body}</article></body></html>")


@dataclass
class Story:
    nb: Path
    url: str
    kept: str
    changed: str
    gone: str


@pytest.fixture
def story(http_server: HTTPTestServer, tmp_path: Path) -> Story:
    nb = tmp_path / "nb"
    url = http_server.page("/piece", page(KEPT, OLD, GONE))
    ids = []
    for quote in (KEPT, OLD, GONE):
        done = gloss("highlight", url, "--quote", quote, "--quiet", "--notebook", nb)
        assert (done.returncode, done.stderr) == (0, ""), done.stderr
        ids.append(done.stdout.strip())
    http_server.page("/piece", page(KEPT, NEW))
    done = gloss("highlight", url, "--refresh", "--quote", KEPT, "--notebook", nb)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(
        "gloss: the article changed; its highlights were re-anchored: "
        "1 exact, 0 moved, 1 fuzzy, 1 orphaned\n"
    )
    return Story(nb, url, *ids)


def region(key: str, body: str) -> str:
    """A managed region as export writes it: markers with the digest of its body."""
    digest = hashlib.sha256(normalize_body(body).encode("utf-8")).hexdigest()[:HASH_CHARS]
    return f"<!-- gloss:begin {key} hash={digest} -->\n{body}\n<!-- gloss:end {key} -->\n"


def test_markdown_keeps_the_words_and_flags_changed_and_orphaned(story: Story) -> None:
    done = gloss("export", "--notebook", story.nb)
    assert (done.returncode, done.stderr) == (0, "")
    record = Notebook.open(story.nb, read_only=True).articles()[0]
    citation = cite(record, "mla", accessed_on(record.saved))
    url = story.url
    expected = (
        "---\n"
        "title: A test piece\n"
        "site: 127.0.0.1\n"
        f"url: {url}\n"
        f"saved: '{record.saved}'\n"
        f"gloss_id: {record.id}\n"
        "---\n\n"
        + region(f"article={record.id}", f"# A test piece\n\n{citation}") + "\n"
        + region(f"id={story.kept}", f"> {KEPT}\n\n^{block_id(story.kept)}\n\n"
                 f"[Open passage]({url}#:~:text=The%20first%20paragraph%20sets,two%20of"
                 "%20plain%20prose.)") + "\n"
        + region(f"id={story.changed}", f"> {OLD}\n\n^{block_id(story.changed)}\n\n"
                 f"**Changed at the source**, which now reads: “{NEW}”\n\n"
                 f"[Open passage]({url}#:~:text=The%20remainder%20of%20the,critic%20about"
                 "%20the%20finale.)") + "\n"
        + region(f"id={story.gone}", f"> {GONE}\n\n^{block_id(story.gone)}\n\n"
                 "**Gone from the source**: the page no longer has this passage.")
    )
    assert done.stdout == expected


def test_json_flags_changed_and_orphaned_in_the_gloss_namespace(story: Story) -> None:
    done = gloss("export", "--format", "json", "--notebook", story.nb)
    assert (done.returncode, done.stderr) == (0, "")
    found = json.loads(done.stdout)["first"]["items"]
    items = {item["id"].rsplit(":", 1)[-1]: item for item in found}
    exact = {i: item["target"]["selector"][0]["exact"] for i, item in items.items()}
    assert exact == {story.kept: KEPT, story.changed: OLD, story.gone: GONE}
    flags = {
        i: {k: v for k, v in item.items() if k in ("gloss:status", "gloss:currentQuote")}
        for i, item in items.items()
    }
    assert flags == {
        story.kept: {},
        story.changed: {"gloss:status": "changed", "gloss:currentQuote": NEW},
        story.gone: {"gloss:status": "orphan"},
    }


def test_notebook_list_marks_them_and_json_says_so(story: Story) -> None:
    done = gloss("notebook", "list", "--json", "--notebook", story.nb)
    records = {r["id"]: r for r in json.loads(done.stdout)}
    assert {i: (r["quote"], r["status"], r["current_quote"]) for i, r in records.items()} == {
        story.kept: (KEPT, "ok", None),
        story.changed: (OLD, "changed", NEW),
        story.gone: (GONE, "orphan", None),
    }
    lines = gloss("notebook", "list", "--notebook", story.nb, columns=200).stdout.splitlines()
    marks = {line[:8]: line[10:17].strip() for line in lines}
    assert marks == {story.kept[:8]: "", story.changed[:8]: "changed", story.gone[:8]: "orphan"}
    search = gloss("notebook", "search", "nonsense", "--notebook", story.nb, columns=200)
    assert [line.split()[:2] for line in search.stdout.splitlines()] == [
        [story.changed[:8], "changed"]
    ]


def test_the_stored_quote_and_updated_are_untouched(story: Story) -> None:
    nb = Notebook.open(story.nb, read_only=True)
    changed = nb.highlight(story.changed)
    assert (changed.quote, changed.placement.current) == (OLD, NEW)
    assert changed.updated == changed.created


def test_adopt_takes_the_pages_wording_only_when_asked(story: Story) -> None:
    done = gloss("notebook", "adopt", story.changed[:8], "--notebook", story.nb)
    assert (done.returncode, done.stdout) == (0, story.changed + "\n")
    assert done.stderr == (
        f"gloss: highlight {story.changed[:8]} now quotes the page's wording: “{NEW}”\n"
    )
    nb = Notebook.open(story.nb, read_only=True)
    adopted = nb.highlight(story.changed)
    assert (adopted.quote, adopted.placement) == (NEW, None)
    listed = json.loads(gloss("notebook", "list", "--json", "--notebook", story.nb).stdout)
    assert {r["id"]: r["status"] for r in listed}[story.changed] == "ok"
    # Nothing to adopt for a quote the page still has, or one it lost.
    for hid, why in ((story.kept, "the page has its words as highlighted"),
                     (story.gone, "its passage is gone from the page")):
        refused = gloss("notebook", "adopt", hid, "--notebook", story.nb)
        assert (refused.returncode, refused.stdout, refused.stderr) == (
            2, "", f"gloss: nothing to adopt for highlight {hid[:8]}: {why}\n"
        )
