"""Hostile text never drives the terminal: escape sequences, C0/C1 controls and bidi overrides
put in every field of an import file come out of no command.

A terminal acts on ESC sequences (OSC 52 writes the clipboard, OSC 0 retitles the window, CSI
moves the cursor and clears the screen), on C1 controls (0x9b is a CSI on its own) and on
bidi overrides (text shown in another order than stored). The property test imports arbitrary
such text as title, byline, site, URL, quote, prefix, note and tags, then runs every command
that prints stored data (in-process, through ``tui.cli.main``) and checks each byte it wrote.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.test_cli_notebook import gloss
from tui.cli import main

# What a terminal may act on: every C0 control but newline and tab (ESC among them), DEL,
# every C1 control, the bidi embeddings/overrides and isolates.
INTERPRETED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# The issue's examples and their relatives: whole sequences, and their pieces alone.
SEQUENCES = [
    "\x1b]52;c;ZWNobyBQV05FRA==\x07",  # OSC 52: write the clipboard
    "\x1b]0;T\x07",  # OSC 0: set the window title
    "\x1b]8;;https://evil.example\x1b\\",  # OSC 8: a hyperlink
    "\x1b[2J", "\x1b[31m", "\x1b[6n",  # CSI: clear, colour, ask the cursor position
    "\x9b31m", "\x9d0;T\x9c",  # the same through C1 controls
    "\x1bP$q\x1b\\", "\x1b_x\x1b\\", "\x1bc",  # DCS, APC, reset
    "\u202e", "\u202a", "\u2066", "\u2069",  # bidi overrides and isolates
    "\r", "\x07", "\x08", "\x00", "\x85", "\x7f", "\x1b",
]
_char = st.one_of(
    st.characters(max_codepoint=0x9F),  # every C0 and C1 control and ASCII
    st.characters(blacklist_categories=("Cs",)),  # anything else (no lone surrogates)
    st.sampled_from(["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2069"]),
)
hostile = st.lists(st.one_of(st.sampled_from(SEQUENCES), st.text(_char, max_size=6)),
                   max_size=5).map("".join)

COMMANDS = [
    ["notebook", "list"],
    ["notebook", "list", "--json"],
    ["notebook", "tags"],
    ["notebook", "search", "needle"],
    ["notebook", "articles"],
    ["notebook", "articles", "--json"],
    ["export"],
    ["export", "--format", "json"],
]
ARTICLE_ID = "0123456789abcdef"


def annotation_file(title: str, byline: str, site: str, url: str, quote: str, prefix: str,
                    note: str, tag: str) -> dict[str, object]:
    """A Gloss-style AnnotationPage with one article and one highlight, every field given."""
    return {
        "type": "AnnotationPage",
        "gloss:articles": [{
            "id": ARTICLE_ID, "title": title, "url": url, "canonical_url": url,
            "byline": byline, "site_name": site, "published": byline,
            "saved": "2026-01-01T00:00:00Z", "progress": 0.5, "read": False,
        }],
        "items": [{
            "type": "Annotation",
            "id": "urn:uuid:00000000-0000-4000-8000-000000000001",
            "gloss:article": ARTICLE_ID,
            "created": "2026-01-02T00:00:00Z",
            "body": [
                {"type": "TextualBody", "value": note, "purpose": "commenting"},
                {"type": "TextualBody", "value": tag, "purpose": "tagging"},
                {"type": "TextualBody", "value": "kept", "purpose": "tagging"},
            ],
            "target": {
                "source": url,
                "selector": [
                    {"type": "TextQuoteSelector", "exact": quote, "prefix": prefix, "suffix": ""},
                    {"type": "TextPositionSelector", "start": 0, "end": len(quote)},
                ],
            },
        }],
    }


def run(*argv: str | Path) -> tuple[int, str, str]:
    """``gloss ARGV`` in this process: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def assert_terminal_safe(text: str, where: str) -> None:
    found = INTERPRETED.search(text)
    assert found is None, f"{where} printed {found.group()!r} in {text!r}"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=hostile, byline=hostile, site=hostile, url=hostile, quote=hostile,
       prefix=hostile, note=hostile, tag=hostile)
def test_no_command_prints_what_a_terminal_interprets(
    title: str, byline: str, site: str, url: str, quote: str, prefix: str, note: str, tag: str,
) -> None:
    folder = Path(tempfile.mkdtemp(prefix="gloss-escapes-"))
    try:
        source = folder / "hostile.json"
        data = annotation_file(title, byline, site, "https://example.com/" + url,
                               quote + " needle", prefix, note, tag)
        source.write_text(json.dumps(data), encoding="utf-8")
        nb = folder / "nb"
        code, out, err = run("import", source, "--notebook", nb)
        assert code == 0, err
        assert_terminal_safe(out + err, "import")
        for command in COMMANDS:
            code, out, err = run(*command, "--notebook", nb)
            assert code == 0, (command, err)
            assert_terminal_safe(out + err, " ".join(command))
        # The highlight is there, found by its words: cleaning dropped controls, not data.
        code, out, _ = run("notebook", "search", "needle", "--json", "--notebook", nb)
        (record,) = json.loads(out)
        assert record["quote"].endswith(" needle")
        assert "kept" in record["tags"]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_the_issue_example_through_a_real_process(tmp_path: Path) -> None:
    """The issue's W3C Annotation, and a --note with an OSC sequence, through `python -m tui`."""
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps({
        "type": "Annotation",
        "created": "2026-01-05T10:00:00Z",
        "body": [{"type": "TextualBody", "value": "tag\u001b]0;T\u0007", "purpose": "tagging"}],
        "target": {
            "source": "https://example.com/\u001b]52;c;ZWNobyBQV05FRA==\u0007",
            "selector": {"type": "TextQuoteSelector", "exact": "a quoted\u202e phrase"},
        },
    }), encoding="utf-8")
    nb = tmp_path / "nb"
    done = gloss("import", source, "--notebook", nb)
    assert (done.returncode, done.stderr) == (0, "gloss: imported 1 highlight and 1 article\n"
        "gloss: 1 highlight without offsets Gloss can trust: placed by its quote when the "
        "page is read\n")
    listed = gloss("notebook", "list", "--json", "--notebook", nb)
    (record,) = json.loads(listed.stdout)
    assert (record["quote"], record["tags"], record["article_url"]) == (
        "a quoted phrase", ["tag"], "https://example.com/"
    )
    # Nothing was stored raw either: the notebook's own files hold no escape.
    stored = "".join(p.read_text(encoding="utf-8") for p in nb.rglob("*.json"))
    assert "\\u001b" not in stored and "\x1b" not in stored
    for command in COMMANDS:
        done = gloss(*command, "--notebook", nb)
        assert done.returncode == 0, (command, done.stderr)
        assert_terminal_safe(done.stdout + done.stderr, " ".join(command))


def test_a_note_given_on_the_command_line_is_cleaned(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Notes</title></head><body><article><p>A sentence worth "
        "keeping, with enough words to be read as prose by the cleaner.</p></article>"
        "</body></html>", encoding="utf-8")
    nb = tmp_path / "nb"
    code, _, err = run("highlight", page, "--quote", "worth keeping", "--note",
                       "see \x1b]52;c;ZWNobyBQV05FRA==\x07this", "--tag", "a\x1b[31mb",
                       "--notebook", nb)
    assert code == 0, err
    code, out, _ = run("notebook", "list", "--json", "--notebook", nb)
    (record,) = json.loads(out)
    assert (record["note"], record["tags"]) == ("see this", ["ab"])


def test_clean_prints_no_escape_from_a_canonical_url(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><title>T&#27;]0;x&#7;itle</title><link rel="canonical" '
        'href="https://example.com/a&#27;]52;c;ZWNobyBQV05FRA==&#7;b"></head><body><article>'
        "<p>A sentence worth keeping, with enough words to be read as prose by the cleaner.</p>"
        "</article></body></html>", encoding="utf-8")
    code, out, err = run("clean", page, "--format", "markdown")
    assert code == 0, err
    assert_terminal_safe(out, "clean")
    assert "https://example.com/ab" in out
    page.write_text(page.read_text(encoding="utf-8").replace(
        "https://example.com/a", "javascript:alert(1)//"), encoding="utf-8")
    code, out, err = run("clean", page, "--format", "markdown")
    assert code == 0, err
    assert "javascript" not in out
