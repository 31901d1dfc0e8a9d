"""Patterns rewritten for speed match exactly what they were written as."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.extract.clean import threads

# Digits (Latin and Arabic-Indic), the stamp's separators, letters, "_" and blanks.
ALPHABET = [*"0123456789129:/ a_x.-", "\u0663", "\xa0"]


@settings(max_examples=4000, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=24))
def test_stamp_matches_as_written(text: str) -> None:
    written = re.compile(threads.STAMP_AS_WRITTEN)
    assert [m.span() for m in threads._STAMP.finditer(text)] == [
        m.span() for m in written.finditer(text)
    ]


def test_stamp_examples() -> None:
    found = threads._STAMP.findall("Posted 10/01/2008 at 5:15 by a2019 in 1999, 2100 x_20:15 3:456")
    assert found == ["10/01/2008", "5:15", "1999"]
