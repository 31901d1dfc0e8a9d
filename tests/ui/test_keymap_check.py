"""The config's [keys] table checked against the bindings: ids, key names, clashes."""

from __future__ import annotations

import pytest

from tui.ui.keys.check import keymap_problems


def test_the_default_keys_have_no_problem() -> None:
    assert keymap_problems({}) == []


@pytest.mark.parametrize(
    ("keymap", "problems"),
    [
        ({"reader.jump": "x"}, ["config: no key binding has the id 'reader.jump'"]),
        ({"reader.down": "j,dwon"},
         ["config: 'keys.reader.down' names no key Gloss knows: 'dwon'"]),
        ({"reader.down": "ctrl+"},
         ["config: 'keys.reader.down' names no key Gloss knows: 'ctrl+'"]),
        ({"reader.down": "J,ctrl+d,alt+left_square_bracket,é,f5"}, []),
        ({"reader.top": "j"},
         ["config: 'j' does two things in the reader: reader.down and reader.top"]),
        # The same key on two screens is fine; on the list and the library's own keys it is not.
        ({"library.sort": "x"}, []),
        ({"library.sort": "j"},
         ["config: 'j' does two things in the library: list.down and library.sort"]),
        ({"notebook.sort": "l"},
         ["config: 'l' does two things in the notebook: app.library and notebook.sort"]),
        # Swapping two keys is no clash.
        ({"reader.down": "k", "reader.up": "j"}, []),
    ],
)
def test_problems(keymap: dict[str, str], problems: list[str]) -> None:
    assert keymap_problems(keymap) == problems
