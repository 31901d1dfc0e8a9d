"""Opening articles through the notebook: offline snapshots, re-fetch, re-anchoring."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.support.httpserver import HTTPTestServer
from tui.core.anchor.attach import describe
from tui.core.errors import MissingFileError, NotAFileError, UnsupportedSchemeError
from tui.core.library import Library, saved_source
from tui.core.model.highlight import AnchorStatus, Highlight, Placement
from tui.core.notebook.api import Notebook

SENTENCES = [
    "The first paragraph sets the scene with a sentence or two of plain prose.",
    "So far so good. It's working out, said the showrunner about the collaboration.",
    "A third paragraph closes the piece with a thought about what comes next.",
]


def page(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    head = "<head><title>A test piece</title></head>"
    return f"<html>{head}<body><article>{body}</article></body></html>"


def open_(library: Library, source: str, **kw) -> object:
    return asyncio.run(library.open(source, **kw))


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library(Notebook.open(tmp_path / "nb"))


def test_first_open_fetches_and_saves_then_reads_offline(
    library: Library, http_server: HTTPTestServer
) -> None:
    url = http_server.page("/piece", page(SENTENCES))
    first = open_(library, url)
    assert (first.offline, first.record.title, first.record.url) == (False, "A test piece", url)
    assert library.notebook.article(first.record.id) == first.record
    hits = len(http_server.requests)
    again = open_(library, url)
    assert again.offline is True
    assert again.article == first.article
    assert len(http_server.requests) == hits, "a saved article opens with no network"


def test_saved_article_opens_when_the_site_is_gone(tmp_path: Path) -> None:
    with HTTPTestServer() as server:
        url = server.page("/piece", page(SENTENCES))
        library = Library(Notebook.open(tmp_path / "nb"))
        open_(library, url)
    # The server is closed now: a fetch would be refused.
    reopened = Library(Notebook.open(tmp_path / "nb"))
    assert open_(reopened, url).article.text.startswith("The first paragraph")


def test_refresh_reanchors_and_reports(library: Library, http_server: HTTPTestServer) -> None:
    url = http_server.page("/piece", page(SENTENCES))
    opened = open_(library, url)
    text = opened.article.text
    quote = "So far so good."
    start = text.index(quote)
    kept = library.notebook.add_highlight(
        Highlight(
            opened.record.id, describe(text, start, start + len(quote)), tags=("collaboration",)
        )
    )
    gone_quote = "A third paragraph closes the piece"
    gstart = text.index(gone_quote)
    gone = library.notebook.add_highlight(
        Highlight(opened.record.id, describe(text, gstart, gstart + len(gone_quote)))
    )
    # The page changes: a new first paragraph, the last one removed.
    http_server.page(
        "/piece",
        page(["An editor's note added at the top of the page, in full sentences.", *SENTENCES[:2]]),
    )
    refreshed = open_(library, url, refresh=True)
    assert str(refreshed.summary) == "0 exact, 1 moved, 0 fuzzy, 1 orphaned"
    by_id = {p.highlight.id: p for p in refreshed.placed}
    new_text = refreshed.article.text
    a = by_id[kept.id].anchor
    assert (a.status, new_text[a.start : a.end]) == (AnchorStatus.MOVED, quote)
    assert by_id[gone.id].anchor.status is AnchorStatus.ORPHAN
    assert refreshed.orphans == (library.notebook.highlight(gone.id),)
    # Both keep the words the user highlighted; where they sit now is stored beside them.
    stored = library.notebook.highlight(kept.id)
    assert stored.target == kept.target
    assert stored.placement == Placement(
        new_text.index(quote), new_text.index(quote) + len(quote),
        refreshed.article.text_hash, AnchorStatus.MOVED,
    )
    assert stored.updated == kept.updated, "re-anchoring is not a user edit"
    orphan = library.notebook.highlight(gone.id)
    assert orphan.target == gone.target
    assert orphan.placement == Placement(
        -1, -1, refreshed.article.text_hash, AnchorStatus.ORPHAN, score=orphan.placement.score
    )
    # Opened again from the snapshot, the stored placements answer at once.
    again = open_(library, url)
    statuses = {p.highlight.id: p.anchor.status for p in again.placed}
    assert statuses == {kept.id: AnchorStatus.MOVED, gone.id: AnchorStatus.ORPHAN}
    assert again.summary is None


def test_local_file_is_found_by_its_path(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "piece.html"
    path.write_text(page(SENTENCES), encoding="utf-8")
    first = open_(library, str(path))
    path.write_text(page(["Changed on disk, but the saved copy is what opens until a reload."]))
    again = open_(library, str(path))
    assert again.offline and again.article == first.article
    assert open_(library, str(path), refresh=True).article.text.startswith("Changed on disk")


def test_read_only_notebook_shows_without_saving(
    tmp_path: Path, http_server: HTTPTestServer
) -> None:
    url = http_server.page("/piece", page(SENTENCES))
    writable = Library(Notebook.open(tmp_path / "nb"))
    open_(writable, url)
    library = Library(Notebook.open(tmp_path / "nb", read_only=True))
    other = http_server.page("/other", page(SENTENCES[::-1]))
    opened = open_(library, other)
    assert opened.article.text.startswith("A third paragraph")
    assert library.notebook.find_article(other) is None


def test_saved_article_opens_by_id_even_without_an_address(library: Library) -> None:
    import io

    html = page(SENTENCES).encode()
    first = open_(library, "-", stdin=io.BytesIO(html))
    assert first.record.url is None
    by_id = open_(library, saved_source(first.record.id))
    assert (by_id.offline, by_id.article) == (True, first.article)
    # Nothing to fetch it again from: a reload shows the saved copy.
    assert open_(library, saved_source(first.record.id), refresh=True).offline is True


def test_saved_article_by_id_reloads_from_its_address(
    library: Library, http_server: HTTPTestServer
) -> None:
    url = http_server.page("/piece", page(SENTENCES))
    first = open_(library, url)
    http_server.page("/piece", page(SENTENCES[:1]))
    again = open_(library, saved_source(first.record.id), refresh=True)
    assert again.offline is False
    assert again.article.text == SENTENCES[0]


def test_unknown_id_is_a_clear_error(library: Library) -> None:
    from tui.core.notebook.errors import NotInNotebook

    with pytest.raises(NotInNotebook):
        open_(library, saved_source("0123456789abcdef"))


def test_check_openable_refuses_what_cannot_be_read(library: Library, tmp_path: Path) -> None:
    cases = [
        (str(tmp_path / "gone.html"), MissingFileError, f"no such file: {tmp_path}/gone.html"),
        (str(tmp_path), NotAFileError, f"is a directory: {tmp_path}"),
        ("ftp://example.com/a", UnsupportedSchemeError, "unsupported URL scheme: ftp: (Gloss "
         "reads http, https and file URLs, paths, and - for stdin)"),
    ]
    for source, error, message in cases:
        with pytest.raises(error) as caught:
            library.check_openable(source)
        assert caught.value.message == message


def test_check_openable_lets_through_urls_stdin_ids_and_saved_pages(
    library: Library, tmp_path: Path
) -> None:
    for source in ("-", "https://unreachable.invalid/x", saved_source("0123456789abcdef")):
        library.check_openable(source)  # nothing to refuse before reading
    path = tmp_path / "piece.html"
    path.write_text(page(SENTENCES), encoding="utf-8")
    library.check_openable(str(path))
    saved = open_(library, str(path))
    path.unlink()
    library.check_openable(str(path))  # gone, but saved: it opens from the notebook
    assert open_(library, str(path)).record == saved.record
    with pytest.raises(MissingFileError):
        library.check_openable(str(tmp_path / "other.html"))
