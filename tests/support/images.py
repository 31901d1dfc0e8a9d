"""Small real images for figure tests, written with Pillow (which textual-image brings)."""

from __future__ import annotations

import io

from PIL import Image


def png(width: int = 8, height: int = 4, color: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A solid-colour PNG of ``width`` x ``height`` pixels."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, format="PNG")
    return out.getvalue()
