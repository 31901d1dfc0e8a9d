"""Sync: one notebook on several machines, through a git remote, merged by record."""

from __future__ import annotations

from tui.core.sync.engine import IGNORED, Outcome, init, machine_name, sync
from tui.core.sync.errors import (
    AuthRefused,
    GitMissing,
    NotAGlossRemote,
    NotSynced,
    RemoteUnreachable,
    SyncError,
)
from tui.core.sync.report import Status, history, status

__all__ = [
    "IGNORED",
    "AuthRefused",
    "GitMissing",
    "NotAGlossRemote",
    "NotSynced",
    "Outcome",
    "RemoteUnreachable",
    "Status",
    "SyncError",
    "history",
    "init",
    "machine_name",
    "status",
    "sync",
]
