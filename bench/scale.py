"""Ask latency, memory and disk at 1k, 10k and 100k chunks (extractive mode).

    .venv/bin/python bench/scale.py [--source var/bench/civic-news] [--sizes 1000 10000 100000]

Encoding 100k chunks with the default model takes hours on 2 cores, so the large indexes are
made of generated variants of the real civic-news chunks that REUSE the real chunks' vectors:
variant v of article A is a copy of A with id "A~v" and " (bản v)" appended to its title; its
chunks keep A's text offsets, tokens and vectors. Retrieval therefore does the same work as
on distinct text (more near-duplicates, if anything). The source index is the one built by
bench/ask_latency.py. Each size is measured in a fresh subprocess (warm, after one question):
p50/p95 of `ask`, peak RSS, and the index size on disk.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build(source_dir: Path, target_dir: Path, size: int) -> None:
    from assistant import Assistant
    from corpus.records import Chunk
    from index.bm25 import BM25Index
    from index.store import chunk_metadata

    src = Assistant(source_dir)
    ids = sorted(src.catalog.all_chunk_ids())
    got = src.store.collection.get(ids=ids, include=["embeddings"])
    vectors = dict(zip(got["ids"], got["embeddings"]))
    articles = list(src.catalog.articles())
    dst = Assistant(target_dir, embedding_model=src.embedder.name)
    total, variant = 0, 0
    while total < size:
        for article in articles:
            if total >= size:
                break
            chunk_ids = src.catalog.chunk_ids(article.id)
            chunks = src.catalog.chunks(chunk_ids)
            new = article.__class__(**{**article.__dict__})
            if variant:
                new.id = f"{article.id}~{variant}"
                new.title = f"{article.title} (bản {variant})"
            kept = [chunks[c] for c in chunk_ids][: size - total]
            new_chunks = [Chunk(id=f"{new.id}#{c.seq}", article_id=new.id, start=c.start, end=c.end, text=c.text, seq=c.seq)
                          for c in kept]
            tokens = [src.catalog._db.execute("SELECT tokens FROM chunks WHERE id = ?", (c.id,)).fetchone()[0].split()
                      for c in kept]
            records = src.catalog.records("pact", article_ids=[article.id]) if not variant else []
            dst.store.upsert([c.id for c in new_chunks], [vectors[c.id] for c in kept], [c.text for c in new_chunks],
                             [chunk_metadata(new.id, new.source, new.date)] * len(new_chunks))
            dst.catalog.replace_article(new, f"scale-{variant}", new_chunks, tokens, None)
            total += len(new_chunks)
        variant += 1
    ids, token_lists = dst.catalog.chunk_table()
    BM25Index.build(ids, token_lists).save(target_dir / "bm25")


def measure(index_dir: Path, n_questions: int) -> dict:
    from assistant import Assistant
    sys.path.insert(0, str(ROOT / "bench"))
    from ask_latency import percentile, questions_from

    started = time.perf_counter()
    assistant = Assistant(index_dir)
    assistant.ask("Khối thi đua Nội chính gồm những đơn vị nào?")
    cold = time.perf_counter() - started
    questions = questions_from(ROOT.parent / "shared" / "data" / "civic_news" / "articles.jsonl", n_questions)
    times = []
    for q in questions:
        t0 = time.perf_counter()
        assistant.ask(q)
        times.append(1000 * (time.perf_counter() - t0))
    stats = assistant.stats()
    return {
        "chunks": stats["chunks"], "articles": stats["articles"],
        "p50_ms": round(statistics.median(times), 1), "p95_ms": round(percentile(times, 0.95), 1),
        "max_ms": round(max(times), 1), "open_and_first_answer_s": round(cold, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "disk_mb": round(sum(p.stat().st_size for p in index_dir.rglob("*") if p.is_file()) / 1e6),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", default=str(ROOT / "var" / "bench" / "civic-news"))
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 10000, 100000])
    parser.add_argument("--workdir", default=str(ROOT / "var" / "bench" / "scale"))
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--measure", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure), args.questions)))
        return 0
    results = []
    for size in args.sizes:
        target = Path(args.workdir) / f"chunks-{size}"
        if not (target / "bm25" / "chunk_ids.json").exists():
            started = time.perf_counter()
            build(Path(args.source), target, size)
            print(f"built {size} chunks in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        out = subprocess.run([sys.executable, __file__, "--measure", str(target), "--questions", str(args.questions)],
                             capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(results[-1], file=sys.stderr)
    print(f"{'chunks':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'RSS MB':>8} {'disk MB':>8} {'open+1st s':>10}")
    for r in results:
        print(f"{r['chunks']:>8} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['max_ms']:>8} {r['peak_rss_mb']:>8} "
              f"{r['disk_mb']:>8} {r['open_and_first_answer_s']:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
