"""The import formats' names (light: `gloss import --help` needs only these)."""

from __future__ import annotations

W3C = "w3c"
FORMATS = (
    W3C, "omnivore", "pocket", "readwise", "instapaper", "hypothesis", "kindle", "koreader",
    "urls", "opml", "bookmarks",
)
