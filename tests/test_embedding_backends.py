"""The two embedding backends: ONNX Runtime (default for e5 on CPU) and torch agree, and the
backend is chosen as documented in index/embeddings.py."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from corpus.sentences import split_sentences  # noqa: E402
from e5build import (  # noqa: E402
    MARKER_NAME,
    ONNX_MARKER_NAME,
    ONNX_NAME,
    ensure_e5_model,
    ensure_onnx_model,
    is_onnx_current,
    word_embedding_table,
)
from index.embeddings import Embedder, ModelSpec, _choose_backend, get_embedder  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpus" / "articles" / "demo.jsonl"


@pytest.fixture(scope="module")
def demo_texts() -> tuple[list[str], list[str]]:
    """(passages, questions) from the demo articles: whole paragraphs of different lengths, and
    short questions made from the first words of sentences."""
    articles = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
    passages, questions = [], []
    for article in articles[:8]:
        paragraphs = [p for p in article["text"].split("\n") if p.strip()]
        passages += paragraphs[:3]
        questions += [" ".join(s.split()[:12]) + "?" for s in split_sentences(article["text"])[:2]]
    return passages, questions


@pytest.fixture(scope="module")
def backends():
    return get_embedder(backend="onnx"), get_embedder(backend="torch")


def test_onnx_and_torch_vectors_agree(backends, demo_texts) -> None:
    onnx, torch_ = backends
    assert (onnx.backend, torch_.backend) == ("onnx", "torch")
    assert onnx.name == torch_.name and onnx.dimension == torch_.dimension == 384
    passages, questions = demo_texts
    a, b = onnx.embed_passages(passages), torch_.embed_passages(passages)  # batches with padding
    assert a.shape == b.shape == (len(passages), 384) and a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert float(np.min(np.sum(a * b, axis=1))) >= 0.9999
    qa = np.stack([onnx.embed_query(q) for q in questions])
    qb = np.stack([torch_.embed_query(q) for q in questions])
    assert float(np.min(np.sum(qa * qb, axis=1))) >= 0.9999
    # the nearest passage of every question is the same whichever backend made either side
    assert ((qa @ a.T).argmax(1) == (qb @ b.T).argmax(1)).all()
    assert ((qa @ b.T).argmax(1) == (qb @ b.T).argmax(1)).all()


def test_onnx_batch_composition_does_not_change_a_vector(backends, demo_texts) -> None:
    onnx, _ = backends
    passages, _ = demo_texts
    together = onnx.embed_passages(passages)
    alone = np.stack([onnx.embed_passages([p])[0] for p in passages[:4]])
    assert np.allclose(together[:4], alone, atol=1e-5)
    assert onnx.embed_passages([]).shape == (0, 384)


def test_long_text_is_truncated_like_torch(backends) -> None:
    onnx, torch_ = backends
    text = "Khối thi đua Nội chính ký kết giao ước thi đua năm 2022. " * 120  # > 512 tokens
    assert float(onnx.embed_passages([text])[0] @ torch_.embed_passages([text])[0]) >= 0.9999


def test_backend_choice() -> None:
    e5 = ModelSpec("multilingual-e5-small", "/nowhere", "query: ", "passage: ", onnx=True)
    other = ModelSpec("some/hub-model", "some/hub-model")
    assert _choose_backend(e5, None, "onnx") == "onnx"
    assert _choose_backend(e5, "cpu", "auto") == "onnx"
    assert _choose_backend(e5, None, "torch") == "torch"
    assert _choose_backend(other, None, "auto") == "torch"  # any hub model still works via torch
    assert _choose_backend(e5, "cuda", "auto") == "torch"  # an explicit GPU device goes to torch
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert _choose_backend(other, None, "onnx") == "torch"
        assert _choose_backend(e5, "cuda", "onnx") == "torch"
    assert len(caught) == 2
    with pytest.raises(ValueError, match="CIVIC_EMBED_BACKEND"):
        Embedder(e5, backend="tensorrt")


def test_backend_from_the_settings(monkeypatch) -> None:
    """CIVIC_EMBED_BACKEND is read by the settings and passed down; index/ reads no environment."""
    from assistant.config import Settings

    monkeypatch.setenv("CIVIC_EMBED_BACKEND", "torch")
    assert get_embedder(backend=Settings.from_env().embed_backend).requested_backend == "torch"
    assert get_embedder().requested_backend == "auto"
    monkeypatch.setenv("CIVIC_EMBED_BACKEND", "bogus")
    with pytest.raises(ValueError):
        get_embedder(backend=Settings.from_env().embed_backend)
    monkeypatch.delenv("CIVIC_EMBED_BACKEND")
    assert get_embedder(backend=Settings.from_env().embed_backend).requested_backend == "auto"
    with pytest.warns(RuntimeWarning, match="no ONNX export"):
        assert get_embedder("all-MiniLM-L6-v2", backend="onnx").backend == "torch"


def test_onnx_export_is_rebuilt_when_the_model_changes(tmp_path) -> None:
    src = ensure_e5_model()
    ensure_onnx_model(src)
    folder = tmp_path / "e5"
    folder.mkdir()
    for item in src.iterdir():  # a cheap copy: links to the big files
        (folder / item.name).symlink_to(item)
    (folder / MARKER_NAME).unlink()
    (folder / MARKER_NAME).write_text((src / MARKER_NAME).read_text(encoding="utf-8"), encoding="utf-8")
    assert is_onnx_current(folder)
    marker = json.loads((folder / MARKER_NAME).read_text(encoding="utf-8"))
    marker["built_at"] = "rebuilt"
    (folder / MARKER_NAME).write_text(json.dumps(marker), encoding="utf-8")
    assert not is_onnx_current(folder)
    (folder / ONNX_NAME).unlink()
    (folder / ONNX_MARKER_NAME).unlink()
    path = ensure_onnx_model(folder, verbose=False)
    assert path == folder / ONNX_NAME and path.is_file() and not path.is_symlink()
    assert is_onnx_current(folder) and is_onnx_current(src)
    assert json.loads((folder / ONNX_MARKER_NAME).read_text(encoding="utf-8"))["check_cosine"] >= 0.9999
    assert not list(folder.glob(f".{ONNX_NAME}.tmp-*"))
    table = word_embedding_table(folder)
    assert table.shape == (250037, 384) and isinstance(table, np.memmap)


def test_onnx_query_path_never_imports_torch() -> None:
    ensure_onnx_model()
    code = (
        "import sys; from index.embeddings import get_embedder; "
        "e = get_embedder(backend='onnx'); v = e.embed_query('Ai đại diện Cục Thi hành án?'); "
        "print(e.backend, v.shape[0], 'torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["onnx", "384", "False", "False"]
