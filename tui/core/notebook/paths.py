"""Paths read from notebook files are data: they must name a file inside the notebook.

Notebook folders get synced, shared and unzipped, so a name read from one of its files (the
undo journal's manifest, a snapshot or shard name) may be crafted to reach outside it:
``../../.bashrc``, ``/etc/passwd``, or a folder inside that is a symlink to elsewhere.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath


def inside(root: Path, name: object) -> Path | None:
    """``root / name`` if ``name`` is a relative path that stays inside ``root`` once every
    symlink on the way is resolved; None otherwise (absolute, ``..``, empty, not text)."""
    if not isinstance(name, str) or not name or "\x00" in name or "\\" in name:
        return None
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts or relative.parts[:1] == ("/",):
        return None
    target = root / relative
    try:
        real_root = root.resolve()
        # The file itself may be missing or a stale link; where it would be written is its
        # folder's real place plus its name.
        real = target.parent.resolve() / target.name
    except (OSError, RuntimeError):  # a symlink loop
        return None
    if real == real_root or not real.is_relative_to(real_root):
        return None
    return target


# The folders Gloss writes into; each must be a real folder inside the notebook.
FOLDERS = ("highlights", "snapshots", "backups", "undo", "damaged")


def outside_folders(root: Path) -> list[str]:
    """The notebook's own folders (and files) that resolve outside ``root``, each as
    'name -> where' (none in any notebook Gloss made: they come from a crafted folder)."""
    names = [*FOLDERS, "notebook.json", "changes.log", "notebook.lock"]
    out = []
    for name in names:
        path = root / name
        if path.is_symlink():
            try:
                real = path.resolve()
            except (OSError, RuntimeError):
                out.append(f"{name} -> (a link loop)")
                continue
            if not real.is_relative_to(root.resolve()):
                out.append(f"{name} -> {real}")
    return out
