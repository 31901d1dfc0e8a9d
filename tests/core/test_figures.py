"""Figures in the model, extraction and config: where a picture is, and whether to fetch it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.config import ConfigError, load_config
from tui.core.extract import extract
from tui.core.model.article import Article, Block, BlockKind

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
