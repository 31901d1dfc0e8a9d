"""The one tag completer (tag dialogs, the highlight dialog, the export dialog, the filter
panel): the last word typed is completed from the notebook's tags, most used first."""

from __future__ import annotations

import pytest

from tui.core.model.highlight import complete_tag
from tui.ui.widgets.tag_suggester import TagSuggester

TAGS = ["collaboration", "casting", "cast-iron", "résumé-notes", "defenders"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("c", "collaboration"),  # most used first
        ("collaboration, ca", "collaboration, casting"),
        ("collaboration c", "collaboration casting"),
        ("casting, ca", "casting, cast-iron"),  # a tag already typed is not offered again
        ("casting c", "casting collaboration"),
        ("#de", "#defenders"),  # a typed '#' stays
        ("UX, Ca", "UX, casting"),  # what was typed before the last word stays as typed
        ("resu", "résumé-notes"),  # accents are not needed to find a tag
        ("RÉSU", "résumé-notes"),
        ("casting ", None),
        ("defenders", None),  # already whole
        ("x", None),
        ("#", None),
    ],
)
async def test_the_last_word_is_completed(value: str, expected: str | None) -> None:
    assert await TagSuggester(TAGS).get_suggestion(value) == expected


async def test_textual_hands_the_value_over_as_typed() -> None:
    """Case is folded by the matching in core, not by Textual, so accepting a completion
    never rewrites the earlier words."""
    assert TagSuggester(TAGS).case_sensitive


def test_the_matching_is_core() -> None:
    assert complete_tag("Cast", TAGS) == "casting"
    assert complete_tag("cast", TAGS, exclude=("casting",)) == "cast-iron"
    assert complete_tag("cast-iron", TAGS) is None
    assert complete_tag("", TAGS) is None
