"""Gloss: a terminal reader and review annotator."""

__version__ = "0.1.0"
