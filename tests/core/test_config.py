"""The config file and the persisted UI state."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.core import locations
from tui.core.config import Config, ConfigError, ReaderSettings, load_config
from tui.core.state import MAX_POSITIONS, UiState, load_state, save_state


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path / "absent.toml") == Config()
    assert Config().reader.measure == 76


def test_full_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'theme = "gloss-paper"\n[reader]\nmeasure = 64\n[keys]\n"reader.down" = "j, ctrl+n"\n',
    )
    assert load_config(path) == Config(
        theme="gloss-paper", reader=ReaderSettings(measure=64), keys={"reader.down": "j,ctrl+n"}
    )


def test_default_location_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GLOSS_CONFIG", str(write(tmp_path, "[reader]\nmeasure = 50\n")))
    assert locations.config_path() == tmp_path / "config.toml"
    assert load_config().reader.measure == 50


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("theme = 3\n", "'theme' must be a theme name in quotes"),
        ("[reader]\nmeasure = 5\n", "'reader.measure' must be between 20 and 400 (got 5)"),
        ('[reader]\nmeasure = "wide"\n', "'reader.measure' must be a whole number of columns"),
        ("[reader]\nmesure = 60\n", "unknown setting 'reader.mesure'"),
        ("colour = 1\n", "unknown setting 'colour'"),
        ('[keys]\n"reader.down" = 1\n', "'keys.reader.down' must be a key name in quotes"),
        ("reader = 1\n", "'reader' must be a table ([reader])"),
    ],
)
def test_bad_settings_are_named(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"config file {path}: {message}")
    assert "\n" not in str(caught.value)


def test_invalid_toml_is_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, "[reader\nmeasure = \n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"config file {path}: ")
    assert "\n" not in str(caught.value)


def test_state_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "state.json"
    state = UiState(theme="nord")
    state.remember("file:///a.html", 120)
    save_state(state, path)
    assert load_state(path) == UiState(theme="nord", positions={"file:///a.html": 120})
    assert json.loads(path.read_text())["theme"] == "nord"
    assert [p.name for p in path.parent.iterdir()] == ["state.json"]  # no temp file left


def test_export_choices_round_trip_and_unknown_ones_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    choices = {"format": "json", "layout": "tag", "cite": "apa", "destination": "folder",
               "path": "~/vault"}
    save_state(UiState(export=choices), path)
    assert load_state(path).export == choices
    path.write_text(json.dumps({"export": {
        "format": "pdf", "layout": "tag", "cite": 3, "destination": "printer", "path": " ",
        "extra": "x",
    }}))
    assert load_state(path).export == {"layout": "tag"}
    path.write_text(json.dumps({"export": ["json"]}))
    assert load_state(path).export == {}


def test_state_default_location(tmp_path: Path) -> None:
    save_state(UiState(theme="gloss-paper"))
    assert locations.state_path().is_file()
    assert load_state().theme == "gloss-paper"


@pytest.mark.parametrize("content", ["", "{not json", "[]", '{"theme": 5, "positions": {"a": -1}}'])
def test_damaged_state_starts_afresh(tmp_path: Path, content: str) -> None:
    path = tmp_path / "state.json"
    path.write_text(content)
    assert load_state(path) == UiState()


def test_positions_are_bounded_oldest_first() -> None:
    state = UiState()
    for n in range(MAX_POSITIONS + 3):
        state.remember(f"k{n}", n)
    state.remember("k5", 99)  # touching an entry makes it recent again
    assert len(state.positions) == MAX_POSITIONS
    assert [k for k in ("k0", "k1", "k2", "k3") if k in state.positions] == ["k3"]
    assert state.position("k5") == 99
    assert list(state.positions)[-1] == "k5"
    assert state.position(None) is None
