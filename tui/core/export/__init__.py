"""Export: citations, Markdown, W3C Web Annotation JSON, CSL-JSON and BibTeX, and the merge
for safe re-export.

This face loads each satellite on first use of one of its names (PEP 562): ``gloss clean``
needs only ``article_text``, and the rest of export brings Jinja2 and PyYAML, about a quarter
of that command's start-up. ``_FROM`` says where each name lives; the imports below are the
same, for type checkers and readers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.faces import lazy_face

if TYPE_CHECKING:
    from tui.core.export.annotations import parse_annotations
    from tui.core.export.article_text import to_json, to_markdown, to_text
    from tui.core.export.bibliography import (
        BIB_FORMATS,
        BibFormat,
        bibliography,
        write_bibliography,
    )
    from tui.core.export.bodies import saved_bodies
    from tui.core.export.citation import accessed_on, quote_block
    from tui.core.export.csl import CslStyle, CslStyleError, is_csl_path, load_csl
    from tui.core.export.errors import AnnotationError, ForeignFileError, MarkerError
    from tui.core.export.exporter import (
        FORMATS,
        SUFFIXES,
        ExportOptions,
        ExportReport,
        Format,
        Scope,
        check_destination,
        export_file,
        export_folder,
        export_text,
        select,
    )
    from tui.core.export.streamed import export_file_streamed
    from tui.core.export.streamed_folder import export_folder_streamed
    from tui.core.export.streamed_json import export_json_streamed, render_json
    from tui.core.export.streamed_merge import merge_streamed
    from tui.core.export.styles import STYLES, CitationStyle
    from tui.core.export.template import Layout

__all__ = [
    "BIB_FORMATS",
    "FORMATS",
    "STYLES",
    "SUFFIXES",
    "AnnotationError",
    "BibFormat",
    "CitationStyle",
    "CslStyle",
    "CslStyleError",
    "ExportOptions",
    "ExportReport",
    "ForeignFileError",
    "Format",
    "Layout",
    "MarkerError",
    "Scope",
    "accessed_on",
    "bibliography",
    "check_destination",
    "export_file",
    "export_file_streamed",
    "export_folder",
    "export_folder_streamed",
    "export_json_streamed",
    "export_text",
    "is_csl_path",
    "load_csl",
    "merge_streamed",
    "parse_annotations",
    "quote_block",
    "render_json",
    "saved_bodies",
    "select",
    "to_json",
    "to_markdown",
    "to_text",
    "write_bibliography",
]

# satellite -> the names this face takes from it
_FROM: dict[str, tuple[str, ...]] = {
    "annotations": ("parse_annotations",),
    "article_text": ("to_json", "to_markdown", "to_text"),
    "bibliography": ("BIB_FORMATS", "BibFormat", "bibliography", "write_bibliography"),
    "bodies": ("saved_bodies",),
    "citation": ("accessed_on", "quote_block"),
    "csl": ("CslStyle", "CslStyleError", "is_csl_path", "load_csl"),
    "errors": ("AnnotationError", "ForeignFileError", "MarkerError"),
    "exporter": (
        "FORMATS",
        "SUFFIXES",
        "ExportOptions",
        "ExportReport",
        "Format",
        "Scope",
        "check_destination",
        "export_file",
        "export_folder",
        "export_text",
        "select",
    ),
    "streamed": ("export_file_streamed",),
    "streamed_folder": ("export_folder_streamed",),
    "streamed_json": ("export_json_streamed", "render_json"),
    "streamed_merge": ("merge_streamed",),
    "styles": ("STYLES", "CitationStyle"),
    "template": ("Layout",),
}
if not TYPE_CHECKING:  # hidden from mypy, which would take any name of the face as Any
    __getattr__, __dir__ = lazy_face(__name__, _FROM, __all__)
