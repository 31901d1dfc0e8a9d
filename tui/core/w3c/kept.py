"""What an imported annotation had that Gloss does not show, kept in its highlight
(``Highlight.kept``, JSON text) so that exporting it gives it back.

An object with any of these keys:

``annotation``  its other properties (creator, audience, rights, motivation, ...)
``note``, ``noteBodies``  the note as read, and the bodies it was read from: exported as they
                came while the note is unchanged (``bodyValue``: it was a ``bodyValue``)
``tags``, ``tagBodies``   the same for the tags
``bodies``      bodies Gloss cannot show (an IRI, an image, a purpose it does not know)
``target``      the target's other properties (its id, styleClass, state, an object source)
``selectors``   selectors besides the quote (another tool's TextPositionSelector, a
                FragmentSelector with the quote in its refinedBy, ...)
``otherTargets`` the annotation's other targets
``unmodified``  it had a ``created`` time and no ``modified`` one (none is written while the
                highlight is unchanged)
"""

from __future__ import annotations

import json
from typing import Any

from tui.core.w3c.load import depth_within

MAX_KEPT_DEPTH = 16  # deeper than any form of the model, shallow enough for any encoder
MAX_KEPT_CHARS = 65_536


def kept_text(kept: dict[str, Any]) -> str:
    """``kept`` as stored ('' when empty); ValueError when too deep or too large to keep."""
    kept = {k: v for k, v in kept.items() if v not in (None, [], {})}
    if not kept:
        return ""
    if not depth_within(kept, MAX_KEPT_DEPTH):
        raise ValueError(f"what Gloss would keep of it nests more than {MAX_KEPT_DEPTH} deep")
    text = json.dumps(kept, ensure_ascii=False, separators=(",", ":"))
    if len(text) > MAX_KEPT_CHARS:
        raise ValueError(f"what Gloss would keep of it is over {MAX_KEPT_CHARS:,} characters")
    return text


def read_kept(text: str) -> dict[str, Any]:
    """What :func:`kept_text` stored; {} for nothing or for a record spoiled by hand."""
    if not text:
        return {}
    try:
        kept = json.loads(text)
    except (ValueError, RecursionError):
        return {}
    return kept if isinstance(kept, dict) and depth_within(kept, MAX_KEPT_DEPTH) else {}


def kept_list(kept: dict[str, Any], key: str) -> list[Any]:
    """A list kept under ``key`` ([] when absent or not a list)."""
    value = kept.get(key)
    return value if isinstance(value, list) else []


def kept_object(kept: dict[str, Any], key: str) -> dict[str, Any]:
    """An object kept under ``key`` ({} when absent or not an object)."""
    value = kept.get(key)
    return value if isinstance(value, dict) else {}
