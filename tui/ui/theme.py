"""Gloss's own theme: a light, paper-like page for long reading (beside Textual's themes)."""

from __future__ import annotations

from textual.theme import Theme

PAPER = Theme(
    name="gloss-paper",
    primary="#7a3b1e",  # sienna ink: headings, links, the mode badge
    secondary="#5b6a34",
    accent="#9c5a2c",
    warning="#d9a441",  # search matches: a highlighter's yellow
    error="#a3322a",
    success="#4f7a3a",
    foreground="#2f2a22",
    background="#f6f0e1",
    surface="#ece3cd",
    panel="#e2d6bb",
    dark=False,
    variables={
        "footer-key-foreground": "#7a3b1e",
        "input-selection-background": "#d9a441 50%",
    },
)
THEMES = (PAPER,)
DEFAULT_THEME = "textual-dark"
