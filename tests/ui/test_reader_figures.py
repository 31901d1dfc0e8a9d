"""Figures in the reader: rows kept under ``[image: alt]``, pictures fetched once, lazily, from
127.0.0.1, drawn as half-block cells; off by config; failures fall back to ``[image: alt]``."""

from __future__ import annotations

from tests.support.httpserver import HTTPTestServer
from tests.support.images import png
from tests.support.reader_app import SIZE, make_app, reader, settle, view, view_rows
from tui.core.config import Config, ReaderSettings
from tui.core.reader import Decorative, figure_rows
from tui.ui.dialogs.figure import FigureDialog

FILLER = "".join(
    f"<p>Paragraph {i} carries enough ordinary words to be read as the body of an article, "
    "so that readability keeps it and the page grows long enough to scroll.</p>"
    for i in range(40)
)


def page(top_src: str, bottom_src: str) -> str:
    return (
        "<html><head><title>Figures</title></head><body><article><h1>Figures</h1>"
        "<p>The opening paragraph introduces the figure that follows it right here.</p>"
        f'<img src="{top_src}" alt="Top figure">'
        f"{FILLER}"
        f'<img src="{bottom_src}" alt="Bottom figure">'
        "<p>The closing paragraph.</p></article></body></html>"
    )


def serve(server: HTTPTestServer, top: str = "/top.png") -> str:
    server.page("/top.png", png(40, 20), content_type="image/png")
    server.page("/bottom.png", png(20, 20, (30, 30, 200)), content_type="image/png")
    server.page("/missing.png", b"<p>gone</p>", status=404)
    server.page("/html.png", b"<html>not a picture</html>")
    return server.page("/post", page(top, "/bottom.png"))


def figure_lines(app: object) -> list[tuple[int, int]]:
    layout = view(app).text_layout  # type: ignore[arg-type]
    assert layout is not None
    return [(line.block, line.level) for line in layout.lines if line.kind is Decorative.FIGURE]


def image_requests(server: HTTPTestServer) -> list[str]:
    return [r.path for r in server.requests if r.path.endswith(".png")]


async def test_images_off_shows_the_alt_line_and_fetches_nothing(
        http_server: HTTPTestServer) -> None:
    url = serve(http_server)
    app = make_app(url, config=Config(reader=ReaderSettings(images="off")))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert figure_lines(app) == []
        assert "[image: Top figure]" in "\n".join(view_rows(app))
    assert image_requests(http_server) == []


async def test_a_figure_in_view_is_fetched_once_and_drawn_in_its_rows(
        http_server: HTTPTestServer) -> None:
    url = serve(http_server)
    app = make_app(url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await settle(pilot)
        reader_view = view(app)
        layout = reader_view.text_layout
        assert layout is not None
        rows = figure_rows(layout.width)
        top, bottom = sorted({block for block, _ in figure_lines(app)})
        assert figure_lines(app) == [(top, r) for r in range(rows)] + [
            (bottom, r) for r in range(rows)]
        # Only the picture in view was fetched: the one further down waits for the reader.
        assert image_requests(http_server) == ["/top.png"]
        painted = view_rows(app)
        alt_row = next(i for i, row in enumerate(painted) if "[image: Top figure]" in row)
        assert "▀" in painted[alt_row + 1] and "▀" not in painted[alt_row]
        # A 40x20 picture in a box of `rows` rows: 2 pixels a row, so it fills 10 rows at most.
        drawn = [row for row in painted[alt_row + 1: alt_row + 1 + rows] if "▀" in row]
        assert 1 <= len(drawn) <= rows
        for _ in range(3):  # repainting and scrolling back never fetches it again
            await pilot.press("j")
            await pilot.press("k")
            reader_view.refresh()
            await settle(pilot)
        assert image_requests(http_server) == ["/top.png"]
        await pilot.press("G")
        await settle(pilot)
        await settle(pilot)
        assert image_requests(http_server) == ["/top.png", "/bottom.png"]


async def test_text_offsets_are_the_same_with_or_without_pictures(
        http_server: HTTPTestServer) -> None:
    url = serve(http_server)
    texts = []
    for images in ("auto", "off"):
        app = make_app(url, config=Config(reader=ReaderSettings(images=images)))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            reader_view = view(app)
            layout = reader_view.text_layout
            assert reader_view.article is not None and layout is not None
            text = reader_view.article.text
            closing = text.index("The closing paragraph")
            line, col = layout.point_at(closing)
            texts.append((text, layout.line_text(line), col, layout.offset_at(line, col)))
    assert texts[0] == texts[1]


async def test_a_figure_that_cannot_be_had_falls_back_to_its_alt_line(
        http_server: HTTPTestServer) -> None:
    for src in ("/missing.png", "/html.png"):
        url = serve(http_server, top=src)
        app = make_app(url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await settle(pilot)
            blocks = {block for block, _ in figure_lines(app)}
            assert len(blocks) == 1, f"{src}: its rows are given back"
            painted = view_rows(app)
            alt_row = next(i for i, row in enumerate(painted) if "[image: Top figure]" in row)
            assert painted[alt_row + 2].strip().startswith("Paragraph 0"), painted[alt_row:]
            assert "▀" not in "\n".join(painted)
        assert image_requests(http_server).count(src) == 1


async def test_enter_on_a_figure_opens_it_at_full_size(http_server: HTTPTestServer) -> None:
    url = serve(http_server)
    app = make_app(url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await settle(pilot)
        screen = reader(app)
        article = view(app).article
        assert article is not None
        block = next(i for i, b in enumerate(article.blocks) if b.text == "Top figure")
        screen.place_cursor(article.offsets[block])
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FigureDialog)
        assert dialog.alt == "Top figure" and dialog.image.size == (40, 20)
        assert dialog.query_one("#figure").region.height > 0
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, FigureDialog)
        screen.place_cursor(article.offsets[block - 1])  # on text, Enter still asks for a link
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, FigureDialog)


def test_decoding_refuses_a_broken_picture_and_fitting_keeps_the_shape() -> None:
    import pytest

    from tui.ui.widgets.reader.figures import decode, fit

    assert decode(png(40, 20)).size == (40, 20)
    assert decode(png(3200, 100)).size == (1600, 50)  # kept small once decoded
    with pytest.raises(ValueError, match=r"^cannot decode the image"):
        decode(png(40, 20)[:30])  # a PNG cut short: the magic is right, the rest is not
    assert fit((240, 120), 76, 12) == (48, 12)  # height-bound: 2 pixels a row
    assert fit((400, 20), 76, 12) == (76, 1)  # width-bound
    assert fit((1, 1), 76, 12) == (1, 1)  # never enlarged
    assert fit((40, 20), 76, 12) == (40, 10)
