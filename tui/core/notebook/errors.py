"""Typed errors of the notebook, each a one-line message that names the path at fault.

They live apart from :mod:`tui.core.errors` only because that module is shared; each subclasses
:class:`~tui.core.errors.GlossError`, so the CLI and the UI treat them like every other error.
"""

from __future__ import annotations

import errno
from pathlib import Path

from tui.core.errors import GlossError


class NotebookError(GlossError):
    """Something is wrong with the notebook itself (exit code 5)."""

    exit_code = 5


class NotebookCorrupt(NotebookError):
    """A notebook file cannot be read. It is left exactly as it was found."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"the notebook file {path} is damaged ({reason}); it was left untouched. "
            "Run 'gloss notebook repair' to restore it from its latest backup, or add "
            "--read-only to read it without writing."
        )
        self.path = path
        self.reason = reason


class UnsafeJournal(NotebookCorrupt):
    """The undo journal is garbled or names a path outside the notebook: nothing was undone
    and nothing touched; ``gloss notebook repair`` sets it aside."""

    def __init__(self, path: Path, reason: str) -> None:
        NotebookError.__init__(
            self,
            f"the notebook's undo journal {path} cannot be trusted ({reason}); nothing was "
            "touched. Run 'gloss notebook repair' to set it aside.",
        )
        self.path = path
        self.reason = reason


class SnapshotMissing(NotebookError):
    """An article's stored copy is gone or damaged, so it cannot be opened offline."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"the stored copy {path} cannot be read ({reason}); fetch it again")
        self.path = path


class NotebookWriteError(NotebookError):
    """A write failed (full disk, permissions...); what was on disk before is intact."""

    def __init__(self, path: Path, error: OSError) -> None:
        reason = error.strerror or str(error)
        if error.errno == errno.ENOSPC:
            reason = "no space left on the disk"
        super().__init__(f"could not save to {path}: {reason}; nothing was changed")
        self.path = path
        self.errno = error.errno


class NotebookBusy(NotebookError):
    """Another Gloss held the notebook lock for longer than we were willing to wait."""

    def __init__(self, path: Path, waited: float) -> None:
        super().__init__(
            f"the notebook {path} stayed locked by another Gloss for {waited:.0f} s; try again"
        )
        self.path = path


class NotebookReadOnly(NotebookError):
    """A write was asked of a notebook opened read-only."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"the notebook {path} is open read-only; nothing can be saved")
        self.path = path


class NotebookVersionError(NotebookError):
    """The notebook's schema is newer than this Gloss, or needs an upgrade it cannot do now."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"the notebook {path} {message}")
        self.path = path


class NotInNotebook(NotebookError):
    """An article or highlight id that the notebook does not hold."""

    exit_code = 2

    def __init__(self, what: str, ident: str) -> None:
        super().__init__(f"no {what} {ident} in the notebook")
        self.ident = ident
