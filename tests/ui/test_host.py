"""The app is what screens are written against: everything :class:`Host` names, it has."""

from __future__ import annotations

from textual.app import App

from tests.support.reader_app import make_app
from tui.ui.host import Host


def test_the_app_is_a_host() -> None:
    assert isinstance(make_app(), Host)


def test_an_app_without_the_notebook_and_the_moves_is_not() -> None:
    # A plain Textual app has no notebook, config or moves: the check is not vacuous.
    assert not isinstance(App(), Host)
