"""Typed errors of export and import, each with a one-line message fit for the CLI and UI."""

from __future__ import annotations

from tui.core.errors import GlossError
from tui.core.w3c import AnnotationError

__all__ = [
    "AnnotationError",
    "ExportError",
    "ForeignFileError",
    "LayoutError",
    "MarkerError",
    "TemplateError",
]


class ExportError(GlossError):
    """An export could not be written as asked."""

    exit_code = 5


class ForeignFileError(ExportError):
    """The destination exists and Gloss did not write it: never overwritten without force."""


class MarkerError(ExportError):
    """A file Gloss wrote has broken region markers, so a merge could lose the user's text."""


class LayoutError(ExportError):
    """The destination holds an export in the other layout: merging would mix the two."""


class TemplateError(ExportError):
    """A Markdown template failed to load or render."""
