"""Warm `Assistant.ask` latency over the 400-article civic news corpus (extractive mode).

    .venv/bin/python bench/ask_latency.py [--articles ../shared/data/civic_news/articles.jsonl]
        [--index var/bench/civic-news] [--n 200] [--model multilingual-e5-small]

Builds the index once (kept for reuse), warms the process with one question, then asks N
questions made from the corpus itself (each article title as a question, and question forms
built from its words) and prints p50 / p95 / max of the whole `ask` and of each chain step.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant import Assistant  # noqa: E402

FORMS = ["{} là gì?", "Ai {}?", "{} khi nào?", "Những đơn vị nào {}?", "Bao nhiêu {}?", "{}"]


def questions_from(articles: Path, n: int, seed: int = 13) -> list[str]:
    titles = [json.loads(line)["title"] for line in open(articles, encoding="utf-8")]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = rng.choice(titles).split()
        cut = words[: rng.randint(3, min(10, max(3, len(words))))]
        out.append(rng.choice(FORMS).format(" ".join(cut)))
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", default=str(ROOT.parent / "shared" / "data" / "civic_news" / "articles.jsonl"))
    parser.add_argument("--index", default=str(ROOT / "var" / "bench" / "civic-news"))
    parser.add_argument("--model", default=None)
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args()
    if not Path(args.articles).exists():
        print(f"no articles at {args.articles}", file=sys.stderr)
        return 2
    assistant = Assistant(args.index, embedding_model=args.model)
    started = time.perf_counter()
    stats = assistant.ingest([args.articles])
    if stats.articles_added:
        print(f"indexed {stats.articles_added} articles, {stats.chunks_added} chunks in "
              f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
    questions = questions_from(Path(args.articles), args.n)
    assistant.ask("Khối thi đua Nội chính gồm những đơn vị nào?")  # warm-up: loads BM25, model, caches
    totals: list[float] = []
    steps: dict[str, list[float]] = {}
    abstained = 0
    for q in questions:
        t0 = time.perf_counter()
        answer = assistant.ask(q)
        totals.append(1000 * (time.perf_counter() - t0))
        abstained += answer.abstained
        for name, seconds in answer.timings.items():
            steps.setdefault(name, []).append(1000 * seconds)
    s = assistant.stats()
    print(f"ask latency, warm, {len(questions)} questions, {s['articles']} articles / {s['chunks']} chunks, "
          f"model {s['embedding_model']}")
    print(f"{'step':<10} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, values in [("ask", totals)] + sorted(steps.items()):
        print(f"{name:<10} {statistics.median(values):>8.1f} {percentile(values, 0.95):>8.1f} {max(values):>8.1f}")
    print(f"abstained on {abstained} of {len(questions)} (synthetic questions; not an accuracy figure)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
