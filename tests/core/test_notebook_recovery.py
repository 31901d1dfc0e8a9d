"""When things go wrong: damaged files, backups and repair, schema migrations, stray temporary
files, and a full disk (injected through the file writer, and a real tiny tmpfs when the
sandbox lets us mount one). Real files in tmp dirs; nothing here mocks the notebook."""

from __future__ import annotations

import errno
import gzip
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import zipfile
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from tests.support import paths
from tui.core.model.article import Article, Block, BlockKind
from tui.core.model.highlight import Highlight, Target
from tui.core.model.records import SavedArticle, article_id_for
from tui.core.notebook.api import Notebook
from tui.core.notebook.errors import NotebookCorrupt, NotebookVersionError, NotebookWriteError
from tui.core.notebook.snapshots import encode
from tui.core.notebook.storage import TMP_PREFIX, FileWriter

ROOT = paths.ROOT
DAY1 = date(2026, 3, 1)


def article(n: int = 1) -> Article:
    text = f"Article {n}: a body long enough to hold several highlights, one after another."
    return Article(
        title=f"Title {n}", blocks=(Block(BlockKind.PARAGRAPH, text),), url=f"https://e.com/{n}"
    )


def mark(a: Article, start: int, end: int = 0, **fields: object) -> Highlight:
    target = Target.of(a.text, start, end or start + 5, a.text_hash)
    return Highlight(article_id_for(a), target, **fields)


def data_files(root: Path) -> dict[str, bytes]:
    """Every file that holds data (the advisory change log and the lock excluded)."""
    skip = {"changes.log", "notebook.lock"}
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name not in skip
    }


def on_day(nb: Notebook, day: date) -> Notebook:
    nb.today = lambda: day
    return nb


@pytest.fixture
def backed_up(tmp_path: Path) -> tuple[Path, Article, Highlight, Highlight]:
    """A notebook whose day-2 backup holds h1; h2 came after that backup."""
    root = tmp_path / "nb"
    a = article()
    nb = on_day(Notebook.open(root), DAY1)
    nb.save_article(a)
    h1 = nb.add_highlight(mark(a, 0, tags=("one",)))
    on_day(nb, DAY1 + timedelta(days=1))
    h2 = nb.add_highlight(mark(a, 10, tags=("two",)))
    return root, a, h1, h2


# -- damaged files ------------------------------------------------------------------------


DAMAGE = {
    "truncated": lambda raw: raw[: len(raw) // 2],
    "garbled": lambda raw: raw[:10] + bytes(range(256))[:40] + raw[50:],
    "emptied": lambda raw: b"",
    "not tables": lambda raw: b"[1, 2, 3]",
    "malformed highlight": lambda raw: orjson.dumps(
        {k: {i: {"id": i} for i in t} for k, t in orjson.loads(raw).items()}
    ),
}


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("which", ["shard", "index"])
def test_a_damaged_file_is_named_left_untouched_and_readable_read_only(
    backed_up: tuple[Path, Article, Highlight, Highlight], damage: str, which: str
) -> None:
    root, a, h1, _ = backed_up
    shard = root / "highlights" / f"{h1.article_id}.json"
    path = root / "notebook.json" if which == "index" else shard
    damaged = DAMAGE[damage](path.read_bytes())
    path.write_bytes(damaged)
    before = data_files(root)

    with pytest.raises(NotebookCorrupt) as caught:
        Notebook.open(root)
    assert caught.value.path == path
    assert str(path) in str(caught.value)
    assert "left untouched" in str(caught.value)
    assert caught.value.exit_code == 5
    assert "\n" not in str(caught.value)

    readable = Notebook.open(root, read_only=True)  # a way on: shown from the backup
    assert readable.highlight(h1.id) == h1
    assert readable.article(h1.article_id) is not None
    assert readable.load_article(h1.article_id) == a
    assert len(readable.problems) == 1
    assert str(path) in readable.problems[0]
    assert f"as of {(DAY1 + timedelta(days=1)).isoformat()}" in readable.problems[0]
    assert data_files(root) == before  # byte for byte, every file


def test_a_write_that_meets_a_damaged_file_changes_nothing(
    backed_up: tuple[Path, Article, Highlight, Highlight],
) -> None:
    root, a, h1, _ = backed_up
    nb = on_day(Notebook.open(root), DAY1 + timedelta(days=1))  # today's backup is taken
    shard = root / "highlights" / f"{h1.article_id}.json"
    shard.write_bytes(b'{"highlights": {"x": ')
    before = data_files(root)
    with pytest.raises(NotebookCorrupt) as caught:
        nb.add_highlight(mark(a, 30))
    assert caught.value.path == shard
    assert data_files(root) == before


def test_repair_restores_damaged_files_from_the_newest_backup_and_sets_them_aside(
    backed_up: tuple[Path, Article, Highlight, Highlight],
) -> None:
    root, _, h1, h2 = backed_up
    other = article(2)
    nb = on_day(Notebook.open(root), DAY1 + timedelta(days=1))
    nb.save_article(other)
    kept = nb.add_highlight(mark(other, 0))
    shard = root / "highlights" / f"{h1.article_id}.json"
    damaged = shard.read_bytes()[:33]
    shard.write_bytes(damaged)
    untouched = (root / "highlights" / f"{kept.article_id}.json").read_bytes()

    report = Notebook.repair(root)

    assert report.damaged == (shard,)
    assert report.restored == ((shard, f"backup {(DAY1 + timedelta(days=1)).isoformat()}"),)
    assert report.set_aside is not None
    assert (report.set_aside / "highlights" / shard.name).read_bytes() == damaged
    assert (root / "highlights" / f"{kept.article_id}.json").read_bytes() == untouched
    assert "1 of 1 damaged files restored" in str(report)
    fixed = Notebook.open(root)
    assert fixed.highlight(h1.id) == h1
    assert fixed.highlight(h2.id) is None  # made after the backup: the one loss, reported
    assert fixed.highlight(kept.id) == kept  # a sound file is never replaced
    assert str(Notebook.repair(root)) == "nothing to repair"


def test_repair_rebuilds_a_damaged_index_from_snapshots_when_no_backup_has_it(
    tmp_path: Path,
) -> None:
    root = tmp_path / "nb"
    nb = Notebook.open(root)
    a, b = article(1), article(2)
    nb.save_article(a)
    nb.save_article(b)
    h = nb.add_highlight(mark(a, 0))
    shutil.rmtree(root / "backups")  # no backup to turn to
    (root / "notebook.json").write_bytes(b"\x00" * 100)
    report = Notebook.repair(root)
    assert report.restored == ((root / "notebook.json", "snapshots"),)
    fixed = Notebook.open(root)
    assert {r.id for r in fixed.articles()} == {article_id_for(a), article_id_for(b)}
    assert fixed.load_article(article_id_for(b)) == b
    assert fixed.highlight(h.id) == h


def test_open_backup_shows_a_day_as_it_was(
    backed_up: tuple[Path, Article, Highlight, Highlight],
) -> None:
    root, a, h1, _ = backed_up
    days = [(DAY1 + timedelta(days=1)).isoformat(), DAY1.isoformat()]
    assert [b.label for b in Notebook.backups(root)] == days
    old = Notebook.open_backup(root)
    assert old.read_only
    assert [h.id for h in old.highlights()] == [h1.id]
    assert old.load_article(h1.article_id) == a
    assert old.refresh() is False
    older = Notebook.open_backup(root, DAY1.isoformat())  # before h1, after the article
    assert ([r.id for r in older.articles()], len(older)) == ([h1.article_id], 0)
    with pytest.raises(Exception, match="no backup of 1999-01-01"):
        Notebook.open_backup(root, "1999-01-01")


# -- backups ------------------------------------------------------------------------------


def test_one_backup_per_day_at_the_first_write_and_only_the_last_five_kept(
    tmp_path: Path,
) -> None:
    root = tmp_path / "nb"
    a = article()
    nb = on_day(Notebook.open(root), DAY1)
    nb.save_article(a)  # an empty notebook has nothing to back up
    ids = []
    for day in range(1, 9):
        on_day(nb, DAY1 + timedelta(days=day))
        ids.append(nb.add_highlight(mark(a, day)).id)
        first = (root / "backups" / f"{(DAY1 + timedelta(days=day)).isoformat()}.zip")
        taken = first.read_bytes()
        nb.add_highlight(mark(a, day + 30))  # a second write the same day takes none
        assert first.read_bytes() == taken
    days = [b.label for b in Notebook.backups(root)]
    assert days == [(DAY1 + timedelta(days=d)).isoformat() for d in range(8, 3, -1)]
    newest = zipfile.ZipFile(root / "backups" / f"{days[0]}.zip")
    shard = f"highlights/{article_id_for(a)}.json"
    assert sorted(newest.namelist()) == [shard, "notebook.json"]
    saved = orjson.loads(newest.read(shard))["highlights"]
    assert ids[6] in saved and ids[7] not in saved  # as it was before day 8's first write


def test_a_backup_that_cannot_be_written_does_not_stop_a_highlight(tmp_path: Path) -> None:
    root = tmp_path / "nb"
    a = article()
    nb = on_day(Notebook.open(root), DAY1)
    nb.save_article(a)
    (root / "backups").write_bytes(b"a file where the folder should be")
    h = on_day(nb, DAY1 + timedelta(days=1)).add_highlight(mark(a, 0))
    assert Notebook.open(root).highlight(h.id) == h
    assert len(nb.problems) == 1
    assert nb.problems[0].startswith("no backup today: could not save to")


# -- migrations ---------------------------------------------------------------------------


def _v0_notebook(root: Path, a: Article, hs: list[Highlight]) -> bytes:
    """A schema-0 notebook, written by stock TinyDB (its JSONStorage): one file, no meta."""
    root.mkdir(parents=True)
    with TinyDB(root / "notebook.json") as db:
        record = SavedArticle.from_article(a).to_dict()
        del record["snapshot"], record["text_hash"]
        db.table("articles").insert({**record, "progress": 0.25, "article": a.to_dict()})
        for h in hs:
            db.table("highlights").insert(h.to_dict())
    return (root / "notebook.json").read_bytes()


def test_a_schema_0_notebook_is_migrated_after_a_backup(tmp_path: Path) -> None:
    root = tmp_path / "nb"
    a = article()
    hs = [mark(a, 0, tags=("x",)), mark(a, 20, note="n")]
    original = _v0_notebook(root, a, hs)

    with pytest.raises(NotebookVersionError, match="needs upgrading from schema 0"):
        Notebook.open(root, read_only=True)
    assert (root / "notebook.json").read_bytes() == original

    nb = Notebook.open(root)
    record = nb.article(article_id_for(a))
    assert record is not None and record.progress == 0.25
    assert record.text_hash == a.text_hash
    assert nb.load_article(record.id) == a
    assert {h.id: h for h in nb.highlights()} == {h.id: h for h in hs}
    index = orjson.loads((root / "notebook.json").read_bytes())
    assert index["meta"]["1"]["schema"] == 1
    assert index["meta"]["1"]["migrated_from"] == 0
    assert "highlights" not in index
    kept = zipfile.ZipFile(root / "backups" / "before-schema-1.zip")
    assert kept.read("notebook.json") == original
    assert len(Notebook.open(root, read_only=True)) == 2  # now current: read-only is fine


def test_a_notebook_from_a_newer_gloss_is_refused_untouched(tmp_path: Path) -> None:
    root = tmp_path / "nb"
    root.mkdir()
    raw = orjson.dumps({"meta": {"1": {"schema": 99}}, "articles": {}})
    (root / "notebook.json").write_bytes(raw)
    for read_only in (False, True):
        with pytest.raises(NotebookVersionError, match=r"newer Gloss \(schema 99"):
            Notebook.open(root, read_only=read_only)
    assert (root / "notebook.json").read_bytes() == raw
    assert sorted(p.name for p in root.iterdir()) == ["notebook.json"]


# -- temporaries and full disks -----------------------------------------------------------


def test_stray_temporaries_are_swept_at_open(tmp_path: Path) -> None:
    root = tmp_path / "nb"
    a = article()
    nb = Notebook.open(root)
    nb.save_article(a)
    nb.add_highlight(mark(a, 0))
    strays = [
        root / f"{TMP_PREFIX}notebook.json.123.ab",
        root / "highlights" / f"{TMP_PREFIX}{article_id_for(a)}.json.123.cd",
        root / "snapshots" / f"{TMP_PREFIX}{'0' * 64}.json.gz.123.ef",
    ]
    for stray in strays:
        stray.write_bytes(b"half a file")
    Notebook.open(root, read_only=True)
    assert all(s.exists() for s in strays)  # read-only never deletes
    assert len(Notebook.open(root)) == 1
    assert not any(s.exists() for s in strays)


class FullDisk(FileWriter):
    """A file writer on a disk that fills up: ``budget`` more bytes, then ENOSPC."""

    def __init__(self, budget: int | None = None) -> None:
        super().__init__()
        self.budget = budget  # None: room enough

    def write_chunk(self, fd: int, data: memoryview) -> int:
        if self.budget is None:
            return os.write(fd, data)
        if self.budget <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        n = os.write(fd, data[: self.budget])
        self.budget -= n
        return n


@pytest.mark.parametrize("budget", [0, 25, 60])  # the log fails; the file fails; part-way
@pytest.mark.parametrize("operation", ["add", "save", "rename", "delete"])
def test_a_full_disk_is_a_clear_error_and_the_previous_state_intact(
    tmp_path: Path, budget: int, operation: str
) -> None:
    root = tmp_path / "nb"
    a, b = article(), article(3)
    setup = Notebook.open(root)
    setup.save_article(a)
    setup.save_article(b)
    hs = [setup.add_highlight(mark(x, i * 5, tags=("t",))) for i in range(6) for x in (a, b)]
    before = data_files(root)
    disk = FullDisk()
    nb = Notebook.open(root, writer=disk)
    disk.budget = budget

    with pytest.raises(NotebookWriteError) as caught:
        if operation == "add":
            nb.add_highlight(mark(a, 50))
        elif operation == "save":
            nb.save_article(article(2))
        elif operation == "rename":
            nb.rename_tag("t", "renamed")
        else:
            nb.delete_article(article_id_for(a))
    assert "no space left on the disk" in str(caught.value)
    assert str(root) in str(caught.value)
    assert caught.value.exit_code == 5

    assert data_files(root) == before  # every file, even when the operation spans several
    assert not (root / "undo" / "manifest.json").exists()
    assert {h.id: h for h in nb.highlights()} == {h.id: h for h in hs}  # memory too
    assert {r.id for r in nb.articles()} == {article_id_for(a), article_id_for(b)}
    assert {h.id: h for h in Notebook.open(root).highlights()} == {h.id: h for h in hs}

    disk.budget = None  # room again: the same notebook object carries on
    h = nb.add_highlight(mark(a, 60))
    assert Notebook.open(root).highlight(h.id) == h


def test_a_save_that_fails_after_its_snapshot_leaves_no_snapshot_behind(tmp_path: Path) -> None:
    root = tmp_path / "nb"
    setup = Notebook.open(root)
    setup.update_article(setup.save_article(article(1)).id, read=True)  # and today's backup
    before = data_files(root)
    new = article(2)
    snapshot = gzip.compress(encode(new)[1], compresslevel=6, mtime=0)
    disk = FullDisk(len(snapshot) + len("articles\n") + 10)  # room for all but the index
    nb = Notebook.open(root, writer=disk)
    with pytest.raises(NotebookWriteError, match=r"notebook\.json"):
        nb.save_article(new)
    assert data_files(root) == before
    assert nb.find_article("https://e.com/2") is None


class DiesAfterOneFile(FileWriter):
    """Kills its own process once the first file of a multi-file write is in place."""

    def write_bytes(self, path: Path, data: bytes) -> None:
        super().write_bytes(path, data)
        root = path.parents[1] if path.parent.name == "highlights" else path.parent
        data = path.name == "notebook.json" or path.parent.name == "highlights"
        if data and (root / "undo" / "manifest.json").exists():
            os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.parametrize("operation", ["rename", "delete", "restore"])
def test_a_multi_file_write_cut_short_by_a_kill_is_undone(tmp_path: Path, operation: str) -> None:
    root = tmp_path / "nb"
    a, b = article(), article(3)
    setup = Notebook.open(root)
    setup.save_article(a)
    setup.save_article(b)
    hs = [setup.add_highlight(mark(x, i * 5, tags=("t",))) for i in range(3) for x in (a, b)]
    deleted = setup.delete_article(article_id_for(b)) if operation == "restore" else None
    before = data_files(root)

    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child, killed half-way through its write
        try:
            nb = Notebook.open(root, writer=DiesAfterOneFile())
            if operation == "rename":
                nb.rename_tag("t", "renamed")
            elif operation == "delete":
                nb.delete_article(article_id_for(a))
            else:
                assert deleted is not None
                nb.restore(deleted)
        finally:
            os._exit(3)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    assert (root / "undo" / "manifest.json").exists()
    assert data_files(root) != before  # the kill did leave a half-done write

    reader = Notebook.open(root, read_only=True)
    assert reader.problems == ["a change was interrupted; it will be undone at the next write"]
    nb = Notebook.open(root)  # the next writer undoes it
    assert data_files(root) == before
    assert not list((root / "undo").iterdir())
    gone = article_id_for(b) if operation == "restore" else None
    assert {h.id: h for h in nb.highlights()} == {h.id: h for h in hs if h.article_id != gone}


REAL_FULL_DISK = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from tests.support.notebookgen import make_article, make_highlight
    from tui.core.notebook.api import Notebook
    from tui.core.notebook.errors import NotebookWriteError
    from tui.core.model.records import article_id_for
    import random

    root = Path(sys.argv[1]) / "nb"
    rng = random.Random(1)
    article = make_article(rng, 0)
    nb = Notebook.open(root)
    nb.save_article(article)
    saved = []
    try:
        while True:
            h = make_highlight(rng, article, article_id_for(article))
            nb.add_highlight(h.edited(note="x" * 2000))
            saved.append(h.id)
    except NotebookWriteError as error:
        print("ERROR", error)
    again = Notebook.open(root)
    missing = [i for i in saved if again.highlight(i) is None]
    strays = [p.name for p in root.rglob(".tmp-*")]
    print("SAVED", len(saved), "MISSING", len(missing), "STRAYS", len(strays))
    """
)


@pytest.mark.skipif(not shutil.which("unshare"), reason="needs unshare(1)")
def test_a_really_full_tmpfs(tmp_path: Path) -> None:
    mount = tmp_path / "small"
    mount.mkdir()
    script = (
        f"mount -t tmpfs -o size=512k tmpfs {mount} || exit 77; "
        f'exec {sys.executable} -c "$0" {mount}'
    )
    run = subprocess.run(
        ["unshare", "-Urm", "sh", "-c", script, REAL_FULL_DISK],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    if run.returncode == 77 or "unshare:" in run.stderr:
        pytest.skip(f"cannot mount a tmpfs here: {run.stderr.strip()[:200]}")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("ERROR could not save to ")
    assert "no space left on the disk" in lines[0]
    saved = int(lines[1].split()[1])
    assert saved > 10
    assert lines[1].endswith("MISSING 0 STRAYS 0")
