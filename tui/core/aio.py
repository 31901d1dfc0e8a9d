"""Running a coroutine to its result from code that has no event loop running.

``asyncio.run`` on Python 3.11 formats ``repr()`` of its task, result and all, when it puts
SIGINT's handler back (``signal.getsignal`` tries ``Handlers(handler)``; the ValueError it
raises and catches spells out the handler, a partial holding the task). For an opened
109,000-word article that repr took ~20 ms of Gloss's start, and grows with the article.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Coroutine
    from typing import Any

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(coro)``, its result handed back past the task (which ends with None)."""
    box: list[T] = []

    async def keep() -> None:
        box.append(await coro)

    asyncio.run(keep())
    return box[0]
