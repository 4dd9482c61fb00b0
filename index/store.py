"""The dense leg: chunk vectors in Chroma — an embedded PersistentClient, or a `chroma run` server.
`ChromaStore` implements the `VectorStore` protocol (`index.store_protocol`) and translates the
generic `Filters` into Chroma's `where` syntax.

Vectors are computed by our own `Embedder` and passed in explicitly; the collection is also given
a matching embedding function so Chroma never falls back to its own downloading default.

Several processes may open one embedded index (writers are serialised by the indexer's file lock).
A process sees rows others commit (get, count), but its nearest-neighbour index stays as it was
loaded, for as long as the process lives; `reload()` opens a fresh view from disk.
"""
from __future__ import annotations

import contextlib
import urllib.parse
from pathlib import Path
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings

from .embeddings import Embedder, get_embedder
from .filters import Filters

COLLECTION = "civic_chunks"


class StoreUnavailable(RuntimeError):
    """The configured Chroma server cannot be reached."""


class CivicEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma embedding function backed by our sentence-transformers `Embedder`."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def __call__(self, input: Documents) -> Embeddings:
        return list(self.embedder.embed_passages(list(input)))

    def embed_query(self, input: Documents) -> Embeddings:
        return [self.embedder.embed_query(text) for text in input]

    @staticmethod
    def name() -> str:
        return "civic-sentence-transformers"

    def get_config(self) -> dict[str, Any]:
        return {"model": self.embedder.name}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> CivicEmbeddingFunction:
        return CivicEmbeddingFunction(get_embedder(config.get("model")))

    def default_space(self) -> str:
        return "cosine"


def make_client(index_dir: Path, chroma_url: str | None = None, token: str | None = None):
    """An embedded client under `index_dir/chroma`, or an HTTP client for `chroma_url`; `token`
    (CIVIC_CHROMA_TOKEN in the settings) is sent as a bearer token to a server behind a
    token-checking proxy."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if chroma_url:
        parts = urllib.parse.urlsplit(chroma_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"invalid Chroma URL {chroma_url!r}: expected http://host:port")
        try:
            # A server behind a token-checking proxy (Chroma 1.x has no auth of its own): the token
            # comes from the environment (the settings) only, never from a command line that `ps` would show.
            return chromadb.HttpClient(
                host=parts.hostname,
                port=parts.port or (443 if parts.scheme == "https" else 8000),
                ssl=parts.scheme == "https",
                headers={"Authorization": f"Bearer {token}"} if token else None,
                settings=settings,
            )
        except Exception as exc:  # chromadb raises several kinds when the server is down
            hint = "" if token else \
                " (a server behind a token-checking proxy needs CIVIC_CHROMA_TOKEN)"
            raise StoreUnavailable(f"cannot reach the Chroma server at {chroma_url}: "
                                   f"{str(exc) or type(exc).__name__}{hint}") from exc
    path = Path(index_dir) / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    with _opening(str(path)):
        return chromadb.PersistentClient(path=str(path), settings=settings)


def _opening(persist_directory: str | None):
    """A short lock for opening an embedded Chroma directory or creating a collection in it:
    processes doing so at the same moment race on its schema ("table collections already exists").
    Nothing is locked for a Chroma server."""
    if not persist_directory:
        return contextlib.nullcontext()
    from filelock import FileLock

    return FileLock(str(Path(persist_directory).parent / ".chroma-open.lock"))


class ChromaStore:
    """One Chroma collection of chunk vectors with article id, source and date metadata."""

    def __init__(self, client, embedder: Embedder, collection: str = COLLECTION) -> None:
        self.client = client
        self.embedder = embedder
        self.use_collection(collection)
        try:
            self._max_batch = int(client.get_max_batch_size())
        except Exception:
            self._max_batch = 1000

    @property
    def name(self) -> str:
        return self.collection.name

    def use_collection(self, name: str) -> None:
        """Work on collection `name` from now on (created when missing)."""
        settings = self.client.get_settings()
        with _opening(settings.persist_directory if settings.is_persistent else None):
            try:
                self.collection = self.client.get_or_create_collection(
                    name=name,
                    embedding_function=CivicEmbeddingFunction(self.embedder),
                    metadata={"hnsw:space": "cosine"},
                )
            except Exception as exc:
                if settings.is_persistent:
                    raise
                host = f"{settings.chroma_server_host}:{settings.chroma_server_http_port}"
                raise StoreUnavailable(
                    f"the Chroma server at {host} refused to open collection {name}: {exc} "
                    "(a server behind a token-checking proxy needs CIVIC_CHROMA_TOKEN)") from exc

    def reload(self) -> None:
        """Reopen the collection with a fresh view of what other processes wrote since it was
        opened (an embedded client caches its nearest-neighbour index per process and path)."""
        settings = self.client.get_settings()
        if not settings.is_persistent:
            return  # a Chroma server always answers from its current state
        import chromadb
        from chromadb.api.shared_system_client import SharedSystemClient

        # Chroma keeps one system per path and process; dropping it from that cache makes the next
        # client load the path afresh. Clients already open keep the old system.
        SharedSystemClient._identifier_to_system.pop(settings.persist_directory, None)
        with _opening(settings.persist_directory):
            self.client = chromadb.PersistentClient(path=settings.persist_directory, settings=settings)
        self.use_collection(self.name)

    def upsert(self, ids: list[str], vectors: np.ndarray, documents: list[str], metadatas: list[dict]) -> None:
        """Store these vectors under these ids, replacing any already stored.

        An id that exists is deleted and added again rather than upserted: Chroma's upsert updates
        the vector in place in its HNSW graph, which now and then leaves the node unreachable, so
        similarity search never returns that chunk again (Chroma 1.5.9, the 3,104 civic-news chunks
        each rewritten with another chunk's vector: 3 unreachable after upserts, 0 after delete +
        add; synthetic churn of 60 rounds over 160 vectors: 4 of 26 runs lost one, 0 of 26). A crash
        between the two steps is repaired by the ingest journal like any other half-written article."""
        for i in range(0, len(ids), self._max_batch):
            j = i + self._max_batch
            existing = self.collection.get(ids=ids[i:j], include=[])["ids"]
            if existing:
                self.collection.delete(ids=existing)
            self.collection.add(
                ids=ids[i:j], embeddings=vectors[i:j], documents=documents[i:j], metadatas=metadatas[i:j]
            )

    def delete(self, ids: list[str]) -> None:
        for i in range(0, len(ids), self._max_batch):
            self.collection.delete(ids=ids[i : i + self._max_batch])

    def ids(self) -> set[str]:
        found: set[str] = set()
        offset, page = 0, 5000
        while True:
            batch = self.collection.get(include=[], limit=page, offset=offset)["ids"]
            found.update(batch)
            if len(batch) < page:
                return found
            offset += page

    def count(self) -> int:
        return int(self.collection.count())

    def query(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> list[tuple[str, float]]:
        """Up to `k` (chunk id, cosine similarity) pairs among the chunks `filters` admit, best first."""
        total = self.count()
        if total == 0 or k <= 0:
            return []
        result = self.collection.query(
            query_embeddings=[vector], n_results=min(k, total), where=chroma_where(filters), include=["distances"]
        )
        ids = result["ids"][0]
        distances = result["distances"][0]
        return [(cid, 1.0 - float(d)) for cid, d in zip(ids, distances)]


def chroma_where(filters: Filters | None) -> dict | None:
    """`filters` in Chroma's `where` syntax over `chunk_metadata` (None: no filter)."""
    if filters is None:
        return None
    clauses: list[dict] = []
    if filters.sources:
        clauses.append({"source": {"$in": list(filters.sources)}})
    if filters.article_ids:
        clauses.append({"article_id": {"$in": list(filters.article_ids)}})
    if filters.exclude_article_ids:
        clauses.append({"article_id": {"$nin": list(filters.exclude_article_ids)}})
    if filters.date_from:
        clauses.append({"date": {"$gte": int(filters.date_from.replace("-", ""))}})
    if filters.date_to:
        clauses.append({"date": {"$lte": int(filters.date_to.replace("-", ""))}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def chunk_metadata(article_id: str, source: str | None, date: str | None) -> dict:
    """Chroma metadata for a chunk: article id, source, and the date as an integer YYYYMMDD."""
    meta: dict[str, Any] = {"article_id": article_id}
    if source:
        meta["source"] = source
    if date:
        meta["date"] = int(date.replace("-", ""))
    return meta
