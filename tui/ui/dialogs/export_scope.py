"""What a screen offers the export dialog to export (apart from the dialog, which imports
the whole export machinery: screens build a scope at start, the dialog loads on ``E``)."""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.model import SavedArticle


@dataclass(frozen=True)
class ExportScope:
    """What the screen the dialog was opened from offers to export.

    ``article``: the article being read (or under the cursor); ``shown``: the ids of the
    highlights a notebook filter shows, described by ``shown_label``; ``tags``: tags to
    offer first; ``preferred``: the scope picked at first ("article", "shown", "tags" or
    "all"; default: the narrowest offered).
    """

    article: SavedArticle | None = None
    shown: frozenset[str] | None = None
    shown_label: str = ""
    tags: tuple[str, ...] = ()
    preferred: str = ""

    @property
    def first_choice(self) -> str:
        """The scope picked when the dialog opens."""
        if self.preferred:
            return self.preferred
        if self.shown is not None:
            return "shown"
        return "article" if self.article is not None else "all"
