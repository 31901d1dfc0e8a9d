"""Key binding tables, each binding with an id the config's `[keys]` can remap."""
