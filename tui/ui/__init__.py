"""The Textual user interface: thin, it asks `tui.core` and shows the answer."""
