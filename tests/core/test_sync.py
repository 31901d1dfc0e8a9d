"""Sync through git, with real git and local bare repositories in tmp dirs (no network):
clones converge byte for byte; records merge by field (tags as sets, note and colour by
time with the other kept, edit against delete kept and flagged, reading state the later);
an unreachable remote leaves work going on offline; a remote that is not a notebook is
refused; a force-pushed remote is merged without loss; the remote is untrusted."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.support.syncworld import TEXT, Machine, article, data_files, git_env, make_world
from tui.core.model import Highlight, Overwritten, Target
from tui.core.notebook import DELETED_ELSEWHERE, Edit, Notebook
from tui.core.sync import NotAGlossRemote, NotSynced, init, status, sync


@pytest.fixture(autouse=True)
def _git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM", "GIT_TERMINAL_PROMPT"):
        monkeypatch.setenv(name, os.environ.get(name, ""))  # restored after the test
    git_env()


def git(*args: str | Path) -> str:
    return subprocess.run(
        ["git", *map(str, args)], capture_output=True, text=True, check=True
    ).stdout


def seeded(m: Machine, n: int = 1, at: int = 0) -> Highlight:
    """Article n saved on ``m`` with one highlight at ``at``; the highlight."""
    nb = m.open()
    record = nb.save_article(article(n))
    return nb.add_highlight(
        Highlight(record.id, Target.of(TEXT, at, at + 8, record.text_hash), tags=("t",))
    )


def everyone_syncs(machines: list[Machine], rounds: int = 2) -> None:
    for _ in range(rounds):
        for m in machines:
            m.sync()


def test_three_clones_converge_byte_for_byte(tmp_path: Path) -> None:
    machines = make_world(tmp_path, 3)
    ids = [seeded(m, n, at=n * 10).id for n, m in enumerate(machines)]
    everyone_syncs(machines)
    first = data_files(machines[0].root)
    assert all(data_files(m.root) == first for m in machines[1:])
    assert {h.id for h in machines[2].open().highlights()} == set(ids)
    # Nothing left to commit anywhere, and each machine is level with the remote.
    for m in machines:
        assert git("-C", m.root, "status", "--porcelain") == ""
        s = status(m.root)
        assert (s.ahead, s.behind, s.unsynced, s.flagged) == (0, 0, 0, 0)


def test_a_new_machine_takes_the_notebook_as_it_is(tmp_path: Path) -> None:
    git_env()
    a = Machine("a", tmp_path / "a")
    h = seeded(a)
    init(a.root, str(tmp_path / "remote.git"), machine="a")
    b = Machine("b", tmp_path / "b")
    lines = init(b.root, str(tmp_path / "remote.git"), machine="b").lines
    assert lines[-1].startswith("took highlights: 1 added; articles: 1 added")
    assert data_files(b.root) == data_files(a.root)
    assert git("-C", b.root, "rev-parse", "HEAD") == git("-C", a.root, "rev-parse", "HEAD")
    assert b.open().highlight(h.id) == h


def test_edit_on_one_machine_and_delete_on_the_other_keeps_it_flagged(tmp_path: Path) -> None:
    a, b = make_world(tmp_path, 2)
    h = seeded(a)
    everyone_syncs([a, b])
    a.open().delete_highlight(h.id)
    b.open().edit_highlight(h.id, Edit(note="kept", updated="2030-01-01T00:00:00Z"))
    everyone_syncs([a, b])
    kept = a.open().highlight(h.id)
    assert kept is not None and kept.note == "kept"
    assert Overwritten(DELETED_ELSEWHERE, "", "2030-01-01T00:00:00Z") in kept.history
    assert data_files(a.root) == data_files(b.root)
    assert status(a.root).flagged == 1


def test_delete_on_one_machine_and_nothing_on_the_other_deletes(tmp_path: Path) -> None:
    a, b = make_world(tmp_path, 2)
    h = seeded(a)
    seeded(b, 2)
    everyone_syncs([a, b])
    a.open().delete_highlight(h.id)
    everyone_syncs([a, b])
    assert b.open().highlight(h.id) is None


def test_tags_added_and_removed_on_both_machines_all_hold(tmp_path: Path) -> None:
    a, b = make_world(tmp_path, 2)
    h = seeded(a)
    a.open().edit_highlight(h.id, Edit(add_tags=("x", "y")))
    everyone_syncs([a, b])
    a.open().edit_highlight(h.id, Edit(add_tags=("a1",), remove_tags=("x",)))
    b.open().edit_highlight(h.id, Edit(add_tags=("b1",), remove_tags=("y",)))
    everyone_syncs([a, b])
    assert b.open().highlight(h.id).tags == ("a1", "b1", "t")  # type: ignore[union-attr]
    assert data_files(a.root) == data_files(b.root)


def test_notes_changed_on_both_keep_the_later_and_the_other_in_history(tmp_path: Path) -> None:
    a, b = make_world(tmp_path, 2)
    h = seeded(a)
    everyone_syncs([a, b])
    a.open().edit_highlight(h.id, Edit(note="later", updated="2030-01-02T00:00:00Z"))
    b.open().edit_highlight(h.id, Edit(note="earlier", updated="2030-01-01T00:00:00Z"))
    b.sync()  # b pushes first: a's merge must still pick its own, later note
    everyone_syncs([a, b])
    merged = b.open().highlight(h.id)
    assert merged is not None and merged.note == "later"
    assert Overwritten("note", "earlier", "2030-01-01T00:00:00Z") in merged.history
    assert status(b.root).kept_versions == 1


def test_reading_progress_takes_the_later_reading(tmp_path: Path) -> None:
    a, b = make_world(tmp_path, 2)
    h = seeded(a)
    everyone_syncs([a, b])
    a.open().update_article(h.article_id, progress=0.9, last_read="2030-01-01T00:00:00Z")
    b.open().update_article(h.article_id, progress=0.2, last_read="2030-01-02T00:00:00Z")
    everyone_syncs([a, b])
    record = a.open().article(h.article_id)
    assert record is not None
    assert (record.progress, record.last_read) == (0.2, "2030-01-02T00:00:00Z")


def test_an_article_deleted_on_one_machine_goes_everywhere(tmp_path: Path) -> None:
    a, b = make_world(tmp_path, 2)
    h = seeded(a)
    keep = seeded(a, 2)
    everyone_syncs([a, b])
    b.open().delete_article(h.article_id)
    everyone_syncs([a, b])
    nb = a.open()
    assert nb.article(h.article_id) is None and nb.highlight(h.id) is None
    assert nb.highlight(keep.id) == keep


def test_a_highlight_added_to_an_article_deleted_elsewhere_keeps_both(tmp_path: Path) -> None:
    a, b = make_world(tmp_path, 2)
    h = seeded(a)
    everyone_syncs([a, b])
    b.open().delete_article(h.article_id)
    new = a.open().add_highlight(
        Highlight(h.article_id, Target.of(TEXT, 30, 40, h.target.text_hash))
    )
    everyone_syncs([a, b])
    nb = b.open()
    assert nb.article(h.article_id) is not None
    assert nb.highlight(new.id) is not None and nb.highlight(h.id) is None
    assert data_files(a.root) == data_files(b.root)


def test_an_unreachable_remote_keeps_work_going_and_the_next_sync_catches_up(
    tmp_path: Path,
) -> None:
    a, b = make_world(tmp_path, 2)
    remote = tmp_path / "remote.git"
    remote.rename(tmp_path / "away.git")  # the shared drive is unplugged
    h = seeded(a)
    outcome = sync(a.root, machine="a")
    assert outcome.offline and outcome.lines[0].startswith("committed highlights: 1 added")
    assert outcome.lines[-1].startswith("offline: the remote cannot be reached")
    assert a.open().highlight(h.id) == h  # the notebook works on
    (tmp_path / "away.git").rename(remote)
    everyone_syncs([a, b])
    assert b.open().highlight(h.id) == h


def test_a_remote_that_is_not_a_notebook_is_refused(tmp_path: Path) -> None:
    git_env()
    other = tmp_path / "project"
    other.mkdir()
    (other / "README.md").write_text("not a notebook\n")
    git("-C", other, "init", "-q", "-b", "main")
    git("-C", other, "-c", "user.name=x", "-c", "user.email=x@x", "add", ".")
    git("-C", other, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "x")
    bare = tmp_path / "project.git"
    git("clone", "-q", "--bare", other, bare)
    nb = tmp_path / "nb"
    h = seeded(Machine("a", nb))
    with pytest.raises(NotAGlossRemote, match=r"holds no notebook\.json"):
        init(nb, str(bare), machine="a")
    assert not (nb / ".git").exists()  # left as it was: init can be retried elsewhere
    assert Notebook.open(nb).highlight(h.id) == h
    git("-C", bare, "branch", "-m", "main", "master")
    with pytest.raises(NotAGlossRemote, match="no branch 'main'"):
        init(nb, str(bare), machine="a")


def test_sync_before_init_says_how(tmp_path: Path) -> None:
    with pytest.raises(NotSynced, match="gloss sync init"):
        sync(tmp_path)


def test_a_force_pushed_remote_is_merged_by_record_and_nothing_is_lost(tmp_path: Path) -> None:
    a, b = make_world(tmp_path, 2)
    first = seeded(a)
    everyone_syncs([a, b])
    old = git("-C", a.root, "rev-parse", "HEAD").strip()
    second = seeded(a, 2)
    everyone_syncs([a, b])
    third = seeded(b, 3)
    # Someone rewinds the remote to an old state (a force-push of an old commit).
    git("-C", a.root, "push", "-q", "--force", tmp_path / "remote.git", f"{old}:refs/heads/main")
    lines = b.sync()
    assert "the remote's history was rewritten (a force-push?); merged by record" in lines
    everyone_syncs([a, b])
    nb = a.open()
    assert {first.id, second.id, third.id} <= {h.id for h in nb.highlights()}
    assert data_files(a.root) == data_files(b.root)


def test_the_remote_cannot_run_anything_or_write_outside_the_notebook(tmp_path: Path) -> None:
    a, b = make_world(tmp_path, 2)
    h = seeded(a)
    everyone_syncs([a, b])
    # A hostile commit: a script, a hooks folder, an escape sequence in a note.
    evil = tmp_path / "evil"
    git("clone", "-q", tmp_path / "remote.git", evil)
    (evil / "run.sh").write_text("#!/bin/sh\ntouch pwned\n")
    shard = next((evil / "highlights").iterdir())
    shard.write_bytes(shard.read_bytes().replace(b'"note":""', b'"note":"\\u001b]0;x\\u0007hi"'))
    git("-C", evil, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qam", "x")
    git("-C", evil, "add", "--force", "run.sh")
    git("-C", evil, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "y")
    git("-C", evil, "push", "-q", "origin", "HEAD:main")
    # A hook in b's own repository must not run either: sync never calls hooks.
    hook = b.root / ".git" / "hooks" / "post-merge"
    hook.write_text(f"#!/bin/sh\ntouch {tmp_path / 'hooked'}\n")
    hook.chmod(0o755)
    (b.root / ".git" / "hooks" / "pre-push").write_text(hook.read_text())
    (b.root / ".git" / "hooks" / "pre-push").chmod(0o755)
    seeded(b, 2)
    b.sync()
    assert not (b.root / "run.sh").exists() and not (tmp_path / "hooked").exists()
    assert b.open().highlight(h.id).note == "hi"  # type: ignore[union-attr]
    assert "\\u001b" not in (b.root / "highlights" / shard.name).read_text()  # cleaned on disk


def test_a_remote_replaced_by_an_unrelated_history_is_merged_without_loss(
    tmp_path: Path,
) -> None:
    a, b = make_world(tmp_path, 2)
    first = seeded(a)
    everyone_syncs([a, b])
    # Another notebook, synced on its own, is force-pushed over the remote.
    c = Machine("c", tmp_path / "c")
    other = seeded(c, 5)
    init(c.root, str(tmp_path / "c.git"), machine="c")
    git("-C", c.root, "push", "-q", "--force", tmp_path / "remote.git", "main:main")
    lines = b.sync()
    assert lines[0] == "the remote's history was rewritten (a force-push?); merged by record"
    everyone_syncs([a, b])
    assert {first.id, other.id} == {h.id for h in a.open().highlights()}
    assert data_files(a.root) == data_files(b.root)


def test_a_notebook_written_by_an_older_gloss_is_upgraded_then_synced(tmp_path: Path) -> None:
    from tests.core.test_notebook_recovery import _v0_notebook, mark
    from tests.core.test_notebook_recovery import article as plain_article

    git_env()
    a = plain_article()
    hs = [mark(a, 0, tags=("x",)), mark(a, 20, note="n")]
    _v0_notebook(tmp_path / "old", a, hs)
    init(tmp_path / "old", str(tmp_path / "remote.git"), machine="old")
    new = Machine("new", tmp_path / "new")
    init(new.root, str(tmp_path / "remote.git"), machine="new")
    assert {h.id for h in new.open().highlights()} == {h.id for h in hs}
    (tmp_path / "old" / "my-export.md").write_text("not the notebook's\n")
    Machine("old", tmp_path / "old").sync()
    tracked = git("-C", tmp_path / "old", "ls-files").split()
    assert {n.split("/")[0] for n in tracked} == {
        ".gitignore", "notebook.json", "highlights", "snapshots"
    }


def test_a_damaged_file_in_the_remote_is_refused_and_nothing_merged(tmp_path: Path) -> None:
    a, b = make_world(tmp_path, 2)
    seeded(a)
    everyone_syncs([a, b])
    seeded(b, 2)
    before = data_files(b.root)
    evil = tmp_path / "evil"
    git("clone", "-q", tmp_path / "remote.git", evil)
    shard = next((evil / "highlights").iterdir())
    shard.write_bytes(b'{"highlights":{"x":')
    git("-C", evil, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qam", "x")
    git("-C", evil, "push", "-q", "origin", "HEAD:main")
    with pytest.raises(NotAGlossRemote, match="the remote's notebook cannot be merged"):
        b.sync()
    assert data_files(b.root) == before
    assert Notebook.open(b.root).problems == []
