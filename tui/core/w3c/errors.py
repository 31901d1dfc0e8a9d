"""The error of reading W3C Web Annotation JSON: one line, fit for the CLI and the UI."""

from __future__ import annotations

from tui.core.errors import GlossError


class AnnotationError(GlossError):
    """A file to import is not the Web Annotation JSON Gloss reads."""

    exit_code = 6
