"""Ask latency, memory, disk and cold start at 1k, 10k and 100k chunks (extractive mode).

    .venv/bin/python bench/scale.py [--source var/bench/civic-news] [--sizes 1000 10000 100000]
    .venv/bin/python bench/scale.py --sizes 100000 --cold-start     # + `civic serve` → first answer

Encoding 100k chunks with the default model takes hours on 2 cores, so the large indexes are
made of generated variants of the real civic-news chunks that REUSE the real chunks' vectors:
variant v of article A is a copy of A with id "A~v" and " (bản v)" appended to its title; its
chunks keep A's text, offsets, BM25 tokens and vectors, and its extracted records and sentence
vectors are copied.
Retrieval and answering therefore do the same work as on distinct text (more near-duplicates,
if anything: every query has 32 equally good copies of its best chunk at 100k). The source
index is the one `bench/ask_latency.py` builds (400 articles, 3,104 chunks). Ingest speed on
real text is measured separately by `bench/ingest.py`.

The copies are written in bulk (one SQLite transaction per variant, Chroma upserts in its maximum
batch size, one BM25 build), so building 100k chunks takes minutes, not hours. Each size is then
measured in a fresh subprocess: time to open the index and answer a first question, warm p50 /
p95 / max of `ask` over questions made from the corpus titles, peak RSS, and size on disk.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
ARTICLES = ROOT.parent / "shared" / "data" / "civic_news" / "articles.jsonl"


def build(source_dir: Path, target_dir: Path, size: int) -> None:
    """Write an index of `size` chunks made of variants of the source index (see module doc)."""
    import numpy as np

    from assistant import Assistant
    from index.bm25 import BM25Index
    from index.store import chunk_metadata

    src = Assistant(source_dir)
    db = sqlite3.connect(source_dir / "catalog.sqlite")
    articles = db.execute("SELECT id, title, text, date, source, url, metadata, content_hash FROM articles ORDER BY id").fetchall()
    chunk_rows: dict[str, list[tuple]] = {}
    for row in db.execute('SELECT id, article_id, seq, start, "end", tokens FROM chunks ORDER BY article_id, seq'):
        chunk_rows.setdefault(row[1], []).append(row)
    record_rows: dict[str, list[tuple]] = {}
    for row in db.execute('SELECT article_id, type, kind, key, province, year, start, "end", data FROM records'):
        record_rows.setdefault(row[0], []).append(row)
    try:  # the sentence vectors the reader reads (`index.sentence_vectors`), copied like the chunks'
        sentence_rows = {r[0]: r for r in db.execute(
            "SELECT article_id, model, content_hash, count, dimension, vectors FROM sentence_vectors")}
    except sqlite3.OperationalError:  # a source index made before they existed
        sentence_rows = {}
    ids = [r[0] for rows in chunk_rows.values() for r in rows]
    vectors: dict[str, np.ndarray] = {}
    for i in range(0, len(ids), 2000):
        got = src.store.collection.get(ids=ids[i:i + 2000], include=["embeddings"])
        vectors.update(zip(got["ids"], np.asarray(got["embeddings"], dtype=np.float32)))

    dst = Assistant(target_dir, embedding_model=src.embedder.name)  # creates catalog, store, manifest
    out = sqlite3.connect(target_dir / "catalog.sqlite")
    total, variant = 0, 0
    while total < size:
        suffix = f"~{variant}" if variant else ""
        art_batch, chunk_batch, record_batch, sentence_batch = [], [], [], []
        c_ids, c_vecs, c_docs, c_meta = [], [], [], []
        for aid, title, text, date, source, url, metadata, chash in articles:
            rows = chunk_rows.get(aid, [])[: size - total]
            if not rows:
                continue
            new_id = aid + suffix
            art_batch.append((new_id, title + (f" (bản {variant})" if variant else ""), text, date, source, url, metadata, chash))
            for cid, _, seq, start, end, tokens in rows:
                chunk_batch.append((f"{new_id}#{seq}", new_id, seq, start, end, tokens))
                c_ids.append(f"{new_id}#{seq}")
                c_vecs.append(vectors[cid])
                c_docs.append(text[start:end])
                c_meta.append(chunk_metadata(new_id, source, date))
            record_batch += [(new_id, *r[1:]) for r in record_rows.get(aid, [])]
            if aid in sentence_rows:
                sentence_batch.append((new_id, *sentence_rows[aid][1:]))
            total += len(rows)
            if total >= size:
                break
        # Chroma first, then the catalog (the order the indexer uses)
        dst.store.upsert(c_ids, np.stack(c_vecs), c_docs, c_meta)
        with out:
            out.executemany("INSERT OR REPLACE INTO articles (id, title, text, date, source, url, metadata, content_hash)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", art_batch)
            out.executemany('INSERT OR REPLACE INTO chunks (id, article_id, seq, start, "end", tokens) VALUES (?, ?, ?, ?, ?, ?)',
                            chunk_batch)
            out.executemany('INSERT INTO records (article_id, type, kind, key, province, year, start, "end", data)'
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", record_batch)
            out.executemany("INSERT OR REPLACE INTO sentence_vectors (article_id, model, content_hash, count, dimension,"
                            " vectors) VALUES (?, ?, ?, ?, ?, ?)", sentence_batch)
        print(f"  variant {variant}: {total} chunks", file=sys.stderr)
        variant += 1
    for key, value in db.execute("SELECT key, value FROM meta"):
        out.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
    out.commit()
    ids, token_lists = dst.catalog.chunk_table()
    BM25Index.build(ids, token_lists).save(target_dir / "bm25")


def measure(index_dir: Path, n_questions: int) -> dict:
    """Open the index, answer once (cold), then time `n_questions` warm asks."""
    started = time.perf_counter()
    from ask_latency import percentile, questions_from

    from assistant import Assistant

    assistant = Assistant(index_dir)
    assistant.ask("Khối thi đua Nội chính gồm những đơn vị nào?")
    cold = time.perf_counter() - started
    questions = questions_from(ARTICLES, n_questions)
    times, steps = [], {"retrieve": [], "answer": []}
    for q in questions:
        t0 = time.perf_counter()
        answer = assistant.ask(q)
        times.append(1000 * (time.perf_counter() - t0))
        for step in steps:
            steps[step].append(1000 * answer.timings.get(step, 0.0))
    stats = assistant.stats()
    return {
        "chunks": stats["chunks"], "articles": stats["articles"],
        "p50_ms": round(statistics.median(times), 1), "p95_ms": round(percentile(times, 0.95), 1),
        "max_ms": round(max(times), 1),
        "retrieve_p50_ms": round(statistics.median(steps["retrieve"]), 1),
        "answer_p50_ms": round(statistics.median(steps["answer"]), 1),
        "open_and_first_answer_s": round(cold, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "disk_mb": round(sum(p.stat().st_size for p in index_dir.rglob("*") if p.is_file()) / 1e6),
    }


def cold_start(index_dir: Path) -> dict:
    """Seconds from starting `civic serve` to the first answer over HTTP (gradio_client /chat),
    and the server's peak RSS afterwards (from /proc)."""
    os.environ.update(GRADIO_ANALYTICS_ENABLED="False", HF_HUB_OFFLINE="1")
    from gradio_client import Client  # imported before the clock starts: it is the client's cost

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    civic = Path(sys.executable).with_name("civic")
    started = time.perf_counter()
    server = subprocess.Popen([str(civic), "serve", "--index", str(index_dir), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"civic serve exited with {server.returncode}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        listening = time.perf_counter() - started
        client = Client(f"http://127.0.0.1:{port}/", verbose=False, analytics_enabled=False)
        result = client.predict("Khối thi đua Nội chính gồm những đơn vị nào?", api_name="/chat")
        first = time.perf_counter() - started
        assert result, "empty answer"
        status = Path(f"/proc/{server.pid}/status").read_text()
        hwm = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
        return {"serve_listening_s": round(listening, 1), "serve_first_answer_s": round(first, 1),
                "server_peak_rss_mb": round(hwm / 1024)}
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", default=str(ROOT / "var" / "bench" / "civic-news"))
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 10000, 100000])
    parser.add_argument("--workdir", default=str(ROOT / "var" / "bench" / "scale"))
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--cold-start", action="store_true", help="also time `civic serve` → first answer")
    parser.add_argument("--measure", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure), args.questions)))
        return 0
    if not (Path(args.source) / "bm25").exists():
        print(f"no source index at {args.source}: run bench/ask_latency.py first", file=sys.stderr)
        return 2
    results = []
    for size in args.sizes:
        target = Path(args.workdir) / f"chunks-{size}"
        if not (target / ".complete").exists():
            if target.exists():
                import shutil
                shutil.rmtree(target)
            started = time.perf_counter()
            build(Path(args.source), target, size)
            (target / ".complete").touch()
            print(f"built {size} chunks in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        out = subprocess.run([sys.executable, __file__, "--measure", str(target), "--questions", str(args.questions)],
                             capture_output=True, text=True)
        if out.returncode:
            print(out.stderr, file=sys.stderr)
            return out.returncode
        result = json.loads(out.stdout.strip().splitlines()[-1])
        if args.cold_start:
            result.update(cold_start(target))
        results.append(result)
        print(result, file=sys.stderr)
    print(f"{'chunks':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'retr p50':>8} {'answ p50':>8} {'RSS MB':>8} "
          f"{'disk MB':>8} {'open+1st s':>10}")
    for r in results:
        print(f"{r['chunks']:>8} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['max_ms']:>8} {r['retrieve_p50_ms']:>8} "
              f"{r['answer_p50_ms']:>8} {r['peak_rss_mb']:>8} {r['disk_mb']:>8} {r['open_and_first_answer_s']:>10}")
        if "serve_first_answer_s" in r:
            print(f"{'':>8} civic serve: listening after {r['serve_listening_s']} s, first answer after "
                  f"{r['serve_first_answer_s']} s, server peak RSS {r['server_peak_rss_mb']} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
