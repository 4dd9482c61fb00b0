"""Names and versions of the built model folder and its ONNX export, shared by the builder
(`e5build.folder`), the exporter (`e5build.onnx_export`) and the checks that a cached build is
current."""
from __future__ import annotations

MODEL_NAME = "multilingual-e5-small"
#: Bump when the folder layout or conversion changes, so cached builds are redone.
FORMAT_VERSION = 2
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
