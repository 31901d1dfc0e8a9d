"""Dates as people type them into a filter: ISO at any precision, or relative words.

One parser for ``gloss notebook list --since/--until`` and the notebook screen's "from – to"
fields, so both accept the same things and say the same thing when they can't.
The result is a prefix of the stored UTC creation times, which :class:`HighlightFilter`
compares at the precision given ("2026-03" is all of March).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

_ISO = re.compile(r"\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2})?Z?)?)?)?")
_AGO = re.compile(r"(\d{1,5})\s*([dw])")
HINT = "YYYY-MM-DD, YYYY-MM, YYYY, YYYY-MM-DDTHH:MM, today, yesterday, or 7d / 2w ago"


def parse_day(text: str, today: date | None = None) -> str | None:
    """``text`` as a filter date (None when blank); ValueError with a one-line message if not.

    ``today`` is the UTC date relative words count from (tests pin it).
    """
    value = text.strip()
    if not value:
        return None
    word = value.lower()
    today = today or datetime.now(UTC).date()
    if word in ("today", "yesterday"):
        return (today - timedelta(days=word == "yesterday")).isoformat()
    ago = _AGO.fullmatch(word)
    if ago:
        days = int(ago.group(1)) * (7 if ago.group(2) == "w" else 1)
        return (today - timedelta(days=days)).isoformat()  # 99999w is still after year 1
    iso = value.upper().replace(" ", "T")
    if _ISO.fullmatch(iso):
        full = iso.rstrip("Z")
        # Pad to a whole date so fromisoformat checks the month and day are real.
        padded = full + "-01-01"[len(full) - 4 :] if len(full) < 10 else full
        try:
            datetime.fromisoformat(padded)
        except ValueError:
            pass
        else:
            return full
    raise ValueError(f"not a date: {text!r} ({HINT})")
