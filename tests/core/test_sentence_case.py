"""APA 7 titles in sentence case: lowered words, kept proper nouns, titles left alone."""

from __future__ import annotations

import pytest

from tui.core.export.sentence_case import sentence_case

BODY = (
    "Marvel said The Defenders will arrive in August. Critics of Netflix liked it; the "
    "second season of Jessica Jones follows. Our review of the season is below. The show "
    "works. An iPhone app is out, says NASA."
)


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # Lowered: function words always, other words when the text gives no capital for them.
        ("Why The Defenders Works For Netflix", BODY, "Why the Defenders works for Netflix"),
        # The first word of a subtitle keeps its capital (APA 7).
        ("Netflix Review: The Season That Works", BODY, "Netflix review: The season that works"),
        # Acronyms, mixed case and numbers are kept.
        ("NASA Ships An iPhone App In 2026", BODY, "NASA ships an iPhone app in 2026"),
        # Hyphenated words: each part on its own.
        ("A Well-Crafted Netflix Show", BODY, "A well-crafted Netflix show"),
        # Already sentence case (the writer's choice): untouched.
        ("Why the show works for Netflix and Marvel", BODY,
         "Why the show works for Netflix and Marvel"),
        # Without the article's text only function words are lowered (no proper noun lost).
        ("How The Defenders Is Affecting Jessica Jones", None,
         "How the Defenders is Affecting Jessica Jones"),
        # Not English-looking enough to be title case: untouched.
        ("Les Misérables à la Comédie-Française", None, "Les Misérables à la Comédie-Française"),
        ("", None, ""),
    ],
)
def test_sentence_case(title: str, text: str | None, expected: str) -> None:
    assert sentence_case(title, text) == expected
