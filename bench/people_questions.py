"""Questions about people, made from an index's own person records: how many the records answer
(the `position` and `holder` routes of `assistant.structured_answers`) and how long `ask` takes.

    .venv/bin/python bench/people_questions.py --index /tmp/scale/chunks-10000 [--people 40]

For `--people` person records with a title and an organisation, taken evenly through the index, two
questions each: "Ai là <title> <organisation>?" and "Ông <name> giữ chức vụ gì?". One process, after a
first question that loads everything. Printed as JSON: questions, how many were answered from the
records (mode "structured"), by the reader, or refused, and ask p50 / p95 / max in ms.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant import Assistant  # noqa: E402


def people_questions(assistant: Assistant, people: int) -> list[str]:
    """Two questions for each of `people` person records taken evenly through the index."""
    records = [r for r in assistant.catalog.records("participant", kind="person")
               if r.get("title") and r.get("organisation_canonical")]
    picked = records[:: max(1, len(records) // people)][:people]
    return [q for r in picked for q in (f"Ai là {r['title']} {r['organisation_canonical']}?",
                                        f"Ông {r['name']} giữ chức vụ gì?")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", required=True, help="an index directory")
    parser.add_argument("--people", type=int, default=40, help="person records to ask about (two questions each)")
    args = parser.parse_args()
    assistant = Assistant(args.index, answerer="extractive")
    questions = people_questions(assistant, args.people)
    if not questions:
        sys.exit(f"{args.index}: no person records with a title and an organisation")
    assistant.ask(questions[0])
    times: list[float] = []
    modes: dict[str, int] = {}
    for q in questions:
        started = time.perf_counter()
        answer = assistant.ask(q)
        times.append((time.perf_counter() - started) * 1000)
        mode = "refused" if answer.abstained else answer.mode
        modes[mode] = modes.get(mode, 0) + 1
    times.sort()
    print(json.dumps({"questions": len(questions), "answers": modes, "p50_ms": round(statistics.median(times), 1),
                      "p95_ms": round(times[max(0, int(0.95 * len(times)) - 1)], 1), "max_ms": round(times[-1], 1)}))


if __name__ == "__main__":
    main()
