"""Modules readability imports and Gloss never uses, run only if something uses them.

readability's module imports ``urllib.request`` and ``urllib.error`` (for its own command
line; with them come http.client, email, ssl and tempfile) and ``chardet`` (to guess the
charset of bytes; Gloss hands it a parsed tree). Together they are about a third of what
importing the cleaner costs, paid by every `gloss clean` and by the child cleaning the start
page on the way to the first frame.

Each is stood in for by a placeholder module until one of its names is asked for: then the
real module is imported as usual (replacing the placeholder everywhere the import system
looks) and answers. (``importlib.util.LazyLoader`` cannot do this: the ``import`` statement
itself reads the module's ``__spec__``, which runs it at once.)
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

DEFERRED = ("urllib.request", "urllib.error", "chardet")


class _Placeholder(types.ModuleType):
    """Stands for a module not run yet; the first name asked of it runs the real one."""

    def __getattr__(self, attr: str) -> object:
        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]
        real = importlib.import_module(name)  # also sets the parent package's attribute
        return getattr(real, attr)


def defer(name: str) -> None:
    """Stand in for ``name`` until it is used, unless it is imported already."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None:
        return  # not installed: its importer meets the ImportError, as it would have
    placeholder = _Placeholder(name)
    placeholder.__spec__ = spec
    sys.modules[name] = placeholder
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, placeholder)  # as the import system does


for _name in DEFERRED:
    defer(_name)
