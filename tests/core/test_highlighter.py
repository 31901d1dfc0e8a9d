"""The one highlight write path (tui.core.reader.highlights): a new passage, the same passage
again, undo of either, and two processes highlighting one passage at once. Real notebooks
in tmp folders, real processes."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from tests.core.test_notebook import article
from tui.core.config import HighlightSettings
from tui.core.library import Library
from tui.core.model.highlight import Highlight, Target
from tui.core.notebook.api import Notebook
from tui.core.notebook.errors import NotebookReadOnly, NotInNotebook
from tui.core.reader.highlights import Highlighter, merge
from tui.core.reader.undo import ChangedElsewhere, describe_step

QUOTE = "the élan of a café"
BOUND = HighlightSettings(tags={"green": "quote-for-review"})


def saved(tmp_path: Path) -> tuple[Notebook, str, str, int, int]:
    """A notebook holding one article: (notebook, article id, its text, quote start, end)."""
    nb = Notebook.open(tmp_path / "nb")
    record = nb.save_article(article())
    text = nb.load_article(record.id).text
    start = text.index(QUOTE)
    return nb, record.id, text, start, start + len(QUOTE)


def test_merge_adds_tags_as_a_set_and_a_given_note_or_colour_replaces() -> None:
    a = article()
    h = Highlight("a1", Target.of(a.text, 0, 7, a.text_hash), tags=("x", "y"), note="old")
    assert merge(h) is h
    assert merge(h, tags=("y", "X", "#Z z")).tags == ("x", "y", "z-z")
    assert merge(h, note="new").note == "new"
    assert merge(h, note=None).note == "old"
    recoloured = merge(h, color="green", settings=BOUND)
    assert (recoloured.color, recoloured.tags) == ("green", ("x", "y", "quote-for-review"))
    assert merge(recoloured, color="pink", settings=BOUND).tags == ("x", "y")


def test_a_new_passage_then_the_same_passage_again_is_one_highlight(tmp_path: Path) -> None:
    nb, article_id, text, start, end = saved(tmp_path)
    seen: list[tuple[str, Highlight | None]] = []
    writer = Highlighter(nb, settings=BOUND, on_change=lambda i, h: seen.append((i, h)))
    first = writer.create(article_id, text, start, end, tags=["Café"], note="n")
    assert (first.before, first.repeated, first.changed) == (None, False, ())
    new = first.after
    assert (new.quote, new.tags, new.note, new.color) == (QUOTE, ("café",), "n", "yellow")
    assert seen == [(new.id, new)]

    again = writer.create(article_id, text, start, end, tags=["x", "café"], color="green")
    assert (again.before, again.repeated) == (new, True)
    assert again.after.id == new.id
    assert (again.after.tags, again.after.note, again.after.color) == (
        ("café", "x", "quote-for-review"),
        "n",
        "green",
    )
    assert (again.changed, again.added_tags) == (("tags", "color"), ("x", "quote-for-review"))
    assert Notebook.open(nb.path).highlights() == [again.after]

    nothing = writer.create(article_id, text, start, end, tags=["x"])
    assert (nothing.before, nothing.after, nothing.changed) == (again.after, again.after, ())

    # Undo of the merge gives back the highlight exactly as it was; undo again removes it.
    assert [c.after for c in writer.undo()] == [new]
    assert Notebook.open(nb.path).highlights() == [new]
    writer.undo()
    assert Notebook.open(nb.path).highlights() == []
    assert writer.history.can_undo is False
    writer.redo()
    writer.redo()
    assert Notebook.open(nb.path).highlights() == [again.after]


def test_another_version_of_the_text_finds_the_passage_by_its_quote(tmp_path: Path) -> None:
    nb, article_id, text, start, end = saved(tmp_path)
    writer = Highlighter(nb)
    first = writer.create(article_id, text, start, end).after
    # The same words, stored from another version of the page (another hash).
    old = Target(first.target.quote, first.target.position, "another version")
    nb.update_highlight(first.edited(target=old))
    again = writer.create(article_id, text, start, end, tags=["t"])
    assert again.before is not None and again.after.id == first.id
    assert len(nb.highlights()) == 1
    # Other words at the same offsets of another text are another passage.
    elsewhere = text.index("crème")
    writer.create(article_id, text, elsewhere, elsewhere + 5)
    assert len(nb.highlights()) == 2


def test_delete_is_all_or_nothing_and_a_change_made_elsewhere_is_left(tmp_path: Path) -> None:
    nb, article_id, text, start, end = saved(tmp_path)
    writer = Highlighter(nb)
    one = writer.create(article_id, text, start, end).after
    two = writer.create(article_id, text, 0, 7).after
    other = Notebook.open(nb.path)
    changed = other.update_highlight(two.edited(note="from elsewhere"))
    with pytest.raises(ChangedElsewhere):
        writer.delete([one, two])
    assert sorted(h.id for h in Notebook.open(nb.path).highlights()) == sorted([one.id, two.id])
    assert writer.history.can_undo is True  # the two adds, not the refused delete
    writer.delete([one, changed])
    assert Notebook.open(nb.path).highlights() == []
    writer.undo()  # one step brings both back
    assert sorted(Notebook.open(nb.path).highlights(), key=lambda h: h.id) == sorted(
        [one, changed], key=lambda h: h.id
    )


def test_bulk_tags_and_renames_are_one_step_each_undone_whole(tmp_path: Path) -> None:
    nb, article_id, text, start, end = saved(tmp_path)
    writer = Highlighter(nb)
    one = writer.create(article_id, text, start, end, tags=["a"]).after
    two = writer.create(article_id, text, 0, 7, tags=["b"]).after

    def tags() -> tuple[tuple[str, ...], ...]:
        fresh = Notebook.open(nb.path)
        return fresh.highlight(one.id).tags, fresh.highlight(two.id).tags  # type: ignore[union-attr]

    tagged = writer.retag([one.id, two.id], add=["b", "c"])
    assert (len(tagged), describe_step(tagged)) == (2, "the tag change on 2 highlights")
    assert tags() == (("a", "b", "c"), ("b", "c"))
    untagged = writer.retag([one.id, two.id], remove=["a"])
    assert len(untagged) == 1  # two had no "a": left out of the step
    renamed = writer.rename_tag("b", "c")  # a merge: both carry c already
    assert tags() == (("c",), ("c",))
    assert len(renamed) == 2
    assert writer.undo() and tags() == (("c", "b"), ("c", "b"))
    assert writer.undo() and tags() == (("c", "b", "a"), ("c", "b"))
    # The step before an undone untag is still undoable (tags compare as a set).
    assert writer.undo() and tags() == (("a",), ("b",))
    assert writer.redo() and tags() == (("a", "b", "c"), ("b", "c"))
    with pytest.raises(NotInNotebook):
        writer.retag([one.id, "nope"], add=["d"])
    assert tags() == (("a", "b", "c"), ("b", "c"))  # all or none


def test_a_bulk_undo_is_refused_whole_when_one_changed_elsewhere(tmp_path: Path) -> None:
    nb, article_id, text, start, end = saved(tmp_path)
    writer = Highlighter(nb)
    one = writer.create(article_id, text, start, end).after
    two = writer.create(article_id, text, 0, 7).after
    done = {c.highlight_id: c.after for c in writer.retag([one.id, two.id], add=["x"])}
    other = Notebook.open(nb.path)
    noted = other.update_highlight(done[two.id].edited(note="mine"))  # type: ignore[union-attr]
    with pytest.raises(ChangedElsewhere):
        writer.undo()
    fresh = Notebook.open(nb.path)
    assert (fresh.highlight(one.id), fresh.highlight(two.id)) == (done[one.id], noted)
    assert writer.history.can_undo and not writer.history.can_redo  # the step is kept


def test_a_read_only_notebook_records_nothing(tmp_path: Path) -> None:
    nb, article_id, text, start, end = saved(tmp_path)
    writer = Highlighter(Notebook.open(nb.path, read_only=True))
    with pytest.raises(NotebookReadOnly):
        writer.create(article_id, text, start, end)
    assert writer.history.can_undo is False


# -- two processes at once ------------------------------------------------------------------


def _highlight_when_told(
    folder: str, article_id: str, tag: str, ready: object, go: object, out: object
) -> None:
    """A process with the article open (as a reader, or `gloss highlight` beside it, has it):
    it has looked at the highlights already; when told, it highlights the same passage."""
    nb = Notebook.open(Path(folder))
    opened = Library(nb).open_saved(article_id)
    text = opened.article.text
    start = text.index(QUOTE)
    ready.set()  # type: ignore[attr-defined]
    go.wait()  # type: ignore[attr-defined]
    done = Highlighter(nb).create(article_id, text, start, start + len(QUOTE), tags=[tag])
    out.put(done.after.id)  # type: ignore[attr-defined]


def test_two_processes_highlighting_one_passage_at_once_make_one_highlight(
    tmp_path: Path,
) -> None:
    nb, article_id, _, _, _ = saved(tmp_path)
    spawn = multiprocessing.get_context("spawn")
    go, out = spawn.Event(), spawn.Queue()
    readies = [spawn.Event(), spawn.Event()]
    workers = [
        spawn.Process(
            target=_highlight_when_told,
            args=(str(nb.path), article_id, tag, ready, go, out),
        )
        for tag, ready in zip(["first", "second"], readies, strict=True)
    ]
    for worker in workers:
        worker.start()
    for ready in readies:
        assert ready.wait(120)
    go.set()  # both have read the notebook and seen no highlight of the passage
    ids = [out.get(timeout=120), out.get(timeout=120)]
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    (stored,) = Notebook.open(nb.path).highlights()
    assert ids == [stored.id, stored.id]
    assert sorted(stored.tags) == ["first", "second"]
