"""The reader's key bindings, each with an id so users can remap it in the config file.

One list serves the screen (BINDINGS), the help screen and the command palette, so the
three never disagree. As in vim, digits are counts in both modes (``3w``, ``2}``, ``5j``) and
``b`` is a word back; colours are ``c`` then ``1``-``5``. Counts and the digit after ``c``
are handled by the reader's key handler, listed in EXTRA_KEYS.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App
from textual.binding import Binding

from tui.core.model import COLORS

SECTIONS: tuple[tuple[str, tuple[Binding, ...]], ...] = (
    (
        "Moving",
        (
            Binding("j,down", "scroll_down", "Scroll down a line", id="reader.down"),
            Binding("k,up", "scroll_up", "Scroll up a line", id="reader.up"),
            Binding("space,pagedown,ctrl+f", "page_down", "Page down", id="reader.page_down"),
            Binding("pageup,ctrl+b", "page_up", "Page up", id="reader.page_up"),
            Binding("g,home", "top", "Go to the top", id="reader.top"),
            Binding("G,end", "bottom", "Go to the end", id="reader.bottom"),
            Binding("left", "scroll_left", "Scroll code and tables left", id="reader.left"),
            Binding("right", "scroll_right", "Scroll code and tables right", id="reader.right"),
            Binding("t", "contents", "Table of contents", id="reader.contents"),
        ),
    ),
    (
        "Cursor and selection",
        (
            Binding("w", "word_next", "Cursor to the next word", id="reader.word_next"),
            Binding("b,B", "word_prev", "Cursor to the word before", id="reader.word_prev"),
            Binding(
                "right_parenthesis", "sentence_next", "Next sentence", id="reader.sentence_next"
            ),
            Binding(
                "left_parenthesis",
                "sentence_prev",
                "This sentence's start, or the one before",
                id="reader.sentence_prev",
            ),
            Binding(
                "right_curly_bracket",
                "paragraph_next",
                "Next paragraph",
                id="reader.paragraph_next",
            ),
            Binding(
                "left_curly_bracket",
                "paragraph_prev",
                "This paragraph's start, or the one before",
                id="reader.paragraph_prev",
            ),
            Binding("v", "visual", "Start or end a selection", id="reader.visual"),
        ),
    ),
    (
        "Highlighting",
        (
            Binding(
                "h", "highlight", "Highlight the selection or the sentence", id="reader.highlight"
            ),
            Binding(
                "a",
                "annotate",
                "Highlight with tags and a note; on a highlight, edit it",
                id="reader.annotate",
            ),
            Binding(
                "c",
                "color_prefix",
                "Colour: then 1–5 (" + ", ".join(COLORS) + ")",
                id="reader.color",
            ),
            Binding(
                "x",
                "delete_highlight",
                "Delete the highlight (every one in a selection)",
                id="reader.delete_highlight",
            ),
            Binding("u", "undo", "Undo a highlight change", id="reader.undo"),
            Binding("ctrl+r", "redo", "Redo", id="reader.redo"),
            Binding(
                "y",
                "copy_quote",
                "Copy as a quote with its citation",
                id="reader.copy_quote",
            ),
            Binding(
                "X", "orphans", "Highlights that lost their place", id="reader.orphans"
            ),
        ),
    ),
    (
        "Searching",
        (
            Binding("slash", "search", "Search", id="reader.search"),
            Binding("n", "search_next", "Next match", id="reader.search_next"),
            Binding("N", "search_previous", "Previous match", id="reader.search_previous"),
        ),
    ),
    (
        "Links",
        (
            Binding("tab", "next_link", "Select the next link", id="reader.next_link"),
            Binding(
                "shift+tab", "previous_link", "Select the previous link", id="reader.previous_link"
            ),
            Binding("enter", "follow", "Follow the selected link", id="reader.follow"),
            Binding("f", "hints", "Number the links in view", id="reader.hints"),
        ),
    ),
    (
        "Pages",
        (
            Binding("H,backspace", "back", "Back", id="reader.back"),
            Binding("L", "forward", "Forward", id="reader.forward"),
            Binding("o", "open", "Open a URL or file", id="reader.open"),
            Binding("r", "reload", "Reload", id="reader.reload"),
            Binding("O", "browser", "Open in the system browser", id="reader.browser"),
        ),
    ),
    (
        "Other",
        (
            Binding("escape", "cancel", "Stop loading, clear search", id="reader.cancel"),
            Binding("question_mark", "help", "Keys", id="reader.help"),
            Binding("q", "quit", "Quit", id="reader.quit"),
        ),
    ),
)

READER_BINDINGS: list[Binding] = [b for _, bindings in SECTIONS for b in bindings]
BINDING_IDS: frozenset[str] = frozenset(b.id for b in READER_BINDINGS if b.id)

# The ids the colour keys had when they were the digits 1-5 (digits are counts now). A config
# that remaps one still works: the reader's key handler honours it (default: no key).
LEGACY_COLOR_IDS: dict[str, int] = {
    f"reader.color_{n}": n for n in range(1, len(COLORS) + 1)
}

# Keys that are not bindings (typed into a prompt or the link hints), for the help screen.
EXTRA_KEYS: tuple[tuple[str, str, str], ...] = (
    ("Searching", "Enter / Esc", "In the search box: keep the matches / cancel"),
    ("Links", "1 2 3 …", "After f: type a link's number to follow it (Enter if ambiguous)"),
    ("Links", "click", "Follow the link under the mouse"),
    ("Moving", "wheel", "Scroll"),
    ("Cursor and selection", "3w 2} 5j", "A count repeats a motion (reading or selecting)"),
    ("Cursor and selection", "drag", "Select with the mouse (double click: a word)"),
    ("Highlighting", "Enter", "Re-attaching an orphan (X): attach it to the selection"),
    ("Other", "Ctrl+P", "Command palette: every action, and the theme"),
)


# One notation for keys everywhere they are shown (the keys screen, hints, the README):
# names as printed on keyboards, modifiers spelled out (``Ctrl+R``, never ``^r`` or ``⏎``).
KEY_NAMES: dict[str, str] = {
    "right_parenthesis": ")",
    "left_parenthesis": "(",
    "right_curly_bracket": "}",
    "left_curly_bracket": "{",
    "slash": "/",
    "question_mark": "?",
    "space": "Space",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "backspace": "Backspace",
    "home": "Home",
    "end": "End",
    "down": "↓",
    "up": "↑",
    "left": "←",
    "right": "→",
    "delete": "Del",
}


def key_label(key: str) -> str:
    """How key ``key`` (a Textual key name, ``ctrl+r``) is written for the user (``Ctrl+R``)."""
    key = key.strip()
    *modifiers, name = key.split("+") if len(key) > 1 else [key]
    if name in KEY_NAMES:
        name = KEY_NAMES[name]
    elif len(name) == 1:
        name = name.upper() if modifiers else name
    else:
        name = name.replace("_", " ").capitalize()
    return "+".join([*(m.capitalize() for m in modifiers), name])


def keys_for(app: App[object], binding: Binding) -> list[str]:
    """The keys that trigger ``binding`` now (the user's keymap wins), for display."""
    keymap: dict[str, str] = getattr(app, "keymap", None) or {}
    spec = keymap.get(binding.id or "", binding.key)
    return [key_label(key) for key in spec.split(",") if key.strip()]


def describe_keys(app: App[object]) -> Iterable[tuple[str, str, str]]:
    """``(section, keys, description)`` for every reader key, in help-screen order."""
    for section, bindings in SECTIONS:
        for binding in bindings:
            yield section, " ".join(keys_for(app, binding)), binding.description
        for extra_section, keys, description in EXTRA_KEYS:
            if extra_section == section:
                yield section, keys, description

# Ids of the dialogs' own keys (remappable too).
DIALOG_BINDING_IDS: frozenset[str] = frozenset(
    {"dialog.close", "error.close", "help.close", "highlight.save", "help.down", "help.up",
     "help.page_down", "help.page_up", "help.top", "help.bottom"}
)
