"""The `VectorStore` protocol (`index.store_protocol`): a second, small store — vectors in memory,
exact cosine search, filters applied in Python — works with the `Indexer` and the
`HybridRetriever`, and gives the dense leg the same ranking as Chroma."""
from __future__ import annotations

import numpy as np
import pytest
from conftest import DEMO_ARTICLES

from index.bm25 import BM25Index
from index.catalog import Catalog
from index.filters import Filters
from index.indexer import Indexer
from index.retrieval import HybridRetriever
from index.store import ChromaStore, chroma_where
from index.store_protocol import VectorStore


class InMemoryStore:
    """A `VectorStore` in a dict: exact nearest neighbours by cosine similarity."""

    def __init__(self, name: str = "memory") -> None:
        self._name = name
        self.rows: dict[str, tuple[np.ndarray, str, dict]] = {}

    @property
    def name(self) -> str:
        return self._name

    def use_collection(self, name: str) -> None:
        self._name = name

    def upsert(self, ids, vectors, documents, metadatas) -> None:
        for cid, vector, doc, meta in zip(ids, vectors, documents, metadatas):
            v = np.asarray(vector, dtype=np.float32)
            self.rows[cid] = (v / np.linalg.norm(v), doc, dict(meta))

    def delete(self, ids) -> None:
        for cid in ids:
            self.rows.pop(cid, None)

    def ids(self) -> set[str]:
        return set(self.rows)

    def count(self) -> int:
        return len(self.rows)

    def query(self, vector, k, filters=None):
        flt = filters or Filters()
        q = np.asarray(vector, dtype=np.float32)
        q = q / np.linalg.norm(q)
        scored = [(cid, float(v @ q)) for cid, (v, _, meta) in self.rows.items()
                  if flt.admits(meta["article_id"], meta.get("source"), _iso(meta.get("date")))]
        return sorted(scored, key=lambda item: (-item[1], item[0]))[:max(k, 0)]


def _iso(date: int | None) -> str | None:
    if date is None:
        return None
    text = str(date)
    return f"{text[:4]}-{text[4:6]}-{text[6:]}"


def test_both_stores_implement_the_protocol(demo_index):
    assert isinstance(InMemoryStore(), VectorStore)
    assert isinstance(demo_index.store, ChromaStore) and isinstance(demo_index.store, VectorStore)


def test_chroma_translates_the_generic_filters_itself():
    assert chroma_where(None) is None and chroma_where(Filters()) is None
    assert chroma_where(Filters(sources=("a",))) == {"source": {"$in": ["a"]}}
    assert chroma_where(Filters(date_from="2021-03-15", exclude_article_ids=("x",))) == {"$and": [
        {"article_id": {"$nin": ["x"]}}, {"date": {"$gte": 20210315}}]}


QUESTIONS = ["Những đơn vị nào ký giao ước thi đua năm 2021 ở Vĩnh Phúc?",
             "Ai đại diện Cục Thi hành án dân sự ký giao ước?"]


@pytest.mark.parametrize("filters", [None, {"date_from": "2022-01-01"}, {"exclude_article_ids": ["demo-001"]}])
def test_dense_retrieval_over_an_in_memory_store_ranks_like_chroma(demo_index, filters):
    got = demo_index.store.collection.get(include=["embeddings", "documents", "metadatas"])
    memory = InMemoryStore()
    memory.upsert(got["ids"], got["embeddings"], got["documents"], got["metadatas"])
    assert memory.ids() == demo_index.store.ids() and memory.count() == demo_index.store.count()
    retriever = HybridRetriever(demo_index.catalog, BM25Index.load(demo_index.index_dir / "bm25"), memory,
                                demo_index.embedder)
    for question in QUESTIONS:
        ours = retriever.retrieve(question, k=5, filters=filters, mode="dense")
        chroma = demo_index.retrieve(question, k=5, filters=filters, mode="dense")
        assert ours and [h.chunk_id for h in ours] == [h.chunk_id for h in chroma]
        assert [h.scores["dense_raw"] for h in ours] == pytest.approx([h.scores["dense_raw"] for h in chroma],
                                                                      abs=1e-4)
        if filters and "date_from" in filters:
            assert all(h.date >= "2022-01-01" for h in ours)


def test_the_indexer_writes_into_an_in_memory_store(demo_index, tmp_path):
    """An ingest through the protocol: the store ends up holding exactly the catalog's chunks, and a
    second ingest of changed input replaces them."""
    from corpus.readers import read_inputs

    store = InMemoryStore()
    catalog = Catalog(tmp_path / "catalog.sqlite")
    indexer = Indexer(tmp_path, catalog, store, demo_index.embedder)
    seed = DEMO_ARTICLES / "000_08d3a0008194d1c7.txt"
    stats = indexer.ingest(("seed", r) for r in read_inputs([seed]))
    assert stats.ok and stats.articles_added == 1
    assert store.ids() == catalog.all_chunk_ids() and store.count() > 0
    retriever = HybridRetriever(catalog, BM25Index.load(tmp_path / "bm25"), store, demo_index.embedder)
    hits = retriever.retrieve("Ai đại diện Cục Thi hành án dân sự tỉnh Vĩnh Phúc?", k=3, mode="dense")
    assert hits and hits[0].article_id == "000_08d3a0008194d1c7"
    store.upsert(["ghost#0"], demo_index.embedder.embed_passages(["ma"]), ["ma"], [{"article_id": "ghost"}])
    indexer.ingest([])  # the repair drops what the catalog does not know
    assert store.ids() == catalog.all_chunk_ids()
    catalog.close()
