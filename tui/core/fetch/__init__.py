"""Fetching: bytes from a URL, a file or stdin, within limits, decoded to HTML text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.faces import lazy_face
from tui.core.fetch.source import (
    DEFAULT_LIMITS,
    Limits,
    check_source,
    fetch,
    fetch_async,
    is_remote,
    local_file_error,
    source_url,
)

if TYPE_CHECKING:
    from tui.core.fetch.image import IMAGE_LIMITS, NotAnImageError, fetch_image, looks_like_image

__all__ = [
    "DEFAULT_LIMITS",
    "IMAGE_LIMITS",
    "Limits",
    "NotAnImageError",
    "check_source",
    "fetch",
    "fetch_async",
    "fetch_image",
    "is_remote",
    "local_file_error",
    "looks_like_image",
    "source_url",
]

# satellite -> the names this face takes when first asked for: pictures are fetched with
# asyncio, which a command reading one page (`gloss clean`) need not import.
_FROM: dict[str, tuple[str, ...]] = {
    "image": ("IMAGE_LIMITS", "NotAnImageError", "fetch_image", "looks_like_image"),
}
if not TYPE_CHECKING:  # hidden from mypy, which would take any name of the face as Any
    __getattr__, __dir__ = lazy_face(__name__, _FROM, __all__)
