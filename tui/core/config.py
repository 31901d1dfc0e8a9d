"""Typed settings read from the user's TOML config file (see :func:`locations.config_path`).

The file is optional and every setting has a default. A typo is reported, not ignored, so
that a user who remaps a key and sees nothing happen learns why::

    theme = "gloss-paper"        # the theme used until one is picked from the palette

    [reader]
    measure = 76                 # columns of body text
    images = "auto"              # figures: "auto" draws them as the terminal can; "off"

    [keys]                       # binding id = key(s), comma separated
    "reader.down" = "j,down,ctrl+n"

    [highlight]
    color = "yellow"             # the colour h gives: yellow, green, blue, pink or purple
    citation = "mla"             # the citation y copies and exports use: mla, apa or chicago

    [highlight.tags]             # a colour that means a tag (by name or by its key, 1-5)
    2 = "quote-for-review"       # colour 2 adds the tag; typing the tag picks colour 2

    [sync]                       # a notebook synced with `gloss sync init` (see README)
    on_start = true              # sync when the app starts
    on_quit = true               # and when it quits
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core import locations
from tui.core.errors import GlossError
from tui.core.export import STYLES, CitationStyle
from tui.core.model import COLORS, DEFAULT_COLOR, normalize_tag
from tui.core.text import one_line

MIN_MEASURE, MAX_MEASURE = 20, 400

# The reader's line length in cells when the config file says none (the layout's default).
DEFAULT_MEASURE = 76

# "auto": figures are fetched when opened and drawn as the terminal can; "off": never fetched.
IMAGE_MODES = ("auto", "off")


class ConfigError(GlossError):
    """The config file cannot be read or holds a setting Gloss does not understand."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class ReaderSettings:
    """How the reader lays out an article."""

    measure: int = DEFAULT_MEASURE
    """Columns of body text; the column is centred in wider terminals."""
    images: str = "auto"
    """Figures: ``"auto"`` fetches and draws them, ``"off"`` shows only ``[image: alt]``."""


@dataclass(frozen=True, slots=True)
class HighlightSettings:
    """How the reader makes and copies highlights."""

    color: str = DEFAULT_COLOR
    """The colour ``h`` gives a new highlight (one of :data:`~tui.core.model.highlight.COLORS`)."""
    citation: CitationStyle = "mla"
    """The citation style ``y`` copies under a quote, and exports use unless told another."""
    tags: dict[str, str] = field(default_factory=dict)
    """Colour → tag: giving a highlight the colour adds the tag, typing the tag picks it."""

    def tag_of(self, color: str) -> str | None:
        """The tag ``color`` stands for, if any."""
        return self.tags.get(color)

    def color_of(self, tags: tuple[str, ...]) -> str | None:
        """The colour the first bound tag among ``tags`` stands for, if any."""
        for tag in tags:
            for color, bound in self.tags.items():
                if bound == tag:
                    return color
        return None


@dataclass(frozen=True, slots=True)
class SyncSettings:
    """When the app syncs a synced notebook (`gloss sync init`) by itself."""

    on_start: bool = False
    """Sync in the background when the app starts."""
    on_quit: bool = False
    """Sync before the app quits."""


@dataclass(frozen=True, slots=True)
class Config:
    """Everything the user can set in the config file."""

    theme: str | None = None
    """Theme at start-up until the user picks another one from the command palette."""
    reader: ReaderSettings = field(default_factory=ReaderSettings)
    """Reader layout."""
    highlight: HighlightSettings = field(default_factory=HighlightSettings)
    """Highlighting: the default colour, colours bound to tags, the citation style."""
    keys: dict[str, str] = field(default_factory=dict)
    """Binding id → key(s), comma separated, replacing that binding's default keys."""
    sync: SyncSettings = field(default_factory=SyncSettings)
    """Syncing on start and on quit."""


def load_config(path: Path | None = None) -> Config:
    """Read the config file (the default location if ``path`` is None); absent means defaults.

    Raises ConfigError with a one-line message naming the file and the problem.
    """
    path = path or locations.config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise ConfigError(f"config file {path}: {exc.strerror or exc}") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"config file {path}: {exc}") from exc
    except RecursionError:
        raise ConfigError(f"config file {path}: nested too deeply to be a Gloss config") from None
    try:
        return parse_config(data)
    except ConfigError as exc:
        raise ConfigError(f"config file {path}: {exc}") from exc


def parse_config(data: dict[str, Any]) -> Config:
    """Build a Config from parsed TOML, rejecting unknown or mistyped settings."""
    _only(data, {"theme", "reader", "keys", "highlight", "sync"}, "")
    theme = data.get("theme")
    if isinstance(theme, str):
        theme = one_line(theme)  # config text is untrusted too: a shared dotfile
    if theme is not None and (not isinstance(theme, str) or not theme.strip()):
        raise ConfigError("'theme' must be a theme name in quotes")
    reader_data = _table(data, "reader")
    _only(reader_data, {"measure", "images"}, "reader.")
    images = reader_data.get("images", "auto")
    if images not in IMAGE_MODES:
        raise ConfigError(f"'reader.images' must be one of {', '.join(IMAGE_MODES)}")
    measure = reader_data.get("measure", DEFAULT_MEASURE)
    if isinstance(measure, bool) or not isinstance(measure, int):
        raise ConfigError("'reader.measure' must be a whole number of columns")
    if not MIN_MEASURE <= measure <= MAX_MEASURE:
        raise ConfigError(
            f"'reader.measure' must be between {MIN_MEASURE} and {MAX_MEASURE} (got {measure})"
        )
    keys: dict[str, str] = {}
    for binding_id, value in _table(data, "keys").items():
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"'keys.{binding_id}' must be a key name in quotes, e.g. \"j\"")
        keys[binding_id] = ",".join(k.strip() for k in one_line(value).split(",") if k.strip())
    return Config(
        theme=theme.strip() if theme else None,
        reader=ReaderSettings(measure, images),
        highlight=parse_highlight(_table(data, "highlight")),
        keys=keys,
        sync=parse_sync(_table(data, "sync")),
    )


def parse_sync(data: dict[str, Any]) -> SyncSettings:
    """The ``[sync]`` table: two true/false switches."""
    _only(data, {"on_start", "on_quit"}, "sync.")
    for name in ("on_start", "on_quit"):
        if not isinstance(data.get(name, False), bool):
            raise ConfigError(f"'sync.{name}' must be true or false")
    return SyncSettings(data.get("on_start", False), data.get("on_quit", False))


def parse_highlight(data: dict[str, Any]) -> HighlightSettings:
    """The ``[highlight]`` table: colour names or their keys (1-5), checked."""
    _only(data, {"color", "citation", "tags"}, "highlight.")
    color = _color(data.get("color", DEFAULT_COLOR), "'highlight.color'")
    citation = data.get("citation", "mla")
    if citation not in STYLES:
        raise ConfigError(f"'highlight.citation' must be one of {', '.join(STYLES)}")
    tags: dict[str, str] = {}
    for key, value in _table(data, "highlight.tags").items():
        bound = _color(key, f"'highlight.tags.{key}'")
        tag = normalize_tag(one_line(value)) if isinstance(value, str) else ""
        if not tag:
            raise ConfigError(f"'highlight.tags.{key}' must be a tag in quotes")
        if tag in tags.values():
            raise ConfigError(f"'highlight.tags': the tag '{tag}' is bound to two colours")
        tags[bound] = tag
    return HighlightSettings(color, citation, tags)


def _color(value: object, where: str) -> str:
    """A colour given by name or by its key (1 for the first of COLORS)."""
    name = str(value).strip().lower()
    if name.isdigit() and 1 <= int(name) <= len(COLORS):
        return COLORS[int(name) - 1]
    if name not in COLORS:
        raise ConfigError(f"{where}: '{value}' is not a colour ({', '.join(COLORS)} or 1-5)")
    return name


def _table(data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name.rpartition(".")[2], {})
    if not isinstance(value, dict):
        raise ConfigError(f"'{name}' must be a table ([{name}])")
    return value


def _only(data: dict[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"unknown setting '{where}{unknown[0]}'")
