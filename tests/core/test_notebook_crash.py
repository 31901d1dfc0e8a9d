"""Every multi-file write is all or nothing, whatever I/O step fails: a fault is injected at
each step in turn (write, fsync, rename, link, unlink, mkdir, append; see
tests/support/faults.py) of deleting and restoring an article, renaming and merging a tag,
tagging in bulk, importing, saving a new version and editing, and the notebook must then
open and hold either everything it held before or everything the write meant to do, both
for a reader (read-only) and for the next writer (who undoes what was cut short). The
in-process variant raises at the step; the subprocess variant SIGKILLs there, and kills the
recovery too."""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.faults import State, Steps, count_steps, injecting, logical, on_disk
from tui.core.model.article import Article, Block, BlockKind
from tui.core.model.highlight import Highlight, Target
from tui.core.model.records import SavedArticle, article_id_for
from tui.core.notebook.api import DeletedArticle, Notebook
from tui.core.notebook.errors import NotebookError


def article(n: int, extra: str = "") -> Article:
    text = f"Article {n}: a body long enough to hold several highlights, one after another.{extra}"
    return Article(
        title=f"Title {n}", blocks=(Block(BlockKind.PARAGRAPH, text),), url=f"https://e.com/{n}"
    )


def mark(a: Article, start: int, tags: tuple[str, ...], n: int) -> Highlight:
    stamp = f"2026-01-01T00:00:{n:02d}Z"
    return Highlight(
        article_id_for(a),
        Target.of(a.text, start, start + 5, a.text_hash),
        tags=tags,
        id=f"00000000-0000-4000-8000-{n:012d}",
        created=stamp,
    )


A, B, C, D = article(1), article(2), article(3), article(4)
A_ID, B_ID = article_id_for(A), article_id_for(B)


@dataclass
class Prepared:
    root: Path
    deleted: DeletedArticle
    highlights: list[Highlight]


def prepare(root: Path) -> Prepared:
    """Three articles, highlights in two, a third deleted (to restore); today's backup made."""
    nb = Notebook.open(root)
    for x in (A, B, C):
        nb.save_article(x)
    hs = [
        nb.add_highlight(mark(x, 5 * i, ("t",) if i % 2 else ("t", "u"), n))
        for n, (i, x) in enumerate((i, x) for i in range(4) for x in (A, B, C))
    ]
    deleted = nb.delete_article(article_id_for(C))
    return Prepared(root, deleted, hs)


def _import(nb: Notebook, p: Prepared) -> None:
    record = SavedArticle.from_article(D)
    with nb.batch():  # as gloss import does
        nb.add_articles([record])
        nb.add_highlights([mark(D, 0, ("imported",), 90), mark(A, 40, ("imported",), 91)])


OPERATIONS: dict[str, Callable[[Notebook, Prepared], object]] = {
    "delete article": lambda nb, p: nb.delete_article(A_ID),
    "restore article": lambda nb, p: nb.restore(p.deleted),
    "rename tag": lambda nb, p: nb.rename_tag("t", "renamed"),
    "merge tag": lambda nb, p: nb.rename_tag("t", "u"),
    "bulk tag": lambda nb, p: nb.tag_highlights(
        [h.id for h in p.highlights if h.article_id in (A_ID, B_ID)], add=["x"], remove=["t"]
    ),
    "import": _import,
    "save new version": lambda nb, p: nb.save_article(article(1, " And a new sentence.")),
    "edit": lambda nb, p: nb.update_highlight(p.highlights[0].edited(note="n", tags=("z",))),
}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Prepared:
    return prepare(tmp_path_factory.mktemp("crash") / "base")


def fresh(p: Prepared, dest: Path) -> Prepared:
    shutil.copytree(p.root, dest)
    return Prepared(dest, p.deleted, p.highlights)


def expected(p: Prepared, name: str, tmp: Path) -> tuple[State, State, int]:
    """The notebook before and after the operation, and how many I/O steps it takes."""
    q = fresh(p, tmp / "count")
    before = logical(Notebook.open(q.root))
    nb = Notebook.open(q.root)
    steps = count_steps(lambda: OPERATIONS[name](nb, q))
    after = logical(Notebook.open(q.root))
    assert after != before
    return before, after, steps.count


@pytest.mark.parametrize("name", list(OPERATIONS))
def test_a_failure_at_any_io_step_leaves_the_notebook_wholly_before_or_after(
    prepared: Prepared, name: str, tmp_path: Path
) -> None:
    before, after, total = expected(prepared, name, tmp_path)
    assert total > 5
    outcomes = set()
    for k in range(1, total + 1):
        q = fresh(prepared, tmp_path / f"k{k}")
        nb = Notebook.open(q.root)
        error: BaseException | None = None
        with injecting(Steps(k)) as steps:
            try:
                OPERATIONS[name](nb, q)
            except Exception as caught:  # any failure must be a clean one
                error = caught
        where = f"step {k} of {total} ({steps.seen[-1]})"
        assert error is None or isinstance(error, NotebookError), f"{where}: {error!r}"
        reader, writer = on_disk(q.root)
        assert reader in (before, after), where
        assert writer == reader, where
        assert logical(nb) == reader, where  # the failed writer's memory too
        if error is None:
            assert reader == after, where
        assert not (q.root / "undo" / "manifest.json").exists(), where
        outcomes.add("after" if reader == after else "before")
    assert "before" in outcomes


def _killed(root: Path, action: Callable[[], object]) -> bool:
    """Run ``action`` in a forked child; True if it was killed (else it finished)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child: killed, or exits
        code = 0
        try:
            action()
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return True
    assert os.WEXITSTATUS(status) == 0
    return False


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
@pytest.mark.parametrize("name", ["delete article", "merge tag", "bulk tag", "import"])
def test_a_kill_at_any_io_step_and_in_the_recovery_leaves_it_wholly_before_or_after(
    prepared: Prepared, name: str, tmp_path: Path
) -> None:
    before, after, total = expected(prepared, name, tmp_path)

    def run(q: Prepared, k: int) -> None:
        nb = Notebook.open(q.root)
        with injecting(Steps(k, kill=True)):
            OPERATIONS[name](nb, q)

    pending = 0
    for k in range(1, total + 1):
        q = fresh(prepared, tmp_path / f"k{k}")
        killed = _killed(q.root, lambda q=q, k=k: run(q, k))  # type: ignore[misc]
        where = f"kill at step {k} of {total}"
        assert killed, where
        if (q.root / "undo" / "manifest.json").exists():
            pending += 1
            # The recovery (the next writer's open) is killed at each of its steps too.
            spare = tmp_path / f"k{k}-spare"
            shutil.copytree(q.root, spare)
            recovery = count_steps(lambda s=spare: Notebook.open(s)).count  # type: ignore[misc]
            for j in range(1, recovery + 1):
                r = tmp_path / f"k{k}-r{j}"
                shutil.copytree(spare, r)

                def recover(r: Path = r, j: int = j) -> None:
                    with injecting(Steps(j, kill=True)):
                        Notebook.open(r)

                _killed(r, recover)
                reader, writer = on_disk(r)
                assert reader in (before, after) and writer == reader, f"{where}, recovery {j}"
        reader, writer = on_disk(q.root)
        assert reader in (before, after), where
        assert writer == reader, where
    assert pending  # some kills did land inside the journal commit
