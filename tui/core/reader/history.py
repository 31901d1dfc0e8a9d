"""Back/forward history of the articles opened in one session, like a browser's."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Entry:
    """An opened article: what to load it from (``base_url`` for HTML read from stdin)."""

    source: str
    base_url: str | None = None


class History:
    """A list of entries and a cursor; visiting after going back drops the forward part.

    A reader loads the entry :meth:`peek_back` names and calls :meth:`back` once it has
    loaded, so that a failed load leaves the history where it was.
    """

    def __init__(self, limit: int = 200) -> None:
        self._entries: list[Entry] = []
        self._index = -1
        self._limit = limit

    @property
    def current(self) -> Entry | None:
        """The entry being read, if any."""
        return self._entries[self._index] if self._index >= 0 else None

    @property
    def can_go_back(self) -> bool:
        """Whether :meth:`back` has somewhere to go."""
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        """Whether :meth:`forward` has somewhere to go."""
        return self._index < len(self._entries) - 1

    def visit(self, entry: Entry) -> None:
        """Make ``entry`` current; opening the current entry again changes nothing."""
        if entry == self.current:
            return
        del self._entries[self._index + 1 :]
        self._entries.append(entry)
        if len(self._entries) > self._limit:
            del self._entries[0]
        self._index = len(self._entries) - 1

    def peek_back(self) -> Entry | None:
        """The entry :meth:`back` would move to, without moving."""
        return self._entries[self._index - 1] if self.can_go_back else None

    def peek_forward(self) -> Entry | None:
        """The entry :meth:`forward` would move to, without moving."""
        return self._entries[self._index + 1] if self.can_go_forward else None

    def back(self) -> Entry | None:
        """Move one entry back and return it (None at the start)."""
        if not self.can_go_back:
            return None
        self._index -= 1
        return self.current

    def forward(self) -> Entry | None:
        """Move one entry forward and return it (None at the end)."""
        if not self.can_go_forward:
            return None
        self._index += 1
        return self.current

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Every entry, oldest first."""
        return tuple(self._entries)

    @property
    def index(self) -> int:
        """Position of the current entry in :attr:`entries` (-1 when empty)."""
        return self._index
