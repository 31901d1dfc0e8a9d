"""Counts and sizes: one wording for the CLI, the UI and error messages."""

from __future__ import annotations

import pytest

from tui.core.text.numbers import human_size, plural


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "0 highlights"), (1, "1 highlight"), (2, "2 highlights"), (1234, "1,234 highlights")],
)
def test_plural_counts_with_thousands_separated(n: int, expected: str) -> None:
    assert plural(n, "highlight") == expected


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (1023, "1,023 bytes"),
        (1024, "1 KiB"),
        (1536, "1.5 KiB"),
        (10 * 1024 * 1024, "10 MiB"),  # the fetch limit reads as a round number
        (3 * (1 << 30) // 2, "1.5 GiB"),
    ],
)
def test_human_size_is_binary_with_binary_names(size: int, expected: str) -> None:
    assert human_size(size) == expected


def test_the_cli_and_the_notebook_screen_share_one_plural() -> None:
    from tui.commands import import_, notebook
    from tui.ui.screens import notebook as screen

    assert import_.plural is notebook.plural is screen.plural is plural
