"""HTML to Article: readability finds the article, Gloss's rules tidy it, metadata is read."""

from __future__ import annotations

# Before anything imports readability: its unused imports are deferred (see deferred.py).
from tui.core.extract import deferred  # noqa: F401  # isort: skip
from tui.core.extract.pipeline import extract

__all__ = [
    "extract",
]
