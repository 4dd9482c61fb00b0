"""Ingest on Ray against a single process, measured in one run (figures in docs/benchmarks.md).

    .venv/bin/python bench/ray_ingest.py [--articles ../shared/data/civic_news/articles.jsonl]
        [--limit 40] [--workers 1 2] [--rounds 2] [--out var/bench/ray-ingest.json]

On the same first N civic-news articles, each into a fresh index, in rounds (single, Ray with
each W, single, …: the machine's load drifts, so each round compares runs made minutes apart):
1. single process (`civic ingest`'s path);
2. `ingest(ray=RayOptions(workers=W))` on a local Ray started once, for each W — actors are
   created (and load the model) inside each measured ingest, as the CLI does;
3. the cold CLI path: a local Ray started and stopped inside the measured call (`--ray`);
4. the writer's own limit: the same articles prepared and embedded beforehand, then only
   committed (Chroma, catalog, journal, BM25) — chunks/s no number of embedding workers can pass.
Exits 0 without measuring when the articles file is absent.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant import Assistant  # noqa: E402
from corpus.readers import Article, read_inputs  # noqa: E402
from index.prepare import content_hash, embed_prepared, prepare_article  # noqa: E402
from index.ray_ingest import RayOptions  # noqa: E402


def subset(source: Path, limit: int, folder: Path) -> Path:
    path = folder / f"civic-news-{limit}.jsonl"
    with open(source, encoding="utf-8") as src, open(path, "w", encoding="utf-8") as out:
        for i, line in enumerate(src):
            if i >= limit:
                break
            out.write(line)
    return path


def timed_ingest(index: Path, corpus: Path, ray=None) -> dict:
    assistant = Assistant(index)
    started = time.perf_counter()
    stats = assistant.ingest([corpus], ray=ray)
    seconds = time.perf_counter() - started
    assert stats.ok, [str(e) for e in stats.errors]
    return {"chunks": stats.chunks_added, "articles": stats.articles_added, "seconds": round(seconds, 2),
            "chunks_per_s": round(stats.chunks_added / seconds, 2)}


def writer_limit(index: Path, corpus: Path) -> dict:
    """Commit rate of the writer alone: everything prepared and embedded before the clock starts."""
    assistant = Assistant(index)
    indexer = assistant._indexer()
    articles = [a for a in read_inputs([corpus]) if isinstance(a, Article)]
    prepared = []
    for article in articles:
        digest = content_hash(article, indexer.chunk_chars, indexer.chunk_overlap, indexer.embedder.name)
        prepared.append(prepare_article(article, digest, indexer.chunk_chars, indexer.chunk_overlap))
    embed_prepared(prepared, indexer.embedder)
    started = time.perf_counter()
    stats = indexer.ingest((str(corpus), p) for p in prepared)
    seconds = time.perf_counter() - started
    return {"chunks": stats.chunks_added, "seconds": round(seconds, 2),
            "chunks_per_s": round(stats.chunks_added / seconds, 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", default=str(ROOT.parent / "shared" / "data" / "civic_news" / "articles.jsonl"))
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--out", default=str(ROOT / "var" / "bench" / "ray-ingest.json"))
    args = parser.parse_args()
    source = Path(args.articles)
    if not source.exists():
        print(f"skipped: {source} is absent")
        return 0
    results: dict = {"machine": {"cpus": os.cpu_count(), "load_before": os.getloadavg()[0]},
                     "limit": args.limit}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        corpus = subset(source, args.limit, tmp_path)
        Assistant(tmp_path / "warm").embedder.embed_passages(["khởi động"])  # model built and cached
        rounds: list[dict] = []
        started = time.perf_counter()
        with RayOptions(workers=max(args.workers)).session():
            results["ray_start_s"] = round(time.perf_counter() - started, 2)
            print("local Ray started in", results["ray_start_s"], "s", flush=True)
            for r in range(args.rounds):
                row = {"single": timed_ingest(tmp_path / f"single-{r}", corpus)}
                print(f"round {r + 1}: single process ", row["single"], flush=True)
                for workers in args.workers:
                    key = f"ray_workers_{workers}"
                    row[key] = timed_ingest(tmp_path / f"{key}-{r}", corpus, RayOptions(workers=workers))
                    print(f"round {r + 1}: Ray, {workers} worker(s)", row[key], flush=True)
                best = max(row[f"ray_workers_{w}"]["chunks_per_s"] for w in args.workers)
                row["ray_over_single"] = round(best / row["single"]["chunks_per_s"], 3)
                rounds.append(row)
        results["rounds"] = rounds
        results["ray_cold_cli_path"] = timed_ingest(tmp_path / "ray-cold", corpus, RayOptions())
        print("Ray, started+stopped ", results["ray_cold_cli_path"], flush=True)
        results["writer_limit"] = writer_limit(tmp_path / "writer", corpus)
        print("writer alone         ", results["writer_limit"], flush=True)
    ratios = sorted(r["ray_over_single"] for r in rounds)
    results["ray_over_single_per_round"] = ratios
    results["machine"]["load_after"] = os.getloadavg()[0]
    print("best Ray / single process, per round:", ", ".join(f"{x:.2f}x" for x in ratios))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
