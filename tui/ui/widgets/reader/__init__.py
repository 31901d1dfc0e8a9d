"""The reader view: an Article on Textual's Line API, its painting and its mouse selection."""
