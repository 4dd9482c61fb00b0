"""Ingestion into an index directory: catalog, Chroma and BM25 kept in agreement.

Per article: hash its content; if unchanged, skip; otherwise chunk, tokenise, embed (batched
across articles), write the vectors to Chroma, then replace the article in the catalog — the
catalog is the source of truth and is written last. Vectors Chroma holds for chunks the catalog
does not know are removed on the next ingest; BM25 is rebuilt once at the end of each ingest.
Writers are serialised with a file lock in the index directory.
"""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from filelock import FileLock

from corpus.chunking import chunk_article
from corpus.readers import ReadError, ReadResult
from corpus.records import Article, Chunk

from .bm25 import BM25Index
from .catalog import Catalog
from .embeddings import Embedder
from .manifest import Manifest, check_manifest, write_manifest
from .records import FINGERPRINT_KEY, extraction_fingerprint, extraction_records
from .store import ChromaStore, chunk_metadata
from .tokenize import document_tokens

EMBED_BATCH_CHUNKS = 64


@dataclass
class IngestStats:
    """What one ingest did."""

    articles_added: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    chunks_added: int = 0
    chunks_removed: int = 0
    errors: list[ReadError] = field(default_factory=list)
    per_source: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict:
        return {
            "articles_added": self.articles_added,
            "articles_updated": self.articles_updated,
            "articles_unchanged": self.articles_unchanged,
            "chunks_added": self.chunks_added,
            "chunks_removed": self.chunks_removed,
            "errors": [{"source": e.source, "line": e.line, "message": e.message} for e in self.errors],
            "per_source": self.per_source,
            "seconds": round(self.seconds, 3),
        }

    def _count(self, source: str, key: str) -> None:
        entry = self.per_source.setdefault(source, {"added": 0, "updated": 0, "unchanged": 0, "errors": 0})
        entry[key] += 1


@dataclass
class _Pending:
    article: Article
    content_hash: str
    chunks: list[Chunk]
    tokens: list[list[str]]
    previous: list[str]
    source: str
    records: list[dict]


class Indexer:
    """Writes articles into the catalog, Chroma and BM25 of one index directory."""

    def __init__(self, index_dir: Path, catalog: Catalog, store: ChromaStore, embedder: Embedder,
                 chunk_chars: int = 900, chunk_overlap: int = 200) -> None:
        self.index_dir = Path(index_dir)
        self.catalog = catalog
        self.store = store
        self.embedder = embedder
        self.chunk_chars = chunk_chars
        self.chunk_overlap = chunk_overlap
        self.lock = FileLock(str(self.index_dir / ".ingest.lock"))

    def ingest(
        self, results: Iterable[tuple[str, ReadResult]], progress: Callable[[str], None] | None = None
    ) -> IngestStats:
        """Ingest (input name, reader result) pairs — articles and errors; returns what changed."""
        started = time.perf_counter()
        stats = IngestStats()
        with self.lock:
            self._record_model()
            self.refresh_extraction()
            changed = self._repair()
            pending: list[_Pending] = []
            for source, result in results:
                if isinstance(result, ReadError):
                    stats.errors.append(result)
                    stats._count(source, "errors")
                    continue
                item = self._prepare(result, source, stats)
                if item is None:
                    continue
                pending.append(item)
                if sum(len(p.chunks) for p in pending) >= EMBED_BATCH_CHUNKS:
                    self._flush(pending, stats, progress)
                    pending = []
                    changed = True
            if pending:
                self._flush(pending, stats, progress)
                changed = True
            bm25_dir = self.index_dir / "bm25"
            if changed or not (bm25_dir / "chunk_ids.json").exists():
                self.rebuild_bm25()
        stats.seconds = time.perf_counter() - started
        return stats

    def rebuild_bm25(self) -> BM25Index:
        ids, tokens = self.catalog.chunk_table()
        index = BM25Index.build(ids, tokens)
        index.save(self.index_dir / "bm25")
        return index

    def content_hash(self, article: Article) -> str:
        payload = json.dumps(
            [article.title, article.text, article.date, article.source, article.url, article.metadata,
             self.chunk_chars, self.chunk_overlap, self.embedder.name],
            ensure_ascii=False, sort_keys=True, default=str,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def _prepare(self, article: Article, source: str, stats: IngestStats) -> _Pending | None:
        digest = self.content_hash(article)
        old_hash = self.catalog.content_hash(article.id)
        if old_hash == digest:
            stats.articles_unchanged += 1
            stats._count(source, "unchanged")
            return None
        chunks = chunk_article(article, self.chunk_chars, self.chunk_overlap)
        tokens = [document_tokens(f"{article.title}\n{c.text}" if c.seq == 0 else c.text) for c in chunks]
        if old_hash is None:
            stats.articles_added += 1
            stats._count(source, "added")
        else:
            stats.articles_updated += 1
            stats._count(source, "updated")
        return _Pending(article, digest, chunks, tokens, self.catalog.chunk_ids(article.id), source,
                        extraction_records(article))

    def _flush(self, pending: list[_Pending], stats: IngestStats, progress: Callable[[str], None] | None) -> None:
        # The same id twice in one batch: the later version wins.
        latest = {p.article.id: p for p in pending}
        items = list(latest.values())
        texts = [_embedding_text(p.article, c) for p in items for c in p.chunks]
        vectors = self.embedder.embed_passages(texts)
        offset = 0
        for p in items:
            n = len(p.chunks)
            new_ids = [c.id for c in p.chunks]
            stale = [cid for cid in p.previous if cid not in set(new_ids)]
            if stale:
                self.store.delete(stale)
            if n:
                meta = chunk_metadata(p.article.id, p.article.source, p.article.date)
                self.store.upsert(new_ids, vectors[offset:offset + n], [c.text for c in p.chunks], [meta] * n)
            self.catalog.replace_article(p.article, p.content_hash, p.chunks, p.tokens, p.records)
            stats.chunks_added += n
            stats.chunks_removed += len(p.previous)
            offset += n
            if progress:
                progress(p.article.id)

    def refresh_extraction(self) -> int:
        """Re-extract every stored article when the extractor changed; returns how many."""
        fingerprint = extraction_fingerprint()
        if self.catalog.get_meta(FINGERPRINT_KEY) == fingerprint:
            return 0
        count = 0
        for article in self.catalog.articles():
            self.catalog.replace_records(article.id, extraction_records(article))
            count += 1
        self.catalog.set_meta(FINGERPRINT_KEY, fingerprint)
        return count

    def _repair(self) -> bool:
        """Make Chroma agree with the catalog after an interrupted ingest; True when anything changed."""
        in_catalog = self.catalog.all_chunk_ids()
        in_store = self.store.ids()
        extra = sorted(in_store - in_catalog)
        if extra:
            self.store.delete(extra)
        missing = sorted(in_catalog - in_store)
        if missing:
            chunks = self.catalog.chunks(missing)
            by_article: dict[str, Article] = {}
            for i in range(0, len(missing), EMBED_BATCH_CHUNKS):
                batch = [chunks[cid] for cid in missing[i:i + EMBED_BATCH_CHUNKS]]
                for c in batch:
                    if c.article_id not in by_article:
                        by_article[c.article_id] = self.catalog.article(c.article_id)  # type: ignore[assignment]
                vectors = self.embedder.embed_passages([_embedding_text(by_article[c.article_id], c) for c in batch])
                metas = [chunk_metadata(c.article_id, by_article[c.article_id].source, by_article[c.article_id].date)
                         for c in batch]
                self.store.upsert([c.id for c in batch], vectors, [c.text for c in batch], metas)
        return bool(extra or missing)

    def _record_model(self) -> None:
        if check_manifest(self.index_dir, self.embedder.name) is None:
            write_manifest(self.index_dir, Manifest(self.embedder.name, self.embedder.dimension))


def _embedding_text(article: Article, chunk: Chunk) -> str:
    """What the dense leg embeds for a chunk: the article title gives every chunk its context."""
    return f"{article.title}\n{chunk.text}" if article.title else chunk.text
