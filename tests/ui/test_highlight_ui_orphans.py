"""Orphans after a re-fetch: listed with X, re-attached to new text keeping everything else;
and highlights written by another process showing up in the open reader."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.support.httpserver import HTTPTestServer
from tests.support.reader_app import SEED, SIZE, make_app, reader, settle, status, view
from tui.core.anchor.attach import describe
from tui.core.library import Library
from tui.core.model.highlight import Highlight
from tui.core.notebook.api import Notebook
from tui.ui.app import GlossApp
from tui.ui.dialogs.orphans import OrphansScreen

OPENING = "<p>An opening paragraph with enough words to be prose, and then some more.</p>"
GONE = "<p>Marco and Doug share their scripts with every other showrunner in the group.</p>"
KEPT = "<p>So far so good. It's working out, the showrunner said of the plan.</p>"


def page(*paragraphs: str) -> str:
    return f"<html><title>T</title><body><article>{''.join(paragraphs)}</article></body></html>"


def notes(app: GlossApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


@pytest.mark.slow
async def test_an_orphan_is_listed_and_reattached_keeping_id_tags_note_colour(
    tmp_path: Path, http_server: HTTPTestServer
) -> None:
    url = http_server.page("/a", page(OPENING, GONE, KEPT))
    library = Library(Notebook.open(tmp_path / "nb"))
    app = make_app(url, library=library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("right_curly_bracket", "v", "right_curly_bracket", "a")
        await pilot.press(*"scripts", "tab", *"who shares", "tab", "4", "ctrl+s")
        await pilot.pause()
        (original,) = library.notebook.highlights()
        assert original.quote.startswith("Marco and Doug share their scripts")

        await pilot.press("X")
        await pilot.pause()
        assert notes(app)[-1] == "Every highlight of this article has its place."

        http_server.page("/a", page(OPENING, KEPT))  # the paragraph is gone
        await pilot.press("r")
        await settle(pilot)
        assert notes(app)[-1] == (
            "Highlights after the re-fetch: 0 exact, 0 moved, 0 fuzzy, 1 orphaned"
            " · X lists the orphans to re-attach"
        )
        assert view(app).decorations.get("highlight") == []  # an orphan has no place to show
        # The orphan keeps its words; where it is (nowhere) is stored beside them.
        (orphaned,) = library.notebook.highlights()
        assert orphaned.target == original.target and orphaned.placement is not None
        assert orphaned.placement.status == "orphan"

        await pilot.press("X")
        await pilot.pause()
        assert isinstance(app.screen, OrphansScreen)
        option = app.screen.query_one("#orphans").get_option_at_index(0)
        assert str(option.prompt).startswith("“Marco and Doug share their scripts")
        assert "#scripts · who shares · pink" in str(option.prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert status(app).mode == "ATTACH"
        assert status(app).info.startswith("New place for “Marco and Doug share their scri")

        # The new text: the sentence "So far so good." (selected with keys), then Enter.
        await pilot.press("right_curly_bracket", "v", "right_parenthesis", "enter")
        await pilot.pause()
        (moved,) = library.notebook.highlights()
        assert moved.quote == "So far so good."
        assert dataclasses.replace(moved, target=original.target, updated=original.updated) == (
            original
        ), "a new place is a new target: the orphan's placement goes"
        assert (moved.id, moved.tags, moved.note, moved.color) == (
            original.id, ("scripts",), "who shares", "pink"
        )  # fmt: skip
        assert moved.target.text_hash == screen.article.text_hash
        assert status(app).mode == "READ"
        assert notes(app)[-1] == "Re-attached the highlight here."
        assert [(d.start, d.end) for d in view(app).decorations.get("highlight")] == [
            (moved.target.position.start, moved.target.position.end)
        ]
        # Undo puts the orphan back as it was.
        await pilot.press("u")
        await pilot.pause()
        assert library.notebook.highlights() == [orphaned]


async def test_esc_while_reattaching_leaves_the_orphan_alone(tmp_path: Path) -> None:
    library = Library(Notebook.open(tmp_path / "nb"))
    app = make_app(SEED, library=library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        opened = reader(app).opened
        other = "A sentence that this article has never had in it, anywhere at all."
        orphan = Highlight(
            opened.record.id, describe(other, 0, len(other)), tags=("lost",), id="o1"
        )
        library.notebook.add_highlight(orphan)
        reader(app).look_for_highlights()
        await pilot.press("X", "enter")
        await pilot.pause()
        assert status(app).mode == "ATTACH"
        await pilot.press("v", "escape")
        await pilot.pause()
        assert status(app).mode == "READ"
        assert notes(app)[-1] == "The highlight stays without a place (X lists it)."
        assert library.notebook.highlights() == [orphan]


async def test_opening_an_article_with_orphans_says_so(tmp_path: Path) -> None:
    library = Library(Notebook.open(tmp_path / "nb"))
    app = make_app(SEED, library=library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        record = reader(app).opened.record
    other = "Words that were on the page once and are not there any more, it seems."
    library.notebook.add_highlight(Highlight(record.id, describe(other, 0, len(other))))
    app = make_app(SEED, library=Library(Notebook.open(tmp_path / "nb")))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert notes(app) == [
            "1 highlight of this article lost its place: X lists it to re-attach."
        ]


async def test_highlights_from_another_process_show_up(tmp_path: Path) -> None:
    library = Library(Notebook.open(tmp_path / "nb"))
    app = make_app(SEED, library=library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        text = screen.article.text
        start = text.index("So far so good.")
        beside = Notebook.open(tmp_path / "nb")  # as `gloss highlight` would
        added = beside.add_highlight(
            Highlight(screen.opened.record.id, describe(text, start, start + 15), color="blue")
        )
        screen.look_for_highlights()  # what the timer does every REFRESH_SECONDS
        await pilot.pause()
        assert [(d.start, d.component) for d in view(app).decorations.get("highlight")] == [
            (start, "reader--hl-blue")
        ]
        await pilot.click(view(app), offset=view(app).point_of(start + 3))
        await pilot.pause()
        assert status(app).info == "blue highlight · a adds tags and a note"
        beside.delete_highlight(added.id)
        screen.look_for_highlights()
        await pilot.pause()
        assert view(app).decorations.get("highlight") == []
        assert status(app).info == str(SEED)


@pytest.mark.slow
async def test_the_palette_offers_the_orphans_and_the_colours(tmp_path: Path) -> None:
    app = make_app(SEED, library=Library(Notebook.open(tmp_path / "nb")))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"lost their place")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert notes(app)[-1] == "Every highlight of this article has its place."
        await pilot.press("ctrl+p", *"colour purple")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert [h.color for h in app.notebook.highlights()] == ["purple"]


async def test_a_changed_quote_keeps_its_words_and_says_the_page_changed(
    tmp_path: Path, http_server: HTTPTestServer
) -> None:
    """Issue 13, finding 2: the reader shows the page's new words, the quote stays."""
    url = http_server.page("/a", page(OPENING, GONE, KEPT))
    library = Library(Notebook.open(tmp_path / "nb"))
    app = make_app(url, library=library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_curly_bracket", "h")  # the sentence about scripts
        await pilot.pause()
        (original,) = library.notebook.highlights()
        reworded = (
            "<p>Marco and Doug share their drafts with every other showrunner in the group.</p>"
        )
        http_server.page("/a", page(OPENING, reworded, KEPT))
        await pilot.press("r")
        await settle(pilot)
        (now,) = library.notebook.highlights()
        assert (now.quote, now.updated) == (original.quote, original.updated)
        assert now.placement is not None and now.placement.current == (
            "Marco and Doug share their drafts with every other showrunner in the group."
        )
        await pilot.press("g", "right_curly_bracket")
        await pilot.pause()
        assert status(app).info == (
            "yellow highlight · the page's words changed; you highlighted “Marco and Doug "
            "share their scripts with every other showrunner in the group.” (gloss notebook "
            f"adopt {now.id[:8]} takes the new wording) · a adds tags and a note"
        )
