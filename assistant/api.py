"""The `Assistant`: one index directory, opened once, with ingest, retrieve, ask and stats."""
from __future__ import annotations

import os
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from corpus.readers import ReadResult, read_inputs
from index.bm25 import BM25Index
from index.catalog import Catalog
from index.embeddings import get_embedder
from index.indexer import IngestStats, Indexer
from index.manifest import check_manifest, read_manifest
from index.retrieval import Filters, Hit, HybridRetriever
from index.store import ChromaStore, make_client

from .answering import extractive_answer, verify_citations
from .config import Settings
from .records import Answer


class Assistant:
    """Opens (or creates) the index in `index_dir`; models and indexes load once per instance."""

    def __init__(
        self,
        index_dir: str | os.PathLike[str] | None = None,
        *,
        settings: Settings | None = None,
        embedding_model: str | None = None,
        chroma_url: str | None = None,
        device: str | None = None,
    ) -> None:
        overrides = {
            key: value
            for key, value in {"index_dir": Path(index_dir) if index_dir else None,
                               "embedding_model": embedding_model, "chroma_url": chroma_url,
                               "device": device}.items()
            if value is not None
        }
        self.settings = replace(settings or Settings.from_env(), **overrides)
        self.index_dir = Path(self.settings.index_dir)
        self.index_dir.mkdir(parents=True, exist_ok=True)
        self.embedder = get_embedder(self.settings.embedding_model, self.settings.device)
        check_manifest(self.index_dir, self.embedder.name)
        self.catalog = Catalog(self.index_dir / "catalog.sqlite")
        self.store = ChromaStore(make_client(self.index_dir, self.settings.chroma_url), self.embedder)
        self._retriever: HybridRetriever | None = None
        self._lock = threading.RLock()

    # --- ingest -------------------------------------------------------------------------------
    def ingest(
        self, paths: Iterable[str | os.PathLike[str]], progress: Callable[[str], None] | None = None
    ) -> IngestStats:
        """Read files, directories and URLs and add their articles; returns counts and errors."""
        indexer = Indexer(self.index_dir, self.catalog, self.store, self.embedder,
                          self.settings.chunk_chars, self.settings.chunk_overlap)
        with self._lock:
            stats = indexer.ingest(_tagged(paths), progress)
            self._retriever = None  # reload BM25 and chunk metadata on next use
        return stats

    # --- search -------------------------------------------------------------------------------
    @property
    def retriever(self) -> HybridRetriever:
        with self._lock:
            if self._retriever is None:
                bm25 = BM25Index.load(self.index_dir / "bm25")
                self._retriever = HybridRetriever(self.catalog, bm25, self.store, self.embedder)
            return self._retriever

    def retrieve(self, query: str, k: int = 10, filters: dict | Filters | None = None,
                 mode: str = "hybrid") -> list[Hit]:
        """The top-k chunks for `query` (hybrid BM25 + dense by default), after metadata filters."""
        return self.retriever.retrieve(query, k=k, filters=filters, mode=mode)

    def ask(self, question: str, history: list[str] | None = None, filters: dict | Filters | None = None,
            k: int = 8) -> Answer:
        """An extractive, cited answer (or an abstention) for `question`."""
        started = time.perf_counter()
        hits = self.retrieve(question, k=k, filters=filters)
        retrieved = time.perf_counter()
        texts = {h.article_id: self.catalog.article(h.article_id).text for h in hits}
        answer = extractive_answer(question, hits, texts)
        verify_citations(answer, texts)
        answer.timings = {"retrieve": retrieved - started, "total": time.perf_counter() - started,
                          **answer.timings}
        return answer

    # --- inspection ---------------------------------------------------------------------------
    def stats(self) -> dict:
        """Counts and the embedding model of this index."""
        counts = self.catalog.counts()
        manifest = read_manifest(self.index_dir)
        return {
            **counts,
            "vectors": self.store.count(),
            "embedding_model": manifest.embedding_model if manifest else self.embedder.name,
            "dimension": manifest.dimension if manifest else None,
            "sources": self.catalog.sources(),
            "index_dir": str(self.index_dir),
            "chroma": self.settings.chroma_url or "embedded",
        }

    def article(self, article_id: str):
        """The stored `Article`, or None."""
        return self.catalog.article(article_id)


def _tagged(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[str, ReadResult]]:
    for path in paths:
        for result in read_inputs([path]):
            yield str(path), result
