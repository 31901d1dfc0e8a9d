"""Copying from the UI: the system clipboard (core) and OSC 52, and one honest sentence."""

from __future__ import annotations

from textual.app import App

from tui.core.clipboard import copy_text

OSC52 = "Sent to the terminal's clipboard (OSC 52): your terminal may not accept it."


def copy(app: App[object], text: str, what: str) -> tuple[bool, str]:
    """Copy ``text``: whether a system clipboard confirmed it, and a sentence saying where it
    went (``what`` names it: "the quote")."""
    app.copy_to_clipboard(text)  # OSC 52 as well: over ssh it may be the only way through
    try:
        result = copy_text(text)
    except OSError as error:
        why = error.strerror or error
        return False, f"No system clipboard took {what}, and it could not be saved: {why}. {OSC52}"
    if result.copied:
        return True, f"Copied {what} to the clipboard ({result.tool})."
    why = "; ".join(result.failures) or "no clipboard tool found"
    return False, f"No system clipboard took {what} ({why}). {OSC52} It is saved in {result.saved}"
