"""Where Gloss keeps things: the notebook, the config, persisted UI state, bundled files.

Nothing is created here: folders are made by whoever first writes into them.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

import tui

APP_NAME = "gloss"


def default_notebook_path() -> Path:
    """The notebook folder: $GLOSS_NOTEBOOK, else the platform's user data folder."""
    override = os.environ.get("GLOSS_NOTEBOOK")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP_NAME) / "notebook"


def config_path() -> Path:
    """The user's config file: $GLOSS_CONFIG, else config.toml in the user config folder."""
    override = os.environ.get("GLOSS_CONFIG")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_config_path(APP_NAME) / "config.toml"


def state_path() -> Path:
    """Choices Gloss remembers for the user (theme, ...), kept apart from their config."""
    return platformdirs.user_state_path(APP_NAME) / "state.json"


def clipboard_fallback_path() -> Path:
    """Where text that no system clipboard took is left for the user (the state folder)."""
    return platformdirs.user_state_path(APP_NAME) / "clipboard.md"


def resource_path(name: str) -> Path:
    """A bundled top-level folder (``styles``, ``samples``).

    A built wheel carries them inside the package; a clone or an editable install has them
    beside it, at the top of the repository.
    """
    package = Path(tui.__file__).resolve().parent
    inside = package / name
    return inside if inside.is_dir() else package.parent / name


def sample_path(name: str = "jessica-jones-season-2.html") -> Path:
    """A bundled sample page."""
    return resource_path("samples") / name


def index_cache_dir() -> Path:
    """Where the notebook's query indexes live: derived data, outside the notebook so that
    syncing or backing up the notebook never carries them (honours $XDG_CACHE_HOME)."""
    return platformdirs.user_cache_path(APP_NAME) / "index"
