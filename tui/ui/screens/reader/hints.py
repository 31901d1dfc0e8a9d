"""Numbered link hints (as in w3m and lynx): number the links in view, type one to follow.

Pure state, no Textual: the screen feeds it keys and paints its labels.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.reader import LinkRef


@dataclass
class LinkHints:
    """The links on offer (label ``n`` is ``links[n - 1]``) and the digits typed so far."""

    links: list[LinkRef]
    typed: str = ""

    def labels(self) -> list[tuple[str, LinkRef]]:
        """``(label, link)`` for every hint."""
        return [(str(n), link) for n, link in enumerate(self.links, 1)]

    def type(self, digit: str) -> LinkRef | None:
        """Add a digit; returns the link once the number can only mean one hint."""
        candidate = self.typed + digit
        if not any(label.startswith(candidate) for label, _ in self.labels()):
            return None  # a digit that leads nowhere is ignored
        self.typed = candidate
        number = int(candidate)
        # "1" with 12 hints could still become 10, 11 or 12: wait for more (or Enter).
        if 1 <= number <= len(self.links) and number * 10 > len(self.links):
            return self.links[number - 1]
        return None

    def backspace(self) -> None:
        """Forget the last digit typed."""
        self.typed = self.typed[:-1]

    def choose(self) -> LinkRef | None:
        """The link the digits typed so far name (on Enter)."""
        if self.typed.isdigit() and 1 <= int(self.typed) <= len(self.links):
            return self.links[int(self.typed) - 1]
        return None
