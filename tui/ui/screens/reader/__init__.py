"""The reader screen and the key-handler mixins it is built from: cursor, highlights, links."""
