"""`--json` output is written record by record (issue 19), and must be the very text the
whole array gave: ``json.dumps(records, ensure_ascii=False, indent=2)`` and a newline, made
terminal-safe as one text.

Two halves, each checked over random input: the records' JSON (orjson where it writes what
json writes, json itself for the rest: floats, huge numbers, lone surrogates, other types),
and the writing of pieces (an escape sequence or a run of line breaks may straddle two
pieces, and is cleaned as the whole text would have been).
"""

from __future__ import annotations

import contextlib
import io
import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.commands.format import QUICK_AFTER, indented_json, json_chunks, print_json
from tui.commands.output import write_stdout_chunks
from tui.core.text import terminal_safe

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None)

# What terminals act on and what JSON escapes, among plain and wide text.
_TRICKY = (
    "\x1b", "\x1b[31m", "\x1b]0;title\x07", "\x9b", "\x9d", "\x9c", "\x90", "\x07", "\r",
    "\n", "\r\n", "\x0b", "\x0c", "\x85", "\u2028", "\u2029", "\t", "\x00", "\x7f", "\u202e",
    "\u200b", "\ufeff", "\ud800", "\udfff", '"', "\\", "/", "é", "字", "😀", " ", "}", ",",
    "[", "a",
)
texts = st.lists(st.sampled_from(_TRICKY) | st.text(max_size=3), max_size=12).map("".join)
leaves = (
    st.none() | st.booleans() | texts
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([0.0, -0.0, 1e-05, 0.0001, 1e16, 1e15, 123456789.0, 1.5, 2.0**70])
)
values = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(texts, inner, max_size=4)
    | st.tuples(inner, inner),
    max_leaves=20,
)


def _whole(records: list[Any]) -> str:
    return terminal_safe(json.dumps(records, ensure_ascii=False, indent=2) + "\n")


def _printed(records: list[Any]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        print_json(iter(records))
    return out.getvalue()


@SETTINGS
@given(values)
def test_one_value_is_written_as_json_writes_it(value: Any) -> None:
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


@SETTINGS
@given(st.lists(values, max_size=5))
def test_the_array_is_the_text_the_whole_list_gave(records: list[Any]) -> None:
    assert "".join(json_chunks(iter(records))) == json.dumps(
        records, ensure_ascii=False, indent=2
    ) + "\n"
    assert _printed(records) == _whole(records)


def test_a_long_array_is_the_text_the_whole_list_gave() -> None:
    # Past QUICK_AFTER records, orjson writes them: the text is the same.
    records = [{"n": n, "quote": f"caf\u00e9 \x1b[2J {n}", "tags": ["a", "b"], "x": None}
               for n in range(QUICK_AFTER * 2)]
    records[QUICK_AFTER + 3]["score"] = 1e-05  # a float among them: json's text still
    assert _printed(records) == _whole(records)


@SETTINGS
@given(st.lists(texts, max_size=8))
def test_pieces_are_cleaned_as_their_whole_would_be(pieces: list[str]) -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        write_stdout_chunks(iter(pieces))
    assert out.getvalue() == terminal_safe("".join(pieces))


@pytest.mark.parametrize(
    "value",
    [
        {"score": math.nan},  # json writes NaN, orjson null
        {"score": 1e-05},  # json writes 1e-05, orjson 1e-5
        {"n": 2**64},  # past orjson's integers
        {"quote": "\ud800"},  # a lone surrogate: orjson refuses it
        {1: "a"},  # a key that is no string: json writes "1"
        ("a", 1),  # a tuple: json writes a list
    ],
)
def test_what_orjson_would_write_otherwise_is_written_by_json(value: Any) -> None:
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_what_json_refuses_is_refused_still() -> None:
    # orjson would write a set's absence of order or a dataclass; the json module refuses.
    with pytest.raises(TypeError):
        indented_json({"tags": {"a"}})


def test_an_empty_listing_is_an_empty_array() -> None:
    assert _printed([]) == "[]\n"
