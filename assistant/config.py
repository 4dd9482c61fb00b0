"""One settings object for the whole product, from defaults, a profile, environment and arguments.

Environment variables (all optional): CIVIC_INDEX_DIR, CIVIC_EMBEDDING_MODEL, CIVIC_DEVICE,
CIVIC_CHROMA_URL (+ CIVIC_CHROMA_TOKEN, read by index.store), CIVIC_CHUNK_CHARS, CIVIC_CHUNK_OVERLAP,
CIVIC_RETRIEVAL_MODE; read by index.embeddings: CIVIC_EMBED_BACKEND (auto | onnx | torch),
CIVIC_TORCH_THREADS; passed to corpus.readers / corpus.fetch: CIVIC_URL_TIMEOUT, CIVIC_FETCH_DELAY; for the optional LLM
answer mode (docs/llm.md) CIVIC_LLM_PROVIDER (openai | ollama), CIVIC_LLM_MODEL, CIVIC_LLM_BASE_URL,
CIVIC_LLM_API_KEY_ENV (name of the variable holding the key; default OPENAI_API_KEY),
CIVIC_LLM_TEMPERATURE.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from index.embeddings import DEFAULT_MODEL

DEFAULT_INDEX_DIR = "var/index"


def quiet_third_parties() -> None:
    """No telemetry and no model downloads unless the user explicitly allowed them."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # Ray (ingest --ray) sends no usage reports


@dataclass(frozen=True)
class Settings:
    """Everything configurable. `from_env` reads CIVIC_* variables over the defaults."""

    index_dir: Path = Path(DEFAULT_INDEX_DIR)
    embedding_model: str = DEFAULT_MODEL
    device: str | None = None
    chroma_url: str | None = None
    chunk_chars: int = 900
    chunk_overlap: int = 200
    retrieval_mode: str = "hybrid"  # hybrid | bm25 | dense
    reader_model: str | None = None  # the reader's weights; None: assistant/models/reader.json
    llm_provider: str | None = None  # None (extractive answers) | openai | ollama
    llm_model: str | None = None
    llm_base_url: str | None = None
    llm_api_key_env: str = "OPENAI_API_KEY"
    llm_temperature: float = 0.0
    url_timeout: float | None = None  # seconds for fetching one URL; None: corpus.fetch.URL_TIMEOUT_S
    fetch_delay: float | None = None  # seconds between two requests to one host; None: corpus.fetch.FETCH_DELAY_S
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        env = os.environ
        settings = cls(
            index_dir=Path(env.get("CIVIC_INDEX_DIR", DEFAULT_INDEX_DIR)),
            embedding_model=env.get("CIVIC_EMBEDDING_MODEL", DEFAULT_MODEL),
            device=env.get("CIVIC_DEVICE") or None,
            chroma_url=env.get("CIVIC_CHROMA_URL") or None,
            chunk_chars=int(env.get("CIVIC_CHUNK_CHARS", 900)),
            chunk_overlap=int(env.get("CIVIC_CHUNK_OVERLAP", 200)),
            retrieval_mode=env.get("CIVIC_RETRIEVAL_MODE", "hybrid"),
            reader_model=env.get("CIVIC_READER_MODEL") or None,
            llm_provider=env.get("CIVIC_LLM_PROVIDER") or None,
            llm_model=env.get("CIVIC_LLM_MODEL") or None,
            llm_base_url=env.get("CIVIC_LLM_BASE_URL") or None,
            llm_api_key_env=env.get("CIVIC_LLM_API_KEY_ENV") or "OPENAI_API_KEY",
            llm_temperature=float(env.get("CIVIC_LLM_TEMPERATURE") or 0.0),
            url_timeout=_seconds(env.get("CIVIC_URL_TIMEOUT"), zero=False),
            fetch_delay=_seconds(env.get("CIVIC_FETCH_DELAY"), zero=True),
        )
        given = {k: v for k, v in overrides.items() if v is not None}
        if "index_dir" in given:
            given["index_dir"] = Path(given["index_dir"])  # type: ignore[arg-type]
        return replace(settings, **given)  # type: ignore[arg-type]


def _seconds(text: str | None, zero: bool) -> float | None:
    """A number of seconds from a setting's text (above 0, or 0 too when `zero`); None otherwise."""
    try:
        value = float(text or "")
    except ValueError:
        return None
    return value if value > 0 or (zero and value == 0) else None
