"""Ingestion into an index directory: catalog, Chroma and BM25 kept in agreement.

Per article: hash its content; if unchanged, skip; otherwise chunk, tokenise, embed (batched
across articles), write the vectors to Chroma, then replace the article in the catalog — the
catalog is the source of truth and is written last. Writers are serialised with a file lock in the
index directory.

Crash safety (a writer may be killed at any instruction; see docs/reliability.md):
- each article's catalog rows change in one SQLite transaction, so the catalog never holds half
  an article;
- before a batch touches Chroma, the articles it is about to rewrite are journaled in the catalog
  (with their new content hashes); the next ingest first makes Chroma agree with the catalog:
  vectors of chunks the catalog does not know are deleted, vectors of journaled articles whose
  catalog rows were not committed are re-embedded from the catalog's version, and chunks without
  a vector are embedded;
- BM25 records a digest of the catalog chunks it was built from, and is rebuilt whenever that
  differs from the catalog (also after an ingest killed before its BM25 save), then swapped in.
"""
from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock

from corpus.readers import LISTED_KEY, ReadError, ReadResult, Unchanged
from corpus.records import ORIGIN_FILE, ORIGIN_LINE, Article, Chunk

from .bm25 import BM25Index
from .catalog import Catalog
from .embeddings import Embedder
from .manifest import Manifest, check_manifest, read_manifest, write_manifest
from .origins import IdGuard, Place, clash_with_stored
from .prepare import Prepared, dated_and_hashed, embed_prepared, embedding_text, prepare_article
from .records import FINGERPRINT_KEY, extraction_fingerprint, extraction_records
from .sentence_vectors import embed_missing_sentences, vectors_key
from .store import chunk_metadata
from .store_protocol import VectorStore
from .tone_marks import FILE_NAME as TONE_FORMS
from .tone_marks import ToneForms, article_texts

EMBED_BATCH_CHUNKS = 64
# Catalog meta key: {article id: new content hash} of the batch being written to Chroma.
PENDING_KEY = "ingest_pending"


@dataclass
class IngestStats:
    """What one ingest did."""

    articles_added: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    chunks_added: int = 0
    chunks_removed: int = 0
    sentences_embedded: int = 0  # sentence vectors made (`index.sentence_vectors`)
    errors: list[ReadError] = field(default_factory=list)
    error_inputs: list[str] = field(default_factory=list)  # the input each error came from (a feed, for its pages)
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
            "sentences_embedded": self.sentences_embedded,
            "errors": [{"source": e.source, "line": e.line, "message": e.message, "input": i}
                       for e, i in zip(self.errors, self.error_inputs)],
            "per_source": self.per_source,
            "seconds": round(self.seconds, 3),
        }

    def add_error(self, source: str, error: ReadError) -> None:
        self.errors.append(error)
        self.error_inputs.append(source)
        self._count(source, "errors")

    def errors_of(self, source: str) -> list[ReadError]:
        """The errors of one input (its files, lines or listed pages)."""
        return [e for e, s in zip(self.errors, self.error_inputs) if s == source]

    def _count(self, source: str, key: str) -> None:
        entry = self.per_source.setdefault(source, {"added": 0, "updated": 0, "unchanged": 0, "errors": 0})
        entry[key] += 1


@dataclass
class IngestProgress:
    """Where an ingest stands, after each article it committed (or found unchanged)."""

    article_id: str
    articles: int  # articles done: added, updated or unchanged
    chunks: int  # chunks written
    # "articles" while reading the inputs; "sentences" while stored articles get their missing
    # sentence vectors (`articles` then counts those done, `total` how many there are)
    stage: str = "articles"
    total: int | None = None


# What an ingest consumes, per input name: a reader's result, or an article a worker prepared.
IngestItem = ReadResult | Prepared


@dataclass
class _Pending:
    prepared: Prepared
    previous: list[str]
    source: str

    @property
    def article(self) -> Article:
        return self.prepared.article

    @property
    def chunks(self) -> list[Chunk]:
        return self.prepared.chunks or []


class Indexer:
    """Writes articles into the catalog, Chroma and BM25 of one index directory."""

    def __init__(self, index_dir: Path, catalog: Catalog, store: VectorStore, embedder: Embedder,
                 chunk_chars: int = 900, chunk_overlap: int = 200) -> None:
        self.index_dir = Path(index_dir)
        self.catalog = catalog
        self.store = store
        self.embedder = embedder
        self.chunk_chars = chunk_chars
        self.chunk_overlap = chunk_overlap
        self.lock = FileLock(str(self.index_dir / ".ingest.lock"))

    def ingest(
        self, results: Iterable[tuple[str, IngestItem]], progress: Callable[[str], None] | None = None,
        on_progress: Callable[[IngestProgress], None] | None = None,
    ) -> IngestStats:
        """Ingest (input name, item) pairs — articles, errors, unchanged listed pages, or articles
        already prepared (and embedded) elsewhere — and return what changed. `progress` is called
        with each article id done, `on_progress` with the running totals."""
        started = time.perf_counter()
        stats = IngestStats()
        self._ids = IdGuard()  # the ids read in this ingest: one id, one article
        self._report = _Reporter(stats, progress, on_progress)
        with self.lock:
            self._record_model()
            self._follow_manifest()
            self.refresh_extraction()
            self._repair()
            try:
                self._consume(results, stats)
            except Exception:
                self.sync_bm25()  # BM25 follows what was committed before the failure
                raise
            self.sync_bm25()
            # articles stored before sentence vectors existed, or whose sentences an interrupted
            # ingest did not reach
            stats.sentences_embedded += embed_missing_sentences(self.catalog, self.embedder, self._report.backfill)
        stats.seconds = time.perf_counter() - started
        return stats

    def _consume(self, results: Iterable[tuple[str, IngestItem]], stats: IngestStats) -> None:
        pending: list[_Pending] = []
        for source, result in results:
            if isinstance(result, ReadError):
                stats.add_error(source, result)
                continue
            if isinstance(result, Unchanged):
                stats.articles_unchanged += 1
                stats._count(source, "unchanged")
                self._report.done(result.source, 0)
                continue
            item = self._prepare(result, source, stats)
            if item is None:
                continue
            pending.append(item)
            if sum(len(p.chunks) for p in pending) >= EMBED_BATCH_CHUNKS:
                self._flush(pending, stats)
                pending = []
        if pending:
            self._flush(pending, stats)

    def stored_hashes(self) -> dict[str, str]:
        """{article id: content hash} of every stored article (for workers that skip unchanged ones)."""
        return self.catalog.content_hashes()

    def rebuild_bm25(self) -> BM25Index:
        ids, tokens = self.catalog.chunk_table()
        index = BM25Index.build(ids, tokens)
        index.save(self.index_dir / "bm25")
        ToneForms.from_texts(article_texts(self.catalog), index.digest).save(self.index_dir / TONE_FORMS)
        return index

    def sync_bm25(self) -> bool:
        """Rebuild BM25 unless the saved index was built from exactly the catalog's chunks and
        tokens; True when rebuilt."""
        ids, tokens = self.catalog.chunk_table()
        if BM25Index.saved_digest(self.index_dir / "bm25") == BM25Index.digest_of(ids, tokens):
            return False
        self.rebuild_bm25()
        return True

    def _prepare(self, item: Article | Prepared, source: str, stats: IngestStats) -> _Pending | None:
        if isinstance(item, Prepared):  # dated and hashed by a Ray worker
            article, digest = item.article, item.content_hash
        else:  # an undated article is dated by its lead, as on Ray
            article, digest = dated_and_hashed(item, self.chunk_chars, self.chunk_overlap, self.embedder.name)
        repeated, clash = self._ids.earlier(article)
        if repeated:  # read before in this ingest: the first one read stays
            self._skip(source, stats, clash)
            return None
        old_hash = self.catalog.content_hash(article.id)
        if old_hash == digest:  # unchanged (read where it was, or an identical copy elsewhere)
            self._ids.keep(article)
            self.catalog.adopt_origin(article.id, article.metadata.get(ORIGIN_FILE), article.metadata.get(ORIGIN_LINE))
            self._keep_listing(article)
            self._skip(source, stats)
            self._report.done(article.id, 0)
            return None
        stored = self.catalog.article(article.id) if old_hash is not None else None
        if stored is not None:
            taken, clash = clash_with_stored(article, stored)
            if taken:  # another file's article (an error), or an identical copy of it (unchanged)
                if clash is None:
                    self._ids.keep(article, Place.of(stored))
                self._skip(source, stats, clash)
                return None
        self._ids.keep(article)
        if isinstance(item, Prepared) and not item.skipped:
            prepared = item
        else:  # read here, or skipped by a worker as stored although this ingest changed it since
            prepared = prepare_article(article, digest, self.chunk_chars, self.chunk_overlap)
        if old_hash is None:
            stats.articles_added += 1
            stats._count(source, "added")
        else:
            stats.articles_updated += 1
            stats._count(source, "updated")
        return _Pending(prepared, self.catalog.chunk_ids(article.id), source)

    def _keep_listing(self, article: Article) -> None:
        """An unchanged article listed with a new stamp: remember the stamp, so the next run of the
        feed does not fetch the page again."""
        listed = article.metadata.get(LISTED_KEY)
        if not listed:
            return
        stored = self.catalog.article(article.id)
        if stored is not None and stored.metadata.get(LISTED_KEY) != listed:
            self.catalog.set_article_metadata(article.id, {**stored.metadata, LISTED_KEY: listed})

    @staticmethod
    def _skip(source: str, stats: IngestStats, error: str | None = None) -> None:
        """Count an article that is not written: unchanged, or refused with `error`."""
        if error:
            stats.errors.append(ReadError(source, error))
            stats._count(source, "errors")
        else:
            stats.articles_unchanged += 1
            stats._count(source, "unchanged")

    def _flush(self, pending: list[_Pending], stats: IngestStats) -> None:
        # The same id twice in one batch: the later version wins.
        latest = {p.article.id: p for p in pending}
        items = list(latest.values())
        embed_prepared([p.prepared for p in items if p.prepared.vectors is None], self.embedder)
        # Journal what this batch rewrites before Chroma changes: if the process dies between an
        # article's Chroma writes and its catalog commit, `_repair` re-embeds it from the catalog.
        self.catalog.set_meta(PENDING_KEY, json.dumps({p.article.id: p.prepared.content_hash for p in items}))
        for p in items:
            prepared = p.prepared
            n = len(p.chunks)
            new_ids = [c.id for c in p.chunks]
            stale = [cid for cid in p.previous if cid not in set(new_ids)]
            if stale:
                self.store.delete(stale)
            if n:
                meta = chunk_metadata(p.article.id, p.article.source, p.article.date)
                self.store.upsert(new_ids, prepared.vectors, [c.text for c in p.chunks], [meta] * n)
            self.catalog.replace_article(p.article, prepared.content_hash, p.chunks, prepared.tokens or [],
                                         prepared.records)
            if prepared.sentence_vectors is not None:
                self.catalog.put_sentence_vectors(p.article.id, vectors_key(self.embedder), prepared.content_hash,
                                                  prepared.sentence_vectors)
                stats.sentences_embedded += len(prepared.sentence_vectors)
            stats.chunks_added += n
            stats.chunks_removed += len(p.previous)
            self._report.done(p.article.id, n)
        self.catalog.set_meta(PENDING_KEY, "{}")

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
        journal = json.loads(self.catalog.get_meta(PENDING_KEY) or "{}")
        missing, dropped = self._drop_strays(journal)
        self._embed_missing(missing)
        if journal:
            self.catalog.set_meta(PENDING_KEY, "{}")
        return bool(dropped or missing)

    def _drop_strays(self, journal: dict[str, str]) -> tuple[list[str], bool]:
        """Delete the vectors of chunks the catalog does not know, and those of journaled articles
        whose catalog commit did not happen (Chroma may hold vectors of the new version under the
        ids of the stored one: they are re-embedded). Returns the catalog's chunk ids left without
        a vector, and whether any vector the catalog does not know was deleted."""
        suspect = [cid for aid, digest in sorted(journal.items()) if self.catalog.content_hash(aid) != digest
                   for cid in self.catalog.chunk_ids(aid)]
        in_catalog = self.catalog.all_chunk_ids()
        in_store = self.store.ids()
        extra = sorted(in_store - in_catalog)
        if extra or suspect:
            self.store.delete(extra + suspect)
            in_store -= set(suspect)
        return sorted(in_catalog - in_store), bool(extra)

    def _embed_missing(self, missing: list[str]) -> None:
        """Embed and store these catalog chunks (ids sorted)."""
        if missing:
            chunks = self.catalog.chunks(missing)
            by_article: dict[str, Article] = {}
            for i in range(0, len(missing), EMBED_BATCH_CHUNKS):
                batch = [chunks[cid] for cid in missing[i:i + EMBED_BATCH_CHUNKS]]
                for c in batch:
                    if c.article_id not in by_article:
                        by_article[c.article_id] = self.catalog.article(c.article_id)  # type: ignore[assignment]
                vectors = self.embedder.embed_passages([embedding_text(by_article[c.article_id], c) for c in batch])
                metas = [chunk_metadata(c.article_id, by_article[c.article_id].source, by_article[c.article_id].date)
                         for c in batch]
                self.store.upsert([c.id for c in batch], vectors, [c.text for c in batch], metas)

    def _record_model(self) -> None:
        if check_manifest(self.index_dir, self.embedder.name) is None:
            write_manifest(self.index_dir, Manifest(self.embedder.name, self.embedder.dimension,
                                                    collection=self.store.name))

    def _follow_manifest(self) -> None:
        """Write into the collection the manifest names: two processes that created a new index at
        the same moment may each have opened their own collection, and only one name was kept."""
        manifest = read_manifest(self.index_dir)
        if manifest is not None and manifest.collection != self.store.name:
            self.store.use_collection(manifest.collection)


class _Reporter:
    """Calls the progress callbacks of one ingest."""

    def __init__(self, stats: IngestStats, progress: Callable[[str], None] | None,
                 on_progress: Callable[[IngestProgress], None] | None) -> None:
        self.stats = stats
        self.progress = progress
        self.on_progress = on_progress
        self.articles = 0

    def done(self, article_id: str, chunks: int) -> None:
        self.articles += 1
        if self.progress:
            self.progress(article_id)
        if self.on_progress:
            self.on_progress(IngestProgress(article_id, self.articles, self.stats.chunks_added))

    def backfill(self, done: int, total: int) -> None:
        """Stored articles given their missing sentence vectors: `done` of `total`."""
        if self.on_progress:
            self.on_progress(IngestProgress("", done, self.stats.chunks_added, "sentences", total))
