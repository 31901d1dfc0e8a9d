"""The notebook: saved articles and highlights on disk, durable, shared safely between processes.

This face loads each satellite on first use of one of its names (PEP 562): a command that
answers from the query index never imports the writing machinery (store, backups, repair),
a good part of its start-up. ``_FROM`` says where each name lives; the imports below are the
same, for type checkers and readers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.faces import lazy_face

if TYPE_CHECKING:
    from tui.core.folding import fold
    from tui.core.notebook.api import DeletedArticle, Notebook
    from tui.core.notebook.errors import NotebookError, NotInNotebook, SnapshotMissing
    from tui.core.notebook.external import LockedFiles
    from tui.core.notebook.layout import NotebookLayout, check_article_id
    from tui.core.notebook.lazy import LazyNotebook, open_lazily
    from tui.core.notebook.merge import DELETED_ELSEWHERE, Edit, conflict_notes, rebase
    from tui.core.notebook.pages import ArticlePages, HighlightPages
    from tui.core.notebook.qindex import (
        Listed,
        QueryIndex,
        index_file,
        open_index,
        reindex,
    )
    from tui.core.notebook.query import HighlightFilter, HighlightSort, rename_in, retag
    from tui.core.notebook.threeway import INDEX, is_notebook_file, merge_files

__all__ = [
    "DELETED_ELSEWHERE",
    "INDEX",
    "ArticlePages",
    "DeletedArticle",
    "Edit",
    "HighlightFilter",
    "HighlightPages",
    "HighlightSort",
    "LazyNotebook",
    "Listed",
    "LockedFiles",
    "NotInNotebook",
    "Notebook",
    "NotebookError",
    "NotebookLayout",
    "QueryIndex",
    "SnapshotMissing",
    "check_article_id",
    "conflict_notes",
    "fold",
    "index_file",
    "is_notebook_file",
    "merge_files",
    "open_index",
    "open_lazily",
    "rebase",
    "reindex",
    "rename_in",
    "retag",
]

# satellite -> the names this face takes from it
_FROM: dict[str, tuple[str, ...]] = {
    "api": ("DeletedArticle", "Notebook"),
    "errors": ("NotInNotebook", "NotebookError", "SnapshotMissing"),
    "external": ("LockedFiles",),
    "layout": ("NotebookLayout", "check_article_id"),
    "lazy": ("LazyNotebook", "open_lazily"),
    "merge": ("DELETED_ELSEWHERE", "Edit", "conflict_notes", "rebase"),
    "pages": ("ArticlePages", "HighlightPages"),
    "qindex": ("Listed", "QueryIndex", "index_file", "open_index", "reindex"),
    "query": ("HighlightFilter", "HighlightSort", "fold", "rename_in", "retag"),
    "threeway": ("INDEX", "is_notebook_file", "merge_files"),
}
if not TYPE_CHECKING:  # hidden from mypy, which would take any name of the face as Any
    __getattr__, __dir__ = lazy_face(__name__, _FROM, __all__)
