"""Questions typed without tone marks: article hit@1 / hit@3 with and without the tone marks restored
for the dense side (`index.tone_marks`).

    .venv/bin/python bench/tone_marks.py --index var/eval-index/civic_news_b eval/sets/civic_news_b.jsonl \
        [--split train --split dev]

Every answerable Vietnamese question of the set that names an evidence article is asked without tone
marks (a question written with them is folded first). A question is a hit when the first (or one of
the first three) retrieved chunks belongs to one of its evidence articles. Printed: the dense leg
alone and the hybrid fusion, each as typed and restored, and the time to build the table.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant import Assistant  # noqa: E402
from corpus.normalize import fold, has_tone_marks  # noqa: E402
from eval.sets import load_questions  # noqa: E402
from eval.splits import select  # noqa: E402
from index.bm25 import BM25Index  # noqa: E402
from index.language import is_english  # noqa: E402
from index.retrieval import HybridRetriever  # noqa: E402
from index.tone_marks import FILE_NAME, ToneForms, article_texts  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("set")
    parser.add_argument("--index", required=True)
    parser.add_argument("--split", action="append", choices=("train", "dev", "test"))
    args = parser.parse_args()
    assistant = Assistant(args.index)
    questions = [q for q in select(load_questions(args.set), args.split)
                 if q.answerable and q.evidence_articles and not q.history and not is_english(q.question)]
    bm25 = BM25Index.load(Path(args.index) / "bm25")
    started = time.perf_counter()
    forms = ToneForms.from_texts(article_texts(assistant.catalog), bm25.digest)
    built = time.perf_counter() - started
    # built afresh by this code, not the index's saved table; saved where the restoring retriever reads it
    table = Path(tempfile.mkdtemp(prefix="tone-forms-")) / FILE_NAME
    forms.save(table)
    typed = HybridRetriever(assistant.catalog, bm25, assistant.store, assistant.embedder)
    restored = HybridRetriever(assistant.catalog, bm25, assistant.store, assistant.embedder, tone_forms=table)
    hits: dict[str, list[int]] = {}
    for q in questions:
        asked = fold(q.question) if has_tone_marks(q.question) else q.question
        gold = set(q.evidence_articles)
        for name, retriever in (("as typed", typed), ("restored", restored)):
            for mode in ("dense", "hybrid"):
                found = [h.article_id for h in retriever.retrieve(asked, k=3, mode=mode)]
                row = hits.setdefault(f"{mode:6s} {name}", [0, 0])
                row[0] += bool(found) and found[0] in gold
                row[1] += bool(gold & set(found))
    result = {"set": args.set, "splits": args.split or ["all"], "questions": len(questions),
              "forms": len(forms.forms), "build_seconds": round(built, 2),
              **{k: {"hit@1": round(v[0] / max(1, len(questions)), 3), "hit@3": round(v[1] / max(1, len(questions)), 3)}
                 for k, v in sorted(hits.items())}}
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
