"""The tag completer of every field that takes tags (the tag and highlight dialogs, the
export dialog, the filter panel): the last word typed is completed from the notebook's tags.

Which tag completes a word is core's rule (:func:`tui.core.model.highlight.complete_tag`:
most used first, case and accents ignored, tags already typed not offered again); this
only finds the word and puts the tag in its place.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.suggester import Suggester

from tui.core.model import complete_tag, parse_tags


class TagSuggester(Suggester):
    """Completes the last tag typed ('ux, met' or 'ux met') from ``tags`` (most used first);
    → or End accepts it. ``tags`` may be replaced as the notebook's tags change."""

    def __init__(self, tags: Iterable[str]) -> None:
        # Case sensitive as far as Textual goes: core folds case itself, and the words typed
        # before the last one come back as they were typed.
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = list(tags)

    async def get_suggestion(self, value: str) -> str | None:
        """``value`` with its last word completed to a known tag (a typed '#' kept)."""
        cut = max(value.rfind(" "), value.rfind(",")) + 1
        word = value[cut:]
        typed = word.lstrip("#")
        tag = complete_tag(typed, self.tags, exclude=parse_tags(value[:cut]))
        if tag is None:
            return None
        return value[: len(value) - len(typed)] + tag
