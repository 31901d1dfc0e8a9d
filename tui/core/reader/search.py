"""Finding text in an article, and stepping through the matches (pure, no Textual).

Matching ignores case, and a straight quote or hyphen in the query also matches its
typographic forms (’ “ ” – —), since pages use those and keyboards type the others.
Every form is one character, so match offsets are canonical-text offsets.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

MAX_MATCHES = 20_000  # beyond this a query is too common to be worth painting
_FOLDS = {
    "'": "['‘’ʼ′]",
    '"': '["“”„″]',
    "-": "[-‐‑‒–—―−]",
}


def compile_query(query: str) -> re.Pattern[str] | None:
    """A case-insensitive pattern for ``query`` (None for an empty query)."""
    if not query:
        return None
    parts = [_FOLDS.get(char) or re.escape(char) for char in query]
    return re.compile("".join(parts), re.IGNORECASE)


def find_matches(text: str, query: str, limit: int = MAX_MATCHES) -> list[tuple[int, int]]:
    """``(start, end)`` of every match of ``query`` in ``text``, at most ``limit``."""
    pattern = compile_query(query)
    if pattern is None:
        return []
    out = []
    for match in pattern.finditer(text):
        out.append(match.span())
        if len(out) >= limit:
            break
    return out


@dataclass
class SearchState:
    """A query, its matches and which one is current (-1: none yet)."""

    query: str = ""
    matches: list[tuple[int, int]] = field(default_factory=list)
    current: int = -1
    truncated: bool = False

    @classmethod
    def run(cls, text: str, query: str, from_offset: int = 0) -> SearchState:
        """Search ``text``; the current match is the first at or after ``from_offset``."""
        matches = find_matches(text, query)
        state = cls(query, matches, -1, len(matches) >= MAX_MATCHES)
        if matches:
            state.current = state.index_from(from_offset)
        return state

    def index_from(self, offset: int) -> int:
        """Index of the first match starting at or after ``offset`` (wrapping to the first)."""
        i = bisect.bisect_left([m[0] for m in self.matches], offset)
        return i if i < len(self.matches) else 0

    @property
    def match(self) -> tuple[int, int] | None:
        """The current match."""
        return self.matches[self.current] if 0 <= self.current < len(self.matches) else None

    def step(self, forward: bool = True) -> bool:
        """Move to the next (or previous) match; True when that wrapped around the end."""
        if not self.matches:
            return False
        count = len(self.matches)
        if self.current < 0:
            self.current = 0 if forward else count - 1
            return False
        nxt = self.current + (1 if forward else -1)
        self.current = nxt % count
        return not 0 <= nxt < count

    def describe(self) -> str:
        """``“query” 2/7`` (or ``no matches``) for the status bar."""
        if not self.query:
            return ""
        if not self.matches:
            return f"“{self.query}”: no matches"
        total = f"{len(self.matches)}{'+' if self.truncated else ''}"
        return f"“{self.query}” {self.current + 1}/{total}"
