"""Building a large tree of plain records without the cyclic garbage collector.

A JSON document of 50,000 annotations becomes a few million dicts, lists and strings, none
of them in a cycle; each collection the allocations trigger walks all of them again, which
costs a third of an import. The collector is paused for the build and restored after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block (restored as it was, also on error)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
