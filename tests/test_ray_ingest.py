"""Ingest on Ray (issue [3/5] parts 2-3): an index built with `--ray` equals one built in a single
process, and a Ray worker killed mid-ingest is restarted (the ingest completes) or, with no restarts
left, the ingest fails clearly with nothing half-written.

Every test uses a real local Ray (2 logical CPUs for workers plus one for reading, a small object
store), the real embedding model and real Chroma; the CLI test starts and stops its own Ray.
"""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import DEMO_ARTICLES, ROOT

from index.ray_ingest import RayIngestError, RayOptions

pytestmark = pytest.mark.slow


def index_tables(index_dir: Path) -> dict:
    """Everything the catalog holds that an ingest decides (not when it ran)."""
    db = sqlite3.connect(f"file:{index_dir / 'catalog.sqlite'}?mode=ro", uri=True)
    try:
        return {
            "articles": db.execute("SELECT id, title, text, date, source, url, metadata, content_hash FROM articles"
                                   " ORDER BY id").fetchall(),
            "chunks": db.execute('SELECT id, article_id, seq, start, "end", tokens FROM chunks ORDER BY id').fetchall(),
            "records": db.execute('SELECT article_id, type, kind, key, start, "end", data FROM records'
                                  " ORDER BY article_id, type, start, \"end\", data").fetchall(),
            # every article's sentence vectors, made by the workers like the chunks' (their values: below)
            "sentences": db.execute("SELECT article_id, model, content_hash, count, dimension FROM sentence_vectors"
                                    " ORDER BY article_id").fetchall(),
        }
    finally:
        db.close()


def vectors(assistant) -> dict[str, np.ndarray]:
    got = assistant.store.collection.get(include=["embeddings"])
    return {cid: np.asarray(v, dtype=np.float64) for cid, v in zip(got["ids"], got["embeddings"])}


def assert_same_index(a_dir: Path, a_vectors: dict, b_dir: Path, b_vectors: dict) -> None:
    a, b = index_tables(a_dir), index_tables(b_dir)
    for table in ("articles", "chunks", "records", "sentences"):
        assert a[table] == b[table], f"{table} differ"
    assert len(a["sentences"]) == len(a["articles"])
    assert a_vectors.keys() == b_vectors.keys()
    worst = min(float(a_vectors[k] @ b_vectors[k] / np.linalg.norm(a_vectors[k]) / np.linalg.norm(b_vectors[k]))
                for k in a_vectors)
    assert worst >= 1 - 1e-5, f"a vector differs: cosine {worst}"


def test_civic_ingest_with_ray_equals_a_plain_ingest(demo_index, tmp_path):
    """The issue's check: `civic ingest corpus/articles --ray` (a local Ray started and stopped)
    gives the same `civic stats`, chunks, records and vectors as the plain ingest of the demo index."""
    index = tmp_path / "ray-index"
    proc = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", str(DEMO_ARTICLES), "--ray",
                           "--index", str(index), "--json"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    summary = json.loads(proc.stdout)
    plain = demo_index.stats()
    for key in ("articles", "chunks", "vectors", "embedding_model", "dimension", "sources"):
        assert summary[key] == plain[key], key
    from assistant import Assistant

    on_ray = Assistant(index)
    assert_same_index(demo_index.index_dir, vectors(demo_index), index, vectors(on_ray))
    again = subprocess.run([sys.executable, "-m", "assistant.cli", "index", "check", "--index", str(index)],
                           cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stdout + again.stderr


def worker_killer(kill_file: Path):
    """A Ray `worker_process_setup_hook` (run in every worker process as it starts) that patches
    the embedding worker from the test side: when `kill_file` exists, the first worker to see it
    deletes it and SIGKILLs its own process, as an out-of-memory kill or a lost node would. (A
    closure: Ray pickles it by value, so the workers need not import this test module.)"""
    path = str(kill_file)

    def setup() -> None:
        import os
        import signal

        from index.ray_ingest import EmbedWorker

        process = EmbedWorker.process

        def process_or_die(self, batch):
            if os.path.exists(path):
                try:
                    os.remove(path)
                except FileNotFoundError:
                    pass  # another worker took it
                else:
                    os.kill(os.getpid(), signal.SIGKILL)
            return process(self, batch)
        EmbedWorker.process = process_or_die
    return setup


@pytest.fixture(scope="module")
def kill_file(tmp_path_factory) -> Path:
    """Created by a test to have one embedding worker killed (`worker_killer`)."""
    return tmp_path_factory.mktemp("ray-kill") / "kill-a-worker"


@pytest.fixture(scope="module")
def ray_session(kill_file):
    """One local Ray for the in-process tests of this module, its workers armed by `kill_file`."""
    options = RayOptions(workers=2, runtime_env={"worker_process_setup_hook": worker_killer(kill_file)})
    with options.session() as session:
        yield session


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    """Ten short demo articles, one per line."""
    lines = (DEMO_ARTICLES / "demo.jsonl").read_text(encoding="utf-8").splitlines()[:10]
    path = tmp_path_factory.mktemp("corpus") / "ten.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def plain_small(small_corpus, tmp_path_factory):
    from assistant import Assistant

    assistant = Assistant(tmp_path_factory.mktemp("plain"))
    assert assistant.ingest([small_corpus]).ok
    return assistant


def _kill_after_first_commit(kill_file: Path, monkeypatch):
    """An on_progress callback that arms the kill hook once the writer has committed something
    (the writer commits every 8 chunks here, so most batches are still to come)."""
    monkeypatch.setattr("index.indexer.EMBED_BATCH_CHUNKS", 8)

    def on_progress(progress) -> None:
        if progress.chunks and not on_progress.armed:
            on_progress.armed = True
            kill_file.write_text("kill")
    on_progress.armed = False
    return on_progress


def test_a_worker_killed_mid_ingest_is_restarted_and_the_ingest_completes(
        ray_session, kill_file, small_corpus, plain_small, tmp_path, monkeypatch):
    from assistant import Assistant

    assistant = Assistant(tmp_path / "index")
    on_progress = _kill_after_first_commit(kill_file, monkeypatch)
    stats = assistant.ingest([small_corpus], ray=RayOptions(workers=1, batch_articles=1), on_progress=on_progress)
    assert on_progress.armed and not kill_file.exists(), "the kill hook did not fire"
    assert stats.ok and stats.articles_added == 10
    assert_same_index(plain_small.index_dir, vectors(plain_small), assistant.index_dir, vectors(assistant))
    # a second run on Ray skips everything (the workers see the stored hashes)
    again = assistant.ingest([small_corpus], ray=RayOptions(workers=1))
    assert (again.articles_added, again.articles_updated, again.articles_unchanged) == (0, 0, 10)


def test_a_worker_killed_with_no_restarts_left_fails_clearly_with_nothing_half_written(
        ray_session, kill_file, small_corpus, plain_small, tmp_path, monkeypatch):
    from assistant import Assistant
    from index.health import open_for_health

    index = tmp_path / "index"
    assistant = Assistant(index)
    with pytest.raises(RayIngestError) as failure:
        assistant.ingest([small_corpus], ray=RayOptions(workers=1, batch_articles=1, max_restarts=0),
                         on_progress=_kill_after_first_commit(kill_file, monkeypatch))
    message = str(failure.value)
    assert "failed" in message and "run the same command again" in message
    committed = assistant.stats()
    assert 0 < committed["articles"] < 10 and committed["vectors"] == committed["chunks"]
    assert open_for_health(index).check() == []  # catalog, Chroma and BM25 agree: nothing half-written
    assert not kill_file.exists()
    rest = assistant.ingest([small_corpus])  # the same command again finishes the job
    assert rest.articles_added == 10 - committed["articles"]
    assert_same_index(plain_small.index_dir, vectors(plain_small), index, vectors(assistant))
