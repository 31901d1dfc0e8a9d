"""Article metadata from a parsed page: title, byline, date, site, language, canonical URL."""

from __future__ import annotations

from tui.core.extract.metadata.read import Metadata, read_metadata

__all__ = [
    "Metadata",
    "read_metadata",
]
