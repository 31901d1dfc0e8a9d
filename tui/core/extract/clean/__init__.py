"""The cleaning rules: over the page, over readability's tree, over the article's blocks."""
