"""Embedding backends compared: torch (sentence-transformers) vs ONNX Runtime fp32 (vs ORT int8).

    .venv/bin/python bench/embed_backends.py [--reps 5] [--int8] [--json out.json]

Measured through the product's own `Embedder` (index/embeddings.py) for `torch` and `onnx`:
- query latency: `embed_query` (1 thread) on 50 short Vietnamese questions (the first 16 words
  of demo sentences, ~25 tokens with the prompt); the median per repetition, wall and CPU time;
- passage throughput: 96 demo chunks (~210 tokens each) through `embed_passages`' path on 2
  threads, at batch 32 and at the product's batch 8; passages per wall second and per CPU second;
- agreement with torch: cosine on 470 texts (106 chunks as passages, 364 sentences as queries),
  and for the 50 questions whether the nearest chunk is the same (and contains the question's
  sentence);
- a fresh process that loads the model and embeds one query: wall time and peak RSS (median of 3,
  interleaved).
Backends are interleaved within each repetition (rotating the order) so load from other
processes hits them alike; report medians.

`--int8` also measures ORT dynamic int8 quantisation (per-channel, MatMul weights) of the same
graph. `onnxruntime.quantization` needs the `onnx` package, which the project does not install:
run this script with a scratch venv's python that has `onnx` and sees the project's packages.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

DEMO = ROOT / "corpus" / "articles" / "demo.jsonl"
QUERY = "Những đơn vị nào ký giao ước thi đua năm 2021 ở Vĩnh Phúc?"
PASSAGE_THREADS = 2


def peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM: ru_maxrss would carry over the parent's peak across fork+exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def int8_path() -> Path:
    import tempfile

    return Path(tempfile.gettempdir()) / "civic-embed-bench" / "civic_encoder.int8.onnx"


def make_int8() -> Path:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from e5build import ensure_onnx_model

    src, out = ensure_onnx_model(), int8_path()
    if not out.exists() or out.stat().st_mtime < src.stat().st_mtime:
        out.parent.mkdir(exist_ok=True)
        quantize_dynamic(str(src), str(out), weight_type=QuantType.QInt8, per_channel=True,
                         op_types_to_quantize=["MatMul"])
    return out


def embedder(kind: str):
    """A product `Embedder` for torch / onnx, or an onnx one whose graph is the int8 file."""
    from index.embeddings import Embedder, _OnnxEncoder, get_embedder, resolve_model

    if kind != "int8":
        return get_embedder(backend=kind)
    e = Embedder(resolve_model(None), backend="onnx")
    e._onnx = _OnnxEncoder(e.spec.location, graph=str(int8_path()))
    e._backend = "onnx"
    return e


def child(kind: str) -> None:
    """Fresh process: load the model, embed one query; print timings and peak RSS."""
    t0 = time.perf_counter()
    import index.embeddings  # noqa: F401

    t1 = time.perf_counter()
    e = embedder(kind)
    _ = e.dimension  # loads the model (and the backend's libraries)
    t2 = time.perf_counter()
    e.embed_query(QUERY)
    t3 = time.perf_counter()
    print(json.dumps({"kind": kind, "import_s": t1 - t0, "load_s": t2 - t1, "first_query_s": t3 - t2,
                      "total_s": t3 - t0, "peak_rss_mb": peak_rss_mb(),
                      "torch_imported": "torch" in sys.modules}))


def demo_texts() -> tuple[list[str], list[str]]:
    from corpus.chunking import chunk_article
    from corpus.records import Article
    from corpus.sentences import split_sentences

    chunks, sentences = [], []
    for line in DEMO.read_text(encoding="utf-8").splitlines():
        if line.strip():
            a = json.loads(line)
            chunks += [c.text for c in chunk_article(Article(id=a["id"], title=a["title"], text=a["text"]))]
            sentences += split_sentences(a["text"])
    return chunks, sentences


def startup(kinds: list[str], runs: int = 3) -> dict[str, dict[str, float]]:
    env = {**os.environ}
    results: dict[str, list[dict]] = {k: [] for k in kinds}
    for _ in range(runs):
        for kind in kinds:
            out = subprocess.run([sys.executable, __file__, "--child", kind], cwd=ROOT, env=env,
                                 capture_output=True, text=True, check=True)
            results[kind].append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {k: {m: statistics.median(r[m] for r in rs) for m in ("total_s", "load_s", "first_query_s", "peak_rss_mb")}
            | {"torch_imported": rs[0]["torch_imported"]} for k, rs in results.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--int8", action="store_true", help="also ORT int8 (needs the onnx package)")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child)
        return 0

    kinds = ["torch", "onnx"] + (["int8"] if args.int8 else [])
    if args.int8:
        make_int8()
    chunks, sentences = demo_texts()
    rng = np.random.default_rng(0)
    picks = rng.choice(len(sentences), 50, replace=False)
    questions = [" ".join(sentences[i].split()[:16]) for i in picks]
    sources = [sentences[i] for i in picks]
    passages = chunks[:96]
    E = {k: embedder(k) for k in kinds}
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
          f"{len(chunks)} chunks, {len(sentences)} sentences, {len(questions)} questions", flush=True)

    # agreement with torch
    def vectors(e, texts, prompt, threads=PASSAGE_THREADS):
        return e._encode([prompt + t for t in texts], False, threads)

    ref_p, ref_s = vectors(E["torch"], chunks, "passage: "), vectors(E["torch"], sentences, "query: ")
    ref_q = np.stack([E["torch"].embed_query(q) for q in questions])
    ref_top = (ref_q @ ref_p.T).argmax(1)
    results: dict[str, dict] = {}
    for k, e in E.items():
        p, s = vectors(e, chunks, "passage: "), vectors(e, sentences, "query: ")
        q = np.stack([e.embed_query(x) for x in questions])
        cos = np.concatenate([np.sum(p * ref_p, 1), np.sum(s * ref_s, 1)])
        top = (q @ p.T).argmax(1)
        results[k] = {
            "cos_min": float(cos.min()), "cos_mean": float(cos.mean()),
            "top1_same": int((top == ref_top).sum()),
            "top1_same_vs_torch_index": int(((q @ ref_p.T).argmax(1) == ref_top).sum()),
            "top1_has_sentence": int(sum(src in chunks[t] for src, t in zip(sources, top))),
        }
    print("agreement", json.dumps(results), flush=True)

    # speed, interleaved
    speed = {k: {m: [] for m in ("q_ms", "q_cpu_ms", "p32_s", "p32_cpu_s", "p8_s", "p8_cpu_s")} for k in kinds}
    for e in E.values():  # warm-up (also creates the 2-thread sessions)
        vectors(e, passages[:16], "passage: ")
        e.embed_query(questions[0])
    for rep in range(args.reps):
        for k in kinds[rep % len(kinds):] + kinds[:rep % len(kinds)]:
            e, r = E[k], speed[k]
            wall, cpu = [], []
            for q in questions:
                t, c = time.perf_counter(), time.process_time()
                e.embed_query(q)
                wall.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c)
            r["q_ms"].append(1000 * statistics.median(wall))
            r["q_cpu_ms"].append(1000 * statistics.median(cpu))
            for batch in (32, 8):
                saved, e.batch_size = e.batch_size, batch
                t, c = time.perf_counter(), time.process_time()
                vectors(e, passages, "passage: ")
                r[f"p{batch}_s"].append(len(passages) / (time.perf_counter() - t))
                r[f"p{batch}_cpu_s"].append(len(passages) / (time.process_time() - c))
                e.batch_size = saved
        print(f"rep {rep}", {k: {m: round(v[-1], 1) for m, v in speed[k].items()} for k in kinds}, flush=True)
    for k in kinds:
        results[k].update({m: statistics.median(v) for m, v in speed[k].items()})
    del E
    for k, v in startup(kinds).items():
        results[k].update(v)

    cols = [("query ms p50 (wall / CPU)", lambda r: f"{r['q_ms']:.1f} / {r['q_cpu_ms']:.1f}"),
            ("passages/s b32 (wall / per CPU-s)", lambda r: f"{r['p32_s']:.2f} / {r['p32_cpu_s']:.2f}"),
            ("passages/s b8 (wall / per CPU-s)", lambda r: f"{r['p8_s']:.2f} / {r['p8_cpu_s']:.2f}"),
            ("cosine vs torch min / mean", lambda r: f"{r['cos_min']:.7f} / {r['cos_mean']:.7f}"),
            ("top-1 same (of 50)", lambda r: str(r["top1_same"])),
            ("top-1 holds the sentence", lambda r: str(r["top1_has_sentence"])),
            ("fresh process: load+1 query s", lambda r: f"{r['total_s']:.1f}"),
            ("peak RSS MB", lambda r: f"{r['peak_rss_mb']:.0f}"),
            ("imports torch", lambda r: "yes" if r["torch_imported"] else "no")]
    print("\n| | " + " | ".join(kinds) + " |\n|---|" + "---|" * len(kinds))
    for title, fmt in cols:
        print(f"| {title} | " + " | ".join(fmt(results[k]) for k in kinds) + " |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
