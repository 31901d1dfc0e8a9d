"""W3C Web Annotation JSON read safely: limits checked before use, every form the
Recommendation allows for the parts Gloss uses, a report per annotation.

Importers of other services' files (tui.core.imports) call :func:`load_json` for their own
JSON and :func:`parse_annotations` for W3C annotations.
"""

from __future__ import annotations

from tui.core.w3c.errors import AnnotationError
from tui.core.w3c.load import MAX_DEPTH, depth_within, load_json
from tui.core.w3c.times import utc_time

__all__ = ["MAX_DEPTH", "AnnotationError", "depth_within", "load_json", "utc_time"]
