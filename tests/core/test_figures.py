"""Figures in the model, extraction and config: where a picture is, and whether to fetch it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.config import ConfigError, load_config
from tui.core.extract import extract
from tui.core.model.article import Article, Block, BlockKind
from tui.core.reader import Decorative, figure_blocks, figure_rows, layout_article

PARAGRAPHS = "".join(
    f"<p>Paragraph {i} says enough words to count as the body of a real article here.</p>"
    for i in range(6)
)


def page(img: str) -> str:
    return f"<html><body><article><h1>T</h1>{PARAGRAPHS}{img}{PARAGRAPHS}</article></body></html>"


def test_an_image_keeps_its_absolute_src_and_its_alt_as_text() -> None:
    article = extract(page('<img src="/pics/a.png" alt="A red square">'),
                      "http://127.0.0.1:9/post/1")
    (image,) = [b for b in article.blocks if b.kind is BlockKind.IMAGE]
    assert image == Block(BlockKind.IMAGE, "A red square", src="http://127.0.0.1:9/pics/a.png")


@pytest.mark.parametrize("src", ["javascript:alert(1)", "data:image/png;base64,AAAA",
                                 "file:///etc/passwd", ""])
def test_only_http_image_sources_are_kept(src: str) -> None:
    article = extract(page(f'<img src="{src}" alt="Pic">'), "http://127.0.0.1:9/post/1")
    (image,) = [b for b in article.blocks if b.kind is BlockKind.IMAGE]
    assert image.src is None and image.text == "Pic"


def test_src_round_trips_and_leaves_the_text_unchanged() -> None:
    with_src = Article("T", (Block(BlockKind.PARAGRAPH, "One."),
                             Block(BlockKind.IMAGE, "Pic", src="http://127.0.0.1:9/p.png")))
    without = Article("T", (Block(BlockKind.PARAGRAPH, "One."), Block(BlockKind.IMAGE, "Pic")))
    assert Article.from_dict(with_src.to_dict()) == with_src
    assert with_src.text == without.text and with_src.offsets == without.offsets
    assert "src" not in without.to_dict()["blocks"][1]


def test_images_setting(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    assert load_config(path).reader.images == "auto"
    path.write_text('[reader]\nimages = "off"\n', encoding="utf-8")
    assert load_config(path).reader.images == "off"
    path.write_text('[reader]\nimages = "sometimes"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"'reader\.images' must be one of auto, off$"):
        load_config(path)


def figure_article(url: str | None = "http://127.0.0.1:9/post") -> Article:
    return Article("T", url=url, blocks=(
        Block(BlockKind.PARAGRAPH, "Before the picture comes a sentence."),
        Block(BlockKind.IMAGE, "A red square", src="http://127.0.0.1:9/a.png"),
        Block(BlockKind.IMAGE, "No source"),
        Block(BlockKind.PARAGRAPH, "After it another sentence follows."),
    ))


@pytest.mark.parametrize("url", [None, "file:///tmp/saved.html"])
def test_an_article_read_offline_fetches_no_pictures(url: str | None) -> None:
    assert figure_blocks(figure_article(url)) == []


def test_rows_are_kept_under_a_figure_and_no_text_offset_moves() -> None:
    article = figure_article()
    assert figure_blocks(article) == [1]
    plain = layout_article(article, 40)
    rows = figure_rows(40)
    with_rows = layout_article(article, 40, {1: rows})
    assert len(with_rows.lines) == len(plain.lines) + rows
    kept = [line for line in with_rows.lines if line.kind is Decorative.FIGURE]
    assert [line.level for line in kept] == list(range(rows))
    image_end = article.offsets[2]
    assert {(line.block, line.start, line.end) for line in kept} == {(1, image_end, image_end)}
    first = with_rows.block_lines[1]
    assert with_rows.line_text(first) == "[image: A red square]"
    # Offsets map to the same text before and after: highlights and anchors stay put.
    for offset in range(len(article.text) + 1):
        a, b = plain.point_at(offset), with_rows.point_at(offset)
        assert plain.line_text(a[0]) == with_rows.line_text(b[0]) and a[1] == b[1]
        assert with_rows.lines[b[0]].kind is not Decorative.FIGURE
    after = with_rows.line_at(article.offsets[3])
    assert with_rows.line_text(after).startswith("After it")


def test_no_rows_by_default_and_a_box_for_every_width() -> None:
    article = figure_article()
    assert not any(line.kind is Decorative.FIGURE for line in layout_article(article, 40).lines)
    assert (figure_rows(20), figure_rows(76), figure_rows(400)) == (4, 12, 14)
