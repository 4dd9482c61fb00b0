"""Question time against question length, up to the cap (issue [5/5], defect 5).

    .venv/bin/python bench/question_length.py [--index var/bench/question-length] [--repeat 3]
        [--lengths 125,250,500,1000,1500,2000] [--limit-seconds 60] [--handling-only]

Builds an index of the demo corpus (kept for reuse), warms the process, then for each question
shape and length prints the median time of (a) the question handling alone — follow-up
condensation, question analysis and BM25 query tokens, the parts whose patterns were quadratic
(cubic for a follow-up) — and (b) the whole `Assistant.ask`, whose embedding of the question is a
fixed cost (the encoder reads at most 512 tokens). A call over --limit-seconds is stopped and shown
as "> N s". Run it on an older checkout (PYTHONPATH=that checkout) for the before figures.
Results: docs/benchmarks.md, "Question length".
"""
from __future__ import annotations

import argparse
import signal
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assistant import Assistant  # noqa: E402
from assistant.condense import condense_question  # noqa: E402
from assistant.question import analyse_question  # noqa: E402
from index.tokenize import _segment, query_tokens  # noqa: E402

PREVIOUS = "Khối thi đua Nội chính gồm những đơn vị nào?"


def _fill(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


# shape -> (question of length n, history)
SHAPES = {
    "real words": lambda n: (_fill("Khối thi đua Nội chính tỉnh Vĩnh Phúc ký giao ước năm 2021 với các đơn vị nào? ", n), []),
    "one word": lambda n: ("a" * n, []),
    "one number": lambda n: ("1" * n, []),
    "'gồm' repeated": lambda n: (_fill("gồm ", n), []),
    "follow-up 'còn' + spaces": lambda n: (("còn a" + " " * n)[: n - 1] + "x", [PREVIOUS]),
}


class _Over(Exception):
    pass


def _timed(call, limit: float) -> float | None:
    """Seconds `call()` took, or None when it passed `limit` (stopped by an alarm)."""
    def alarm(*_):
        raise _Over()

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    started = time.perf_counter()
    try:
        call()
        return time.perf_counter() - started
    except _Over:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _handling(question: str, history: list[str]) -> None:
    standalone = condense_question(question, history)
    analyse_question(standalone)
    query_tokens(standalone)


def _median(call, repeat: int, limit: float) -> float | None:
    times = []
    for _ in range(repeat):
        _segment.cache_clear()  # pyvi's segmentation is cached per text: every run segments afresh
        seconds = _timed(call, limit)
        if seconds is None:
            return None
        times.append(seconds)
    return statistics.median(times)


def _cell(seconds: float | None, limit: float) -> str:
    if seconds is None:
        return f"> {limit:g} s"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", default=str(ROOT / "var" / "bench" / "question-length"))
    parser.add_argument("--lengths", default="125,250,500,1000,1500,2000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit-seconds", type=float, default=60.0)
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shape names")
    parser.add_argument("--handling-only", action="store_true",
                        help="time only the question handling (lengths past the cap: `ask` refuses them)")
    args = parser.parse_args()
    lengths = [int(x) for x in args.lengths.split(",")]
    shapes = [s for s in args.shapes.split(",") if s]
    assistant = Assistant(args.index)
    if assistant.stats()["articles"] == 0:
        assistant.ingest([ROOT / "corpus" / "articles"])
    assistant.ask(PREVIOUS)  # warm: models and pyvi loaded
    _handling(PREVIOUS, [PREVIOUS])
    print(f"# question time vs length ({args.repeat} runs, median; code at {ROOT})\n")
    tables = ["question handling (condense + analyse + query tokens)"] + ([] if args.handling_only else ["whole ask"])
    for what in tables:
        print(f"## {what}\n")
        print("| shape | " + " | ".join(f"{n:,} chars" for n in lengths) + " |")
        print("|---|" + "---|" * len(lengths))
        for shape in shapes:
            cells = []
            for n in lengths:
                question, history = SHAPES[shape](n)
                if what.startswith("whole"):
                    seconds = _median(lambda q=question, h=history: assistant.ask(q, history=h), args.repeat, args.limit_seconds)
                else:
                    seconds = _median(lambda q=question, h=history: _handling(q, h), args.repeat, args.limit_seconds)
                cells.append(_cell(seconds, args.limit_seconds))
            print(f"| {shape} | " + " | ".join(cells) + " |", flush=True)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
