"""The one settings object (`assistant.config.Settings`): CIVIC_* variables read once, overrides on
top, values passed down — `corpus/`, `index/` and `e5build/` read no environment."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

from assistant.config import DEFAULT_INDEX_DIR, Settings, default_model_cache


def test_defaults_environment_and_overrides(monkeypatch):
    for name in ("CIVIC_INDEX_DIR", "CIVIC_DEVICE", "CIVIC_CHUNK_CHARS", "CIVIC_TORCH_THREADS",
                 "CIVIC_EMBED_BACKEND", "CIVIC_MODEL_CACHE", "CIVIC_CHROMA_TOKEN", "CIVIC_LLM_TEMPERATURE"):
        monkeypatch.delenv(name, raising=False)
    s = Settings.from_env()
    assert s.index_dir == Path(DEFAULT_INDEX_DIR) and s.chunk_chars == 900 and s.device is None
    assert (s.embed_backend, s.torch_threads, s.chroma_token) == ("auto", 0, None)
    monkeypatch.setenv("CIVIC_INDEX_DIR", "/tmp/some-index")
    monkeypatch.setenv("CIVIC_CHUNK_CHARS", "700")
    monkeypatch.setenv("CIVIC_DEVICE", "")  # empty: unset
    monkeypatch.setenv("CIVIC_TORCH_THREADS", "3")
    monkeypatch.setenv("CIVIC_EMBED_BACKEND", "torch")
    monkeypatch.setenv("CIVIC_LLM_TEMPERATURE", "0.2")
    s = Settings.from_env(chunk_chars=None, retrieval_mode="bm25")  # None overrides are ignored
    assert s.index_dir == Path("/tmp/some-index") and s.chunk_chars == 700 and s.device is None
    assert (s.torch_threads, s.embed_backend, s.retrieval_mode, s.llm_temperature) == (3, "torch", "bm25", 0.2)
    assert Settings.from_env(index_dir="elsewhere").index_dir == Path("elsewhere")
    again = s.replace(index_dir="other", device=None)
    assert again.index_dir == Path("other") and again.chunk_chars == 700 and s.index_dir == Path("/tmp/some-index")
    monkeypatch.setenv("CIVIC_CHUNK_CHARS", "many")
    with pytest.raises(ValueError):
        Settings.from_env()


def test_the_chroma_token_is_never_printed(monkeypatch):
    monkeypatch.setenv("CIVIC_CHROMA_TOKEN", "s3cret")
    s = Settings.from_env()
    assert s.chroma_token_value == "s3cret"
    assert "s3cret" not in repr(s) and "s3cret" not in str(s) and "s3cret" not in str(s.model_dump())


def test_model_cache_is_where_it_always_was(monkeypatch, tmp_path):
    monkeypatch.delenv("CIVIC_MODEL_CACHE", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    home = Path.home() / ".cache" / "civic-assistant" / "models" / "multilingual-e5-small"
    assert default_model_cache() == home and Settings.from_env().model_cache == home
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert Settings.from_env().model_cache == tmp_path / "civic-assistant" / "models" / "multilingual-e5-small"
    monkeypatch.setenv("CIVIC_MODEL_CACHE", "~/models/e5")
    assert Settings.from_env().model_cache == Path.home() / "models" / "e5"


def test_corpus_index_and_the_model_builder_read_no_environment():
    reads = re.compile(r"os\.environ(?!\.setdefault)|os\.getenv|environ\.get")
    found = [f"{path.relative_to(ROOT)}:{n}" for folder in ("corpus", "index", "e5build")
             for path in sorted((ROOT / folder).rglob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if reads.search(line)]
    assert found == []


def test_fetch_settings_from_the_environment(monkeypatch):
    from assistant.config import Settings

    monkeypatch.setenv("CIVIC_URL_TIMEOUT", "7.5")
    monkeypatch.setenv("CIVIC_FETCH_DELAY", "0")
    settings = Settings.from_env()
    assert settings.url_timeout == 7.5 and settings.fetch_delay == 0.0
    monkeypatch.setenv("CIVIC_URL_TIMEOUT", "0")  # a timeout must be above 0: the default then
    monkeypatch.setenv("CIVIC_FETCH_DELAY", "soon")  # not a number: the default
    settings = Settings.from_env()
    assert settings.url_timeout is None and settings.fetch_delay is None
    assert Settings.from_env(url_timeout=3).url_timeout == 3.0
