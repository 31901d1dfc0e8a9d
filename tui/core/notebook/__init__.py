"""The notebook: saved articles and highlights on disk, durable, shared safely between processes."""

from __future__ import annotations

from tui.core.notebook.api import DeletedArticle, Notebook
from tui.core.notebook.errors import NotebookError, NotInNotebook, SnapshotMissing
from tui.core.notebook.files import NotebookLayout, check_article_id
from tui.core.notebook.merge import rebase
from tui.core.notebook.qindex import QueryIndex, index_file, open_index, reindex
from tui.core.notebook.query import HighlightFilter, HighlightSort, fold, rename_in, retag

__all__ = [
    "DeletedArticle",
    "HighlightFilter",
    "HighlightSort",
    "NotInNotebook",
    "Notebook",
    "NotebookError",
    "NotebookLayout",
    "QueryIndex",
    "SnapshotMissing",
    "check_article_id",
    "fold",
    "index_file",
    "open_index",
    "rebase",
    "reindex",
    "rename_in",
    "retag",
]
