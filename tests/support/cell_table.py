"""Writes tui/core/text/cell_table.py from the cell table of the Rich that Textual draws with.

Core may not import Rich, yet its cell widths must be Rich's (Textual places every cell by
Rich's measure), so core carries a copy of Rich's table. tests/ui/test_cells.py fails when the
installed Rich's table is not the copy; then run ``python -m tests.support.cell_table``.
"""

from __future__ import annotations

from tests.support import paths

TARGET = paths.ROOT / "tui" / "core" / "text" / "cell_table.py"


def rich_table() -> tuple[str, tuple[tuple[int, int, int], ...], str]:
    """Rich's latest table: its Unicode version, its (first, last, cells) ranges (every
    code point in none of them takes one cell), and the characters VS16 widens."""
    from rich._unicode_data import load

    table = load("latest")
    return table.unicode_version, tuple(table.widths), "".join(sorted(table.narrow_to_wide))


def source() -> str:
    """The module's text."""
    version, widths, widened = rich_table()
    rows = _wrapped([f"({a:#x}, {b:#x}, {w})" for a, b, w in widths])
    wide = _wrapped([f"{ord(c):#x}" for c in widened])
    lines = [
        f'"""Cell widths of Unicode {version}, as Rich measures them (generated: do not edit).',
        "",
        "Written by ``python -m tests.support.cell_table`` from the table of the installed Rich;",
        "tests/ui/test_cells.py checks that the two are the same. See tui.core.text.cells.",
        '"""',
        "",
        f'UNICODE_VERSION = "{version}"',
        "",
        "# (first, last, cells): code points in no range take one cell.",
        "WIDTHS: tuple[tuple[int, int, int], ...] = (",
        *rows,
        ")",
        "",
        "# Characters that a following VS16 (U+FE0F, emoji presentation) makes two cells wide.",
        "NARROW_TO_WIDE = frozenset(map(chr, (",
        *wide,
        ")))",
        "",
    ]
    return "\n".join(lines)


def _wrapped(items: list[str], width: int = 92) -> list[str]:
    """``items`` as lines of comma-ended items, each line indented and at most ``width``."""
    out: list[str] = []
    line = ""
    for item in items:
        if line and len(line) + len(item) + 2 > width:
            out.append("    " + line.rstrip())
            line = ""
        line += item + ", "
    if line:
        out.append("    " + line.rstrip())
    return out


if __name__ == "__main__":
    TARGET.write_text(source(), encoding="utf-8")
    print(f"wrote {TARGET}")
