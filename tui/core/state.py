"""UI choices Gloss remembers between runs: the theme, where each article was left, and the
export dialog's last choices.

Kept as JSON at :func:`locations.state_path`, apart from the user's config file, because
Gloss writes it itself. A missing or damaged file is not an error: it is started afresh.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core import locations

MAX_POSITIONS = 500  # articles whose reading position is kept; the oldest go first
# The export dialog's choices worth remembering, and the values each may take.
EXPORT_CHOICES: dict[str, tuple[str, ...] | None] = {
    "format": ("markdown", "json"),
    "layout": ("article", "tag"),
    "cite": ("mla", "apa", "chicago"),
    "destination": ("file", "folder", "clipboard"),
    "path": None,  # any text
}


@dataclass
class UiState:
    """The remembered choices; ``positions`` maps an article key to a canonical offset."""

    theme: str | None = None
    positions: dict[str, int] = field(default_factory=dict)
    export: dict[str, str] = field(default_factory=dict)

    def position(self, key: str | None) -> int | None:
        """Where the article ``key`` was left, if known."""
        return self.positions.get(key) if key else None

    def remember(self, key: str | None, offset: int) -> None:
        """Record where the article ``key`` was left (most recent last)."""
        if not key:
            return
        self.positions.pop(key, None)
        self.positions[key] = max(0, int(offset))
        while len(self.positions) > MAX_POSITIONS:
            self.positions.pop(next(iter(self.positions)))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"theme": self.theme, "positions": dict(self.positions), "export": self.export}

    @classmethod
    def from_dict(cls, data: Any) -> UiState:
        """Read what :meth:`to_dict` wrote, dropping anything malformed."""
        if not isinstance(data, dict):
            return cls()
        theme = data.get("theme")
        positions = data.get("positions")
        clean = {}
        if isinstance(positions, dict):
            clean = {
                str(k): v
                for k, v in positions.items()
                if isinstance(v, int) and not isinstance(v, bool) and v >= 0
            }
        return cls(
            theme=theme if isinstance(theme, str) else None,
            positions=clean,
            export=_export_choices(data.get("export")),
        )


def _export_choices(data: Any) -> dict[str, str]:
    """The remembered export choices that are still ones the dialog offers."""
    if not isinstance(data, dict):
        return {}
    out = {}
    for name, allowed in EXPORT_CHOICES.items():
        value = data.get(name)
        if isinstance(value, str) and value.strip() and (allowed is None or value in allowed):
            out[name] = value
    return out


def load_state(path: Path | None = None) -> UiState:
    """The saved state, or a fresh one if there is none or it cannot be read."""
    path = path or locations.state_path()
    try:
        return UiState.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, AttributeError, KeyError, RecursionError):
        return UiState()  # a file written by hand is data too: a bad one is forgotten


def save_state(state: UiState, path: Path | None = None) -> None:
    """Write the state atomically (a crash never leaves half a file); errors are ignored.

    Losing a remembered theme is not worth interrupting the reader for.
    """
    path = path or locations.state_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".state-", suffix=".json", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(state.to_dict(), out, ensure_ascii=False, indent=1)
        Path(tmp).replace(path)
    except OSError:
        with contextlib.suppress(OSError, UnboundLocalError):
            Path(tmp).unlink()
