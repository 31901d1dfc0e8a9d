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
from tui.core.anchor.normal import normalize
from tui.core.anchor.status import (
    UNCHECKED,
    QuoteState,
    QuoteStatus,
    known_anchor,
    placement,
    settle,
    state_in,
    state_of,
    states_in,
    vouched,
)

__all__ = [
    "UNCHECKED",
    "Anchor",
    "AnchorSummary",
    "QuoteState",
    "QuoteStatus",
    "describe",
    "find_quote",
    "known_anchor",
    "normalize",
    "placement",
    "reanchor",
    "reanchor_all",
    "settle",
    "state_in",
    "state_of",
    "states_in",
    "summarize",
    "vouched",
]
