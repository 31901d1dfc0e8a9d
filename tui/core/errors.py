"""Typed errors, each carrying a one-line message fit to show a user."""

from __future__ import annotations


class GlossError(Exception):
    """Base of every error Gloss reports to a user.

    ``str(error)`` is a single human line; the CLI prints it and the UI shows it.
    """

    exit_code: int = 1

    def __init__(self, message: str) -> None:
        # One line only: the CLI and the status bar have room for nothing more.
        super().__init__(" ".join(message.split()))

    @property
    def message(self) -> str:
        """The one-line message."""
        return str(self)


class FetchError(GlossError):
    """A source could not be read (network, file, limits, type)."""

    exit_code = 3


class ExtractError(GlossError):
    """A page was read but holds no article."""

    exit_code = 4


class UsageError(GlossError):
    """The command line asked for something that makes no sense."""

    exit_code = 2
