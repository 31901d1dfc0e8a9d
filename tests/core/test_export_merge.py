"""Exporting again into a file or folder Gloss wrote: updates in place, appends, drops, keeps
the user's words, and never duplicates, however often it runs.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.test_export_seed import SAVED, TITLE, seed
from tui.core.export.errors import ForeignFileError, MarkerError
from tui.core.export.exporter import (
    ExportOptions,
    Scope,
    check_destination,
    export_file,
    export_folder,
)
from tui.core.export.merge import (
    KEPT_NOTE,
    MARKER,
    Document,
    Region,
    id_key,
    parse_key,
    region_key,
    regions_in,
    render_document,
)
from tui.core.model.article import Article
from tui.core.model.highlight import Highlight, Target
from tui.core.model.records import SavedArticle

USER_TOP = "My reading notes on this piece, written by hand.\n"
USER_MIDDLE = "A thought of mine between two quotes."
USER_END = "\n## My conclusion\n\nThe showrunners talk to each other.\n"


def begin_count(text: str) -> dict[str, int]:
    """How many times each region key begins in ``text``."""
    counts: dict[str, int] = {}
    for line in text.split("\n"):
        match = MARKER.match(line)
        if match and match.group(1) == "begin":
            key = " ".join(t for t in match.group(2).split(" ") if not t.startswith("hash="))
            counts[key] = counts.get(key, 0) + 1
    return counts


def without_hashes(text: str) -> str:
    return re.sub(r" hash=[0-9a-f]+ -->", " -->", text)


def add_user_text(path: Path) -> None:
    """Write the way a user would: outside the regions, above, between and below them."""
    text = path.read_text()
    text = text.replace("---\n\n<!-- gloss:begin article", "---\n\n" + USER_TOP +
                        "\n<!-- gloss:begin article", 1)
    lines = text.split("\n")
    # After the second region's end: between two quotes.
    ends = [n for n, line in enumerate(lines) if line.startswith("<!-- gloss:end id=")]
    lines.insert(ends[0] + 1, "\n" + USER_MIDDLE)
    path.write_text("\n".join(lines) + USER_END)


def new_highlight(article: Article, record: SavedArticle) -> Highlight:
    phrase = "Luke Cage will make Harlem the hottest spot in New York"
    start = article.text.index(phrase)
    return Highlight(
        article_id=record.id,
        target=Target.of(article.text, start, start + len(phrase), article.text_hash),
        tags=("schedule",),
        id="77777777-8888-4999-8aaa-bbbbbbbbbbbb",
        created="2026-11-21T10:00:00Z",
    )


def test_five_runs_write_once_and_change_nothing(tmp_path: Path) -> None:
    s, path = seed(), tmp_path / "jj.md"
    actions = []
    for _ in range(5):
        report = export_file(path, [s.record], s.highlights, bodies=s.bodies)
        actions.append(report.files[0].action)
    assert actions == ["created"] + ["unchanged"] * 4
    assert set(begin_count(path.read_text()).values()) == {1}


def test_user_text_survives_updates_additions_and_deletions(tmp_path: Path) -> None:
    s, path = seed(), tmp_path / "jj.md"
    export_file(path, [s.record], s.highlights)
    add_user_text(path)
    changed_key = s.key.edited(note="Changed in Gloss.")
    added = new_highlight(s.article, s.record)
    # Run 2: one note changed, one highlight deleted (craft), one added.
    report = export_file(path, [s.record], [changed_key, s.across, added])
    regions = report.files[0].regions
    assert regions.updated == [f"id={s.key.id}"]
    assert regions.removed == [f"id={s.craft.id}"]
    assert regions.added == [f"id={added.id}"]
    text = path.read_text()
    assert USER_TOP in text and USER_MIDDLE in text and USER_END in text
    assert "Changed in Gloss." in text and s.key.note not in text
    assert "well-crafted relationship" not in text
    assert "\n\n\n" not in text  # a removed region leaves no hole
    # The new highlight comes last in reading order, so it is appended at the end.
    assert text.index(f"id={added.id}") > text.index("My conclusion")
    # Runs 3 to 7: nothing more happens, and nothing is ever there twice.
    for _ in range(5):
        assert export_file(path, [s.record], [changed_key, s.across, added]).files[0].action == (
            "unchanged"
        )
    assert path.read_text() == text
    assert set(begin_count(text).values()) == {1}


def test_updated_region_stays_where_it_was(tmp_path: Path) -> None:
    s, path = seed(), tmp_path / "jj.md"
    export_file(path, [s.record], s.highlights)
    add_user_text(path)
    before = path.read_text()
    export_file(path, [s.record], [s.key.edited(note="New note."), s.craft, s.across])
    after = path.read_text()
    assert without_hashes(after.replace("New note.", s.key.note)) == without_hashes(before)


def test_new_highlight_goes_before_the_next_one_in_reading_order(tmp_path: Path) -> None:
    s, path = seed(), tmp_path / "jj.md"
    export_file(path, [s.record], [s.craft, s.across])
    export_file(path, [s.record], s.highlights)
    keys = [key for key, _ in regions_in(path.read_text())]
    assert keys == [f"article={s.record.id}", f"id={s.craft.id}", f"id={s.key.id}",
                    f"id={s.across.id}"]


def test_edit_inside_a_region_is_kept_while_gloss_has_nothing_new(tmp_path: Path) -> None:
    s, path = seed(), tmp_path / "jj.md"
    export_file(path, [s.record], s.highlights)
    edited = path.read_text().replace(s.key.note, s.key.note + "\n\nMy own aside, inside.")
    path.write_text(edited)
    for _ in range(3):
        report = export_file(path, [s.record], s.highlights)
        assert report.files[0].action == "unchanged"
        assert report.kept == [(path, f"id={s.key.id}")]
    assert path.read_text() == edited


def test_edit_inside_a_region_is_never_overwritten_by_a_newer_version(tmp_path: Path) -> None:
    s, path = seed(), tmp_path / "jj.md"
    export_file(path, [s.record], s.highlights)
    edited = path.read_text().replace(s.key.note, "My rewrite of the note.")
    path.write_text(edited)
    newer = [s.key.edited(note="Gloss's newer note."), s.craft, s.across]
    report = export_file(path, [s.record], newer)
    assert report.conflicts == [(path, f"id={s.key.id}")]
    assert "edited in the file and changed in Gloss" in report.summary()
    assert path.read_text() == edited
    # Asked to, Gloss's version replaces the edit; then the region is Gloss's again.
    report = export_file(path, [s.record], newer, overwrite_edits=True)
    assert report.files[0].regions.updated == [f"id={s.key.id}"]
    text = path.read_text()
    assert "Gloss's newer note." in text and "My rewrite" not in text
    assert export_file(path, [s.record], newer).files[0].action == "unchanged"


def test_edited_region_of_a_deleted_highlight_becomes_plain_text(tmp_path: Path) -> None:
    s, path = seed(), tmp_path / "jj.md"
    export_file(path, [s.record], s.highlights)
    path.write_text(path.read_text().replace(s.key.note, "Keep this thought."))
    report = export_file(path, [s.record], [s.craft, s.across])
    assert report.released == [(path, f"id={s.key.id}")]
    text = path.read_text()
    assert f"<!-- gloss:kept id={s.key.id} {KEPT_NOTE} -->" in text
    assert "Keep this thought." in text
    assert f"id={s.key.id}" not in begin_count(text)
    for _ in range(4):  # never duplicated, never removed
        export_file(path, [s.record], [s.craft, s.across])
    assert path.read_text() == text


def test_emptied_region_means_the_user_wants_it_gone(tmp_path: Path) -> None:
    s, path = seed(), tmp_path / "jj.md"
    export_file(path, [s.record], s.highlights)
    body = dict(regions_in(path.read_text()))[f"id={s.craft.id}"]
    path.write_text(path.read_text().replace(body + "\n", ""))
    assert export_file(path, [s.record], s.highlights).kept == [(path, f"id={s.craft.id}")]
    assert "well-crafted" not in path.read_text()


def test_pasted_copy_of_a_region_is_dropped(tmp_path: Path) -> None:
    s, path = seed(), tmp_path / "jj.md"
    export_file(path, [s.record], s.highlights)
    text = path.read_text()
    start = text.index(f"<!-- gloss:begin id={s.craft.id}")
    end_marker = f"<!-- gloss:end id={s.craft.id} -->\n"
    end = text.index(end_marker) + len(end_marker)
    path.write_text(text + "\n" + text[start:end])
    export_file(path, [s.record], s.highlights)
    assert begin_count(path.read_text())[f"id={s.craft.id}"] == 1


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda t: t.rstrip("\n").rsplit("\n", 1)[0] + "\n", "never closed"),
        (lambda t: t.replace("<!-- gloss:end id=", "<!-- gloss:begin id=", 1), "begins inside"),
        (lambda t: t.replace("<!-- gloss:begin id=", "<!-- gloss:begin id=zz", 1),
         "does not match"),
        (lambda t: t + "<!-- gloss:end id=x -->\n", "without a begin"),
    ],
)
def test_broken_markers_stop_the_export_unless_forced(tmp_path: Path, damage, message) -> None:
    s, path = seed(), tmp_path / "jj.md"
    export_file(path, [s.record], s.highlights)
    broken = damage(path.read_text())
    path.write_text(broken)
    with pytest.raises(MarkerError) as caught:
        export_file(path, [s.record], s.highlights)
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert "line " in str(caught.value) and caught.value.exit_code == 5
    assert path.read_text() == broken
    assert export_file(path, [s.record], s.highlights, force=True).files[0].action == "replaced"
    assert set(begin_count(path.read_text()).values()) == {1}


def test_a_file_gloss_did_not_write_is_never_overwritten(tmp_path: Path) -> None:
    s, path = seed(), tmp_path / "mine.md"
    path.write_text("# My own notes\n\nNothing from Gloss here.\n")
    with pytest.raises(ForeignFileError, match="was not written by Gloss; export with --force"):
        export_file(path, [s.record], s.highlights)
    assert path.read_text() == "# My own notes\n\nNothing from Gloss here.\n"
    with pytest.raises(ForeignFileError):
        export_file(path, [s.record], s.highlights, ExportOptions(format="json"))
    assert export_file(path, [s.record], s.highlights, force=True).files[0].action == "replaced"
    assert TITLE in path.read_text()


def test_check_destination_before_any_work(tmp_path: Path) -> None:
    s = seed()
    mine, gloss = tmp_path / "mine.md", tmp_path / "gloss.md"
    mine.write_text("# Mine\n")
    export_file(gloss, [s.record], s.highlights)
    with pytest.raises(ForeignFileError, match=r"mine\.md was not written by Gloss"):
        check_destination(mine)
    check_destination(mine, force=True)
    check_destination(gloss)
    check_destination(tmp_path / "new.md")
    with pytest.raises(ForeignFileError):
        check_destination(gloss, "json")  # Markdown from Gloss is not a Gloss JSON file


def test_an_empty_file_may_be_written(tmp_path: Path) -> None:
    s, path = seed(), tmp_path / "empty.md"
    path.write_text("")
    assert export_file(path, [s.record], s.highlights).files[0].action == "updated"
    assert len(regions_in(path.read_text())) == 4


def test_front_matter_keeps_user_keys_and_updates_gloss_keys(tmp_path: Path) -> None:
    s, path = seed(), tmp_path / "jj.md"
    export_file(path, [s.record], s.highlights)
    text = path.read_text()
    user_keys = "# my comment stays\naliases:\n  - JJ S2 piece\nrating: 4  # out of 5\n"
    path.write_text(text.replace("gloss_id:", user_keys + "gloss_id:", 1))
    renamed = replace(s.record, title="A New Title: With Colon", byline=None)
    export_file(path, [renamed], s.highlights)
    text = path.read_text()
    assert user_keys in text  # comments and formatting untouched
    data = yaml.safe_load(text[4 : text.index("\n---\n")])
    assert data["title"] == "A New Title: With Colon"
    assert "author" not in data  # a Gloss key Gloss no longer writes goes away
    assert data["aliases"] == ["JJ S2 piece"] and data["rating"] == 4
    assert data["saved"] == SAVED


def test_front_matter_rewritten_by_another_tool_still_merges(tmp_path: Path) -> None:
    s, path = seed(), tmp_path / "jj.md"
    export_file(path, [s.record], s.highlights)
    text = path.read_text()
    head, rest = text[4:].split("\n---\n", 1)
    data = yaml.safe_load(head)
    data["cssclasses"] = ["wide"]
    flow = "{" + ", ".join(f"{k}: {yaml.safe_dump(v, default_flow_style=True).strip()}"
                           for k, v in data.items()) + "}"
    path.write_text(f"---\n{flow}\n---\n{rest}")
    export_file(path, [s.record], s.highlights)
    merged = path.read_text()
    assert yaml.safe_load(merged[4 : merged.index("\n---\n")])["cssclasses"] == ["wide"]
    assert export_file(path, [s.record], s.highlights).files[0].action == "unchanged"


def test_windows_line_endings_are_kept(tmp_path: Path) -> None:
    s, path = seed(), tmp_path / "jj.md"
    export_file(path, [s.record], s.highlights)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    export_file(path, [s.record], [s.key.edited(note="crlf"), s.craft, s.across])
    raw = path.read_bytes()
    assert b"crlf\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n")


def test_unchanged_export_does_not_touch_the_file(tmp_path: Path) -> None:
    s, path = seed(), tmp_path / "jj.md"
    export_file(path, [s.record], s.highlights)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    export_file(path, [s.record], s.highlights)
    assert path.stat().st_mtime_ns == 1_000_000_000


def test_tag_board_inserts_a_new_tag_section_in_its_place(tmp_path: Path) -> None:
    s, path = seed(), tmp_path / "board.md"
    options = ExportOptions(layout="tag")
    export_file(path, [s.record], [s.key, s.across], options)
    add = new_highlight(s.article, s.record)  # tag "schedule": between defenders and untagged
    for _ in range(3):
        export_file(path, [s.record], [s.key, s.across, add], options)
    sections = [k for k, _ in regions_in(path.read_text()) if " " not in k]
    assert sections == ["header", "tag=collaboration", "tag=defenders", "tag=schedule",
                        "untagged"]
    assert set(begin_count(path.read_text()).values()) == {1}


def test_folder_finds_a_renamed_or_moved_file_by_its_id(tmp_path: Path) -> None:
    s = seed()
    export_folder(tmp_path, [s.record], s.highlights)
    (tmp_path / "sub").mkdir()
    (tmp_path / f"{TITLE}.md").rename(tmp_path / "sub" / "Jessica Jones.md")
    report = export_folder(tmp_path, [s.record], [s.key.edited(note="moved"), s.craft])
    assert [f.path for f in report.files] == [tmp_path / "sub" / "Jessica Jones.md"]
    assert "moved" in (tmp_path / "sub" / "Jessica Jones.md").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sub"]


def test_folder_never_writes_over_someone_elses_file(tmp_path: Path) -> None:
    s = seed()
    mine = tmp_path / f"{TITLE}.md"
    mine.write_text("my own file\n")
    report = export_folder(tmp_path, [s.record], s.highlights)
    assert mine.read_text() == "my own file\n"
    assert report.files[0].path.name == f"{TITLE} ({s.record.id[:8]}).md"


def test_folder_gives_two_articles_with_one_title_two_files(tmp_path: Path) -> None:
    s = seed()
    other = replace(s.record, id="0123456789abcdef", url="https://example.com/2",
                    canonical_url="https://example.com/2")
    moved = replace(s.craft, article_id=other.id, id="abababab-abab-4bab-8bab-abababababab")
    report = export_folder(tmp_path, [s.record, other], [s.key, moved])
    names = sorted(f.path.name for f in report.files)
    # Same time saved: the article with the smaller id came first and got the plain name.
    assert names == [f"{TITLE} ({s.record.id[:8]}).md", f"{TITLE}.md"]
    again = export_folder(tmp_path, [s.record, other], [s.key, moved])
    assert sorted(f.path.name for f in again.files) == names
    assert {f.action for f in again.files} == {"unchanged"}


def test_json_file_is_rewritten_whole_and_only_if_gloss_wrote_it(tmp_path: Path) -> None:
    s, path = seed(), tmp_path / "notes.json"
    options = ExportOptions(format="json")
    assert export_file(path, [s.record], s.highlights, options).files[0].action == "created"
    assert export_file(path, [s.record], s.highlights, options).files[0].action == "unchanged"
    assert export_file(path, [s.record], [s.key], options).files[0].action == "updated"
    path.write_text('{"someone": "else"}')
    with pytest.raises(ForeignFileError):
        export_file(path, [s.record], [s.key], options)


def test_collection_of_two_articles_merges_per_article(tmp_path: Path) -> None:
    s, path = seed(), tmp_path / "all.md"
    other = SavedArticle(id="0123456789abcdef", title="Another piece", url="https://example.com/a",
                         saved="2026-11-22T00:00:00Z")
    moved = replace(s.craft, article_id=other.id, id="abababab-abab-4bab-8bab-abababababab")
    export_file(path, [s.record, other], [s.key, moved])
    text = path.read_text()
    assert yaml.safe_load(text[4 : text.index("\n---\n")])["title"] == "Gloss highlights"
    keys = [k for k, _ in regions_in(text)]
    assert keys == ["header", f"article={s.record.id}", f"id={s.key.id}", f"article={other.id}",
                    f"id={moved.id}"]
    assert dict(regions_in(text))["header"] == "# Gloss highlights"
    # A new highlight of the first article goes into its section, not at the end.
    export_file(path, [s.record, other], [s.key, s.across, moved])
    keys = [k for k, _ in regions_in(path.read_text())]
    assert keys.index(f"id={s.across.id}") == 3


# -- any sequence of exports --------------------------------------------------------------------

PHRASES = (
    "well-crafted relationship between the titular badass and her nemesis Kilgrave",
    "Jessica will be moving on in Season 2",
    "They enjoy collaboration, which is not always the case",
    "a lack of strong communication between everyone involved would be inauspicious at best",
    "the core relationship of the show",
    "Luke Cage will make Harlem the hottest spot in New York",
)
_USER = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n-#>"),
                min_size=1, max_size=30).filter(lambda t: "<!-- gloss:" not in t and t.strip())


def _pool(note_version: int) -> list[Highlight]:
    s = seed()
    out = []
    for n, phrase in enumerate(PHRASES):
        start = s.article.text.index(phrase)
        out.append(Highlight(
            article_id=s.record.id,
            target=Target.of(s.article.text, start, start + len(phrase), s.article.text_hash),
            tags=("a", "b")[: n % 3], note=f"note {n} v{note_version}" if n % 2 else "",
            id=f"00000000-0000-4000-8000-{n:012d}", created="2026-11-20T09:20:00Z",
        ))
    return out


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    runs=st.lists(st.tuples(st.sets(st.integers(0, 5)), st.integers(0, 2), _USER,
                            st.integers(0, 10)), min_size=1, max_size=5),
)
def test_any_sequence_of_exports_keeps_user_text_and_never_duplicates(
    tmp_path: Path, runs: list[tuple[set[int], int, str, int]]
) -> None:
    s = seed()
    path = tmp_path / f"seq-{abs(hash(str(runs)))}.md"
    written: list[str] = []
    for n, (chosen, version, user, where) in enumerate(runs):
        pool = _pool(version)
        highlights = [pool[i] for i in sorted(chosen)]
        export_file(path, [s.record], highlights)
        text = path.read_text()
        counts = begin_count(text)
        assert set(counts.values()) == {1}
        # No highlight at all: an empty collection, its heading the one region left.
        expected = {f"article={s.record.id}"} | {f"id={h.id}" for h in highlights}
        assert set(counts) == (expected if highlights else {"header"})
        for block in written:
            assert block in text
        assert export_file(path, [s.record], highlights).files[0].action == "unchanged"
        # The user writes a paragraph somewhere outside the regions.
        block = f"USER {n}: {user}"
        lines = text.split("\n")
        slots = [i for i, line in enumerate(lines) if line.startswith("<!-- gloss:begin")]
        slots.append(len(lines) - 1)
        at = slots[where % len(slots)]
        lines[at:at] = ["", block, ""]
        path.write_text("\n".join(lines))
        written.append(block)


# -- scope: what an export leaves alone ----------------------------------------------------------


def test_narrower_export_leaves_other_highlights_and_drops_deleted_ones(tmp_path: Path) -> None:
    s, path = seed(), tmp_path / "jj.md"
    export_file(path, [s.record], s.highlights)
    only = Scope.of_tags("collaboration")
    changed = s.key.edited(note="Changed.")
    report = export_file(path, [s.record], [changed, s.craft, s.across], scope=only)
    assert report.files[0].regions.outside == [f"id={s.craft.id}", f"id={s.across.id}"]
    assert report.files[0].regions.updated == [f"id={s.key.id}"]
    # craft is deleted from the notebook: out of scope or not, its region goes.
    report = export_file(path, [s.record], [changed, s.across], scope=only)
    assert report.files[0].regions.removed == [f"id={s.craft.id}"]
    keys = [k for k, _ in regions_in(path.read_text())]
    assert keys == [f"article={s.record.id}", f"id={s.key.id}", f"id={s.across.id}"]


def test_quote_board_of_one_tag_leaves_the_other_sections(tmp_path: Path) -> None:
    s, path = seed(), tmp_path / "board.md"
    options = ExportOptions(layout="tag")
    export_file(path, [s.record], s.highlights, options)
    before = [k for k, _ in regions_in(path.read_text())]
    report = export_file(path, [s.record], s.highlights, options, Scope.of_tags("defenders"))
    assert [k for k, _ in regions_in(path.read_text())] == before
    assert report.files[0].action == "unchanged"
    # The key quote loses its "defenders" tag in Gloss: that section's copy goes.
    untagged = replace(s.key, tags=("collaboration",))
    export_file(path, [s.record], [untagged, s.craft, s.across], options,
                Scope.of_tags("collaboration"))
    keys = [k for k, _ in regions_in(path.read_text())]
    assert f"tag=defenders id={s.key.id}" not in keys and "tag=defenders" not in keys
    assert f"tag=collaboration id={s.key.id}" in keys and "tag=character" in keys


def test_folder_prunes_deleted_quotes_from_files_outside_the_export(tmp_path: Path) -> None:
    s = seed()
    other = SavedArticle(id="0123456789abcdef", title="Another piece",
                         url="https://example.com/a", saved="2026-11-22T00:00:00Z")
    moved = replace(s.craft, article_id=other.id, id="abababab-abab-4bab-8bab-abababababab")
    export_folder(tmp_path, [s.record, other], [s.key, s.across, moved])
    other_file = tmp_path / "Another piece.md"
    other_file.write_text(other_file.read_text() + "\nMy words on it.\n")
    front = other_file.read_text().split("\n---\n")[0]
    # Every highlight of the other article is deleted from the notebook.
    report = export_folder(tmp_path, [s.record, other], [s.key, s.across])
    assert {f.path.name: f.action for f in report.files} == {
        f"{TITLE}.md": "unchanged", "Another piece.md": "updated"}
    text = other_file.read_text()
    assert [k for k, _ in regions_in(text)] == [f"article={other.id}"]
    assert text.startswith(front) and "My words on it." in text
    # Exported again, nothing moves.
    again = export_folder(tmp_path, [s.record, other], [s.key, s.across])
    assert {f.action for f in again.files} == {"unchanged"}


def _variants(text: str) -> list[str]:
    """A file Gloss wrote, and the ways a user or a tool may have touched it since."""
    first = text.index("<!-- gloss:end ")
    return [
        text,
        text.rstrip("\n"),  # no final newline
        text + "\n",  # a blank line more at the end
        text.replace("---\n", "---\naliases: [mine]\n", 1),  # the user's own key
        text[:first] + "my edit\n" + text[first:],  # an edited region
        text.replace("\n\n<!-- gloss:begin", "\n\n" + USER_MIDDLE + "\n\n<!-- gloss:begin", 1),
        text.replace(" hash=", " hash=0", 1),  # a hash that no longer matches
    ]


@pytest.mark.parametrize("layout", ["article", "tag"])
def test_unchanged_check_agrees_with_the_merge(tmp_path: Path, layout: str) -> None:
    # An export into a file nothing changed skips the merge (merge.unchanged_in): only when
    # the merge would give the file back as it is, every region unchanged.
    from tui.core.export.exporter import _exporter
    from tui.core.export.merge import MergeReport, merge_document, parse_file, unchanged_in

    s = seed()
    options = ExportOptions(layout=layout)  # type: ignore[arg-type]
    path = tmp_path / "notes.md"
    export_file(path, [s.record], s.highlights, options, bodies=s.bodies)
    written = path.read_text(encoding="utf-8")
    document = _exporter(options, s.bodies, Scope()).one_file([s.record], s.highlights)
    keys = [region.key for region in document.regions]
    agreed = 0
    for text in _variants(written):
        parsed = parse_file(text)
        merged, report = merge_document(parsed, document)
        same = merged == text and report == MergeReport(unchanged=keys)
        assert unchanged_in(text, parsed, document) == same
        agreed += same
    assert agreed == 3  # as written, with a key of the user's, with text of the user's
    # Through export_file: the file as written is reported unchanged, region by region.
    again = export_file(path, [s.record], s.highlights, options, bodies=s.bodies)
    assert again.files[0].action == "unchanged"
    assert again.files[0].regions == MergeReport(unchanged=keys)
    assert path.read_text(encoding="utf-8") == written


def test_a_file_written_in_pieces_is_the_text_joined(tmp_path: Path) -> None:
    # write_atomic streams a large export piece by piece; a piece may end anywhere, even
    # between the lines of a Windows file, and the file is the same as the text whole.
    from tui.core.export.files import write_atomic

    pieces = ["---\ntitle: x\n", "---\n", "\n", "a\n\nb", "\n", "", "c"]
    for newline in ("\n", "\r\n"):
        whole, streamed = tmp_path / "whole.md", tmp_path / "streamed.md"
        write_atomic(whole, "".join(pieces), newline)
        write_atomic(streamed, iter(pieces), newline)
        assert streamed.read_bytes() == whole.read_bytes()
        assert whole.read_bytes() == "".join(pieces).replace("\n", newline).encode()


@pytest.mark.parametrize("value", ["abc\n", "abc\r\n", "\n", "a-b\n"])
def test_a_key_value_ending_in_a_line_break_is_encoded(value: str) -> None:
    """A value ending in a line break is percent-encoded like any other break: a "$" in the
    plain-value pattern matched before a final newline and let it into the key as it was,
    which splits the marker line in two."""
    assert id_key(value) == region_key(("id", value))
    assert "\n" not in id_key(value) and "\r" not in id_key(value)
    assert parse_key(id_key(value)) == {"id": value}
    key = region_key(("tag", value), ("id", value))
    assert parse_key(key) == {"tag": value, "id": value}
    text = render_document(Document("t", {"title": "t"}, (Region(id_key(value), "> q"),)))
    assert regions_in(text) == [(id_key(value), "> q")]
