"""Untrusted JSON read with its limits checked before anything uses it.

orjson refuses what Python's ``json`` lets through to fail later: a number too large for a
double (``10**400``, which ``json`` reads as an int that later overflows a float or the
notebook's 64-bit storage), NaN and Infinity, a lone surrogate (which no file can store),
and nesting deeper than 1,024 (``json`` recurses until a RecursionError). Every refusal is
one :class:`AnnotationError` line, so an import stops before it writes anything.
"""

from __future__ import annotations

import re
from typing import Any

import orjson

from tui.core.w3c.errors import AnnotationError

MAX_DEPTH = 1024  # orjson's own limit, named so the message can say it
_BOM = b"\xef\xbb\xbf"
_WHERE = re.compile(r": (line \d+ column \d+) \(char \d+\)$")


def load_json(raw: bytes | str) -> Any:
    """The decoded JSON of ``raw``, or AnnotationError with a one-line reason."""
    if isinstance(raw, bytes) and raw.startswith(_BOM):
        raw = raw[len(_BOM) :]  # a BOM some editors write: not JSON, but harmless
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        text = raw if isinstance(raw, str) else raw.decode("utf-8", "replace")
        if text[error.pos : error.pos + 9].lstrip("-").startswith(("NaN", "Infinity")):
            # Python's json writes these for NaN and inf floats; no JSON reader must accept them.
            found = _WHERE.search(str(error))
            where = f" ({found.group(1)})" if found else ""
            message = f"not JSON: NaN and Infinity are no JSON numbers{where}"
            raise AnnotationError(message) from None
        raise AnnotationError(_reason(str(error))) from None


def _reason(message: str) -> str:
    found = _WHERE.search(message)
    where = f" ({found.group(1)})" if found else ""
    text = message[: found.start()] if found else message
    if "depth limit exceeded" in text:
        return f"not JSON Gloss reads: nested more than {MAX_DEPTH} levels deep{where}"
    if "infinity when parsed as double" in text:
        return f"not JSON Gloss reads: a number too large{where}"
    if "not valid UTF-8" in text:  # orjson says so of bad bytes and of lone surrogates
        return "not JSON Gloss reads: not UTF-8 text"
    return f"not JSON: {text}{where}"


def depth_within(value: Any, limit: int) -> bool:
    """Whether ``value`` nests at most ``limit`` lists or objects deep (iterative: a
    hostile value cannot exhaust the stack)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        elif not isinstance(item, list):
            continue
        if depth >= limit:
            return False
        stack.extend((child, depth + 1) for child in item)
    return True
