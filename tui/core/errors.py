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


# -- fetching (raised by tui.core.fetch.source) ---------------------------------------------------


class UnsupportedSchemeError(FetchError):
    """The source names a URL scheme Gloss does not read (ftp:, javascript:, data:...)."""


class InvalidURLError(FetchError):
    """The source or a redirect is not a usable URL."""


class LocalFileError(FetchError):
    """A local file could not be read."""


class MissingFileError(LocalFileError):
    """No file at that path."""


class NotAFileError(LocalFileError):
    """The path is a directory."""


class PermissionDeniedError(LocalFileError):
    """The file exists but may not be read."""


class NetworkError(FetchError):
    """DNS failure, connection refused or reset, TLS failure."""


class FetchTimeoutError(FetchError):
    """The connection or the whole fetch took longer than its limit."""


class TooManyRedirectsError(FetchError):
    """More redirects than allowed, or a redirect loop."""


class HTTPStatusError(FetchError):
    """The server answered with a non-2xx status."""

    def __init__(self, message: str, *, status_code: int, url: str) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.url = url


class TooLargeError(FetchError):
    """The page (after decompression) is larger than the size cap."""

    def __init__(self, message: str, *, limit: int) -> None:
        super().__init__(message)
        self.limit = limit


class UnsupportedTypeError(FetchError):
    """The content is not HTML (a PDF, an image, JSON...)."""

    def __init__(self, content_type: str) -> None:
        super().__init__(f"not an HTML page: {content_type}")
        self.content_type = content_type


class UnsupportedEncodingError(FetchError):
    """A Content-Encoding whose decompressed size Gloss cannot bound (br, zstd...)."""


class BadResponseError(FetchError):
    """A response that breaks HTTP: truncated body, corrupt compression, protocol errors."""


class EmptyInputError(FetchError):
    """The source held nothing but whitespace."""
