"""`gloss sync status` and `gloss sync log`: where this machine stands, and what changed where.

Neither touches the network: ahead and behind are counted against the remote as of the last
sync. Text from the repository (machine names, messages, the remote's address) is data from
elsewhere: it is made one clean line here, and credentials in a URL are never shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tui.core.notebook import DELETED_ELSEWHERE, Notebook
from tui.core.sync.engine import THEIRS, last_state, machine_name
from tui.core.sync.errors import NotSynced
from tui.core.sync.git import BRANCH, REMOTE, Git
from tui.core.text import one_line, plural

_CREDENTIALS = re.compile(r"(://)[^/@]*@")


@dataclass(frozen=True)
class Status:
    """Where this machine's notebook stands against its remote."""

    remote: str | None
    last_sync: str | None
    ahead: int  # commits here the remote lacks (as of the last sync)
    behind: int  # commits there this machine lacks (as of the last sync)
    unsynced: int  # notebook files changed since the last commit
    flagged: int  # highlights deleted on one machine and edited on another: kept, flagged
    kept_versions: int  # highlights holding a note or colour another machine overwrote

    def lines(self) -> list[str]:
        """One line per fact, for the terminal."""
        out = [f"remote: {self.remote or 'none (gloss sync init REMOTE)'}"]
        out.append(f"last sync: {self.last_sync or 'never'}")
        out.append(f"ahead {self.ahead}, behind {self.behind} (as of the last sync)")
        out.append(
            "local changes: "
            + (plural(self.unsynced, "file") + " not yet synced" if self.unsynced else "none")
        )
        out.append(
            f"conflicts flagged: {plural(self.flagged, 'highlight')} deleted elsewhere but "
            f"edited here (kept); {plural(self.kept_versions, 'highlight')} with an "
            "overwritten note or colour kept in its history"
        )
        return out


def status(root: Path) -> Status:
    """The sync status of the notebook at ``root`` (NotSynced if it is not synced)."""
    git = _git(root)
    remote = git.run("remote", "get-url", REMOTE, check=False)
    head, theirs = git.rev("HEAD"), git.rev(THEIRS)
    ahead = behind = 0
    if head and theirs:
        counts = git.run("rev-list", "--left-right", "--count", f"{head}...{theirs}").text
        ahead, behind = (int(n) for n in counts.split())
    elif head:
        ahead = int(git.run("rev-list", "--count", head).text or 0)
    changed = git.run("status", "--porcelain", "-z", "--untracked-files=all", check=False).out
    unsynced = sum(1 for entry in changed.split(b"\0") if entry[3:] and entry[:2] != b"R ")
    flagged = kept = 0
    nb = Notebook.open(root, read_only=True)
    for h in nb.highlights():
        fields = {o.field for o in h.history}
        flagged += DELETED_ELSEWHERE in fields
        kept += bool(fields & {"note", "color"})
    state = last_state(git)
    last = state.get("last_sync")
    return Status(
        remote=_shown(remote.text) if remote.code == 0 else None,
        last_sync=last if isinstance(last, str) else None,
        ahead=ahead,
        behind=behind,
        unsynced=unsynced,
        flagged=flagged,
        kept_versions=kept,
    )


@dataclass(frozen=True)
class Entry:
    """One synced change: which machine, when, what."""

    commit: str
    when: str
    machine: str
    summary: str


def history(root: Path, limit: int = 50) -> list[Entry]:
    """The newest ``limit`` changes, newest first."""
    git = _git(root)
    if git.rev("HEAD") is None:
        return []
    raw = git.run(
        "log", "-z", f"--max-count={limit}", "--format=%h%x1f%aI%x1f%an%x1f%s", BRANCH
    ).out.decode("utf-8", "replace")
    out = []
    for record in raw.split("\0"):
        parts = record.strip("\n").split("\x1f")
        if len(parts) == 4:
            commit, when, machine, summary = (one_line(p) for p in parts)
            out.append(Entry(commit, when, machine, summary))
    return out


def _git(root: Path) -> Git:
    git = Git(root, machine=machine_name())
    if not git.exists():
        raise NotSynced(f"the notebook {root} is not synced yet: run 'gloss sync init [REMOTE]'")
    return git


def _shown(url: str) -> str:
    """A remote's address without any user:password in it."""
    return one_line(_CREDENTIALS.sub(r"\1", url))
