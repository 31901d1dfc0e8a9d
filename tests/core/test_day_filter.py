"""Filter dates: ISO at any precision and relative words, one parser for CLI and screen."""

from __future__ import annotations

from datetime import date

import pytest

from tui.core.text.dates import HINT, parse_day

TODAY = date(2026, 3, 10)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2026", "2026"),
        ("2026-03", "2026-03"),
        ("2026-03-05", "2026-03-05"),
        ("2026-03-05T14:30", "2026-03-05T14:30"),
        ("2026-03-05 14:30:15", "2026-03-05T14:30:15"),
        ("2026-03-05t14:30z", "2026-03-05T14:30"),
        ("  today ", "2026-03-10"),
        ("Today", "2026-03-10"),
        ("yesterday", "2026-03-09"),
        ("0d", "2026-03-10"),
        ("7d", "2026-03-03"),
        ("10 d", "2026-02-28"),
        ("2w", "2026-02-24"),
        ("99999w", "0109-09-03"),
        ("", None),
        ("   ", None),
    ],
)
def test_typed_dates(typed: str, day: str | None) -> None:
    assert parse_day(typed, today=TODAY) == day


@pytest.mark.parametrize("typed", ["2026-13", "2026-02-30", "26-03-05", "last week", "7y", "-3d"])
def test_what_is_not_a_date_says_what_is(typed: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_day(typed, today=TODAY)
    assert str(caught.value) == f"not a date: {typed!r} ({HINT})"

