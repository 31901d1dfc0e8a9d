"""Modal dialogs, all on one base (:mod:`tui.ui.dialogs.base`): a centred box, Esc closes."""
