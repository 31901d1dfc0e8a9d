"""What the reader does, minus the screen: layout, selection, links, history, search, undo."""
