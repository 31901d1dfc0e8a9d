"""What changed between two states of a notebook, in words, for commit messages and the log:
"2 highlights added, 1 edited; 1 article deleted"."""

from __future__ import annotations

import orjson

from tui.core.notebook import INDEX, is_notebook_file
from tui.core.sync.git import Git

STAGED = ":staged"  # the index (what `git add` staged), as the newer side
COUNT_UP_TO = 200  # changed highlight files whose records are counted one by one


def summarize(git: Git, old: str | None, new: str) -> str:
    """Records added, edited and deleted from commit ``old`` (None: nothing) to ``new`` (a
    commit, or STAGED). Damaged files count as edited: a summary never fails a sync."""
    before = git.tree(old)
    after = git.staged() if new == STAGED else git.tree(new)
    names = [
        n for n in sorted(before.keys() | after.keys())
        if is_notebook_file(n) and not n.startswith("snapshots/") and before.get(n) != after.get(n)
    ]
    shards = [n for n in names if n != INDEX]
    many = len(shards) > COUNT_UP_TO
    if many:  # counting records would read every file again: count the files instead
        names = [n for n in names if n == INDEX]
    blobs = git.blobs({t[n] for t in (before, after) for n in names if n in t})
    counts = {"h": [0, 0, 0], "a": [0, 0, 0]}  # added, edited, deleted
    for name in names:
        table = "articles" if name == INDEX else "highlights"
        old_docs = _docs(blobs.get(before.get(name, "")), table)
        new_docs = _docs(blobs.get(after.get(name, "")), table)
        tally = counts["a" if name == INDEX else "h"]
        for key in old_docs.keys() | new_docs.keys():
            if key not in old_docs:
                tally[0] += 1
            elif key not in new_docs:
                tally[2] += 1
            elif old_docs[key] != new_docs[key]:
                tally[1] += 1
    parts = [f"highlights: changes in {len(shards)} articles"] if many else []
    for kind, noun in (("h", "highlight"), ("a", "article")):
        added, edited, deleted = counts[kind]
        words = [f"{n} {verb}" for n, verb in ((added, "added"), (edited, "edited"),
                                                (deleted, "deleted")) if n]
        if words:
            parts.append(f"{noun}s: " + ", ".join(words))
    return "; ".join(parts)


def _docs(raw: bytes | None, table: str) -> dict[str, object]:
    if not raw:
        return {}
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return {}
    found = data.get(table) if isinstance(data, dict) else None
    return found if isinstance(found, dict) else {}
