"""The notebook: saved articles and highlights on disk, durable, shared safely between processes."""
