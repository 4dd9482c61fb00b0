"""One settings object for the whole product: defaults, then CIVIC_* environment variables, then
arguments — read once here (`Settings.from_env`) and passed down; `corpus/` and `index/` read no
environment.

Environment variables (all optional): CIVIC_INDEX_DIR, CIVIC_EMBEDDING_MODEL, CIVIC_DEVICE,
CIVIC_CHROMA_URL (+ CIVIC_CHROMA_TOKEN for a server behind a token-checking proxy), CIVIC_CHUNK_CHARS,
CIVIC_CHUNK_OVERLAP, CIVIC_RETRIEVAL_MODE, CIVIC_READER_MODEL; for the embedder: CIVIC_EMBED_BACKEND
(auto | onnx | torch), CIVIC_TORCH_THREADS (threads for embedding passages; 0: every CPU),
CIVIC_MODEL_CACHE (where the default e5 model is built; default
$XDG_CACHE_HOME/civic-assistant/models/multilingual-e5-small, or ~/.cache/…); read by
corpus.readers / corpus.fetch: CIVIC_URL_TIMEOUT, CIVIC_FETCH_DELAY; for the optional LLM answer
mode (docs/llm.md) CIVIC_LLM_PROVIDER (openai | ollama), CIVIC_LLM_MODEL, CIVIC_LLM_BASE_URL,
CIVIC_LLM_API_KEY_ENV (name of the variable holding the key; default OPENAI_API_KEY),
CIVIC_LLM_TEMPERATURE. An empty variable counts as unset.
"""
from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from e5build import default_model_dir
from index.embeddings import DEFAULT_MODEL

DEFAULT_INDEX_DIR = "var/index"


def quiet_third_parties() -> None:
    """No telemetry and no model downloads unless the user explicitly allowed them (the one place
    that sets third parties' environment variables)."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # Ray (ingest --ray) sends no usage reports
    # a local Ray listens on loopback only (read when ray is first imported; Ray's default anyway)
    os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")


def default_model_cache() -> Path:
    """Where the default e5 model is built when CIVIC_MODEL_CACHE is not set: under
    $XDG_CACHE_HOME, or ~/.cache."""
    return default_model_dir(os.environ.get("XDG_CACHE_HOME") or None)


class Settings(BaseSettings):
    """Everything configurable. `from_env` reads CIVIC_* variables over the defaults."""

    model_config = SettingsConfigDict(env_prefix="CIVIC_", env_ignore_empty=True, frozen=True,
                                      extra="ignore", protected_namespaces=())

    index_dir: Path = Path(DEFAULT_INDEX_DIR)
    embedding_model: str = DEFAULT_MODEL
    device: str | None = None
    chroma_url: str | None = None
    chroma_token: SecretStr | None = None  # never printed; sent to the Chroma server only
    chunk_chars: int = 900
    chunk_overlap: int = 200
    retrieval_mode: str = "hybrid"  # hybrid | bm25 | dense
    embed_backend: str = "auto"  # auto | onnx | torch (checked by index.embeddings)
    torch_threads: int = 0  # threads for embedding passages; 0: every CPU
    model_cache: Path = Field(default_factory=default_model_cache)
    reader_model: str | None = None  # the reader's weights; None: assistant/models/reader.json
    llm_provider: str | None = None  # None (extractive answers) | openai | ollama
    llm_model: str | None = None
    llm_base_url: str | None = None
    llm_api_key_env: str = "OPENAI_API_KEY"
    llm_temperature: float = 0.0
    url_timeout: float | None = None  # seconds for fetching one URL; None: corpus.fetch.URL_TIMEOUT_S
    fetch_delay: float | None = None  # seconds between two requests to one host; None: corpus.fetch.FETCH_DELAY_S
    extra: dict = Field(default_factory=dict)

    @field_validator("url_timeout", "fetch_delay", mode="before")
    @classmethod
    def _seconds(cls, value: object, info: ValidationInfo) -> float | None:
        """A number of seconds (above 0; a delay may be 0); anything else means the default."""
        try:
            seconds = float(value) if value is not None else None
        except (TypeError, ValueError):
            return None
        if seconds is None or seconds != seconds:  # None or NaN
            return None
        return seconds if seconds > 0 or (info.field_name == "fetch_delay" and seconds == 0) else None

    @field_validator("model_cache")
    @classmethod
    def _expand_user(cls, value: Path) -> Path:
        return Path(value).expanduser()

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """The settings from the environment, with `overrides` (those that are None are ignored)
        taking precedence."""
        return cls(**{k: v for k, v in overrides.items() if v is not None})

    def replace(self, **overrides: object) -> Settings:
        """A copy with `overrides` (those that are None are ignored), validated like the original."""
        given = {k: v for k, v in overrides.items() if v is not None}
        return type(self).model_validate({**self.model_dump(), **given}) if given else self

    @property
    def chroma_token_value(self) -> str | None:
        """The Chroma token in clear text, for the client that sends it."""
        return self.chroma_token.get_secret_value() if self.chroma_token else None
