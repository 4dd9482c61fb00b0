"""The assistant as LangChain parts, for a user's own chains: the index as a `BaseRetriever` whose
`Document`s carry where each passage sits in its article, and the embedding model as `Embeddings`.

    retriever = Assistant("var/demo-index").as_retriever(k=4)
    docs = retriever.invoke("Cụm thi đua tỉnh Lạc Sơn gồm các thành viên nào?")
    docs[0].metadata  # article_id, chunk_id, start, end, score, title, date, source, url
"""
from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from index.embeddings import Embedder
from index.retrieval import Hit


def hit_document(hit: Hit) -> Document:
    """A retrieved chunk as a LangChain `Document`: its text, and in `metadata` the article it is
    from, its offsets in that article's text (`text[start:end] == page_content`), its score and the
    article's title, date, source and URL."""
    return Document(
        id=hit.chunk_id,
        page_content=hit.text,
        metadata={"article_id": hit.article_id, "chunk_id": hit.chunk_id, "start": hit.start, "end": hit.end,
                  "score": hit.score, "title": hit.title, "date": hit.date, "source": hit.source, "url": hit.url},
    )


class CivicRetriever(BaseRetriever):
    """Hybrid (BM25 + dense), BM25 or dense retrieval over one index, with its metadata filters."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    assistant: Any
    k: int = 4
    filters: Any = None  # dict or index.retrieval.Filters
    mode: str | None = None  # hybrid (default), bm25 or dense

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [hit_document(h) for h in self.assistant.retrieve(query, k=self.k, filters=self.filters, mode=self.mode)]


class CivicEmbeddings(Embeddings):
    """The index's embedding model (`index.embeddings.Embedder`): passages and queries are encoded
    the way the index encodes them (e5 models add their "passage: " / "query: " prefixes)."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_passages(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text).tolist()
