"""The notebook: saved articles and highlights on disk, durable, shared safely between processes."""

from __future__ import annotations

from tui.core.notebook.api import DeletedArticle, Notebook
from tui.core.notebook.errors import NotebookError, NotInNotebook, SnapshotMissing
from tui.core.notebook.external import LockedFiles
from tui.core.notebook.files import NotebookLayout, check_article_id
from tui.core.notebook.merge import DELETED_ELSEWHERE, Edit, conflict_notes, rebase
from tui.core.notebook.query import HighlightFilter, HighlightSort, fold, rename_in, retag
from tui.core.notebook.threeway import INDEX, is_notebook_file, merge_files

__all__ = [
    "DELETED_ELSEWHERE",
    "INDEX",
    "DeletedArticle",
    "Edit",
    "HighlightFilter",
    "HighlightSort",
    "LockedFiles",
    "NotInNotebook",
    "Notebook",
    "NotebookError",
    "NotebookLayout",
    "SnapshotMissing",
    "check_article_id",
    "conflict_notes",
    "fold",
    "is_notebook_file",
    "merge_files",
    "rebase",
    "rename_in",
    "retag",
]
