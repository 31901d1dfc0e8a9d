"""The Gloss application (placeholder until the reader lands)."""

from __future__ import annotations

from pathlib import Path


def run_app(source: str | None, base_url: str | None = None, notebook: Path | None = None) -> int:
    """Run the app until the user quits; returns the exit code."""
    raise NotImplementedError
