"""The ONNX encoder of the built model (embedding backend "onnx", `index.embeddings`): exported
once beside the weights, checked against torch; and the memory-mapped word-embedding table the
run-time encoder gathers rows from."""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import struct
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from .folder import _write_json, ensure_e5_model
from .layout import (
    _ONNX_MIN_COSINE,
    MARKER_NAME,
    MODEL_NAME,
    ONNX_FORMAT_VERSION,
    ONNX_MARKER_NAME,
    ONNX_NAME,
    ONNX_OPSET,
    PASSAGE_PROMPT,
    QUERY_PROMPT,
    WORD_EMBEDDINGS,
)


# --------------------------------------------------------------------------
# the ONNX encoder (embedding backend "onnx")
# --------------------------------------------------------------------------
def word_embedding_table(model_dir: Path | str) -> np.ndarray:
    """The word-embedding matrix [vocab, hidden] of ``model.safetensors`` as a read-only
    memory map (no copy: pages are read when rows are used)."""
    path = Path(model_dir) / "model.safetensors"
    with open(path, "rb") as f:
        header_len = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(header_len))
    entry = header.get(WORD_EMBEDDINGS)
    if entry is None or entry.get("dtype") != "F32":
        raise ValueError(f"{path}: no float32 {WORD_EMBEDDINGS}")
    start, end = entry["data_offsets"]
    shape = tuple(int(n) for n in entry["shape"])
    if end - start != 4 * int(np.prod(shape)):
        raise ValueError(f"{path}: {WORD_EMBEDDINGS} has a bad byte size")
    return np.memmap(path, dtype="<f4", mode="r", offset=8 + header_len + start, shape=shape)


def _model_marker_digest(model_dir: Path) -> str:
    return hashlib.sha256((Path(model_dir) / MARKER_NAME).read_bytes()).hexdigest()


def is_onnx_current(model_dir: Path | str) -> bool:
    """True if ``model_dir`` holds an ONNX export made from its current weights."""
    model_dir = Path(model_dir)
    try:
        marker = json.loads((model_dir / ONNX_MARKER_NAME).read_text(encoding="utf-8"))
        digest = _model_marker_digest(model_dir)
    except (OSError, ValueError):
        return False
    return (
        (model_dir / ONNX_NAME).is_file()
        and marker.get("onnx_format_version") == ONNX_FORMAT_VERSION
        and marker.get("model_marker_sha256") == digest
    )


@contextlib.contextmanager
def _onnx_package_optional():
    """torch's TorchScript exporter imports the ``onnx`` package only to splice
    onnx-script custom functions into the graph; BERT has none, so without the
    package that step is skipped (the file is byte-identical to one written with
    ``onnx`` installed). With ``onnx`` installed nothing is changed."""
    try:
        import onnx  # noqa: F401

        yield
        return
    except ImportError:
        pass
    try:
        from torch.onnx._internal.torchscript_exporter import onnx_proto_utils as utils
    except ImportError:  # other torch layouts: let the exporter say what it needs
        yield
        return
    original = getattr(utils, "_add_onnxscript_fn", None)
    if original is None:
        yield
        return
    utils._add_onnxscript_fn = lambda model_bytes, custom_opsets: model_bytes
    try:
        yield
    finally:
        utils._add_onnxscript_fn = original


def export_onnx(model_dir: Path | str) -> Path:
    """Export ``model_dir``'s BertModel as ``civic_encoder.onnx`` (embeddings in, pooled
    normalised vector out), check it against torch, and write its marker. Written to a
    temporary file and renamed into place; callers that may race use
    :func:`ensure_onnx_model`."""
    import warnings

    import onnxruntime as ort
    import torch
    from transformers import AutoModel, AutoTokenizer

    model_dir = Path(model_dir)
    bert = AutoModel.from_pretrained(str(model_dir)).eval()
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))

    class Encoder(torch.nn.Module):
        def __init__(self, bert: torch.nn.Module) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, inputs_embeds: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.bert(inputs_embeds=inputs_embeds, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    encoder = Encoder(bert).eval()
    table = bert.get_input_embeddings().weight
    sample = [
        f"{QUERY_PROMPT}Những tỉnh nào tham gia diễn đàn hợp tác vùng?",
        f"{PASSAGE_PROMPT}Khối thi đua Nội chính tỉnh Phú Thọ tổ chức Hội nghị triển khai nhiệm vụ "
        "năm 2022 và ký kết giao ước thi đua.",
    ]
    batch = tokenizer(sample, padding=True, return_tensors="pt")
    mask = batch["attention_mask"].to(torch.int64)
    with torch.no_grad():
        embeds = table[batch["input_ids"]]
        expected = encoder(embeds, mask).numpy()

    fd, tmp_name = tempfile.mkstemp(prefix=f".{ONNX_NAME}.tmp-", dir=model_dir)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with warnings.catch_warnings(), _onnx_package_optional(), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                encoder,
                (embeds, mask),
                str(tmp),
                input_names=["inputs_embeds", "attention_mask"],
                output_names=["sentence_embedding"],
                dynamic_axes={
                    "inputs_embeds": {0: "batch", 1: "sequence"},
                    "attention_mask": {0: "batch", 1: "sequence"},
                    "sentence_embedding": {0: "batch"},
                },
                opset_version=ONNX_OPSET,
                do_constant_folding=True,
                dynamo=False,
            )
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        session = ort.InferenceSession(str(tmp), options, providers=["CPUExecutionProvider"])
        got = session.run(None, {"inputs_embeds": embeds.numpy(), "attention_mask": mask.numpy()})[0]
        cosine = float(np.min(np.sum(got * expected, axis=1)))
        if not cosine >= _ONNX_MIN_COSINE:
            raise RuntimeError(f"ONNX export disagrees with torch (cosine {cosine:.6f})")
        os.chmod(tmp, 0o644)
        os.replace(tmp, model_dir / ONNX_NAME)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _write_json(
        model_dir / ONNX_MARKER_NAME,
        {
            "onnx_format_version": ONNX_FORMAT_VERSION,
            "model_marker_sha256": _model_marker_digest(model_dir),
            "opset": ONNX_OPSET,
            "torch_version": torch.__version__,
            "check_cosine": cosine,
            "exported_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        },
    )
    return model_dir / ONNX_NAME


def ensure_onnx_model(model_dir: Path | None = None, verbose: bool = True) -> Path:
    """Path of the ONNX encoder for the e5 folder (built first if needed), exporting it
    if it is missing or stale. Needs torch only when it exports."""
    from filelock import FileLock

    out = ensure_e5_model(model_dir, verbose=verbose)
    if is_onnx_current(out):
        return out / ONNX_NAME
    with FileLock(str(out.parent / f".{out.name}.lock")):
        if is_onnx_current(out):
            return out / ONNX_NAME
        if verbose:
            print(f"Exporting {MODEL_NAME} to ONNX (one time, ~10 s)… -> {out / ONNX_NAME}",
                  file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        path = export_onnx(out)
        if verbose:
            print(f"Exported in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    return path
