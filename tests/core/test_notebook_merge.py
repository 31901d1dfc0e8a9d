"""Field-level merge: two writers that read the same highlight and each change it keep both
changes (tags as sets, removals explicit, note and colour to the last writer with the other
version kept in the record's history). Two real Notebook objects on one folder stand for
two processes: each reads at open and writes later, under the lock, on what is on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.core.export.annotations import annotation_collection, parse_annotations
from tui.core.model.article import Article, Block, BlockKind
from tui.core.model.highlight import Highlight, Overwritten, Target
from tui.core.model.records import article_id_for
from tui.core.notebook.api import Notebook
from tui.core.notebook.errors import NotInNotebook
from tui.core.notebook.merge import Edit, rebase

TEXT = "One passage to mark, and another one after it, and a third one at the end."


@pytest.fixture
def two(tmp_path: Path) -> tuple[Notebook, Notebook, Highlight]:
    """Two notebooks open on one folder, both having read one highlight tagged 't'."""
    root = tmp_path / "nb"
    a = Article(title="T", blocks=(Block(BlockKind.PARAGRAPH, TEXT),), url="https://e.com/1")
    first = Notebook.open(root)
    first.save_article(a)
    h = first.add_highlight(
        Highlight(article_id_for(a), Target.of(a.text, 0, 11, a.text_hash), tags=("t",))
    )
    return first, Notebook.open(root), h


def test_tags_added_by_two_writers_are_both_kept(two: tuple[Notebook, Notebook, Highlight]) -> None:
    first, second, h = two
    first.update_highlight(h.edited(tags=(*h.tags, "x")))
    stored = second.update_highlight(h.edited(tags=(*h.tags, "y")))  # second read it before x
    assert stored.tags == ("t", "x", "y")
    assert Notebook.open(first.path).highlight(h.id) == stored


def test_a_removal_is_explicit_and_never_takes_a_tag_it_did_not_see(
    two: tuple[Notebook, Notebook, Highlight],
) -> None:
    first, second, h = two
    first.update_highlight(h.edited(tags=(*h.tags, "x")))
    stored = second.update_highlight(h.edited(tags=()))  # second removes 't', never saw 'x'
    assert stored.tags == ("x",)


def test_note_and_colour_go_to_the_last_writer_and_the_other_is_kept(
    two: tuple[Notebook, Notebook, Highlight],
) -> None:
    first, second, h = two
    theirs = first.update_highlight(h.edited(note="first note", color="green"))
    stored = second.update_highlight(h.edited(note="second note", color="blue", tags=("t", "y")))
    assert (stored.note, stored.color, stored.tags) == ("second note", "blue", ("t", "y"))
    assert stored.history == (
        Overwritten("note", "first note", theirs.updated),
        Overwritten("color", "green", theirs.updated),
    )
    again = Notebook.open(first.path).highlight(h.id)
    assert again == stored  # the history is on disk


def test_an_edit_of_ones_own_value_keeps_no_history(
    two: tuple[Notebook, Notebook, Highlight],
) -> None:
    first, _, h = two
    once = first.update_highlight(h.edited(note="one"))
    twice = first.update_highlight(once.edited(note="two"))
    assert twice.note == "two" and twice.history == ()


def test_an_edit_of_a_highlight_deleted_elsewhere_is_refused_and_it_stays_deleted(
    two: tuple[Notebook, Notebook, Highlight],
) -> None:
    first, second, h = two
    first.delete_highlight(h.id)
    with pytest.raises(NotInNotebook):
        second.update_highlight(h.edited(tags=("t", "y")))
    assert Notebook.open(first.path).highlight(h.id) is None


def test_an_explicit_base_counts_over_what_the_process_read_since(
    two: tuple[Notebook, Notebook, Highlight],
) -> None:
    first, second, h = two
    first.update_highlight(h.edited(tags=(*h.tags, "x")))
    second.refresh()  # the second process now knows 'x', but its caller read h before it
    stored = second.update_highlight(h.edited(tags=(*h.tags, "y")), base=h)
    assert stored.tags == ("t", "x", "y")


def test_edit_highlight_applies_a_change(two: tuple[Notebook, Notebook, Highlight]) -> None:
    first, second, h = two
    first.update_highlight(h.edited(tags=(*h.tags, "x")))
    stored = second.edit_highlight(h.id, Edit(add_tags=("y",), remove_tags=("t",), note="n"))
    assert (stored.tags, stored.note) == (("x", "y"), "n")
    assert second.edit_highlight(h.id, Edit()) == stored  # nothing to change: nothing written


def test_rebase_remakes_a_dialogs_edit_on_the_current_record(
    two: tuple[Notebook, Notebook, Highlight],
) -> None:
    _, _, h = two
    current = h.edited(tags=("t", "cli"), note="from the cli")
    wanted = h.edited(tags=("t", "mine"), color="pink")
    got = rebase(h, wanted, current)
    assert (got.tags, got.note, got.color) == (("t", "cli", "mine"), "from the cli", "pink")


def test_history_survives_export_and_import_tolerates_it(
    two: tuple[Notebook, Notebook, Highlight], tmp_path: Path
) -> None:
    first, second, h = two
    first.update_highlight(h.edited(note="a"))
    stored = second.update_highlight(h.edited(note="b"))
    assert stored.history
    nb = Notebook.open(first.path)
    raw = json.dumps(annotation_collection(nb.articles(), nb.highlights())).encode()
    _, highlights = parse_annotations(raw)
    assert [(x.id, x.note) for x in highlights] == [(h.id, "b")]
    garbled = stored.to_dict() | {"history": [{"field": 1}, "x", {"field": "note", "value": "v"}]}
    assert Highlight.from_dict(garbled).history == (Overwritten("note", "v", ""),)
