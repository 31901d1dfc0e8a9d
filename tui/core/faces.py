"""Lazy package faces (PEP 562): a face names what its package offers, and each name is
imported from its satellite module the first time it is asked for, so a command that needs one
corner of a package never pays for the rest of it."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any


def lazy_face(
    package: str, homes: Mapping[str, tuple[str, ...]], names: Iterable[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module ``__getattr__`` and ``__dir__`` of the face ``package``, whose ``homes`` say
    which satellite holds each name."""
    home = {name: satellite for satellite, held in homes.items() for name in held}
    offered = tuple(names)
    namespace = sys.modules[package].__dict__

    def __getattr__(name: str) -> Any:
        """A name of the face, imported from its satellite the first time it is asked for."""
        satellite = home.get(name)
        if satellite is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{satellite}"), name)
        namespace[name] = value  # later look-ups skip this function
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *offered})

    return __getattr__, __dir__
