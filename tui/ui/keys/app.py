"""Keys of the app's own screens (library, notebook) and of the keys that work everywhere.

Every binding has an id, so users remap it in the config file's ``[keys]`` table like the
reader's. One list per screen serves the screen (BINDINGS), the help screen and the command
palette. App-level keys stay off the letters the reader and highlighting use (see
:mod:`tui.ui.keys.reader`): ``l``, ``m`` and ``E`` only. Action names differ from the reader's
(``go_back``, not ``back``) so that the reader's palette provider never offers them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.app import App
from textual.binding import Binding

from tui.ui.keys.reader import keys_for

Sections = tuple[tuple[str, tuple[Binding, ...]], ...]

APP_SECTIONS: Sections = (
    (
        "Screens",
        (
            Binding("l", "library", "Library: saved articles", id="app.library"),
            Binding("m", "notebook", "Notebook: every highlight", id="app.notebook"),
            Binding("E", "export", "Export highlights", id="app.export"),
        ),
    ),
)

# Moving in the library's and the notebook's lists (bound on the list widget itself).
LIST_BINDINGS: tuple[Binding, ...] = (
    Binding("j,down", "cursor_down", "Next row", id="list.down", show=False),
    Binding("k,up", "cursor_up", "Previous row", id="list.up", show=False),
    Binding("pagedown", "page_down", "Page down", id="list.page_down", show=False),
    Binding("pageup", "page_up", "Page up", id="list.page_up", show=False),
    Binding("g,home", "first", "First row", id="list.first", show=False),
    Binding("G,end", "last", "Last row", id="list.last", show=False),
)

LIBRARY_SECTIONS: Sections = (
    (
        "Library",
        (
            Binding("enter", "read_article", "Read the article", id="library.open"),
            Binding(
                "slash", "find_articles", "Search titles, addresses and sites",
                id="library.search",
            ),
            Binding("s", "sort_articles", "Sort by the next order", id="library.sort"),
            Binding(
                "i", "list_sources", "Where the articles came from (search source:NAME)",
                id="library.sources",
            ),
            Binding("r", "toggle_read", "Mark read or unread", id="library.toggle_read"),
            Binding("d,delete", "delete_article", "Delete the article", id="library.delete"),
            Binding("u", "undo_delete", "Undo the last delete", id="library.undo"),
            Binding("o", "open_source", "Open a URL or file", id="library.open_url"),
            Binding(
                "F", "search_everything", "Search everything: highlights, notes, articles' text",
                id="library.search_all",
            ),
        ),
    ),
    (
        "Other",
        (
            Binding("escape", "go_back", "Back (or leave the search box)", id="library.back"),
            Binding("question_mark", "show_keys", "Keys", id="library.help"),
            Binding("q", "quit_app", "Quit", id="library.quit"),
        ),
    ),
)

NOTEBOOK_SECTIONS: Sections = (
    (
        "Notebook",
        (
            Binding(
                "enter", "jump_to_highlight", "Show the highlight in its article",
                id="notebook.jump",
            ),
            Binding(
                "slash", "find_highlights", "Search quotes, notes and tags", id="notebook.search"
            ),
            Binding("f", "edit_filter", "Edit the filter", id="notebook.filter"),
            Binding("c", "clear_filter", "Clear the filter", id="notebook.clear"),
            Binding(
                "o", "toggle_orphans", "Only orphans and changed quotes, or all",
                id="notebook.orphans",
            ),
            Binding("s", "sort_highlights", "Sort by the next order", id="notebook.sort"),
            Binding(
                "W", "adopt_wording", "A changed quote takes the page's current wording",
                id="notebook.adopt",
            ),
            Binding(
                "F", "search_everything", "Search everything: highlights, notes, articles' text",
                id="notebook.search_all",
            ),
        ),
    ),
    (
        "Tags",
        (
            Binding("space", "toggle_mark", "Mark or unmark the highlight", id="notebook.mark"),
            Binding("a", "mark_all", "Mark every highlight shown", id="notebook.mark_all"),
            Binding("A", "unmark_all", "Unmark all", id="notebook.unmark_all"),
            Binding("t", "tag_marked", "Tag the marked highlights", id="notebook.tag"),
            Binding("T", "untag_marked", "Untag the marked highlights", id="notebook.untag"),
            Binding("R", "rename_tag", "Rename or merge a tag", id="notebook.rename_tag"),
        ),
    ),
    (
        "Changes",
        (
            Binding(
                "e", "edit_highlight", "Edit the highlight's tags, note and colour",
                id="notebook.edit",
            ),
            Binding(
                "d,delete", "delete_highlights", "Delete the highlight, or the marked ones",
                id="notebook.delete",
            ),
            Binding("u", "undo_change", "Undo the last change", id="notebook.undo"),
            Binding("ctrl+r", "redo_change", "Redo", id="notebook.redo"),
        ),
    ),
    (
        "Other",
        (
            Binding("escape", "go_back", "Back (or leave the filter)", id="notebook.back"),
            Binding("question_mark", "show_keys", "Keys", id="notebook.help"),
            Binding("q", "quit_app", "Quit", id="notebook.quit"),
        ),
    ),
)

SEARCH_SECTIONS: Sections = (
    (
        "Search",
        (
            Binding("enter", "open_hit", "Open the hit at its passage", id="search.open"),
            Binding("slash", "edit_query", "Edit the query", id="search.edit"),
        ),
    ),
    (
        "Other",
        (
            Binding("escape", "go_back", "Back (or leave the query)", id="search.back"),
            Binding("question_mark", "show_keys", "Keys", id="search.help"),
            Binding("q", "quit_app", "Quit", id="search.quit"),
        ),
    ),
)

# The dialogs' own keys (Esc is the shared ``dialog.close``).
DIALOG_SECTIONS: Sections = (
    (
        "Dialogs",
        (
            Binding("y", "confirm", "Yes", id="confirm.yes"),
            Binding("n", "close", "No", id="confirm.no"),
        ),
    ),
)

# Keys that are not bindings, for the help screen.
EXTRA_KEYS: tuple[tuple[str, str, str], ...] = (
    ("Library", "↑ ↓ j k", "Move; PgUp PgDn Home End too"),
    ("Notebook", "↑ ↓ j k", "Move; PgUp PgDn Home End too"),
    ("Notebook", "Tab", "Move between the filter's fields and the list"),
    ("Search", "↑ ↓ j k", "Move; PgUp PgDn Home End too"),
)


def bindings_of(sections: Sections) -> list[Binding]:
    """Every binding in ``sections``, in order."""
    return [b for _, bindings in sections for b in bindings]


APP_BINDINGS = bindings_of(APP_SECTIONS)
LIBRARY_BINDINGS = bindings_of(LIBRARY_SECTIONS)
NOTEBOOK_BINDINGS = bindings_of(NOTEBOOK_SECTIONS)
SEARCH_BINDINGS = bindings_of(SEARCH_SECTIONS)
APP_BINDING_IDS: frozenset[str] = frozenset(
    b.id
    for b in (
        *APP_BINDINGS,
        *LIST_BINDINGS,
        *LIBRARY_BINDINGS,
        *NOTEBOOK_BINDINGS,
        *SEARCH_BINDINGS,
        *bindings_of(DIALOG_SECTIONS),
    )
    if b.id
)


def describe(
    app: App[object], sections: Sections, extras: Sequence[tuple[str, str, str]] = EXTRA_KEYS
) -> Iterable[tuple[str, str, str]]:
    """``(section, keys, description)`` for the keys of ``sections``, as the keymap has them."""
    for section, bindings in sections:
        for binding in bindings:
            yield section, " ".join(keys_for(app, binding)), binding.description
        for extra_section, keys, description in extras:
            if extra_section == section:
                yield section, keys, description
