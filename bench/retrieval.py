"""Retrieval benchmark on XQuAD-vi: R@1, R@5 and MRR@10 for bm25, dense and hybrid, per model.

    .venv/bin/python bench/retrieval.py [PATH] [--models multilingual-e5-small all-MiniLM-L6-v2]
        [--english bench/xquad_vi_english.jsonl] [--sweep] [--limit N]

PATH (default ../shared/data/vi_qa) holds passages.jsonl and questions.jsonl. Each passage is
ingested as one article into a fresh index per model (kept under var/bench/ for reuse). Both
legs are computed once per question; `--sweep` also prints the fused scores for dense weights
0.0 … 1.0, which is how the weights in index/retrieval.py were chosen. `--english` takes
JSON Lines of {"question", "passage_id"} written in English, to weigh English queries.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant import Assistant  # noqa: E402
from index.retrieval import FusionWeights, _scaled, lexical_query, weights_for  # noqa: E402

DEPTH = 50


def load_questions(folder: Path, limit: int | None) -> tuple[Path, list[dict]]:
    passages = folder / "passages.jsonl"
    questions = [json.loads(line) for line in open(folder / "questions.jsonl", encoding="utf-8")]
    return passages, questions[:limit] if limit else questions


def build_index(passages: Path, model: str, workdir: Path) -> Assistant:
    articles = workdir / "xquad_articles.jsonl"
    with open(articles, "w", encoding="utf-8") as out:
        for line in open(passages, encoding="utf-8"):
            p = json.loads(line)
            out.write(json.dumps({"id": p["id"], "title": p["title"].replace("_", " "), "text": p["text"]},
                                 ensure_ascii=False) + "\n")
    assistant = Assistant(workdir / f"index-{model.replace('/', '_')}", embedding_model=model)
    started = time.perf_counter()
    stats = assistant.ingest([articles])
    if stats.articles_added:
        print(f"  indexed {stats.articles_added} passages in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return assistant


def legs(assistant: Assistant, question: str) -> tuple[list, list]:
    retriever = assistant.retriever
    lexical = retriever.bm25.search(lexical_query(question), DEPTH)
    dense = retriever.store.query(assistant.embedder.embed_query(question), DEPTH)
    return lexical, dense


def ranked_articles(lexical: list, dense: list, w: FusionWeights, article_of: dict) -> list[str]:
    fused: dict[str, float] = {}
    for weight, ranked in ((w.bm25, lexical), (w.dense, dense)):
        for cid, norm, _ in _scaled(ranked):
            fused[cid] = fused.get(cid, 0.0) + weight * norm
    order = sorted(fused, key=lambda c: -fused[c])
    seen: list[str] = []
    for cid in order:
        aid = article_of(cid)
        if aid not in seen:
            seen.append(aid)
    return seen


def metrics(rankings: list[list[str]], gold: list[str]) -> dict[str, float]:
    n = len(gold)
    r1 = sum(r[:1] == [g] for r, g in zip(rankings, gold)) / n
    r5 = sum(g in r[:5] for r, g in zip(rankings, gold)) / n
    mrr = sum(1.0 / (r[:10].index(g) + 1) if g in r[:10] else 0.0 for r, g in zip(rankings, gold)) / n
    return {"R@1": round(r1, 3), "R@5": round(r5, 3), "MRR@10": round(mrr, 3)}


def evaluate(assistant: Assistant, questions: list[dict], sweep: bool) -> dict[str, dict[str, float]]:
    def article_of(cid: str) -> str:
        return cid.rsplit("#", 1)[0]

    started = time.perf_counter()
    computed = [legs(assistant, q["question"]) for q in questions]
    per_query_ms = 1000 * (time.perf_counter() - started) / max(1, len(questions))
    gold = [q["passage_id"] for q in questions]
    configs = {"bm25": FusionWeights(0.0, 1.0), "dense": FusionWeights(1.0, 0.0)}
    configs["hybrid"] = None  # the product's own per-query weights
    if sweep:
        for i in range(1, 10):
            configs[f"dense={i / 10:.1f}"] = FusionWeights(i / 10, 1 - i / 10)
    results = {}
    for name, w in configs.items():
        rankings = [
            ranked_articles(lex, den, w or weights_for(assistant.embedder.name, q["question"]), article_of)
            for (lex, den), q in zip(computed, questions)
        ]
        results[name] = metrics(rankings, gold)
    results["_legs_ms_per_query"] = round(per_query_ms, 1)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", default=str(ROOT.parent / "shared" / "data" / "vi_qa"))
    parser.add_argument("--models", nargs="+", default=["multilingual-e5-small", "all-MiniLM-L6-v2"])
    parser.add_argument("--english", default=str(ROOT / "bench" / "xquad_vi_english.jsonl"))
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--workdir", default=str(ROOT / "var" / "bench"))
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args()
    folder = Path(args.path)
    if not (folder / "questions.jsonl").exists():
        print(f"no XQuAD-vi data at {folder} (expected passages.jsonl and questions.jsonl)", file=sys.stderr)
        return 2
    passages, questions = load_questions(folder, args.limit)
    english = []
    if args.english and Path(args.english).exists():
        english = [json.loads(line) for line in open(args.english, encoding="utf-8") if line.strip()]
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    report = {}
    for model in args.models:
        print(f"== {model}", file=sys.stderr)
        assistant = build_index(passages, model, workdir)
        report[model] = {"vietnamese": evaluate(assistant, questions, args.sweep)}
        if english:
            report[model]["english"] = evaluate(assistant, english, args.sweep)
    print(f"XQuAD-vi: {len(questions)} questions, {sum(1 for _ in open(passages))} passages"
          + (f"; {len(english)} English questions" if english else ""))
    for model, sets in report.items():
        for set_name, results in sets.items():
            print(f"\n{model} — {set_name} questions ({results['_legs_ms_per_query']} ms/query for both legs)")
            print(f"{'config':<12} {'R@1':>6} {'R@5':>6} {'MRR@10':>7}")
            for name, m in results.items():
                if not name.startswith("_"):
                    print(f"{name:<12} {m['R@1']:>6.3f} {m['R@5']:>6.3f} {m['MRR@10']:>7.3f}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
