"""The five highlighter inks, in one place for every widget that shows them.

A highlight is painted as a tint of its ink over the page (so it reads on dark and light
themes alike, under the theme's own text colour); its gutter mark and the dialog's
swatches use the ink at full strength.
"""

from __future__ import annotations

from tui.core.model import COLORS

INKS: dict[str, str] = {
    "yellow": "#e6c229",
    "green": "#4caf50",
    "blue": "#3d8bfd",
    "pink": "#ec5f9e",
    "purple": "#9b6ddf",
}
TINT = {"purple": 42}  # percent of the ink over the page; purple is darker, so a little more
DEFAULT_TINT = 38
assert tuple(INKS) == COLORS


def ink_rules(component: str, *, tint: bool) -> str:
    """CSS rules for ``{component}-{colour}`` classes: a background tint, or the ink as the
    text colour."""
    rules = []
    for color, ink in INKS.items():
        value = f"background: {ink} {TINT.get(color, DEFAULT_TINT)}%;" if tint else f"color: {ink};"
        rules.append(f"& > .{component}-{color} {{ {value} }}")
    return "\n".join(rules)


def ink_classes(component: str) -> set[str]:
    """The component classes :func:`ink_rules` styles."""
    return {f"{component}-{color}" for color in COLORS}
