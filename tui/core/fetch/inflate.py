"""Size-capped decompression of an HTTP body (gzip, deflate), chunk by chunk."""

from __future__ import annotations

import zlib

from tui.core.errors import BadResponseError, TooLargeError, UnsupportedEncodingError


class BoundedInflater:
    """Decodes a Content-Encoding chunk by chunk, never holding more than ``max_bytes``.

    httpx's decoder inflates each network chunk whole (one 64 KB chunk of a bomb is 64 MB);
    here zlib's ``max_length`` caps every step, so memory stays near the cap.
    """

    _STEP = 256 * 1024

    def __init__(self, encoding: str, max_bytes: int, too_large: str,
                 url: str = "the page") -> None:
        codings = [c.strip().lower() for c in encoding.split(",")]
        codings = [c for c in codings if c not in ("", "identity")]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise UnsupportedEncodingError(
                f"unsupported content encoding: {', '.join(codings)}")
        self._coding = codings[0] if codings else ""
        self._max = max_bytes
        self._too_large = too_large
        self._corrupt = f"could not decompress {url}: corrupt {self._coding} data"
        self._out = bytearray()
        self._raw = 0
        self._inflater: zlib._Decompress | None = None
        self._head = b""  # bytes held until a stream's first two tell its format
        self._members = 0  # gzip members started: a body may hold several, back to back
        self._done = False

    @property
    def identity(self) -> bool:
        """True when the body is not compressed (its length is its size)."""
        return not self._coding

    def feed(self, chunk: bytes) -> None:
        """Take the next raw chunk; raise TooLargeError past the cap."""
        self._raw += len(chunk)
        if self._raw > self._max:  # compressed bytes count too: no endless empty members
            raise TooLargeError(self._too_large, limit=self._max)
        if not self._coding:
            self._append(chunk)
            return
        data = chunk
        while data and not self._done:
            if self._inflater is None:
                data = self._head + data
                if len(data) < 2:
                    self._head = data
                    return
                self._head = b""
                if self._coding != "deflate" and not data.startswith(b"\x1f\x8b"):
                    if self._members:
                        self._done = True  # trailing bytes after a member, as gzip(1) allows
                        return
                    raise BadResponseError(self._corrupt)
                self._inflater = zlib.decompressobj(self._wbits(data))
                self._members += 1
            try:
                self._append(self._inflater.decompress(data, self._room()))
            except zlib.error:
                raise BadResponseError(self._corrupt) from None
            data = self._inflater.unconsumed_tail
            if self._inflater.eof:
                data = self._inflater.unused_data + data
                self._inflater = None
                self._done = self._coding == "deflate"  # only gzip has further members

    def finish(self) -> bytes:
        """The whole decoded body. A truncated stream yields what arrived, as browsers do."""
        if self._inflater is not None:
            try:
                self._append(self._inflater.flush())
            except zlib.error:
                raise BadResponseError(self._corrupt) from None
        return bytes(self._out)

    def _wbits(self, data: bytes) -> int:
        if self._coding != "deflate":
            return 16 + zlib.MAX_WBITS
        # "deflate" should be zlib-wrapped, but servers send raw deflate too.
        zlib_header = (data[0] & 0x0F) == 8 and ((data[0] << 8) | data[1]) % 31 == 0
        return zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS

    def _room(self) -> int:
        # One byte past the cap proves the page too large; never 0 (0 means unlimited).
        return min(self._STEP, self._max - len(self._out) + 1)

    def _append(self, data: bytes) -> None:
        self._out += data
        if len(self._out) > self._max:
            raise TooLargeError(self._too_large, limit=self._max)
