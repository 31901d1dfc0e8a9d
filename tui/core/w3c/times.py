"""Times as the Web Annotation model requires them: xsd:dateTime in UTC, written with ``Z``.

Other tools write offsets (``+01:00``), naive times or bare dates; each is read as the instant
it names (a naive time or a bare date as UTC, which is what the model says a time without a
zone should be taken as) and written back in UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

# Already in the model's form (what Gloss writes): checked, and returned as it is.
_CANONICAL = re.compile(r"\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d:[0-5]\d(\.\d*[1-9])?Z")


def utc_time(value: str) -> str | None:
    """``value`` as ``YYYY-MM-DDThh:mm:ss[.ffffff]Z``; None when it is no ISO 8601 time."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    if _CANONICAL.fullmatch(value):
        try:
            datetime.fromisoformat(value[:19])  # a real day and time (not February 30)
        except ValueError:
            return None
        return value
    try:
        moment = datetime.fromisoformat(value.replace("z", "Z").replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        moment = moment.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00:00+01:00 has no UTC time in range
        return None
    fraction = f".{moment.microsecond:06d}".rstrip("0") if moment.microsecond else ""
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + fraction + "Z"
