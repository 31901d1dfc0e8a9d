"""Copying text to the system clipboard, and saying honestly whether it got there.

A terminal program cannot see the clipboard: OSC 52 (which the UI sends as well) is silently
dropped by GNOME Terminal, macOS Terminal.app and tmux with ``set-clipboard off``. So the text
goes to the system's own tool when there is one (wl-copy on Wayland, xclip or xsel on X11,
pbcopy on macOS, clip.exe on Windows and WSL), found with :func:`shutil.which` and trusted only
when it exits 0. When none took it, the text is written to a file in the state folder, so that
it is never lost and never said to be copied when it was not.

(pyperclip was considered: it does not check xclip's or xsel's exit status, so it would report
a copy that failed.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from tui.core.locations import clipboard_fallback_path

TOOL_TIMEOUT = 5.0  # seconds: a tool that hangs (no display answering) is a failed copy


@dataclass(frozen=True)
class Tool:
    """A clipboard command: its name (as shown to the user), arguments and text encoding."""

    name: str
    args: tuple[str, ...] = ()
    # clip.exe reads the console code page, not UTF-8; UTF-16 with a BOM keeps every character.
    encoding: str = "utf-8"


@dataclass(frozen=True)
class CopyResult:
    """What became of the text: ``tool`` took it, or it was saved to ``saved``."""

    tool: str | None = None
    saved: Path | None = None
    failures: tuple[str, ...] = ()  # "xclip exited with status 1", one per tool that failed

    @property
    def copied(self) -> bool:
        """True only if a system clipboard tool confirmed it has the text."""
        return self.tool is not None


def _is_wsl() -> bool:
    try:
        version = Path("/proc/version").read_text(encoding="ascii", errors="replace")
        return "microsoft" in version.lower()
    except OSError:
        return False


def candidate_tools(
    env: Mapping[str, str] | None = None, platform: str | None = None
) -> list[Tool]:
    """The clipboard tools worth trying here, in order (whether installed or not)."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if platform == "darwin":
        return [Tool("pbcopy")]
    if platform == "win32":
        return [Tool("clip", encoding="utf-16")]
    tools: list[Tool] = []
    if env.get("WAYLAND_DISPLAY"):
        tools.append(Tool("wl-copy"))
    if env.get("DISPLAY"):
        tools.append(Tool("xclip", ("-selection", "clipboard")))
        tools.append(Tool("xsel", ("--clipboard", "--input")))
    if _is_wsl():
        tools.append(Tool("clip.exe", encoding="utf-16"))
    return tools


def _run(tool: Tool, text: str) -> str | None:
    """Give ``text`` to ``tool``; None if it took it, else why not."""
    path = shutil.which(tool.name)
    if path is None:
        return f"{tool.name} is not installed"
    try:
        # Not captured: xclip and wl-copy leave a child serving the selection, and a pipe it
        # holds open would keep us waiting for it.
        done = subprocess.run(
            [path, *tool.args],
            input=text.encode(tool.encoding),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=TOOL_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"{tool.name} did not finish"
    except OSError as error:
        return f"{tool.name} could not run: {error.strerror or error}"
    if done.returncode != 0:
        return f"{tool.name} exited with status {done.returncode}"
    return None


def copy_text(text: str, *, fallback: Path | None = None) -> CopyResult:
    """Put ``text`` on the system clipboard; if no tool confirms it, save it to ``fallback``
    (default: a file in the state folder). Raises OSError only if that file cannot be written."""
    failures: list[str] = []
    for tool in candidate_tools():
        if shutil.which(tool.name) is None:
            continue
        problem = _run(tool, text)
        if problem is None:
            return CopyResult(tool=tool.name, failures=tuple(failures))
        failures.append(problem)
    path = fallback or clipboard_fallback_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return CopyResult(saved=path, failures=tuple(failures))
