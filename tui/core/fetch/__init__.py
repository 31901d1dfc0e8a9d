"""Fetching: bytes from a URL, a file or stdin, within limits, decoded to HTML text."""

from __future__ import annotations

from tui.core.fetch.image import IMAGE_LIMITS, NotAnImageError, fetch_image, looks_like_image
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
