"""HTML to Article: readability finds the article, Gloss's rules tidy it, metadata is read."""

from __future__ import annotations

from tui.core.extract.pipeline import extract

__all__ = [
    "extract",
]
