"""Sync a notebook with a git remote: commit, fetch, merge by record, push.

The notebook folder is the work tree of a git repository on branch ``main``; its remote
(``origin``) is any path or URL git accepts. One sync, holding the notebook's lock
throughout so no Gloss writes in between:

1. commit the local changes (machine-local files are in .gitignore);
2. fetch the remote's ``main`` (unreachable: the local commit stays, work goes on offline);
3. check it is a Gloss notebook, then merge it with ours by record from the common
   ancestor (tui/core/notebook/threeway.py), write the merged files all or nothing, and
   commit them with both parents (``commit-tree``: no hooks, no merge drivers); when the
   merge is just theirs, move to their commit (a fast-forward);
4. push (rejected because another machine pushed meanwhile: fetch and merge again).

A sync a kill cuts short is finished by the next: the notebook's undo journal puts back
half-written files, stale git lock files are removed, and a merge written but not
committed is committed as a local change and merged again (the merge is idempotent).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from tui.core.model import now_iso
from tui.core.notebook import (
    INDEX,
    LockedFiles,
    Notebook,
    NotebookError,
    is_notebook_file,
    merge_files,
)
from tui.core.sync.errors import (
    AuthRefused,
    NotAGlossRemote,
    NotSynced,
    RemoteUnreachable,
    SyncError,
)
from tui.core.sync.git import BRANCH, REMOTE, Git
from tui.core.sync.summary import STAGED, summarize
from tui.core.text import one_line

IGNORED = (
    "# Only the notebook's own files are synced (see `gloss sync`). Everything else here\n"
    "# is this machine's own: the lock, the change log, the undo journal, backups,\n"
    "# damaged copies, and anything else put in this folder.\n"
    "/*\n!/.gitignore\n!/notebook.json\n!/highlights/\n!/snapshots/\n.tmp-*\n"
)
STATE = "gloss-sync.json"  # in .git: when this machine last synced, and to what
THEIRS = f"refs/remotes/{REMOTE}/{BRANCH}"
PUSH_TRIES = 3
_AUTH = re.compile(
    r"authentication failed|permission denied|could not read username|403|401|"
    r"access denied|publickey",
    re.IGNORECASE,
)


# Fault injection, as in tui/core/notebook/storage.py: a test sets STEP_HOOK to kill its own
# process at a chosen step of a sync (the notebook's own io_step covers each file write).
STEP_HOOK: Callable[[str], None] | None = None


def step(name: str) -> None:
    """A sync reached ``name`` (committed, fetched, merged-files, merge-committed, pushed)."""
    hook = STEP_HOOK
    if hook is not None:
        hook(name)


def machine_name() -> str:
    """This machine's name in the sync log: $GLOSS_MACHINE, else the host name."""
    name = os.environ.get("GLOSS_MACHINE") or socket.gethostname() or "gloss"
    return one_line(name)[:64] or "gloss"


@dataclass
class Outcome:
    """What a sync did, one line per step that did something."""

    lines: list[str] = field(default_factory=list)
    merged: bool = False
    pushed: bool = False
    offline: str = ""  # why the remote could not be reached ('' when it could)

    def say(self, line: str) -> None:
        self.lines.append(line)


Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    """No progress report."""


def init(
    root: Path,
    remote: str | None = None,
    *,
    interactive: bool = False,
    progress: Progress = _quiet,
    machine: str | None = None,
) -> Outcome:
    """Make the notebook at ``root`` a synced one; with ``remote``, join it (a clone when
    this notebook is empty, else a merge of both) or, a local path that does not exist,
    create a bare repository there for it."""
    root = root.absolute()
    git = Git(root, interactive=interactive, machine=machine or machine_name())
    outcome = Outcome()
    url = remote_url(remote) if remote is not None else None
    if git.exists():
        current = git.run("remote", "get-url", REMOTE, check=False)
        if url is None or current.code == 0:
            where = f" with {current.text}" if current.code == 0 else ""
            raise SyncError(f"the notebook {root} is synced already{where}; run 'gloss sync'")
    created = not git.exists()
    try:
        if created:
            root.mkdir(parents=True, exist_ok=True)
            git.run("init", "--quiet")
            git.run("symbolic-ref", "HEAD", f"refs/heads/{BRANCH}")
            outcome.say(f"made {root} a git repository")
        if url is not None:
            if _is_local(url) and not Path(url).exists():
                git.bare("init", "--quiet", "--bare", url)
                git.bare("--git-dir", url, "symbolic-ref", "HEAD", f"refs/heads/{BRANCH}")
                outcome.say(f"created a bare repository at {url}")
            git.run("remote", "add", REMOTE, url)
        more = sync(root, interactive=interactive, progress=progress, _git=git)
        if more.offline and url is not None:
            raise RemoteUnreachable(more.offline)
    except BaseException:
        if created:  # leave the folder as it was found, so that init can simply be retried
            shutil.rmtree(git.git_dir, ignore_errors=True)
            (root / ".gitignore").unlink(missing_ok=True)
        raise
    outcome.lines += more.lines
    outcome.merged, outcome.pushed, outcome.offline = more.merged, more.pushed, more.offline
    return outcome


def remote_url(text: str) -> str:
    """A remote as the user gave it: a URL or scp-like address as is, a path made absolute
    (git runs in the notebook folder). A leading '-' is refused (git would read an option)."""
    text = text.strip()
    if not text or text.startswith("-"):
        raise SyncError(f"not a usable remote: {text!r}")
    if _is_local(text):
        return str(Path(text).expanduser().absolute())
    return text


def _is_local(url: str) -> bool:
    """Whether ``url`` is a path on this machine (not a URL, not scp-like host:path)."""
    if "://" in url:
        return False
    head = url.split("/", 1)[0]
    return ":" not in head or re.fullmatch(r"[A-Za-z]:.*", head) is not None


def sync(
    root: Path,
    *,
    interactive: bool = False,
    progress: Progress = _quiet,
    machine: str | None = None,
    _git: Git | None = None,
) -> Outcome:
    """Commit local changes, fetch, merge, push; what was done, one line per step.

    Raises NotSynced for a notebook that is not a repository, AuthRefused, NotAGlossRemote.
    An unreachable remote is an outcome (``offline``), not an error: the local changes are
    committed, nothing is lost, and the next sync sends them.
    """
    root = root.absolute()
    git = _git or Git(root, interactive=interactive, machine=machine or machine_name())
    if not git.exists():
        raise NotSynced(f"the notebook {root} is not synced yet: run 'gloss sync init [REMOTE]'")
    _upgrade_if_old(root)
    outcome = Outcome()
    with LockedFiles(root) as files:
        git.clear_stale_locks()
        _write_ignore(files)
        has_remote = git.run("remote", "get-url", REMOTE, check=False).code == 0
        # A new machine joining a remote: nothing of its own to commit, it takes theirs.
        fresh = has_remote and git.rev("HEAD") is None and not files.layout.index.exists()
        if not fresh:
            _commit_local(git, files, outcome)
            step("committed")
        if not has_remote:
            outcome.say("no remote: changes committed here only ('gloss sync init REMOTE')")
            return outcome
        for _ in range(PUSH_TRIES):
            progress("fetching")
            try:
                _fetch(git)
            except RemoteUnreachable as error:
                outcome.offline = error.message
                outcome.say(f"offline: {error.message}")
                return outcome
            step("fetched")
            theirs = git.rev(THEIRS)
            if fresh and theirs is None:  # an empty remote: this notebook starts it
                _commit_local(git, files, outcome)
                fresh = False
            head = git.rev("HEAD")
            if theirs is not None:
                _check_remote(git, theirs)
                progress("merging")
                _merge(git, files, head, theirs, outcome)
            if git.rev("HEAD") == git.rev(THEIRS):
                break
            progress("pushing")
            try:
                if _push(git, outcome):
                    break
            except RemoteUnreachable as error:
                outcome.offline = error.message
                outcome.say(f"offline: {error.message}")
                return outcome
        else:
            raise SyncError("the remote kept changing while syncing; run 'gloss sync' again")
        _save_state(git, git.rev(THEIRS))
    if not outcome.lines:
        outcome.say("up to date")
    return outcome


def _upgrade_if_old(root: Path) -> None:
    """A notebook written by an older Gloss is upgraded (by opening it) before syncing."""
    with LockedFiles(root) as files:
        old = files.outdated()
    if old:
        Notebook.open(root).close()


def _write_ignore(files: LockedFiles) -> None:
    ignore = files.root / ".gitignore"
    if ignore.is_symlink() or not ignore.is_file() or ignore.read_bytes() != IGNORED.encode():
        ignore.unlink(missing_ok=True)
        files.writer.write_bytes(ignore, IGNORED.encode())


def _commit_local(git: Git, files: LockedFiles, outcome: Outcome) -> None:
    files.ensure_index()
    git.run("add", "--all", "--", ".")
    head = git.rev("HEAD")
    changed = git.run("diff", "--cached", "--name-only", "-z", *([head] if head else []),
                      check=False)
    if head is not None and not changed.out.strip(b"\0"):
        return
    summary = summarize(git, head, STAGED)
    tree = git.run("write-tree").text
    parents = ["-p", head] if head else []
    commit = git.run("commit-tree", tree, *parents, "-m", summary or "notebook").text
    git.run("update-ref", f"refs/heads/{BRANCH}", commit, *([head] if head else []))
    outcome.say(f"committed {summary or 'the notebook'}")


def _fetch(git: Git) -> None:
    done = git.run(
        "fetch", "--quiet", "--no-tags", "--no-recurse-submodules", REMOTE,
        f"+refs/heads/{BRANCH}:{THEIRS}", check=False,
    )
    if done.code == 0:
        return
    line = one_line(done.last_line)
    if "couldn't find remote ref" in line.lower():
        listing = git.run("ls-remote", "--heads", REMOTE, check=False)
        if listing.code == 0 and listing.out.strip():
            raise NotAGlossRemote(
                f"the remote has no branch '{BRANCH}': it is not a Gloss notebook; nothing "
                "was merged"
            )
        git.run("update-ref", "-d", THEIRS, check=False)
        return  # an empty remote: the push fills it
    if _AUTH.search(line):
        raise AuthRefused(f"the remote refused access ({line}); check your ssh key or token")
    raise RemoteUnreachable(
        f"the remote cannot be reached ({line}); changes are kept here and go at the next "
        "sync"
    )


def _check_remote(git: Git, theirs: str) -> None:
    names = git.tree(theirs)
    if INDEX not in names:
        raise NotAGlossRemote(
            f"the remote's '{BRANCH}' holds no {INDEX}: it is not a Gloss notebook; nothing "
            "was merged"
        )


def _merge(git: Git, files: LockedFiles, head: str | None, theirs: str, outcome: Outcome) -> None:
    seen = _load_state(git).get("remote")
    if isinstance(seen, str) and git.rev(seen) and not git.is_ancestor(seen, theirs):
        outcome.say("the remote's history was rewritten (a force-push?); merged by record")
    if head == theirs or (head is not None and git.is_ancestor(theirs, head)):
        return
    base = None
    if head is not None:
        found = git.run("merge-base", head, theirs, check=False)
        base = found.text.split()[0] if found.code == 0 and found.text else None
    trees = [git.tree(base), git.tree(head), git.tree(theirs)]
    names = {
        n
        for n in trees[0].keys() | trees[1].keys() | trees[2].keys()
        if is_notebook_file(n) and not trees[0].get(n) == trees[1].get(n) == trees[2].get(n)
    }
    names.add(INDEX)  # read whole: a shard's merge may keep an article the index dropped
    wanted = {trees[i][n] for i in range(3) for n in names if n in trees[i]}
    blobs = git.blobs(wanted)

    def reader(tree: dict[str, str]) -> Callable[[str], bytes | None]:
        return lambda name: blobs.get(tree[name]) if name in tree else None

    try:
        merged = merge_files(reader(trees[0]), reader(trees[1]), reader(trees[2]), names)
    except NotebookError as error:
        if "theirs:" in error.message:  # the path names the side at fault
            raise NotAGlossRemote(
                f"the remote's notebook cannot be merged: {error.message}"
            ) from None
        raise SyncError(f"nothing was merged: {error.message}") from None
    files.replace(merged)
    step("merged-files")
    git.run("add", "--all", "--", ".")
    tree = git.run("write-tree").text
    their_tree = git.run("rev-parse", theirs + "^{tree}").text
    if tree == their_tree:
        commit = theirs  # a fast-forward: nothing of ours that they lack
    else:
        parents = ["-p", head, "-p", theirs] if head else ["-p", theirs]
        commit = git.run("commit-tree", tree, *parents, "-m", "merged").text
    git.run("update-ref", f"refs/heads/{BRANCH}", commit)
    step("merge-committed")
    git.run("reset", "--quiet", check=False)  # the index as the commit: a clean status
    outcome.merged = True
    what = summarize(git, base, theirs) or "changes"
    outcome.say(f"{'took' if commit == theirs else 'merged'} {what} from the remote")


def _push(git: Git, outcome: Outcome) -> bool:
    """Push main; False when the remote moved meanwhile (fetch and merge again)."""
    done = git.run("push", "--quiet", "--no-verify", REMOTE, f"{BRANCH}:{BRANCH}", check=False)
    if done.code == 0:
        step("pushed")
        git.run("update-ref", THEIRS, f"refs/heads/{BRANCH}")
        outcome.pushed = True
        outcome.say("pushed to the remote")
        return True
    line = one_line(done.last_line)
    if "rejected" in line or "fetch first" in line or "non-fast-forward" in line:
        return False
    if _AUTH.search(line):
        raise AuthRefused(f"the remote refused the push ({line})")
    raise RemoteUnreachable(
        f"could not push ({line}); changes are kept here and go at the next sync"
    )


def _load_state(git: Git) -> dict[str, object]:
    try:
        data = orjson.loads((git.git_dir / STATE).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _save_state(git: Git, remote: str | None) -> None:
    state = {"last_sync": now_iso(), "remote": remote}
    path = git.git_dir / STATE
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(orjson.dumps(state))
    tmp.replace(path)


def last_state(git: Git) -> dict[str, object]:
    """This machine's last sync: ``last_sync`` (time) and ``remote`` (commit)."""
    return _load_state(git)

