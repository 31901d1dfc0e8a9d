"""The core clipboard: which tools it tries where, and that only exit 0 counts as copied."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.ui.test_clipboard import fake_tool
from tui.core.clipboard import candidate_tools, copy_text


def names(env: dict[str, str], platform: str) -> list[str]:
    return [tool.name for tool in candidate_tools(env, platform)]


def test_the_tools_tried_on_each_system() -> None:
    assert names({}, "darwin") == ["pbcopy"]
    assert names({}, "win32") == ["clip"]
    assert names({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "linux")[:3] == [
        "wl-copy",
        "xclip",
        "xsel",
    ]


def test_falls_through_to_the_next_tool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_tool(tmp_path, "xclip", 1)
    got = fake_tool(tmp_path, "xsel", 0)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("PATH", str(tmp_path))
    result = copy_text("naïve “quote”\n")
    assert (result.tool, result.saved, result.failures) == (
        "xsel",
        None,
        ("xclip exited with status 1",),
    )
    assert got.read_text(encoding="utf-8") == "naïve “quote”\n"


def test_no_display_saves_the_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_tool(tmp_path, "xclip", 0)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    result = copy_text("kept", fallback=tmp_path / "out" / "clip.md")
    assert not result.copied
    assert result.saved == tmp_path / "out" / "clip.md"
    assert result.saved.read_text(encoding="utf-8") == "kept"
