"""The selection never looks like a highlight, in any colour depth (issue 13, finding 5).

Textual's snapshots render truecolor only, so the other depths are checked here on the styles
the reader paints with: the selection over each highlight colour (and over plain text) is
downgraded to 256 colours, 16 colours and no colour at all (NO_COLOR: attributes only), and
must differ from every highlight colour in each. The selection is reverse video: that alone
survives a monochrome terminal.
"""

from __future__ import annotations

import pytest
from rich.color import ColorSystem
from rich.style import Style

from tests.support.reader_app import SEED, SIZE, make_app, settle, view
from tui.core.config import Config
from tui.core.model.highlight import COLORS

DEPTHS = {
    "truecolor": ColorSystem.TRUECOLOR,
    "256": ColorSystem.EIGHT_BIT,
    "16": ColorSystem.STANDARD,
}


def downgraded(style: Style, depth: str) -> tuple[object, ...]:
    """What a terminal of ``depth`` shows of ``style``: its colours and its attributes."""
    attributes = (style.reverse, style.bold, style.underline, style.italic)
    if depth == "mono":
        return (None, None, *attributes)
    system = DEPTHS[depth]
    color = style.color.downgrade(system).get_truecolor() if style.color else None
    bgcolor = style.bgcolor.downgrade(system).get_truecolor() if style.bgcolor else None
    # Reverse video swaps them on the terminal: compare what is seen.
    if style.reverse:
        color, bgcolor = bgcolor, color
    return (color, bgcolor, *attributes[1:])


@pytest.mark.parametrize("theme", ["textual-dark", "gloss-paper"])
async def test_the_selection_is_reverse_video_and_differs_from_every_highlight(
    theme: str,
) -> None:
    app = make_app(SEED, config=Config(theme=theme))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = view(app)
        base = reader.rich_style
        selection = reader._component_style("reader--selection")
        assert selection.reverse is True
        highlights = {c: base + reader._component_style(f"reader--hl-{c}") for c in COLORS}
        selected = {c: style + selection for c, style in highlights.items()}
        selected["plain"] = base + selection
        for depth in ("truecolor", "256", "16", "mono"):
            seen = {name: downgraded(style, depth) for name, style in highlights.items()}
            for name, style in selected.items():
                looks = downgraded(style, depth)
                assert looks not in seen.values(), (theme, depth, name, looks)
        # The cursor at the head of a selection stands out from the selected text.
        head = reader._component_style("reader--cursor-selecting")
        for style in selected.values():
            assert downgraded(style + head, "mono") != downgraded(style, "mono")


async def test_every_theme_keeps_the_selection_apart_from_the_highlights() -> None:
    """The same check in every theme the app offers (Ctrl+P switches to any of them), in
    each colour depth: a theme's palette must not make a selected passage look highlighted."""
    app = make_app(SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        themes = sorted(app.available_themes)
        assert "gloss-paper" in themes and len(themes) > 5
        yellows = set()
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            reader = view(app)
            base = reader.rich_style
            selection = reader._component_style("reader--selection")
            assert selection.reverse is True, theme
            highlights = {c: base + reader._component_style(f"reader--hl-{c}") for c in COLORS}
            yellows.add(highlights["yellow"])
            selected = {c: style + selection for c, style in highlights.items()}
            selected["plain"] = base + selection
            for depth in ("truecolor", "256", "16", "mono"):
                seen = {downgraded(style, depth) for style in highlights.values()}
                for name, style in selected.items():
                    assert downgraded(style, depth) not in seen, (theme, depth, name)
        # The styles were those of each theme in turn, not a cached first one.
        assert len(yellows) > len(themes) // 2
