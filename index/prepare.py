"""Everything an article needs before it is written, as pure functions of the article and the
settings: its inferred date, content hash, chunks, BM25 tokens, extracted records and the texts to
embed.

The single-process ingest and the workers of a Ray ingest (`index/ray_ingest.py`) call the same
functions, so both give the same chunks, tokens, records and hashes.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import numpy as np

from corpus.article_dates import with_inferred_date
from corpus.chunking import chunk_article
from corpus.readers import LISTED_KEY
from corpus.records import ORIGIN_FILE, ORIGIN_LINE, Article, Chunk
from corpus.sentences import sentence_spans

from .records import extraction_records
from .tokenize import document_tokens


@dataclass
class Prepared:
    """An article ready for the writer. `chunks` is None when a worker skipped it because the
    index already held this content; `vectors` (one row per chunk) and `sentence_vectors` are None
    until embedded."""

    article: Article
    content_hash: str
    chunks: list[Chunk] | None = None
    tokens: list[list[str]] | None = None
    records: list[dict] | None = None
    vectors: np.ndarray | None = None
    sentence_vectors: np.ndarray | None = None  # one row per sentence of the text (`index.sentence_vectors`)

    @property
    def skipped(self) -> bool:
        return self.chunks is None


def content_hash(article: Article, chunk_chars: int, chunk_overlap: int, model_name: str) -> str:
    """What decides whether a stored article must be rewritten: its content, the chunking and the
    embedding model. Where a feed or sitemap listed the page (metadata `listed`) is left out: the
    same text listed again, or with a new stamp, is unchanged; so is the line a record was read at
    (a record moved to another line or file changes nothing; which file may write an id is
    `index.origins`' business)."""
    metadata = {k: v for k, v in article.metadata.items() if k not in (LISTED_KEY, ORIGIN_FILE, ORIGIN_LINE)}
    payload = json.dumps(
        [article.title, article.text, article.date, article.source, article.url, metadata,
         chunk_chars, chunk_overlap, model_name],
        ensure_ascii=False, sort_keys=True, default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def dated_and_hashed(article: Article, chunk_chars: int, chunk_overlap: int, model_name: str
                     ) -> tuple[Article, str]:
    """The first step for every article read, on every ingest path (the writer, a Ray read task, a
    Ray embedding worker): an undated article dated by its lead (`corpus.article_dates`, metadata
    `date_inferred`), and the content hash of the article so dated."""
    article = with_inferred_date(article)
    return article, content_hash(article, chunk_chars, chunk_overlap, model_name)


def prepare_article(article: Article, digest: str, chunk_chars: int, chunk_overlap: int) -> Prepared:
    """Chunks (with offsets), BM25 tokens and extracted records of `article` (not yet embedded)."""
    chunks = chunk_article(article, chunk_chars, chunk_overlap)
    tokens = [document_tokens(f"{article.title}\n{c.text}" if c.seq == 0 else c.text) for c in chunks]
    return Prepared(article, digest, chunks, tokens, extraction_records(article))


def embedding_text(article: Article, chunk: Chunk) -> str:
    """What the dense leg embeds for a chunk: the article title gives every chunk its context."""
    return f"{article.title}\n{chunk.text}" if article.title else chunk.text


MAX_SENTENCE_CHARS = 1000  # of one sentence encoded (a table row run together can be longer)


def sentence_texts(text: str) -> list[str]:
    """The sentences of an article's text as they are encoded (`index.sentence_vectors`), in the
    order of `corpus.sentences.sentence_spans`."""
    return [text[s:e][:MAX_SENTENCE_CHARS] for s, e in sentence_spans(text)]


def embedding_texts(items: list[Prepared]) -> list[str]:
    """The texts to embed for these prepared articles, chunk by chunk, in order."""
    return [embedding_text(p.article, c) for p in items for c in (p.chunks or [])]


def embed_prepared(items: list[Prepared], embedder) -> None:
    """Embed the chunks and the sentences of these prepared articles in one batch and give each
    its vectors."""
    if not items:
        return
    sentences = [sentence_texts(item.article.text) for item in items]
    chunk_texts = embedding_texts(items)
    vectors = embedder.embed_passages(chunk_texts + [t for texts in sentences for t in texts])
    offset, at = 0, len(chunk_texts)
    for item, texts in zip(items, sentences):
        n = len(item.chunks or [])
        item.vectors = vectors[offset:offset + n]
        item.sentence_vectors = vectors[at:at + len(texts)]
        offset += n
        at += len(texts)
