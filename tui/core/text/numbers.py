"""Counts and sizes as people read them, the same in the CLI, the UI and error messages."""

from __future__ import annotations

# Binary units, named as such: the limits Gloss sets are powers of two (10 MiB of HTML), so
# they read as round numbers, and a size reads the same wherever it is shown.
_UNITS = (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10))


def plural(n: int, word: str) -> str:
    """``1 highlight``, ``2 highlights``, ``1,234 highlights`` (thousands separated)."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def human_size(size: int) -> str:
    """``size`` bytes in binary units: ``512 bytes``, ``1 KiB``, ``1.5 MiB``, ``10 MiB``.

    A whole number of a unit is shown without decimals (limits are), anything else with one.
    """
    for unit, scale in _UNITS:
        if size >= scale:
            whole, rest = divmod(size, scale)
            return f"{whole} {unit}" if not rest else f"{size / scale:.1f} {unit}"
    return plural(size, "byte")
