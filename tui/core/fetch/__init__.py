"""Fetching: bytes from a URL, a file or stdin, within limits, decoded to HTML text."""
