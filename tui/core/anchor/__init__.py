"""Anchoring: describe a quote in an Article's text, and re-attach it when the text changes."""

from __future__ import annotations

from tui.core.anchor.attach import (
    Anchor,
    AnchorSummary,
    describe,
    find_quote,
    reanchor,
    reanchor_all,
    summarize,
)

__all__ = [
    "Anchor",
    "AnchorSummary",
    "describe",
    "find_quote",
    "reanchor",
    "reanchor_all",
    "summarize",
]
