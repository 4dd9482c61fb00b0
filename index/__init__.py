"""Embeddings, the Chroma store, Vietnamese BM25, hybrid retrieval and the SQLite article catalog."""
