"""HTML to Article: readability finds the article, Gloss's rules tidy it, metadata is read."""
