"""What the reader gets to read for English questions: how often a chunk it reads holds a gold answer.

    .venv/bin/python bench/english_reading.py [--sets civic_news_b civic_news_e …] [--split train --split dev]
        [--index-root var/eval-index] [--article-chunks 0 4 8]

For each answerable English question (`index.language.is_english`, no history) of the question sets'
chosen splits (default train + dev), over the set's evaluation index (`civic eval` builds it): whether
the chunks `Assistant.ask` reads (the fused top 8, each leg's best, `READ_EACH_LEG`, and the chunks of
the lexical leg's best article, `index.retrieval.LEXICAL_ARTICLE_CHUNKS`) hold a gold answer in an
evidence article, and whether the fused first chunk is from an evidence article — for each number
of the lexical article's chunks given. Printed as JSON.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant import Assistant  # noqa: E402
from assistant.api import READ_EACH_LEG  # noqa: E402
from eval.metrics import contains_answer  # noqa: E402
from eval.sets import load_questions  # noqa: E402
from eval.splits import select  # noqa: E402
from index import retrieval  # noqa: E402
from index.language import is_english  # noqa: E402

CIVIC_SETS = ("demo", "civic_news", "civic_news_b", "civic_news_c", "civic_news_d", "civic_news_e",
              "civic_news_f", "civic_news_g")


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", default=list(CIVIC_SETS))
    parser.add_argument("--split", action="append", choices=("train", "dev", "test"))
    parser.add_argument("--index-root", default=str(ROOT / "var" / "eval-index"))
    parser.add_argument("--article-chunks", nargs="+", type=int, default=[0, 4, 8])
    args = parser.parse_args()
    splits = args.split or ["train", "dev"]
    counts = {n: {"questions": 0, "gold_read": 0, "first_chunk_in_evidence": 0} for n in args.article_chunks}
    for name in args.sets:
        path, index = ROOT / "eval" / "sets" / f"{name}.jsonl", Path(args.index_root) / name
        if not path.is_file() or not index.is_dir():
            print(f"skipped {name}: no set or no index at {index}", file=sys.stderr)
            continue
        assistant = Assistant(index, answerer="extractive")
        for q in select(load_questions(path), splits):
            if not q.answerable or q.history or not is_english(q.question) or not q.evidence:
                continue
            articles = set(q.evidence_articles)
            for n in args.article_chunks:
                retrieval.LEXICAL_ARTICLE_CHUNKS = (0, n)
                hits = assistant.retriever.retrieve(q.question, k=8, each_leg=READ_EACH_LEG)
                row = counts[n]
                row["questions"] += 1
                row["gold_read"] += any(h.article_id in articles and any(contains_answer(h.text, g) for g in q.answers)
                                        for h in hits)
                row["first_chunk_in_evidence"] += bool(hits) and hits[0].article_id in articles
    print(json.dumps({"splits": splits, "by_article_chunks": counts}, indent=2))


if __name__ == "__main__":
    main()
