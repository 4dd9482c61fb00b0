"""Ingest throughput: chunks/s end to end, against the embedding model's own encode speed.

    .venv/bin/python bench/ingest.py [--articles ../shared/data/civic_news/articles.jsonl]
        [--limit 120] [--model multilingual-e5-small]

1. Reads and chunks the first N articles exactly as ingest does, and times the model alone
   encoding those chunk texts (same batch size, same "title\\nchunk" texts and prompt) and the
   articles' sentences (`index.sentence_vectors`), which ingest encodes too.
2. Ingests the same articles into a fresh index and times the whole pipeline (read, clean,
   chunk, tokenise, extract, embed, Chroma upsert, SQLite, BM25 rebuild).
Overhead = end-to-end time / encode-only time − 1 (target ≤ 25 %).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant import Assistant  # noqa: E402
from corpus.chunking import chunk_article  # noqa: E402
from corpus.readers import Article, read_inputs  # noqa: E402
from index.prepare import sentence_texts  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", default=str(ROOT.parent / "shared" / "data" / "civic_news" / "articles.jsonl"))
    parser.add_argument("--limit", type=int, default=120)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        subset = Path(tmp) / "subset.jsonl"
        with open(args.articles, encoding="utf-8") as src, open(subset, "w", encoding="utf-8") as out:
            for i, line in enumerate(src):
                if i >= args.limit:
                    break
                out.write(line)
        assistant = Assistant(Path(tmp) / "idx", embedding_model=args.model)
        embedder = assistant.embedder
        articles = [a for a in read_inputs([subset]) if isinstance(a, Article)]
        texts = [f"{a.title}\n{c.text}" for a in articles for c in chunk_article(a, assistant.settings.chunk_chars,
                                                                                  assistant.settings.chunk_overlap)]
        # the model's work at ingest: every chunk, and every sentence (`index.sentence_vectors`)
        texts += [t for a in articles for t in sentence_texts(a.text)]
        embedder.embed_passages(texts[:8])  # warm-up
        started = time.perf_counter()
        embedder.embed_passages(texts)
        encode_s = time.perf_counter() - started
        started = time.perf_counter()
        stats = assistant.ingest([subset])
        ingest_s = time.perf_counter() - started
    n = stats.chunks_added
    print(f"model {embedder.name}, {len(articles)} articles, {n} chunks ({len(texts)} encoded alone)")
    print(f"encode only : {encode_s:7.1f} s  {len(texts) / encode_s:6.1f} texts/s (chunks and sentences)")
    print(f"end to end  : {ingest_s:7.1f} s  {n / ingest_s:6.1f} chunks/s")
    print(f"overhead    : {100 * (ingest_s / encode_s - 1):+.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
