"""Syncing from the app: on start and on quit when the config asks (``[sync]``), in a thread
worker so the screen never waits on the network; the outcome is one notification, and
``App.sub_title`` says where the sync stands (the palette and window title show it), as does
the app's ``sync_status``, which every screen's status line shows (see :class:`StatusBar`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.app import App
from textual.worker import Worker, WorkerState

from tui.core.errors import GlossError
from tui.ui.host import host_of

GROUP = "sync"

# What the status line says (short: the line must still fit 80 columns).
SYNCING = "⟳ syncing"
SYNCED = "synced {time}"  # the local time the last sync ended, e.g. ``synced 10:42``
OFFLINE = "offline"
FAILED = "sync failed"

clock: Callable[[], datetime] = datetime.now  # local time; tests set a fixed one


def is_synced(root: Path) -> bool:
    """Whether the notebook at ``root`` was made a synced one (`gloss sync init`)."""
    return (root / ".git" / "HEAD").is_file()


def start_sync(app: App[Any], root: Path, *, then_exit: bool = False) -> bool:
    """Sync the notebook at ``root`` in a worker; False if it is not a synced notebook.
    ``then_exit``: quit the app once the sync has ended, whatever its outcome."""
    if not is_synced(root):
        return False
    from tui.core.sync import sync  # here: git and the sync engine are not for every start

    app.sub_title = "syncing…"
    host_of(app).sync_status = SYNCING
    app.run_worker(
        lambda: sync(root),
        name="quit" if then_exit else "start",
        group=GROUP,
        thread=True,
        exclusive=True,
        exit_on_error=False,
    )
    return True


def sync_ended(app: App[Any], event: Worker.StateChanged) -> bool:
    """Handle a sync worker's end (notify, indicator, quit if asked); False for another
    worker's event."""
    worker = event.worker
    if worker.group != GROUP or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
        return False
    from tui.core.sync import Outcome

    if event.state == WorkerState.SUCCESS and isinstance(worker.result, Outcome):
        outcome = worker.result
        app.sub_title = "offline" if outcome.offline else "synced"
        host_of(app).sync_status = (
            OFFLINE if outcome.offline else SYNCED.format(time=clock().strftime("%H:%M"))
        )
        app.notify("; ".join(outcome.lines), title="Sync",
                   severity="warning" if outcome.offline else "information", markup=False)
    else:
        error = worker.error
        app.sub_title = "sync failed"
        host_of(app).sync_status = FAILED
        line = (
            error.message if isinstance(error, GlossError) else f"{type(error).__name__}: {error}"
        )
        app.notify(line, title="Sync failed", severity="error", markup=False)
    if worker.name == "quit":
        app.exit(0)
    return True
