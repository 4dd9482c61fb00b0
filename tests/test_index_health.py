"""`civic index check` and `civic index repair` (issue [3/5] part 4) on a real small index:
healthy when fresh; each kind of damage named (a deleted vector, a vector the catalog does not
know, a vector stored with another text, BM25 gone, another model configured) and repaired without
re-embedding the intact vectors; the HNSW rebuilt from stored vectors keeps every vector."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import DEMO_ARTICLES, ROOT

from index.health import open_for_health


@pytest.fixture(scope="module")
def built_index(tmp_path_factory) -> Path:
    from assistant import Assistant

    folder = tmp_path_factory.mktemp("health")
    lines = (DEMO_ARTICLES / "demo.jsonl").read_text(encoding="utf-8").splitlines()[:3]
    corpus = folder / "three.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert Assistant(folder / "index").ingest([corpus]).ok
    return folder / "index"


@pytest.fixture
def small_index(built_index, tmp_path) -> Path:
    """A fresh copy of a three-article index, for one test to damage."""
    import shutil

    return Path(shutil.copytree(built_index, tmp_path / "index"))


def civic(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def stored_vectors(index: Path) -> dict[str, np.ndarray]:
    health = open_for_health(index)
    got = health.store.collection.get(include=["embeddings"])
    return {cid: np.asarray(v) for cid, v in zip(got["ids"], got["embeddings"])}


def test_check_passes_fails_on_a_deleted_vector_and_repair_fixes_it(small_index):
    fresh = civic("index", "check", "--index", str(small_index))
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr
    assert fresh.stdout.startswith("healthy")
    before = stored_vectors(small_index)
    victim = sorted(before)[1]
    open_for_health(small_index).store.delete([victim])

    broken = civic("index", "check", "--index", str(small_index))
    assert broken.returncode == 1
    lines = broken.stdout.strip().splitlines()
    assert any(line.startswith("missing-vector:") and victim in line for line in lines), broken.stdout
    assert any(line.startswith("counts:") for line in lines)

    repaired = civic("index", "repair", "--index", str(small_index), "--json")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert '"embedded": 1' in repaired.stdout  # only the deleted one was embedded again
    assert civic("index", "check", "--index", str(small_index)).returncode == 0
    after = stored_vectors(small_index)
    assert after.keys() == before.keys()
    assert all(np.array_equal(after[k], before[k]) for k in before if k != victim)  # intact ones kept as stored
    assert float(after[victim] @ before[victim]) > 1 - 1e-5


def test_each_kind_of_damage_is_named_and_repaired(small_index):
    health = open_for_health(small_index)
    ids = sorted(stored_vectors(small_index))
    one = health.store.collection.get(ids=[ids[0]], include=["embeddings", "metadatas"])
    health.store.collection.add(ids=["ghost#0"], embeddings=[one["embeddings"][0]], documents=["không có trong catalog"],
                                metadatas=[one["metadatas"][0]])  # a vector the catalog does not know
    health.store.collection.update(ids=[ids[2]], documents=["văn bản khác với đoạn"])  # stored with another text
    import shutil

    shutil.rmtree(small_index / "bm25")
    kinds = {p.kind for p in health.check()}
    assert {"extra-vector", "wrong-vector", "bm25", "counts"} <= kinds, kinds
    report = health.repair()
    assert report.healthy, [str(p) for p in report.remaining]
    assert report.embedded == 1  # the mismatched one; the others kept
    assert open_for_health(small_index).check() == []


def test_the_hnsw_rebuilt_from_stored_vectors_keeps_every_vector(small_index):
    before = stored_vectors(small_index)
    health = open_for_health(small_index)
    old = health.store.name
    new = health.rebuild_hnsw()
    assert new != old
    fresh = open_for_health(small_index)  # follows the manifest to the new collection
    assert fresh.store.name == new and fresh.check() == []
    after = stored_vectors(small_index)
    assert after.keys() == before.keys() and all(np.allclose(after[k], before[k]) for k in before)
    assert old not in [c.name for c in fresh.store.client.list_collections()]


def test_another_model_is_a_problem_check_names_and_repair_does_not_hide(small_index):
    result = civic("index", "check", "--index", str(small_index), "--embedding-model", "all-MiniLM-L6-v2")
    assert result.returncode == 1
    assert "manifest:" in result.stdout and "multilingual-e5-small" in result.stdout


def test_check_of_a_missing_index_is_a_clear_error(tmp_path):
    result = civic("index", "check", "--index", str(tmp_path / "nothing-here"))
    assert result.returncode == 2 and "no index at" in result.stderr
