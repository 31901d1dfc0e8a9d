"""The notebook as the app holds it: reads answer from the query index until something needs
the notebook itself (a write, or anything the index does not answer), which opens it then.

A large notebook then shows its library without loading every highlight shard at start;
the first write pays the open once, and from there on everything goes to the notebook, so
what the app reads after a write is what it wrote.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from tui.core.notebook.layout import NotebookLayout
from tui.core.notebook.qindex import QueryIndex, index_file, open_index, write_mark

if TYPE_CHECKING:
    from tui.core.notebook.api import Notebook

# The read API QueryIndex shares with Notebook: these answer from the index until the
# notebook is open. Anything else (writes, batch, problems, backups…) opens it.
READS = frozenset({
    "article", "articles", "find_article", "versions", "load_article", "highlight_counts",
    "highlight", "highlights", "query", "tags", "library_ids", "articles_of",
    "has_articles", "highlight_ids", "highlights_of", "saved_highlights",
    "titles_and_sources", "unplaced", "highlights_with_history",
})


class LazyNotebook:
    """Stands in for a :class:`~tui.core.notebook.api.Notebook`: index reads, opened on demand.

    ``opener`` opens the notebook (with the caller's path, read_only and writer). Index
    reads are serialised by a lock: workers in threads share the one connection.
    """

    def __init__(self, index: QueryIndex, opener: Callable[[], Notebook], *, read_only: bool,
                 mark: tuple[str, int]) -> None:
        self._index: QueryIndex | None = index
        self._opener = opener
        self._notebook: Notebook | None = None
        self._lock = threading.RLock()
        self._mark = mark  # the change log's position the index is at least as new as
        self.path: Path = index.path
        self.read_only = read_only

    @property
    def opened(self) -> Notebook | None:
        """The notebook, if something has opened it already."""
        return self._notebook

    def notebook(self) -> Notebook:
        """The notebook itself, opened the first time it is asked for (the index let go)."""
        with self._lock:
            if self._notebook is None:
                self._notebook = self._opener()
                if self._index is not None:
                    self._index.close()
                    self._index = None
            return self._notebook

    @property
    def snapshots(self) -> Any:
        """The saved texts, as whichever answers now holds them: asking whether an article's
        snapshot is stored (`gloss PAGE` of a saved page does) opens nothing."""
        with self._lock:
            source: Any = self._notebook if self._notebook is not None else self._index
            return source.snapshots

    def refresh(self) -> bool:
        """Pick up other processes' writes; True if anything changed (one read when not)."""
        with self._lock:
            if self._notebook is not None:
                return self._notebook.refresh()
            layout = NotebookLayout(self.path)
            mark = write_mark(layout)
            if mark == self._mark:
                return False
            fresh = open_index(self.path, threadsafe=True)  # caught up with what was written
            if fresh is None:  # no longer indexable: the notebook answers from now on
                self.notebook()
                return True
            assert self._index is not None
            self._index.close()
            self._index, self._mark = fresh, mark
            return True

    def __getattr__(self, name: str) -> Any:
        if name in READS:
            with self._lock:
                if self._notebook is None:
                    assert self._index is not None
                    return self._locked(name)
        return getattr(self.notebook(), name)

    def _locked(self, name: str) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            with self._lock:  # whichever answers now: the index, or the notebook opened since
                source: Any = self._notebook if self._notebook is not None else self._index
                return getattr(source, name)(*args, **kwargs)
        return call


def open_lazily(path: Path, opener: Callable[[], Notebook], *, read_only: bool) -> Notebook:
    """The notebook at ``path`` as the app reads it: from its index while only reading, the
    notebook opened by ``opener`` at the first write. Without a usable index (none yet, no
    FTS5, damage, an interrupted write) the notebook is opened now, as before.

    An index not built yet is not built here: from nothing it costs more than loading the
    notebook (22 s against 6 s at 200k); `gloss search` or `gloss notebook reindex` build it.
    """
    if not index_file(path).exists():
        return opener()
    mark = write_mark(NotebookLayout(path))
    index = open_index(path, threadsafe=True)
    if index is None:
        return opener()
    # Duck-typed: every Notebook attribute is answered, by the index or the notebook.
    return cast("Notebook", LazyNotebook(index, opener, read_only=read_only, mark=mark))
