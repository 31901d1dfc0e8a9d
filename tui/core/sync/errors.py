"""Typed errors of sync, each one line for the person at the terminal (exit code 7)."""

from __future__ import annotations

from tui.core.errors import GlossError


class SyncError(GlossError):
    """Sync could not do what was asked; nothing in the notebook was lost."""

    exit_code = 7


class GitMissing(SyncError):
    """The `git` command is not installed."""

    def __init__(self) -> None:
        super().__init__(
            "sync needs the git command, which is not installed or not on PATH "
            "(install git from your package manager or https://git-scm.com)"
        )


class GitFailed(SyncError):
    """A git command failed in a way sync does not expect (its last line is kept)."""


class NotSynced(SyncError):
    """The notebook is not a synced one yet."""


class RemoteUnreachable(SyncError):
    """The remote could not be reached: work goes on offline, the next sync catches up."""


class AuthRefused(SyncError):
    """The remote refused our credentials."""


class NotAGlossRemote(SyncError):
    """The remote holds something that is not a Gloss notebook: refused, nothing merged."""
