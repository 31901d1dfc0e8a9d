"""The built-in citation styles' names, on their own: the config checks them on every start,
which should not import the citation formatting itself (issues 14, 19)."""

from __future__ import annotations

from typing import Literal

CitationStyle = Literal["mla", "apa", "chicago"]
STYLES: tuple[CitationStyle, ...] = ("mla", "apa", "chicago")
