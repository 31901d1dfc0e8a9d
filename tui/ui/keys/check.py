"""The config's ``[keys]`` table checked against the bindings, for one line per problem at
start: an id no binding has, a key name Textual never sends, and one key given two actions
on one screen (Textual would run one of them and silently never the other)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.binding import Binding
from textual.keys import Keys, _character_to_key, key_to_character

from tui.ui.keys.app import (
    APP_BINDINGS,
    DIALOG_SECTIONS,
    LIBRARY_BINDINGS,
    LIST_BINDINGS,
    NOTEBOOK_BINDINGS,
    bindings_of,
)
from tui.ui.keys.reader import DIALOG_BINDING_IDS, LEGACY_COLOR_IDS, READER_BINDINGS

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
# Every name Textual gives a key: its named keys and the names of printable characters.
_NAMES = frozenset(k.value for k in Keys) | frozenset(
    _character_to_key(chr(c)) for c in range(32, 127)
)
# What is active at once, app-wide keys first (so a clash names the app's binding first).
SCREENS: tuple[tuple[str, tuple[Binding, ...]], ...] = (
    ("reader", (*APP_BINDINGS, *READER_BINDINGS)),
    ("library", (*APP_BINDINGS, *LIST_BINDINGS, *LIBRARY_BINDINGS)),
    ("notebook", (*APP_BINDINGS, *LIST_BINDINGS, *NOTEBOOK_BINDINGS)),
    ("confirmation dialog", tuple(bindings_of(DIALOG_SECTIONS))),
)
# The colour keys' old ids (reader.color_1..5, before `c` then a digit) still work.
KNOWN_IDS: frozenset[str] = DIALOG_BINDING_IDS | frozenset(LEGACY_COLOR_IDS) | frozenset(
    b.id for _, bindings in SCREENS for b in bindings if b.id
)


def is_key_name(key: str) -> bool:
    """Whether Textual can send ``key`` (``j``, ``G``, ``pagedown``, ``ctrl+d``, ``slash``)."""
    *mods, base = key.split("+")
    if any(m not in MODIFIERS for m in mods) or not base:
        return False
    return base in _NAMES or len(base) == 1 or key_to_character(base) is not None


def keymap_problems(keymap: Mapping[str, str]) -> list[str]:
    """One line per problem with ``keymap`` (binding id → keys, comma separated)."""
    problems = [f"config: no key binding has the id '{binding_id}'"
                for binding_id in keymap if binding_id not in KNOWN_IDS]
    for binding_id, spec in keymap.items():
        bad = [k for k in _keys(spec) if not is_key_name(k)] or ([] if _keys(spec) else [spec])
        if bad:
            problems.append(f"config: 'keys.{binding_id}' names no key Gloss knows: '{bad[0]}'")
    for screen, bindings in SCREENS:
        problems += _clashes(screen, bindings, keymap)
    return problems


def _keys(spec: str) -> list[str]:
    return [k.strip() for k in spec.split(",") if k.strip()]


def _clashes(screen: str, bindings: Iterable[Binding], keymap: Mapping[str, str]) -> list[str]:
    """A key bound to two bindings on one screen (by the keymap, or the keymap and a default)."""
    owners: dict[str, list[str]] = {}
    for binding in bindings:
        if binding.id is None:
            continue
        for key in _keys(keymap.get(binding.id, binding.key)):
            if binding.id not in owners.setdefault(key, []):
                owners[key].append(binding.id)
    return [
        f"config: '{key}' does two things in the {screen}: {' and '.join(ids[:2])}"
        for key, ids in owners.items()
        if len(ids) > 1 and any(i in keymap for i in ids)
    ]
