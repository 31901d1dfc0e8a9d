"""Export: citations, Markdown and W3C Web Annotation JSON, and the merge for safe re-export."""
