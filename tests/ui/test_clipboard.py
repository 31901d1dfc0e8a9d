"""`y` says where the quote went: a real clipboard tool (a fake `xclip` first on PATH that
keeps what it is given), a tool that fails, or no tool at all (then the quote is saved in the
state folder, and never called copied)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
import pytest

from tests.support.reader_app import SEED, SIZE, make_app, reader, settle
from tui.core.anchor import describe
from tui.core.export.citation import accessed_on, quote_block
from tui.core.model.highlight import Highlight
from tui.core.text import sentence_at
from tui.ui.app import GlossApp


def fake_tool(folder: Path, name: str, status: int) -> Path:
    """A real executable ``name`` that writes its stdin to ``<folder>/<name>.got``."""
    folder.mkdir(parents=True, exist_ok=True)
    got = folder / f"{name}.got"
    script = folder / name
    script.write_text(f"#!/bin/sh\n/bin/cat > '{got}'\nexit {status}\n", encoding="utf-8")
    script.chmod(0o755)
    return got


def notes(app: GlossApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def copy_quote(app: GlossApp) -> str:
    """Press y on the first sentence and return the quote `y` makes of it."""
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("y")
        await pilot.pause()
        text = screen.article.text
        record = screen.opened.record
        highlight = Highlight(record.id, describe(text, *sentence_at(text, screen.cursor)))
        expected = quote_block(highlight, record, "mla", accessed_on(record.saved),
                               body=screen.article, start=highlight.target.position.start)
        assert app.clipboard == expected  # OSC 52 gets the same text
        # The page's italics are kept in the quote, as exports keep them (issue 13, 10).
        assert expected.startswith("> ") and "*Jessica Jones*" in expected.split("\n>\n")[0]
        plain = quote_block(highlight, record, "mla", accessed_on(record.saved), text=text)
        assert expected.replace("*Jessica Jones*", "Jessica Jones") == plain
        return expected


def fallback() -> Path:
    return platformdirs.user_state_path("gloss") / "clipboard.md"


async def test_xclip_that_takes_the_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    got = fake_tool(tmp_path / "bin", "xclip", 0)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    app = make_app(SEED)
    quote = await copy_quote(app)
    assert got.read_text(encoding="utf-8") == quote
    assert quote.startswith("> ") and "\n>\n> — " in quote
    assert "Copied the quote with its citation to the clipboard (xclip)." in notes(app)
    assert not fallback().exists()


async def test_xclip_that_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_tool(tmp_path / "bin", "xclip", 1)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))  # and no xsel
    app = make_app(SEED)
    quote = await copy_quote(app)
    (said,) = [n for n in notes(app) if "clipboard" in n]
    assert not said.startswith("Copied")
    assert said == (
        "No system clipboard took the quote with its citation (xclip exited with status 1). "
        "Sent to the terminal's clipboard (OSC 52): your terminal may not accept it. "
        f"It is saved in {fallback()}"
    )
    assert fallback().read_text(encoding="utf-8") == quote


async def test_no_clipboard_tool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    app = make_app(SEED)
    quote = await copy_quote(app)
    (said,) = [n for n in notes(app) if "clipboard" in n]
    assert said == (
        "No system clipboard took the quote with its citation (no clipboard tool found). "
        "Sent to the terminal's clipboard (OSC 52): your terminal may not accept it. "
        f"It is saved in {fallback()}"
    )
    assert fallback().read_text(encoding="utf-8") == quote
