"""`gloss sync`: one notebook on several machines, through a git remote the user chooses.

``gloss sync init [REMOTE]`` makes the notebook a synced one (or, with a remote holding a
synced notebook, brings it onto this machine); ``gloss sync`` commits, fetches, merges by
record and pushes, one line per outcome; ``status`` and ``log`` say where things stand.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.commands.format import Parser, notebook_path, one_line
from tui.commands.output import write_stdout


def build_parser() -> argparse.ArgumentParser:
    """Options of `gloss sync` and its actions."""
    parser = Parser(
        prog="gloss sync",
        description="Sync the notebook through git: commit local changes, fetch, merge by "
        "record, push. 'gloss sync init [REMOTE]' first.",
    )
    _options(parser, top=True)
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    init = actions.add_parser(
        "init",
        help="Make the notebook a synced one; with REMOTE, join the notebook there.",
        description="Make the notebook a git repository. REMOTE (any path or URL git "
        "accepts: a private repository, a bare repository on a shared drive) is joined: a "
        "synced notebook there is brought here and merged with this one; an empty one gets "
        "this notebook; a path that does not exist becomes a new bare repository.",
    )
    init.add_argument("remote", nargs="?", metavar="REMOTE", help="where the notebook syncs")
    _options(init)
    _options(actions.add_parser("status", help="Ahead, behind, last sync, conflicts flagged."))
    log = actions.add_parser("log", help="What changed, by machine, newest first.")
    log.add_argument("--limit", type=int, default=50, metavar="N", help="at most N (default 50)")
    _options(log)
    return parser


def _options(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """--debug and --notebook, before or after the action (an action's own copy must not
    reset what was given before it, hence SUPPRESS)."""
    unset = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--debug", action="store_true", default=False if top else argparse.SUPPRESS,
        help="show tracebacks for errors",
    )
    parser.add_argument(
        "--notebook", type=Path, metavar="PATH", default=unset,
        help="notebook folder (default: the user data folder; env GLOSS_NOTEBOOK)",
    )


def run(args: argparse.Namespace) -> int:
    """Run the chosen action (none: sync)."""
    from tui.core import sync

    root = notebook_path(args)
    interactive = sys.stdin.isatty()
    if args.action == "init":
        outcome = sync.init(root, args.remote, interactive=interactive)
        write_stdout("".join(line + "\n" for line in outcome.lines))
        return 0
    if args.action == "status":
        write_stdout("".join(line + "\n" for line in sync.status(root).lines()))
        return 0
    if args.action == "log":
        entries = sync.history(root, max(1, args.limit))
        if not entries:
            write_stdout("nothing synced yet\n")
        for e in entries:
            write_stdout(f"{e.commit}  {e.when}  {one_line(e.machine)}  {one_line(e.summary)}\n")
        return 0
    outcome = sync.sync(root, interactive=interactive)
    write_stdout("".join(line + "\n" for line in outcome.lines))
    # Offline is not a failure of the notebook (everything is committed here), but a
    # script should know the remote was not reached.
    return sync.RemoteUnreachable.exit_code if outcome.offline else 0
