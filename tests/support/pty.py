"""Run the real `gloss` command in a pseudo-terminal and read its screen (pexpect + pyte).

    with TerminalSession(["samples/page.html"], size=(110, 32)) as term:
        term.wait_for("READ")
        term.press("j", "slash", *"word", "enter")
        term.wait_for("“word” 1/")
        print(term.text())

``raw`` keeps every byte the program wrote, so a test can prove that something (an escape
sequence from a page, say) never reached the terminal; ``title`` is the window title the
program set, as a terminal would show it.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType

import pexpect
import pyte

# What a terminal sends for a key name (Textual's names), in normal cursor-key mode.
KEYS: dict[str, str] = {
    "enter": "\r",
    "escape": "\x1b",
    "tab": "\t",
    "shift+tab": "\x1b[Z",
    "backspace": "\x7f",
    "space": " ",
    "slash": "/",
    "question_mark": "?",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "home": "\x1b[H",
    "end": "\x1b[F",
    "pageup": "\x1b[5~",
    "pagedown": "\x1b[6~",
}
_TITLE = re.compile(rb"\x1b\][02];([^\x07\x1b]*)")
ESCAPE_PAUSE = 0.25  # a lone ESC is only a key once no sequence follows it


def gloss_command() -> list[str]:
    """The installed `gloss` script beside this Python (else ``python -m tui``)."""
    script = Path(sys.executable).parent / "gloss"
    if script.exists():
        return [str(script)]
    found = shutil.which("gloss")
    return [found] if found else [sys.executable, "-m", "tui"]


def key_bytes(key: str) -> str:
    """The characters a terminal sends for ``key`` (a name, ``ctrl+x``, or a character)."""
    if key in KEYS:
        return KEYS[key]
    if key.startswith("ctrl+") and len(key) == 6:
        return chr(ord(key[-1].lower()) - ord("a") + 1)
    return key


class TerminalSession:
    """One program running in a pseudo-terminal of ``size`` (columns, rows)."""

    def __init__(
        self,
        args: Sequence[str],
        *,
        size: tuple[int, int] = (110, 32),
        command: Sequence[str] | None = None,
        cwd: str | Path | None = None,
        env: dict[str, str] | None = None,
        timeout: float = 20.0,
    ) -> None:
        columns, rows = size
        self.timeout = timeout
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        full_env = dict(os.environ if env is None else env)
        full_env.update({"TERM": "xterm-256color", "COLORTERM": "truecolor", "LANG": "C.UTF-8"})
        full_env.pop("TEXTUAL", None)  # no devtools in a test run
        # The size is the terminal's: programs read COLUMNS and LINES before asking the
        # terminal, and pytest-xdist's workers have them set to 80 and 24.
        full_env.pop("COLUMNS", None)
        full_env.pop("LINES", None)
        argv = [*(command or gloss_command()), *args]
        self.child = pexpect.spawn(
            argv[0],
            argv[1:],
            dimensions=(rows, columns),
            cwd=str(cwd) if cwd else None,
            env=full_env,
            timeout=timeout,
        )
        # pexpect sleeps 50 ms before every send by default; keys should arrive when sent.
        self.child.delaybeforesend = None

    # -- reading --------------------------------------------------------------------------

    def pump(self, duration: float = 0.05) -> bool:
        """Read what the program wrote for up to ``duration`` seconds; True if anything."""
        got = False
        deadline = time.monotonic() + duration
        while True:
            left = deadline - time.monotonic()
            try:
                data = self.child.read_nonblocking(65536, timeout=max(0.0, left))
            except pexpect.TIMEOUT:
                break
            except pexpect.EOF:
                break
            self.raw += data
            self.stream.feed(data)
            got = True
            if time.monotonic() >= deadline:
                break
        return got

    def read_once(self, timeout: float) -> float | None:
        """Read one chunk of what the program wrote (waiting up to ``timeout`` seconds) and
        feed it to the screen: when it was read (``time.perf_counter``, before the screen
        parsed it), or None if nothing came."""
        try:
            data = self.child.read_nonblocking(65536, timeout=timeout)
        except (pexpect.TIMEOUT, pexpect.EOF):
            return None
        read = time.perf_counter()
        self.raw += data
        self.stream.feed(data)
        return read

    def text(self) -> str:
        """The screen as text, one line per row (trailing spaces kept)."""
        return "\n".join(self.screen.display)

    @property
    def title(self) -> str:
        """The window title the program set with OSC 0 or 2 (empty if it never set one).

        Read from the raw bytes: pyte takes Textual's pointer-shape sequence (OSC 22) for a
        title.
        """
        found = _TITLE.findall(bytes(self.raw))
        return found[-1].decode("utf-8", "replace") if found else ""

    def wait_until(self, check: Callable[[str], bool], timeout: float | None = None) -> str:
        """Read until ``check(screen text)`` holds; the text, or AssertionError with it."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            text = self.text()
            if check(text):
                return text
            if time.monotonic() > deadline or (not self.child.isalive() and not self.pump(0.1)):
                raise AssertionError(f"timed out waiting; the screen shows:\n{text}")
            self.pump(0.05)

    def wait_for(self, needle: str, timeout: float | None = None) -> str:
        """Read until ``needle`` is on the screen."""
        return self.wait_until(lambda text: needle in text, timeout)

    def settle(self, quiet: float = 0.3, timeout: float | None = None) -> str:
        """Read until the program has been quiet for ``quiet`` seconds."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while time.monotonic() < deadline and self.pump(quiet):
            pass
        return self.text()

    # -- writing --------------------------------------------------------------------------

    def press(self, *keys: str) -> None:
        """Type keys by name (``enter``, ``ctrl+p``) or as characters."""
        for key in keys:
            self.child.send(key_bytes(key))
            # A lone ESC waits for a possible sequence; give it room before the next key.
            # (Room, not a guarantee: a test that sends a key after ESC should first wait
            # for what ESC does.)
            self.pump(ESCAPE_PAUSE if key == "escape" else 0.02)

    def type(self, text: str) -> None:
        """Type ``text`` character by character."""
        self.press(*text)

    def resize(self, columns: int, rows: int) -> None:
        """Resize the terminal (the program gets SIGWINCH) and the screen read back.

        What the program wrote for the old size is read into the old-size screen first.
        """
        while self.pump(0.0):
            pass
        self.screen.resize(rows, columns)
        self.child.setwinsize(rows, columns)

    # -- ending ---------------------------------------------------------------------------

    def wait_exit(self, timeout: float | None = None) -> int:
        """Wait for the program to end; its exit status (or -signal)."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while self.child.isalive() and time.monotonic() < deadline:
            self.pump(0.05)
        # Its last words may still be in the terminal after it ended: read them all (to EOF).
        while not self.child.isalive() and self.pump(0.05):
            pass
        self.child.close()
        if self.child.exitstatus is not None:
            return self.child.exitstatus
        return -(self.child.signalstatus or 0)

    def close(self) -> None:
        """Stop the program if it is still running."""
        if self.child.isalive():
            self.child.terminate(force=True)
        self.child.close()

    def __enter__(self) -> TerminalSession:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
