"""The data every stage passes on: Article, Block, Span; Highlight and its Target; SavedArticle."""
