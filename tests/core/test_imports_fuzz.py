"""Any bytes given as any format: records, or one ImportFileError line; never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.imports import FORMATS, ImportFileError, read

FORMATS_READ = [f for f in FORMATS if f != "w3c"]
# Bytes shaped a little like the formats, so the parsers get past their first check.
SHAPES = st.sampled_from([
    b"", b"==========\n",
    b"Title (A)\n- Your Highlight | Location 5-3 | Added on x\n\nq\n==========",
    b"Highlight,Book Title,Book Author,Location,Highlighted at\n",
    b"URL,Title,Selection,Folder,Timestamp\n", b"title,url,time_added\n",
    b'{"annotations": [', b'{"documents": [{"entries": [{}]}]}', b"return {", b"<opml>",
    b"<!DOCTYPE NETSCAPE-Bookmark-file-1>", b"PK\x03\x04", b"http://", b"\xff\xfe",
])


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fmt=st.sampled_from(FORMATS_READ),
    head=SHAPES,
    tail=st.one_of(
        st.binary(max_size=200),
        st.text(alphabet=st.sampled_from(list('{}[]=",\n-|()0123456789abc:><\'')) ,
                max_size=200).map(str.encode),
    ),
)
def test_any_bytes_read_or_refuse_in_one_line(
    tmp_path: Path, fmt: str, head: bytes, tail: bytes
) -> None:
    path = tmp_path / "export.lua" if fmt == "koreader" else tmp_path / "export"
    path.write_bytes(head + tail)
    try:
        read(path, fmt)
    except ImportFileError as exc:
        assert "\n" not in str(exc) and str(exc)


@pytest.mark.parametrize("fmt", FORMATS_READ)
def test_an_empty_file(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "empty"
    path.write_bytes(b"")
    try:
        parsed = read(path, fmt)
    except ImportFileError:
        return
    assert parsed.records == ()


@pytest.mark.parametrize("fmt", ["hypothesis", "koreader"])
def test_json_nested_too_deep_is_one_line(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    with pytest.raises(ImportFileError) as caught:
        read(path, fmt)
    assert str(caught.value) == f"{fmt}: not JSON"
