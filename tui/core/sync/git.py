"""Running `git` for sync: one place that decides how git is called, and safely.

A notebook's repository and its remote are data, not code: git is always called with hooks
off (``core.hooksPath=/dev/null``), without the system config, without fsmonitor, with the
``ext::`` transport refused, and with an explicit ``--git-dir``/``--work-tree`` (so a
notebook inside another repository never finds that one). The user's own config (~/.gitconfig)
still applies: it holds their credential helpers and ssh settings. Merges never go through
git's merge machinery (no merge drivers from anyone's config): Gloss merges by record
(tui/core/notebook/threeway.py) and writes the commit with ``commit-tree``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tui.core.sync.errors import GitFailed, GitMissing

BRANCH = "main"
REMOTE = "origin"
# Variables a caller's environment could set to point git elsewhere; never passed on.
_KEEP = {"GIT_SSH", "GIT_SSH_COMMAND", "GIT_ASKPASS", "GIT_CONFIG_GLOBAL", "GIT_EXEC_PATH"}
_SAFE = (
    "core.hooksPath=/dev/null",
    "core.fsmonitor=false",
    "core.autocrlf=false",
    "core.quotePath=false",
    "commit.gpgsign=false",
    "protocol.ext.allow=never",
    "gc.auto=0",
    "maintenance.auto=false",
    "advice.detachedHead=false",
    "init.defaultBranch=" + BRANCH,
)


@dataclass(frozen=True)
class Result:
    """What one git command gave back."""

    code: int
    out: bytes
    err: str

    @property
    def text(self) -> str:
        """stdout as text, stripped."""
        return self.out.decode("utf-8", "replace").strip()

    @property
    def last_line(self) -> str:
        """git's last line on stderr: usually the one that says what went wrong."""
        lines = [line.strip() for line in self.err.splitlines() if line.strip()]
        return lines[-1] if lines else f"exit code {self.code}"


class Git:
    """git for one notebook folder (its repository is ``<root>/.git``)."""

    def __init__(self, root: Path, *, interactive: bool = False, machine: str = "gloss") -> None:
        self.root = root.absolute()
        self.interactive = interactive
        self.machine = machine
        if shutil.which("git") is None:
            raise GitMissing()

    @property
    def git_dir(self) -> Path:
        return self.root / ".git"

    def exists(self) -> bool:
        """Whether the notebook is a repository already."""
        return (self.git_dir / "HEAD").is_file()

    def environment(self) -> dict[str, str]:
        """The environment git runs in: no system config, C locale, prompts only when a
        person is at the terminal."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") or k in _KEEP}
        env |= {"GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C", "LANGUAGE": "C"}
        ident = self.machine.replace("<", "").replace(">", "") or "gloss"
        env |= {
            "GIT_AUTHOR_NAME": ident,
            "GIT_AUTHOR_EMAIL": "gloss@localhost",
            "GIT_COMMITTER_NAME": ident,
            "GIT_COMMITTER_EMAIL": "gloss@localhost",
        }
        if not self.interactive:
            env |= {"GIT_TERMINAL_PROMPT": "0", "GCM_INTERACTIVE": "never"}
            env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
        return env

    def run(self, *args: str, stdin: bytes | None = None, check: bool = True) -> Result:
        """Run ``git ARGS`` in the notebook; GitFailed (git's last line) unless ``check``
        is off."""
        command = ["git"]
        for setting in _SAFE:
            command += ["-c", setting]
        command += [f"--git-dir={self.git_dir}", f"--work-tree={self.root}", *args]
        return self._run(command, stdin, check, cwd=self.root)

    def bare(self, *args: str, cwd: Path | None = None, check: bool = True) -> Result:
        """A git command outside the notebook's repository (ls-remote, init --bare)."""
        command = ["git"]
        for setting in _SAFE:
            command += ["-c", setting]
        return self._run([*command, *args], None, check, cwd=cwd)

    def _run(
        self, command: list[str], stdin: bytes | None, check: bool, cwd: Path | None
    ) -> Result:
        try:
            done = subprocess.run(
                command,
                input=stdin,
                capture_output=True,
                env=self.environment(),
                cwd=cwd if cwd is not None and cwd.is_dir() else None,
                check=False,
                stdin=None if stdin is not None or self.interactive else subprocess.DEVNULL,
            )
        except FileNotFoundError:
            raise GitMissing() from None
        result = Result(done.returncode, done.stdout, done.stderr.decode("utf-8", "replace"))
        if check and result.code != 0:
            raise GitFailed(f"git {command_name(command)} failed: {result.last_line}")
        return result

    def rev(self, name: str) -> str | None:
        """The commit ``name`` names, or None."""
        found = self.run("rev-parse", "--verify", "--quiet", name + "^{commit}", check=False)
        return found.text or None if found.code == 0 else None

    def tree(self, rev: str | None) -> dict[str, str]:
        """Path -> blob id of every regular file in ``rev`` (links, submodules skipped)."""
        if rev is None:
            return {}
        listing = self.run("ls-tree", "-r", "-z", "--full-tree", rev).out
        out = {}
        for entry in listing.split(b"\0"):
            if not entry:
                continue
            meta, _, path = entry.partition(b"\t")
            mode, kind, oid = meta.split(b" ")
            if kind == b"blob" and mode in (b"100644", b"100755"):
                out[path.decode("utf-8", "surrogateescape")] = oid.decode()
        return out

    def staged(self) -> dict[str, str]:
        """Path -> blob id of every file `git add` staged."""
        listing = self.run("ls-files", "--stage", "-z").out
        out = {}
        for entry in listing.split(b"\0"):
            if entry:
                meta, _, path = entry.partition(b"\t")
                mode, oid, _stage = meta.split(b" ")
                if mode in (b"100644", b"100755"):
                    out[path.decode("utf-8", "surrogateescape")] = oid.decode()
        return out

    def blobs(self, oids: set[str]) -> dict[str, bytes]:
        """The content of each blob id, read in one ``cat-file --batch``."""
        if not oids:
            return {}
        order = sorted(oids)
        raw = self.run("cat-file", "--batch", stdin="".join(o + "\n" for o in order).encode()).out
        out: dict[str, bytes] = {}
        at = 0
        for oid in order:
            end = raw.index(b"\n", at)
            header = raw[at:end].split(b" ")
            at = end + 1
            if len(header) != 3:  # "<oid> missing"
                continue
            size = int(header[2])
            out[oid] = raw[at : at + size]
            at += size + 1
        return out

    def is_ancestor(self, older: str, newer: str) -> bool:
        """Whether commit ``older`` is in the history of ``newer``."""
        return self.run("merge-base", "--is-ancestor", older, newer, check=False).code == 0

    def clear_stale_locks(self) -> list[Path]:
        """Remove git's lock files a killed git left (call holding the notebook lock: sync
        is the only thing that runs git in a notebook)."""
        removed = []
        candidates = [self.git_dir / n for n in ("index.lock", "HEAD.lock", "packed-refs.lock",
                                                  "config.lock", "shallow.lock")]
        refs = self.git_dir / "refs"
        if refs.is_dir():
            candidates += [p for p in refs.rglob("*.lock") if p.is_file()]
        for path in candidates:
            if path.is_file() and not path.is_symlink():
                path.unlink(missing_ok=True)
                removed.append(path)
        return removed


def command_name(command: list[str]) -> str:
    """The git subcommand of a command line, for messages."""
    words = [w for w in command[1:] if not w.startswith("-") and "=" not in w]
    return words[0] if words else "?"
