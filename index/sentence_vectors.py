"""Sentence vectors: every sentence of a stored article embedded once, at ingest, so that the reader
can measure how close each candidate sentence is to a question (the `dense_sent` feature of
`assistant.reading.features`) without encoding anything at question time. New articles are encoded
with their chunks (`index.prepare.embed_prepared`, on Ray workers too); this module fills in the
articles that lack them and serves them to the reader.

They live in the catalog (table `sentence_vectors`, one row per article: the model and splitter
version (`vectors_key`), the article's content hash and its sentences' unit vectors as float16, in the order of
`corpus.sentences.sentence_spans`). They are derived data: an article without them (an index made
before they existed, an ingest interrupted between an article's commit and its sentences) gets
them at the next ingest, and until then the reader uses its chunk's similarity instead.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from corpus.sentences import SPLITTER_VERSION

from .catalog import Catalog
from .embeddings import Embedder
from .prepare import Prepared, embed_prepared

ARTICLES_PER_BATCH = 16


def vectors_key(embedder: Embedder) -> str:
    """What stored sentence vectors are keyed by: the model that made them and how the sentences
    were cut (`corpus.sentences.SPLITTER_VERSION`); vectors of sentences cut another way are not
    read, and are made again at the next ingest."""
    return f"{embedder.name} sentences/{SPLITTER_VERSION}"


def embed_missing_sentences(catalog: Catalog, embedder: Embedder,
                            progress: Callable[[int, int], None] | None = None) -> int:
    """Encode and store the sentences of every stored article that has no vectors of this model for
    its current text (as `embed_prepared` encodes a new article's, with no chunks to encode);
    returns how many sentences were encoded. `progress(articles done, articles missing)` is called
    before the first batch and after each."""
    missing = catalog.articles_without_sentence_vectors(vectors_key(embedder))
    done = 0
    if progress and missing:
        progress(0, len(missing))
    for i in range(0, len(missing), ARTICLES_PER_BATCH):
        batch = []
        for aid in missing[i:i + ARTICLES_PER_BATCH]:
            digest = catalog.content_hash(aid)  # before the text: a text changed meanwhile is not stored
            article = catalog.article(aid)
            if digest is not None and article is not None:
                batch.append(Prepared(article, digest, chunks=[]))
        embed_prepared(batch, embedder)
        for item in batch:
            catalog.put_sentence_vectors(item.article.id, vectors_key(embedder), item.content_hash, item.sentence_vectors)
            done += len(item.sentence_vectors)
        if progress:
            progress(min(i + ARTICLES_PER_BATCH, len(missing)), len(missing))
    return done


class SentenceDense:
    """What the reader measures sentences with: a question's vector (the retriever's, from the
    embedder's query cache) and the stored vectors of articles' sentences."""

    def __init__(self, catalog: Catalog, embedder: Embedder,
                 dense_query: Callable[[str], str] | None = None) -> None:
        """`dense_query`: what the embedding model reads for a question (the retriever's
        `HybridRetriever.dense_query`); None: the question as typed."""
        self.catalog = catalog
        self.embedder = embedder
        self.dense_query = dense_query

    def question(self, text: str) -> np.ndarray:
        return self.embedder.embed_query(self.dense_query(text) if self.dense_query else text)

    def sentences(self, article_ids: list[str]) -> dict[str, np.ndarray]:
        return self.catalog.sentence_vectors(article_ids, vectors_key(self.embedder))
