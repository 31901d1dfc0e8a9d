"""tui.core.aio.run: asyncio.run's result without asyncio.run's repr of it (Python 3.11
spells out the task, result and all, when it puts SIGINT's handler back)."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import paths
from tui.core import aio
from tui.core.library import Opened
from tui.core.loader import prepare_start

SEED = paths.ROOT / "samples" / "jessica-jones-season-2.html"


@pytest.fixture
def default_sigint() -> Iterator[None]:
    """SIGINT's handler as in `gloss` (asyncio.run swaps it only from the default)."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


class Loud:
    """A result that counts how often it is spelt out."""

    reprs = 0

    def __repr__(self) -> str:
        Loud.reprs += 1
        return "Loud()"


async def _loud() -> Loud:
    return Loud()


async def _fails() -> None:
    raise LookupError("gone")


def test_the_result_comes_back_unspelt(default_sigint: None) -> None:
    Loud.reprs = 0
    result = aio.run(_loud())
    assert isinstance(result, Loud)
    assert Loud.reprs == 0


def test_an_error_comes_through(default_sigint: None) -> None:
    with pytest.raises(LookupError, match="gone"):
        aio.run(_fails())
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_opening_a_saved_start_article_never_spells_it_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, default_sigint: None
) -> None:
    # The start page opened again from the notebook: asyncio.run made a repr of the whole
    # Opened (article, blocks and all) on the way out, ~20 ms for a long article.
    first = prepare_start(str(SEED), notebook=tmp_path / "nb")
    first.open_first()
    first.settle()
    spelt: list[bool] = []

    def counted(self: Opened) -> str:
        spelt.append(True)
        return "Opened(...)"

    monkeypatch.setattr(Opened, "__repr__", counted)
    again = prepare_start(str(SEED), notebook=tmp_path / "nb", background=False)
    opened = again.open_first()
    assert opened is not None and opened.offline
    assert opened.record.title == "How The Defenders Is Affecting Jessica Jones Season 2"
    assert spelt == []
