"""The [highlight] table of the config file: default colour, citation style, colour tags."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.config import ConfigError, HighlightSettings, load_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults() -> None:
    settings = HighlightSettings()
    assert (settings.color, settings.citation, settings.tags) == ("yellow", "mla", {})


def test_colours_by_name_or_key_and_tags_normalised(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            '[highlight]\ncolor = "3"\ncitation = "apa"\n'
            '[highlight.tags]\n2 = "Quote for review"\npurple = "#todo"\n',
        )
    )
    settings = config.highlight
    assert settings == HighlightSettings(
        "blue", "apa", {"green": "quote-for-review", "purple": "todo"}
    )
    assert settings.tag_of("green") == "quote-for-review"
    assert settings.tag_of("yellow") is None
    assert settings.color_of(("x", "todo", "quote-for-review")) == "purple"
    assert settings.color_of(("x",)) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[highlight]\ncolor = "red"', "'highlight.color': 'red' is not a colour"),
        ('[highlight]\ncolor = "6"', "'highlight.color': '6' is not a colour"),
        ('[highlight]\ncitation = "harvard"', "'highlight.citation' must be one of mla, apa"),
        ('[highlight]\nshade = 1', "unknown setting 'highlight.shade'"),
        ('[highlight]\ntags = 3', "'highlight.tags' must be a table"),
        ('[highlight.tags]\n7 = "x"', "'highlight.tags.7': '7' is not a colour"),
        ('[highlight.tags]\n1 = " "', "'highlight.tags.1' must be a tag in quotes"),
        ('[highlight.tags]\n1 = "a"\n2 = "A"', "the tag 'a' is bound to two colours"),
        ('highlight = "yes"', "'highlight' must be a table"),
    ],
)
def test_bad_highlight_settings_are_named(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.message.startswith(f"config file {path}: ")
    assert message in caught.value.message
