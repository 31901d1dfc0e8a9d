"""Everything that is not a screen. Nothing below this package imports Textual."""
