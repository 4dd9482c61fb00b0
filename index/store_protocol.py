"""What the indexer and the retriever need from a vector store: the `VectorStore` protocol.

`index.store.ChromaStore` implements it (embedded Chroma or a Chroma server); any other store
with these methods can take its place. A store translates the generic `Filters` into its own
query syntax itself.
"""
from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np

from .filters import Filters


@runtime_checkable
class VectorStore(Protocol):
    """Chunk vectors by chunk id, with the metadata `index.store.chunk_metadata` gives each chunk
    (article id, source, date as an integer YYYYMMDD)."""

    @property
    def name(self) -> str:
        """The collection written to (recorded in the index manifest)."""
        ...

    def use_collection(self, name: str) -> None:
        """Work on collection `name` from now on (created when missing)."""
        ...

    def upsert(self, ids: list[str], vectors: np.ndarray, documents: list[str], metadatas: list[dict]) -> None:
        """Store these vectors (with their texts and metadata) under these ids, replacing any stored."""
        ...

    def delete(self, ids: list[str]) -> None:
        """Drop the vectors of these ids (ids not stored are ignored)."""
        ...

    def query(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> list[tuple[str, float]]:
        """Up to `k` (chunk id, cosine similarity) pairs nearest to `vector` among the chunks that
        pass `filters`, best first."""
        ...

    def ids(self) -> set[str]:
        """Every stored chunk id."""
        ...

    def count(self) -> int:
        """How many vectors are stored."""
        ...
