"""Where each file of a notebook folder lives (see :mod:`.files` for the whole layout), and
which names may be article ids. Apart from :mod:`.files` because a command that answers from
the query index needs the paths, not the machinery that reads and checks the files.
"""

from __future__ import annotations

import re
from pathlib import Path

SHARD_SUFFIX = ".json"
ARTICLE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
UNDO_MANIFEST = "manifest.json"  # in undo/ while a multi-file write is under way


class NotebookLayout:
    """Paths inside one notebook folder. Computing them creates nothing.

    A value (compared and hashed by its root), as a frozen dataclass would be; a plain class
    because importing dataclasses costs a quick command more than this whole module.
    """

    __slots__ = ("root",)
    root: Path

    def __init__(self, root: Path) -> None:
        object.__setattr__(self, "root", root)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, NotebookLayout)
        return self.root == other.root

    def __hash__(self) -> int:
        return hash((self.root,))

    def __repr__(self) -> str:
        return f"NotebookLayout(root={self.root!r})"

    @property
    def index(self) -> Path:
        return self.root / "notebook.json"

    @property
    def shards(self) -> Path:
        return self.root / "highlights"

    @property
    def snapshots(self) -> Path:
        return self.root / "snapshots"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def changes(self) -> Path:
        return self.root / "changes.log"

    @property
    def lock(self) -> Path:
        return self.root / "notebook.lock"

    @property
    def undo(self) -> Path:
        return self.root / "undo"

    @property
    def damaged(self) -> Path:
        return self.root / "damaged"

    def shard(self, article_id: str) -> Path:
        """The highlight shard of ``article_id`` (the id is checked: it names a file)."""
        check_article_id(article_id)
        return self.shards / (article_id + SHARD_SUFFIX)

    def relative(self, path: Path) -> str:
        """``path`` as named inside a backup archive."""
        return path.relative_to(self.root).as_posix()

    def write_pending(self) -> bool:
        """Whether a multi-file write was cut short (its undo journal waits to be applied;
        see :mod:`.journal`)."""
        return (self.undo / UNDO_MANIFEST).exists()


def is_article_id(name: str) -> bool:
    """Whether ``name`` is usable as an article id (a safe file name)."""
    return isinstance(name, str) and ARTICLE_ID.fullmatch(name) is not None


def check_article_id(article_id: str) -> str:
    """``article_id`` if it is safe as a file name; ValueError otherwise."""
    if not isinstance(article_id, str) or not ARTICLE_ID.fullmatch(article_id):
        raise ValueError(f"not a usable article id: {article_id!r}")
    return article_id
