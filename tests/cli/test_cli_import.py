"""`gloss import` through a subprocess: Web Annotation JSON into the notebook, the round trip
export → import → export, and what becomes of an imported article that has no body yet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli_notebook import SAMPLE, assert_one_line_error, gloss, seed_notebook
from tests.support import paths

GOLDEN = paths.GOLDEN / "export"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed notebook's JSON export."""
    folder = tmp_path_factory.mktemp("cli-import")
    seed_notebook(folder / "nb")
    out = folder / "seed.json"
    assert gloss("export", "-o", out, "--notebook", folder / "nb").returncode == 0
    return out


@pytest.mark.slow
def test_export_import_export_is_the_same(exported: Path, tmp_path: Path) -> None:
    nb = tmp_path / "nb"
    done = gloss("import", exported, "--notebook", nb)
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr == "gloss: imported 3 highlights and 1 article\n"
    again = tmp_path / "again.json"
    gloss("export", "-o", again, "--notebook", nb)
    assert again.read_bytes() == exported.read_bytes()
    # Markdown too: the seed's links need no body (nothing imported has one yet).
    markdown = gloss("export", "--notebook", nb).stdout
    assert markdown == (GOLDEN / "article.md").read_text(encoding="utf-8")


def test_importing_again_adds_nothing(exported: Path, tmp_path: Path) -> None:
    nb = tmp_path / "nb"
    gloss("import", exported, "--notebook", nb)
    done = gloss("import", "-", "--notebook", nb, stdin=exported.read_bytes())
    assert done.stderr == (
        "gloss: nothing new to import; 3 highlights already in the notebook, left as they are\n"
    )
    assert len(json.loads(gloss("notebook", "list", "--json", "--notebook", nb).stdout)) == 3


def test_dry_run_changes_nothing(exported: Path, tmp_path: Path) -> None:
    nb = tmp_path / "nb"
    done = gloss("import", exported, "--dry-run", "--notebook", nb)
    assert done.stderr == "gloss: would import 3 highlights and 1 article\n"
    assert not nb.exists()


@pytest.mark.slow
def test_an_imported_article_is_fetched_when_first_opened(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    gloss("highlight", SAMPLE, "--quote", "Kilgrave", "--notebook", first)
    exported = tmp_path / "first.json"
    gloss("export", "-o", exported, "--notebook", first)
    gloss("import", exported, "--notebook", second)
    assert not (second / "snapshots").exists()
    # The record is there, its body is not: highlighting the page fetches and stores it.
    done = gloss("highlight", SAMPLE, "--quote", "the titular badass", "--notebook", second)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in (second / "snapshots").iterdir()] == [
        p.name for p in (first / "snapshots").iterdir()
    ]
    # Both are there (times have whole seconds, so the two may tie: compare as a set).
    quotes = {r["quote"] for r in json.loads(
        gloss("notebook", "list", "--json", "--notebook", second).stdout
    )}
    assert quotes == {"Kilgrave", "the titular badass"}


def test_annotations_from_another_tool(tmp_path: Path) -> None:
    source = tmp_path / "hypothesis.json"
    source.write_text(json.dumps({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "https://hypothes.is/a/abc123",
        "created": "2026-01-05T10:00:00Z",
        "body": [{"type": "TextualBody", "value": "Big Idea", "purpose": "tagging"}],
        "target": {
            "source": "https://example.com/essay",
            "selector": {"type": "TextQuoteSelector", "exact": "a quoted phrase"},
        },
    }), encoding="utf-8")
    nb = tmp_path / "nb"
    assert gloss("import", source, "--notebook", nb).stderr == (
        "gloss: imported 1 highlight and 1 article\n"
        "gloss: 1 highlight without offsets Gloss can trust: placed by its quote when the "
        "page is read\n"
    )
    (record,) = json.loads(gloss("notebook", "list", "--json", "--notebook", nb).stdout)
    assert (record["id"], record["quote"], record["tags"]) == (
        "https://hypothes.is/a/abc123", "a quoted phrase", ["big-idea"]
    )
    assert (record["article_title"], record["article_url"]) == (
        "https://example.com/essay", "https://example.com/essay"
    )


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        ('{"type":', 6, "not JSON: unexpected end of data (line 1 column 9)"),
        ('{"type": "Note"}', 6,
         "expected an Annotation, AnnotationPage or AnnotationCollection, found type 'Note'"),
        (json.dumps({"type": "Annotation", "gloss:article": "../etc", "target": {
            "source": "urn:x", "selector": {"type": "TextQuoteSelector", "exact": "x"}}}),
         6, "not a usable article id: '../etc'"),
    ],
)
def test_invalid_files(tmp_path: Path, content: str, code: int, message: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    assert_one_line_error(gloss("import", bad, "--notebook", tmp_path / "nb"), code, message)
    assert not (tmp_path / "nb").exists()


def test_missing_file(tmp_path: Path) -> None:
    assert_one_line_error(
        gloss("import", "no/such.json", "--notebook", tmp_path / "nb"),
        3,
        "no such file: no/such.json",
    )


def test_a_folder_is_refused_in_the_words_reading_an_article_uses(tmp_path: Path) -> None:
    """One wording for local-file errors (tui.core.fetch.source.local_file_error): importing
    a folder says what `gloss clean FOLDER` says, with the same exit code."""
    folder = tmp_path / "exports"
    folder.mkdir()
    assert_one_line_error(
        gloss("import", folder, "--notebook", tmp_path / "nb"), 3, f"is a directory: {folder}"
    )
    assert_one_line_error(gloss("clean", folder), 3, f"is a directory: {folder}")
    assert not (tmp_path / "nb").exists()


def test_an_id_used_by_a_different_highlight_is_reported_not_skipped_silently(
    exported: Path, tmp_path: Path
) -> None:
    nb = tmp_path / "nb"
    gloss("import", exported, "--notebook", nb)
    data = json.loads(exported.read_text(encoding="utf-8"))
    first = data["first"]["items"][0]
    clash_id = first["id"].rsplit(":", 1)[-1].rsplit("/", 1)[-1]
    first["target"]["gloss:position"]["start"] += 1  # another passage under the same id
    selector = first["target"]["selector"]
    for s in selector if isinstance(selector, list) else [selector]:
        if s.get("type") == "TextQuoteSelector":
            s["exact"] = s["exact"][1:]
    done = gloss("import", "-", "--notebook", nb, stdin=json.dumps(data).encode())
    assert done.returncode == 0
    assert done.stderr == (
        "gloss: nothing new to import; 2 highlights already in the notebook, left as they are\n"
        f"gloss: 1 highlight not imported: its id is used by a different highlight in the "
        f"notebook ({clash_id})\n"
    )


def _moved_past_the_text(exported: Path, exact: str | None = None) -> bytes:
    """The export's first highlight under a new id, its offsets past the end of the text
    (its text hash still claims them), and with ``exact`` other words."""
    data = json.loads(exported.read_text(encoding="utf-8"))
    item = data["first"]["items"][0]
    item["id"] = "urn:uuid:0e0e0e0e-1111-4222-8333-444444444444"
    item["target"]["gloss:position"]["start"] += 100_000
    item["target"]["gloss:position"]["end"] += 100_000
    for s in item["target"]["selector"]:
        if s["type"] == "TextQuoteSelector" and exact is not None:
            s["exact"] = exact
    data["first"]["items"] = [item]
    return json.dumps(data).encode()


def _status(nb: Path, highlight_id: str) -> tuple[str, str, tuple[int, int] | None]:
    """Its status, quote, and where it shows in the saved text (None: nowhere)."""
    records = json.loads(gloss("notebook", "list", "--json", "--notebook", nb).stdout)
    (record,) = [r for r in records if r["id"] == highlight_id]
    placed = record.get("placement")
    if record["status"] == "orphan":
        where = None
    elif placed and placed["text_hash"] != record["target"]["text_hash"]:
        where = (placed["start"], placed["end"])
    else:
        where = (record["target"]["position"]["start"], record["target"]["position"]["end"])
    return record["status"], record["quote"], where


def _first_position(exported: Path) -> tuple[int, int]:
    item = json.loads(exported.read_text(encoding="utf-8"))["first"]["items"][0]
    position = item["target"]["gloss:position"]
    return position["start"], position["end"]


@pytest.mark.parametrize(
    ("exact", "status"),
    [(None, "ok"), ("words that appear nowhere in the saved page at all", "orphan")],
)
def test_positions_past_the_text_are_reanchored_or_orphaned(
    exported: Path, tmp_path: Path, exact: str | None, status: str
) -> None:
    """Into a notebook holding the text: the quote places it, or it is listed as an orphan
    (before, the hash vouched for offsets past the end: an invisible highlight, 'ok')."""
    nb = tmp_path / "nb"
    seed_notebook(nb)
    done = gloss("import", "-", "--notebook", nb, stdin=_moved_past_the_text(exported, exact))
    assert (done.returncode, done.stderr) == (0, "gloss: imported 1 highlight and 0 articles\n")
    state, _, where = _status(nb, "0e0e0e0e-1111-4222-8333-444444444444")
    assert (state, where) == (status, _first_position(exported) if status == "ok" else None)


def test_positions_past_the_text_are_reanchored_when_the_page_comes(tmp_path: Path) -> None:
    """Imported before the notebook has the text: placed by its quote once the page is read."""
    first, second = tmp_path / "first", tmp_path / "second"
    gloss("highlight", SAMPLE, "--quote", "Kilgrave", "--notebook", first)
    exported = tmp_path / "first.json"
    gloss("export", "-o", exported, "--notebook", first)
    assert gloss("import", "-", "--notebook", second,
                 stdin=_moved_past_the_text(exported)).returncode == 0
    done = gloss("highlight", SAMPLE, "--quote", "the titular badass", "--notebook", second)
    assert done.returncode == 0, done.stderr
    assert _status(second, "0e0e0e0e-1111-4222-8333-444444444444") == (
        "ok", "Kilgrave", _first_position(exported))
    assert gloss("notebook", "list", "--orphans", "--notebook", second).stdout.count(
        "Kilgrave") == 0


def _example(number: str) -> dict[str, object]:
    examples = json.loads((paths.DATA / "w3c-model" / "examples.json").read_text(
        encoding="utf-8"))["examples"]
    example: dict[str, object] = examples[number]["json"]
    return example


def test_each_annotation_is_reported_and_the_usable_ones_imported(tmp_path: Path) -> None:
    """Issue 18: a file with an annotation Gloss cannot use imports the others; stderr says
    what was refused and why, --report says what became of each one."""
    page = tmp_path / "page.json"
    page.write_text(json.dumps({"type": "AnnotationPage",
                                "items": [_example("23"), _example("1")]}), encoding="utf-8")
    nb = tmp_path / "nb"
    done = gloss("import", page, "--report", "--notebook", nb)
    refused = ("annotation 2 (http://example.org/anno1): refused: its target has no "
               "selectors: Gloss keeps quotes, not whole pages")
    assert (done.returncode, done.stdout) == (0, (
        "annotation 1 (http://example.org/anno23): kept: placed by its quote when its page "
        "is read; kept 1 body Gloss does not show\n" + refused + "\n"))
    assert done.stderr == (
        "gloss: imported 1 highlight and 1 article; 1 annotation refused\n"
        "gloss: 1 highlight without offsets Gloss can trust: placed by its quote when the "
        "page is read\n"
        f"gloss: {refused}\n")
    (item,) = json.loads(gloss("export", "--format", "json", "--notebook", nb).stdout)[
        "first"]["items"]
    assert (item["id"], item["body"]) == ("http://example.org/anno23",
                                          ["http://example.org/comment1"])
    assert item["target"]["selector"] == [_example("23")["target"]["selector"]]  # type: ignore[index]


def test_a_file_of_refused_annotations_is_an_error(tmp_path: Path) -> None:
    page = tmp_path / "page.json"
    page.write_text(json.dumps(_example("39")), encoding="utf-8")
    nb = tmp_path / "nb"
    done = gloss("import", page, "--notebook", nb)
    assert (done.returncode, done.stdout) == (6, "")
    assert done.stderr == "".join(
        f"gloss: annotation {n} (http://example.org/anno{n}): refused: its target has no "
        "selectors: Gloss keeps quotes, not whole pages\n" for n in (1, 2)
    ) + "gloss: none of the 2 annotations can be imported\n"
    assert not nb.exists()
