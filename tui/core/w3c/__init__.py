"""W3C Web Annotation JSON: read safely (limits checked before use, every form the
Recommendation allows for the parts Gloss uses, an outcome per annotation), and what the
writer (tui.core.export.annotations) shares with the reader: ids, times, the JSON-LD context,
what an imported annotation keeps.

Importers of other services' files (tui.core.imports) call :func:`load_json` for their own
JSON and :func:`read_annotations` for W3C annotations.
"""

from __future__ import annotations

from tui.core.w3c.context import ANNOTATION_CONTEXT, export_context, gloss_context
from tui.core.w3c.errors import AnnotationError
from tui.core.w3c.ids import NAMESPACE, annotation_id, article_urn, highlight_id
from tui.core.w3c.kept import kept_list, kept_object, read_kept
from tui.core.w3c.load import MAX_DEPTH, depth_within, load_json
from tui.core.w3c.nogc import collector_paused
from tui.core.w3c.read import (
    GENERATOR,
    Outcome,
    Reading,
    outcomes_summary,
    parse_annotations,
    read_annotations,
)
from tui.core.w3c.times import utc_time

__all__ = [
    "ANNOTATION_CONTEXT",
    "GENERATOR",
    "MAX_DEPTH",
    "NAMESPACE",
    "AnnotationError",
    "Outcome",
    "Reading",
    "annotation_id",
    "article_urn",
    "collector_paused",
    "depth_within",
    "export_context",
    "gloss_context",
    "highlight_id",
    "kept_list",
    "kept_object",
    "load_json",
    "outcomes_summary",
    "parse_annotations",
    "read_annotations",
    "read_kept",
    "utc_time",
]
