"""Text as the reader moves through it (words, sentences, paragraphs), sanitising, typed dates."""
