"""Index health: check that catalog, Chroma and BM25 agree, and repair what does not.

`check()` lists one `Problem` per fault:
- the manifest is missing, or names another model or dimension than the vectors and the Chroma
  collection hold;
- an interrupted ingest left its journal set;
- a catalog chunk has no vector, Chroma holds a vector the catalog does not know, or a vector is
  stored with another article or text than its chunk;
- a vector is not found by a nearest-neighbour search with its own embedding (unreachable in the
  HNSW graph);
- BM25 is missing, unreadable or was built from other chunks than the catalog holds;
- the counts of catalog chunks, vectors and BM25 entries differ.

`repair()` fixes them from what is intact, under the writers' lock: vectors the catalog does not
know are deleted, missing or mismatched ones embedded (only those), unreachable ones deleted and
added again from their stored vectors — and when that is not enough, the whole HNSW is rebuilt from
the stored vectors into a new collection —, and BM25 is rebuilt from the catalog. A wrong model
cannot be repaired: that index must be rebuilt with `civic ingest`.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .bm25 import BM25Index
from .catalog import Catalog
from .embeddings import get_embedder
from .indexer import PENDING_KEY, Indexer
from .manifest import MANIFEST, Manifest, read_manifest, write_manifest
from .store import ChromaStore, make_client

PAGE = 1000  # vectors read from Chroma at a time
NEIGHBOURS = 10  # a vector must be among the nearest NEIGHBOURS of its own embedding
WIDE_NEIGHBOURS = 100  # ... or, searched again for those it misses, among this many
SHOWN_IDS = 5  # ids named in one problem line


@dataclass
class Problem:
    """One fault of an index: what kind, a one-line message, and the chunk ids concerned."""

    kind: str  # manifest | journal | missing-vector | extra-vector | wrong-vector | unreachable | bm25 | counts
    message: str
    ids: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"

    def to_dict(self) -> dict:
        return {"kind": self.kind, "message": self.message, "ids": self.ids}


@dataclass
class RepairReport:
    """What `repair()` found and did, and the problems left (none when it is healthy)."""

    found: list[Problem]
    actions: list[str]
    remaining: list[Problem]
    embedded: int = 0  # vectors computed anew (the others were kept)

    @property
    def healthy(self) -> bool:
        return not self.remaining

    def lines(self) -> list[str]:
        if not self.found:
            return ["healthy: nothing to repair"]
        out = [f"found {p}" for p in self.found] + [f"repaired: {a}" for a in self.actions]
        out += [f"still broken: {p}" for p in self.remaining] or ["healthy after repair"]
        return out

    def to_dict(self) -> dict:
        return {"healthy": self.healthy, "found": [p.to_dict() for p in self.found], "actions": self.actions,
                "embedded": self.embedded, "remaining": [p.to_dict() for p in self.remaining]}


def open_for_health(index_dir: str | Path, embedding_model: str | None = None, chroma_url: str | None = None,
                    device: str | None = None, chunk_chars: int = 900, chunk_overlap: int = 200,
                    **options: Any) -> IndexHealth:
    """An `IndexHealth` for an existing index (a missing one is a `ValueError`); the model is the
    manifest's unless `embedding_model` names one. `options`: those of `IndexHealth`."""
    directory = Path(index_dir)
    manifest = read_manifest(directory)
    if manifest is None and not (directory / "catalog.sqlite").exists():
        raise ValueError(f"no index at {directory} (no {MANIFEST} and no catalog.sqlite)")
    model = embedding_model or (manifest.embedding_model if manifest else None)
    return IndexHealth(directory, model, chroma_url, device, chunk_chars, chunk_overlap, **options)


class IndexHealth:
    """Checks and repairs one index directory."""

    def __init__(self, index_dir: Path, model: str | None, chroma_url: str | None = None, device: str | None = None,
                 chunk_chars: int = 900, chunk_overlap: int = 200, *, embed_backend: str | None = None,
                 model_cache: str | Path | None = None, passage_threads: int | None = None,
                 chroma_token: str | None = None) -> None:
        """The embedder and Chroma options are the settings' (`assistant.config.Settings`)."""
        self.index_dir = Path(index_dir)
        self.manifest = read_manifest(self.index_dir)
        # loads nothing until something is embedded
        self.embedder = get_embedder(model, device, embed_backend, model_cache, passage_threads)
        self.catalog = Catalog(self.index_dir / "catalog.sqlite")
        collection = self.manifest.collection if self.manifest else "civic_chunks"
        self.store = ChromaStore(make_client(self.index_dir, chroma_url, chroma_token), self.embedder,
                                 collection=collection)
        self.store.reload()  # an embedded client caches its view per process: look at what is on disk now
        self.indexer = Indexer(self.index_dir, self.catalog, self.store, self.embedder, chunk_chars, chunk_overlap)

    def summary(self) -> str:
        counts = self.catalog.counts()
        return (f"{counts['articles']} articles, {counts['chunks']} chunks, {self.store.count()} vectors, "
                f"model {self.manifest.embedding_model if self.manifest else '?'}")

    # --- check --------------------------------------------------------------------------------
    def check(self, reachability: bool = True) -> list[Problem]:
        """Every problem found (an empty list: healthy). Takes the writers' lock: an ingest
        running meanwhile is waited for."""
        with self.indexer.lock:
            return self._check(reachability)

    def _check(self, reachability: bool) -> list[Problem]:
        problems: list[Problem] = []
        problems += self._check_manifest()
        journal = json.loads(self.catalog.get_meta(PENDING_KEY) or "{}")
        if journal:
            problems.append(Problem("journal", f"an interrupted ingest left {len(journal)} article(s) journaled "
                                               f"({_some(sorted(journal))}); their vectors may be of another version",
                                    sorted(journal)))
        expected = self._catalog_chunks()
        stored = self._stored(with_vectors=reachability)
        missing = sorted(set(expected) - set(stored.ids))
        extra = sorted(set(stored.ids) - set(expected))
        if missing:
            problems.append(Problem("missing-vector", f"{len(missing)} catalog chunk(s) have no vector in Chroma: "
                                                      f"{_some(missing)}", missing))
        if extra:
            problems.append(Problem("extra-vector", f"Chroma holds {len(extra)} vector(s) of chunks the catalog does "
                                                    f"not know: {_some(extra)}", extra))
        wrong = sorted(cid for cid, (aid, text) in expected.items()
                       if cid in stored.meta and stored.meta[cid] != (aid, text))
        if wrong:
            problems.append(Problem("wrong-vector", f"{len(wrong)} vector(s) are stored with another article or text "
                                                    f"than their chunk: {_some(wrong)}", wrong))
        dims = {len(v) for v in stored.vectors.values()}
        if self.manifest and dims - {self.manifest.dimension}:
            problems.append(Problem("manifest", f"vectors of dimension {sorted(dims)} in an index whose manifest "
                                                f"says {self.manifest.dimension}"))
        if reachability and stored.vectors:
            lost = self._unreachable(stored.vectors)
            if lost:
                problems.append(Problem("unreachable", f"{len(lost)} vector(s) are not found by a search with their "
                                                       f"own embedding (HNSW): {_some(lost)}", lost))
        problems += self._check_bm25()
        counts = (len(expected), self.store.count(), len(BM25Index.load(self.index_dir / "bm25")))
        if len(set(counts)) > 1:
            problems.append(Problem("counts", f"{counts[0]} catalog chunks, {counts[1]} vectors, "
                                              f"{counts[2]} BM25 entries"))
        return problems

    def _check_manifest(self) -> list[Problem]:
        if self.manifest is None:
            return [Problem("manifest", f"no {MANIFEST}: the index does not say which model built it")]
        problems = []
        if self.manifest.embedding_model != self.embedder.name:
            problems.append(Problem("manifest", f"the manifest names model '{self.manifest.embedding_model}', "
                                                f"but '{self.embedder.name}' is configured"))
        model = (self.store.collection.configuration_json or {}).get("embedding_function", {}) \
            if hasattr(self.store.collection, "configuration_json") else {}
        recorded = (model.get("config") or {}).get("model") if isinstance(model, dict) else None
        if recorded and recorded != self.manifest.embedding_model:
            problems.append(Problem("manifest", f"the Chroma collection was made for model '{recorded}', the "
                                                f"manifest names '{self.manifest.embedding_model}'"))
        return problems

    def _check_bm25(self) -> list[Problem]:
        ids, tokens = self.catalog.chunk_table()
        saved = BM25Index.saved_digest(self.index_dir / "bm25")
        if saved is None:
            return [Problem("bm25", "BM25 is missing or unreadable")] if ids else []
        if saved != BM25Index.digest_of(ids, tokens):
            return [Problem("bm25", "BM25 was built from other chunks or tokens than the catalog holds")]
        try:
            BM25Index.load(self.index_dir / "bm25")
        except Exception as exc:  # noqa: BLE001 - any failure to load is the problem reported
            return [Problem("bm25", f"BM25 does not load: {type(exc).__name__}: {exc}")]
        return []

    def _catalog_chunks(self) -> dict[str, tuple[str, str]]:
        """{chunk id: (article id, chunk text)} from the catalog."""
        ids = sorted(self.catalog.all_chunk_ids())
        chunks = self.catalog.chunks(ids)
        return {cid: (c.article_id, c.text) for cid, c in chunks.items()}

    def _stored(self, with_vectors: bool) -> _Stored:
        found = _Stored()
        include = ["metadatas", "documents"] + (["embeddings"] if with_vectors else [])
        offset = 0
        while True:
            page = self.store.collection.get(include=include, limit=PAGE, offset=offset)
            for i, cid in enumerate(page["ids"]):
                found.ids.append(cid)
                meta = page["metadatas"][i] or {}
                found.meta[cid] = (meta.get("article_id"), page["documents"][i])
                if with_vectors:
                    found.vectors[cid] = np.asarray(page["embeddings"][i], dtype=np.float32)
            if len(page["ids"]) < PAGE:
                return found
            offset += PAGE

    def _unreachable(self, vectors: dict[str, np.ndarray]) -> list[str]:
        """Ids whose own vector does not find them among its nearest neighbours."""
        ids = sorted(vectors)
        total = self.store.count()
        lost: list[str] = []
        for i in range(0, len(ids), 100):
            batch = ids[i:i + 100]
            result = self.store.collection.query(query_embeddings=[vectors[c] for c in batch],
                                                 n_results=min(NEIGHBOURS, total), include=["distances"])
            for cid, found, distances in zip(batch, result["ids"], result["distances"]):
                if cid in found:
                    continue
                # the search is approximate: a node found by a wider one (more identical vectors than
                # neighbours asked, or a small graph just rewired by deletes) is in the graph
                identical = bool(distances) and distances[-1] < 1e-6
                wide = self.store.collection.query(query_embeddings=[vectors[cid]],
                                                   n_results=min(total, 1000 if identical else WIDE_NEIGHBOURS),
                                                   include=[])
                if cid not in wide["ids"][0]:
                    lost.append(cid)
        return lost

    # --- repair -------------------------------------------------------------------------------
    def repair(self) -> RepairReport:
        """Fix what `check` finds, re-embedding only vectors that are missing or wrong."""
        with self.indexer.lock:
            found = self._check(reachability=True)
            report = RepairReport(found, [], [])
            kinds = {p.kind for p in found}
            if "manifest" in kinds:
                report.remaining = [p for p in found if p.kind == "manifest"]
                report.actions.append("nothing: the model does not match; rebuild the index with "
                                      f"`civic ingest PATH... --index {self.index_dir}` into an empty folder")
                return report
            wrong = [cid for p in found if p.kind == "wrong-vector" for cid in p.ids]
            if wrong:
                self.store.delete(wrong)
                report.actions.append(f"deleted {len(wrong)} vector(s) stored with the wrong chunk")
            if kinds & {"journal", "missing-vector", "extra-vector", "wrong-vector"}:
                before = self.store.ids()
                self.indexer._repair()  # the ingest's own repair: drop unknown, embed missing
                after = self.store.ids()
                report.embedded = len(after - before)
                report.actions.append(f"deleted {len(before - after)} unknown vector(s), embedded "
                                      f"{report.embedded} missing one(s); {len(after & before)} kept as stored")
            lost = [cid for p in found if p.kind == "unreachable" for cid in p.ids]
            if lost:
                self._readd(lost)
                report.actions.append(f"re-added {len(lost)} unreachable vector(s) from their stored values")
                if self._unreachable(self._stored(with_vectors=True).vectors):
                    name = self.rebuild_hnsw()
                    report.actions.append(f"rebuilt the whole HNSW from the stored vectors (collection {name})")
            if self._check_bm25():
                self.indexer.rebuild_bm25()
                report.actions.append("rebuilt BM25 from the catalog")
            report.remaining = self._check(reachability=True)
            return report

    def _readd(self, ids: list[str]) -> None:
        """Delete and add again these vectors with their stored values (a fresh HNSW insert)."""
        for i in range(0, len(ids), PAGE):
            page = self.store.collection.get(ids=ids[i:i + PAGE], include=["embeddings", "documents", "metadatas"])
            self.store.delete(page["ids"])
            self.store.collection.add(ids=page["ids"], embeddings=page["embeddings"], documents=page["documents"],
                                      metadatas=page["metadatas"])

    def rebuild_hnsw(self) -> str:
        """Copy every stored vector into a new collection (a new HNSW graph), switch the manifest to
        it, then drop the old one; returns the new collection's name. Servers reading the index
        should be restarted afterwards."""
        old = self.store.name
        source = self.store.collection
        name = f"civic_{uuid.uuid4().hex[:12]}"
        self.store.use_collection(name)
        offset = 0
        while True:
            page = source.get(include=["embeddings", "documents", "metadatas"], limit=PAGE, offset=offset)
            if page["ids"]:
                self.store.collection.add(ids=page["ids"], embeddings=page["embeddings"],
                                          documents=page["documents"], metadatas=page["metadatas"])
            if len(page["ids"]) < PAGE:
                break
            offset += PAGE
        manifest = self.manifest or Manifest(self.embedder.name, self.embedder.dimension)
        manifest.collection = name
        write_manifest(self.index_dir, manifest)
        self.manifest = manifest
        self.store.client.delete_collection(old)
        return name


@dataclass
class _Stored:
    ids: list[str] = field(default_factory=list)
    meta: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # id -> (article id, text)
    vectors: dict[str, np.ndarray] = field(default_factory=dict)


def _some(ids: list[str]) -> str:
    shown = ", ".join(ids[:SHOWN_IDS])
    return shown + (f" … (+{len(ids) - SHOWN_IDS})" if len(ids) > SHOWN_IDS else "")
