"""The cycle collector held off while the app starts (issues 14 and 19).

Starting makes many objects that live as long as the app (modules, classes, widgets, the
notebook's records, the article and its layout) and little garbage. The collector, left on,
walks them again and again as they pile up: a full collection over a long article alone
costs tens of milliseconds before the first paint. So it is paused from ``gloss`` reading
its arguments (or the app being made) until the first screen is painted, and then collects
once, in the quiet after that paint: the young generations (what start-up made), or, when
the reader view asked for a long layout to be frozen (see ``_layout_without_gc``), all of
them, then the freeze. Objects freed by their reference count are freed as usual meanwhile;
only cyclic garbage waits for that one collection.

No Textual here: the command line pauses before it imports the UI.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

# Work put off until the first screen is painted (saving the start page: see run_app).
_AFTER_PAINT: list[Callable[[], object]] = []


class _Pause:
    """Whether we paused the collector (a caller who turned it off keeps it off), and
    whether a long layout made meanwhile asked to be frozen once collected."""

    paused = False
    freeze = False


def pause_collector() -> None:
    """Hold the cycle collector off until :func:`resume_collector`."""
    if gc.isenabled():
        gc.disable()
        _Pause.paused = True


def collector_paused() -> bool:
    """Whether the collector is held off by :func:`pause_collector`."""
    return _Pause.paused


def freeze_when_started() -> None:
    """Freeze what is alive (after collecting) once the first screen is painted."""
    _Pause.freeze = True


def after_first_paint(callback: Callable[[], object]) -> None:
    """Call ``callback`` once the first screen is painted (after the collection). Dropped
    when the app leaves before it painted: whoever put the work off finishes it then."""
    _AFTER_PAINT.append(callback)


def resume_collector(*, collect: bool = True) -> None:
    """The first screen is up: collect once (freezing, if asked), then as usual, then the
    work put off until now (:func:`after_first_paint`). Without ``collect`` (the app is
    leaving before it painted) the collector is only turned on."""
    _resume(collect=collect)
    callbacks = _AFTER_PAINT[:]
    _AFTER_PAINT.clear()
    if collect:
        for callback in callbacks:
            callback()


def _resume(*, collect: bool) -> None:
    if not _Pause.paused:
        return
    _Pause.paused = False
    if collect:
        if _Pause.freeze:
            gc.collect()
            gc.freeze()
        else:
            gc.collect(1)  # the young generations: start-up's objects, not the whole heap
    _Pause.freeze = False
    gc.enable()


def resume_when_painted(node: MessagePump) -> None:
    """Resume the collector once ``node``'s screen has painted what it shows now: after the
    refresh after next, so that what runs right after that paint (a test's or a
    benchmark's callback) runs before the collection."""
    node.call_after_refresh(node.call_after_refresh, resume_collector)
