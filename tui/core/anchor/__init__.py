"""Anchoring: describe a quote in an Article's text, and re-attach it when the text changes."""
