"""Concurrent chat requests over HTTP: N clients ask the Gradio app's `/chat` API at the same moment.

    .venv/bin/python bench/load.py [--n 50] [--index var/bench/demo-index] [--port 0]
    .venv/bin/python bench/load.py --url http://127.0.0.1:7860 [--auth USER:PASS] [--n 50]

Without `--url` it opens (or builds, from corpus/articles) the index, serves the app on
127.0.0.1 in this process exactly as `civic serve` does, and warms it with one request. Each
request is a separate `gradio_client.Client` (one per simulated user, created before the start
signal), all released together by a barrier; the latency of a request is the time from the
barrier to its answer, so it includes the time spent queued behind the others. The questions are
a mix taken from eval/sets/demo.jsonl: Vietnamese with and without tone marks, English, list,
theme and pact questions, follow-ups sent with their history, and unanswerable ones.

Prints p50 / p95 / max latency, errors, empty answers, answers without [n] citations (other than
abstentions), wall time, throughput and the load average; `--json FILE` writes every request.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import re
import socket
import statistics
import sys
import threading
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
for key, value in {"HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False", "ANONYMIZED_TELEMETRY": "False",
                   "TOKENIZERS_PARALLELISM": "false"}.items():
    os.environ.setdefault(key, value)

ABSTAIN_PREFIX = "Không tìm thấy"
MARKER = re.compile(r"\[\d+\]")
# the share of each question type in the mix (the rest of the demo set's types fill in)
MIX = ["factoid", "no_diacritics", "english", "followup", "unanswerable", "list", "theme", "pact"]


@dataclass
class Request:
    question: str
    history: list[str] = field(default_factory=list)
    type: str = ""


@dataclass
class Result:
    request: Request
    seconds: float = 0.0
    finished: float = 0.0  # perf_counter() when the answer arrived
    answer: str | None = None
    error: str | None = None

    @property
    def abstained(self) -> bool:
        return bool(self.answer) and self.answer.startswith(ABSTAIN_PREFIX)

    @property
    def cited(self) -> bool:
        return bool(self.answer) and bool(MARKER.search(self.answer))


def load_mix(n: int, path: Path = ROOT / "eval" / "sets" / "demo.jsonl") -> list[Request]:
    """`n` requests cycling through the question types of MIX (questions in file order per type)."""
    by_type: dict[str, list[Request]] = {}
    for line in open(path, encoding="utf-8"):
        if line.strip():
            item = json.loads(line)
            by_type.setdefault(item["type"], []).append(
                Request(item["question"], list(item.get("history") or []), item["type"]))
    types = [t for t in MIX if t in by_type] + sorted(set(by_type) - set(MIX))
    out, round_ = [], 0
    while len(out) < n:
        for t in types:
            pool = by_type[t]
            out.append(pool[round_ % len(pool)])
            if len(out) == n:
                break
        round_ += 1
    return out


def fire(url: str, requests: list[Request], auth: tuple[str, str] | None = None, api_name: str = "/chat",
         timeout: float = 600) -> tuple[list[Result], float]:
    """Send every request at once, one client (thread) each; returns the results (in request
    order) and the wall time from the start signal to the last answer."""
    from gradio_client import Client

    results = [Result(r) for r in requests]
    barrier = threading.Barrier(len(requests) + 1)

    def worker(i: int) -> None:
        result = results[i]
        try:
            client = Client(url, auth=auth, verbose=False, download_files=False, analytics_enabled=False)
        except Exception as exc:  # noqa: BLE001 - counted as an error
            result.error = f"connect: {exc!r}"
            client = None
        barrier.wait()
        if client is None:
            return
        started = time.perf_counter()
        try:
            req = result.request
            result.answer = client.predict(req.question, req.history, api_name=api_name)
        except Exception:  # noqa: BLE001 - counted as an error
            result.error = traceback.format_exc(limit=3)
        finally:
            result.finished = time.perf_counter()
            result.seconds = result.finished - started
            try:
                client.close()
            except Exception:  # noqa: BLE001
                pass

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(len(requests))]
    for t in threads:
        t.start()
    barrier.wait(timeout=timeout)
    started = time.perf_counter()
    for t in threads:
        t.join(timeout)
    last = max((r.finished for r in results if r.finished), default=started)
    return results, last - started


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered), math.ceil(q * len(ordered))) - 1)]


def summarise(results: list[Result], wall: float) -> dict:
    seconds = [r.seconds for r in results if r.error is None]
    answered = [r for r in results if r.error is None]
    return {
        "requests": len(results),
        "errors": sum(r.error is not None for r in results),
        "empty": sum(1 for r in answered if not (r.answer or "").strip()),
        "abstained": sum(r.abstained for r in answered),
        "uncited": sum(1 for r in answered if not r.abstained and not r.cited),
        "p50_s": statistics.median(seconds) if seconds else None,
        "p95_s": percentile(seconds, 0.95) if seconds else None,
        "max_s": max(seconds) if seconds else None,
        "wall_s": wall,
        "throughput_rps": len(answered) / wall if wall else None,
        "loadavg": os.getloadavg(),
    }


def serve_index(index: str, port: int = 0) -> tuple[object, str]:
    """Open (or build from corpus/articles) the index and serve the app on 127.0.0.1."""
    from assistant import Assistant
    from assistant.ui import build_app, launch

    assistant = Assistant(index)
    if not assistant.stats().get("articles"):
        print(f"building {index} from corpus/articles …", file=sys.stderr)
        stats = assistant.ingest([ROOT / "corpus" / "articles"])
        if not stats.ok:
            raise SystemExit(f"ingest failed: {[str(e) for e in stats.errors]}")
    if not port:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
    app = build_app(assistant)
    url = launch(app, host="127.0.0.1", port=port, block=False)
    return app, url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="an already running app (default: serve --index here)")
    parser.add_argument("--index", default=str(ROOT / "var" / "bench" / "demo-index"))
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--auth", metavar="USER:PASS")
    parser.add_argument("--n", type=int, default=50, help="concurrent requests (default 50)")
    parser.add_argument("--api", default="/chat")
    parser.add_argument("--json", metavar="FILE", help="write every request's result here")
    args = parser.parse_args(argv)
    auth = tuple(args.auth.split(":", 1)) if args.auth else None
    app = None
    if args.url:
        url = args.url.rstrip("/")
    else:
        app, url = serve_index(args.index, args.port)
    try:
        fire(url, [Request("Khối thi đua Nội chính gồm những đơn vị nào?")], auth, args.api)  # warm-up
        alone = [fire(url, [r], auth, args.api)[0][0].seconds for r in load_mix(8)]  # one at a time
        load_before = os.getloadavg()
        results, wall = fire(url, load_mix(args.n), auth, args.api)
        s = summarise(results, wall)
    finally:
        if app is not None:
            app.close()
    print(f"{s['requests']} concurrent {args.api} requests to {url} ({os.cpu_count()} cores, "
          f"load average before {load_before[0]:.2f}, after {s['loadavg'][0]:.2f})")
    print(f"errors {s['errors']} · empty answers {s['empty']} · abstained {s['abstained']} · "
          f"answers without [n] {s['uncited']}")
    print(f"one request at a time (8 of the mix): p50 {statistics.median(alone):.2f} s · max {max(alone):.2f} s")
    if s["p50_s"] is not None:
        print(f"latency p50 {s['p50_s']:.2f} s · p95 {s['p95_s']:.2f} s · max {s['max_s']:.2f} s · "
              f"wall {s['wall_s']:.2f} s · {s['throughput_rps']:.1f} answers/s")
    for r in results:
        if r.error:
            print(f"ERROR {r.request.question!r}: {r.error.strip().splitlines()[-1]}", file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps({"summary": s, "results": [
            {**asdict(r.request), "seconds": r.seconds, "answer": r.answer, "error": r.error} for r in results]},
            ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if s["errors"] or s["empty"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
