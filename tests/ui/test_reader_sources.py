"""Articles from stdin and through redirects: their own place, their own entry, their name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.httpserver import HTTPTestServer, redirect
from tests.support.reader_app import SIZE, make_app, reader, settle, status, view
from tui.core.library import Library
from tui.core.loader import ArticleLoader
from tui.core.notebook import Notebook
from tui.core.state import UiState

SENTENCE = "This sentence is here so that the article is long enough to scroll a good way. "


def long_page(title: str, head: str = "") -> bytes:
    paragraphs = "".join(f"<p>{title} part {n}. {SENTENCE * 4}</p>" for n in range(40))
    return (
        f"<html><head><title>{title}</title>{head}</head>"
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()


async def read_piped(html: bytes, library: Library, state: UiState, *, to_end: bool) -> int:
    """Pipe ``html`` into a reader, maybe read to the end, leave; where it opened."""
    app = make_app("-", library=library, state=state,
                   loader=ArticleLoader(stdin_data=html, library=library))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        opened_at = view(app).top_offset
        if to_end:
            await pilot.press("G")
            await pilot.pause()
        reader(app).remember_position()
    return opened_at


async def test_each_piped_article_keeps_its_own_place(tmp_path: Path) -> None:
    library = Library(Notebook.open(tmp_path / "nb"))
    state = UiState()
    first, second = long_page("First Piped"), long_page("Second Piped")
    assert await read_piped(first, library, state, to_end=True) == 0
    # A new article on stdin opens at its start, not where the last piped one was left.
    assert await read_piped(second, library, state, to_end=False) == 0
    # The first one, piped again, opens where it was left.
    assert await read_piped(first, library, state, to_end=False) > 0
    assert "-" not in state.positions
    assert sorted(r.title for r in library.notebook.articles()) == ["First Piped", "Second Piped"]


async def test_a_piped_article_with_a_canonical_url_is_known_by_it(tmp_path: Path) -> None:
    library = Library(Notebook.open(tmp_path / "nb"))
    state = UiState()
    head = '<link rel="canonical" href="https://example.org/news/piped">'
    await read_piped(long_page("Declared", head), library, state, to_end=True)
    assert list(state.positions) == ["https://example.org/news/piped"]
    (record,) = library.notebook.articles()
    assert record.canonical_url == "https://example.org/news/piped"


async def test_a_piped_article_shows_its_title_and_r_says_why_it_cannot_reload(
    tmp_path: Path,
) -> None:
    library = Library(Notebook.open(tmp_path / "nb"))
    html = long_page("Piped Title")
    app = make_app("-", library=library, loader=ArticleLoader(stdin_data=html, library=library))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert status(app).info == "Piped Title"
        await pilot.press("r")
        await settle(pilot)
        assert [n.message for n in app._notifications] == [
            "This article was read from standard input: there is nothing to fetch again."
        ]
        assert reader(app).article.title == "Piped Title"


async def test_the_status_shows_where_a_redirect_led(http_server: HTTPTestServer) -> None:
    final = http_server.page("/new/place", long_page("Moved").decode())
    start = http_server.route("/old", redirect("/new/place"))
    app = make_app(start)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert reader(app).article.title == "Moved"
        assert status(app).info == final


async def test_a_markdown_file_is_read_highlighted_and_exported(tmp_path: Path) -> None:
    page = tmp_path / "notes.md"
    page.write_text(
        "# Field Notes\n\nThe first sentence is the one to keep. Another follows it.\n\n"
        "## More\n\n- a list item\n",
        encoding="utf-8",
    )
    library = Library(Notebook.open(tmp_path / "nb"))
    app = make_app(page, library=library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = reader(app).article
        assert article.title == "Field Notes"
        assert [b.kind.value for b in article.blocks] == ["paragraph", "heading", "list_item"]
        await pilot.press("h")  # the sentence under the cursor
        await settle(pilot)
    (highlight,) = Notebook.open(tmp_path / "nb").highlights()
    assert highlight.target.quote.exact == "The first sentence is the one to keep."
    done = subprocess.run(
        [sys.executable, "-m", "tui", "export", "--notebook", str(tmp_path / "nb")],
        capture_output=True, text=True, check=True,
    )
    assert "Field Notes" in done.stdout
    assert "> The first sentence is the one to keep." in done.stdout
