"""LLM answer mode: any LangChain chat model writes the answer, under the extractive guarantees.

    from langchain_openai import ChatOpenAI
    a = Assistant("var/index", llm=ChatOpenAI(model="...", base_url="http://127.0.0.1:8080/v1"))

or by configuration (`Settings.llm_provider` = "openai" | "ollama"; see `chat_model_from_settings`
and docs/llm.md).

How an answer is made (`llm_answer`):
1. Gate. The extractive reader (`assistant.reading`) decides whether the retrieved passages
   support the question at all. When it abstains, its abstention is returned and the model is
   never called.
2. Sources. The reader's best-ranked sentences of the retrieved chunks become numbered sources,
   each an exact span of a stored article. Articles containing instruction-like text addressed to an AI
   (`looks_like_injection`) are quarantined: none of their sentences is given to the model.
3. Prompt. System rules (Vietnamese and English) and the sources delimited as
   `<source id="n">…</source>` with their text escaped (`prompts.py`).
4. Post-checks (`PostChecker`), sentence by sentence on the model's output: a sentence is kept
   only when it cites at least one given source, does not look like an instruction, and is
   supported by the sources it cites (content-word overlap, every number present, no negation
   the sources lack). Citations to sources that were not given are removed; kept citations are
   renumbered 1..k in order of first use, and each `Citation.quote` is the article span, never
   model text. When no sentence survives, the extractive answer is returned instead
   (mode "extractive-fallback").
5. Follow-ups: `rewrite_question` asks the model for a standalone question and checks its output
   (one line, reasonable length, words drawn from the conversation); otherwise the rule-based
   `condense_question` is used.
"""
from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from corpus.normalize import fold
from corpus.records import Article
from index.retrieval import Hit

from .answering import NOT_FOUND
from .condense import condense_question
from .llm_checks import LLMPolicy, PostChecker, clean_rewrite, looks_like_injection, valid_rewrite
from .prompts import Source, answer_messages, rewrite_messages
from .question import QuestionAnalysis, as_analysis
from .reading import Reader
from .records import Answer

log = logging.getLogger(__name__)

PROVIDERS = ("openai", "ollama")


class LLMError(RuntimeError):
    """The configured language model could not be built or called."""


# --- chat models from configuration -------------------------------------------------------------
def chat_model_from_settings(settings: Any) -> Any | None:
    """The LangChain chat model named by `settings.llm_provider` (None when no LLM is configured).

    - "openai": `langchain_openai.ChatOpenAI` for OpenAI or any OpenAI-compatible endpoint
      (`llm_base_url`, e.g. a llama.cpp / vLLM / LM Studio server); the key is read from the
      environment variable named by `llm_api_key_env` (default OPENAI_API_KEY). A custom endpoint
      without a key gets a placeholder key, as local servers ignore it.
    - "ollama": `langchain_ollama.ChatOllama` (`llm_base_url` defaults to http://localhost:11434).
    Packages are imported only here, when an LLM is configured."""
    provider = (getattr(settings, "llm_provider", None) or "").strip().lower()
    if provider in ("", "none", "off", "extractive"):
        return None
    if provider not in PROVIDERS:
        raise ValueError(f"unknown LLM provider {provider!r}; use one of: {', '.join(PROVIDERS)}")
    model = getattr(settings, "llm_model", None)
    if not model:
        raise ValueError(f"LLM provider {provider!r} needs a model name (--llm-model or CIVIC_LLM_MODEL)")
    base_url = getattr(settings, "llm_base_url", None) or None
    temperature = float(getattr(settings, "llm_temperature", 0.0) or 0.0)
    if provider == "openai":
        try:
            from langchain_openai import ChatOpenAI
        except ImportError as exc:  # pragma: no cover - a dependency of the project
            raise LLMError("langchain-openai is not installed: pip install langchain-openai") from exc
        key_env = getattr(settings, "llm_api_key_env", None) or "OPENAI_API_KEY"
        key = os.environ.get(key_env)
        if not key:
            if not base_url:
                raise ValueError(f"the OpenAI provider needs an API key in ${key_env} "
                                 "(or --llm-base-url for a local OpenAI-compatible server)")
            key = "not-needed"
        return ChatOpenAI(model=model, base_url=base_url, api_key=key, temperature=temperature,
                          timeout=120, max_retries=1)
    try:
        from langchain_ollama import ChatOllama
    except ImportError as exc:  # pragma: no cover
        raise LLMError("langchain-ollama is not installed: pip install langchain-ollama") from exc
    return ChatOllama(model=model, base_url=base_url, temperature=temperature)


def describe_model(llm: Any) -> str:
    """A short name for a chat model ("ChatOpenAI:gpt-4o-mini")."""
    name = getattr(llm, "model_name", None) or getattr(llm, "model", None)
    return f"{type(llm).__name__}:{name}" if name else type(llm).__name__


# --- sources ------------------------------------------------------------------------------------
@dataclass
class Prepared:
    """What the LLM step works from: the numbered sources, or a decision not to call the model."""

    question: str
    sources: list[Source]
    fallback: Answer  # the extractive answer (an abstention when the passages do not support the question)
    supported: bool
    quarantined: list[str]


def prepare(question: str | QuestionAnalysis, hits: list[Hit], articles: dict[str, Article], reader: Reader,
            policy: LLMPolicy = LLMPolicy()) -> Prepared:
    """Gate, quarantine and number the sources for `question`.

    Quarantined articles (instruction-like text addressed to an AI) are left out of everything
    the LLM mode does: the gate, the sources and the extractive fallback. The reader (the
    extractive answerer) is the gate: when it abstains, the model is not asked. Its ranking of
    the evidence sentences, best first, gives the sources."""
    quarantined = sorted({a.id for a in articles.values() if looks_like_injection(a.title + "\n" + a.text)})
    hits = [h for h in hits if h.article_id not in quarantined]
    qa = as_analysis(question)
    reading = reader.read(qa, hits, articles)
    fallback = reader.answer(qa, hits, articles, reading)
    ranked = [] if fallback.abstained else reading.sentences
    sources: list[Source] = []
    seen: set[str] = set()
    for sent in ranked:
        text = articles[sent.article_id].text[sent.start:sent.end]
        key = fold(text)
        if key in seen or looks_like_injection(text):
            continue
        seen.add(key)
        article = articles[sent.article_id]
        sources.append(Source(n=len(sources) + 1, article_id=article.id, title=article.title,
                              date=article.date, source=article.source, url=article.url,
                              start=sent.start, end=sent.end, text=text, score=round(sent.hit.score, 4)))
        if len(sources) == policy.max_sources:
            break
    return Prepared(qa.text, sources, fallback, bool(sources), quarantined)


# --- the answer step ----------------------------------------------------------------------------
def _text_of(chunk: Any) -> str:
    content = getattr(chunk, "content", chunk)
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    return str(content or "")


def llm_answer(llm: Any, question: str | QuestionAnalysis, hits: list[Hit], articles: dict[str, Article],
               reader: Reader, policy: LLMPolicy = LLMPolicy(),
               emit: Callable[[str], None] | None = None) -> Answer:
    """A cited answer written by `llm` from numbered sources, post-checked; see the module doc.

    `emit`, when given, receives each checked piece of the answer as soon as it passes (the pieces
    concatenate to `Answer.answer`); nothing is emitted for an abstention or a fallback."""
    qa = as_analysis(question)
    question = qa.text
    prepared = prepare(qa, hits, articles, reader, policy)
    if not prepared.supported:
        return prepared.fallback  # no support: the model is not asked to guess
    checker = PostChecker(qa, prepared.sources, policy)
    messages = answer_messages(question, prepared.sources)
    try:
        if emit is None:
            checker.feed(_text_of(llm.invoke(messages)))
        else:
            for chunk in llm.stream(messages):
                for piece in checker.feed(_text_of(chunk)):
                    emit(piece)
        for piece in checker.close():
            if emit is not None:
                emit(piece)
    except Exception as exc:  # noqa: BLE001 - any client error becomes one clear error type
        raise LLMError(f"the language model failed ({describe_model(llm)}): {type(exc).__name__}: {exc}") from exc
    for dropped in checker.dropped:
        log.info("dropped model sentence (%s): %s", dropped.reason, dropped.text)
    if not checker.pieces:
        fallback = prepared.fallback
        if checker.says_not_found and not fallback.abstained:
            # the model read the sources and found no answer: abstain rather than guess
            near = fallback.see_also or fallback.citations
            return Answer(question, NOT_FOUND, True, [], see_also=near, mode="llm")
        fallback.mode = "extractive-fallback"
        return fallback
    text = checker.text
    short = re.sub(r"\s*(?:\[\d+\])+", "", checker.pieces[0]).strip()
    return Answer(question, text, False, checker.citations(), short_answer=short, mode="llm")


# --- follow-ups ---------------------------------------------------------------------------------
def rewrite_question(llm: Any, question: str, history: list[str], policy: LLMPolicy = LLMPolicy()) -> str:
    """A standalone version of the follow-up `question`, written by `llm` from the previous
    questions and checked; the rule-based `condense_question` when the output is unusable."""
    if not history:
        return question
    recent = list(history)[-3:]
    try:
        raw = _text_of(llm.invoke(rewrite_messages(question, recent)))
    except Exception as exc:  # noqa: BLE001
        raise LLMError(f"the language model failed ({describe_model(llm)}): {type(exc).__name__}: {exc}") from exc
    candidate = clean_rewrite(raw)
    if candidate and valid_rewrite(candidate, question, recent, policy):
        return candidate
    log.info("unusable rewrite %r; using the rule-based condensation", raw[:200])
    return condense_question(question, history)


# --- streaming helpers --------------------------------------------------------------------------
def chunk_text(text: str) -> Iterator[str]:
    """A finished answer's text in word-sized chunks (streaming of extractive answers)."""
    for match in re.finditer(r"\s*\S+", text):
        yield match.group(0)
    trailing = len(text) - len(text.rstrip())
    if trailing:
        yield text[len(text) - trailing:]




def stream_chain(chain: Any, state: dict, streams: bool) -> Iterator[Any]:
    """Run the answer chain and yield text pieces, then the final `Answer`.

    With an LLM (`streams`), the chain runs in a worker thread and the pieces are the checked
    sentences as they pass the post-checks; otherwise (and for abstentions, structured answers and
    fallbacks) the finished answer's text is yielded in word-sized chunks. The pieces always
    concatenate to `Answer.answer`."""
    import queue
    import threading

    if not streams:
        answer = chain.invoke(state)
        yield from chunk_text(answer.answer)
        yield answer
        return
    items: queue.Queue[Any] = queue.Queue()

    def run() -> None:
        try:
            items.put(("answer", chain.invoke({**state, "emit": items.put})))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            items.put(("error", exc))

    threading.Thread(target=run, name="civic-answer", daemon=True).start()
    emitted = False
    while True:
        item = items.get()
        if isinstance(item, str):
            emitted = True
            yield item
            continue
        kind, value = item
        if kind == "error":
            raise value
        if not emitted:
            yield from chunk_text(value.answer)
        yield value
        return


__all__ = [
    "LLMError", "LLMPolicy", "PostChecker", "Prepared", "chat_model_from_settings", "chunk_text", "clean_rewrite",
    "describe_model", "llm_answer", "looks_like_injection", "prepare", "rewrite_question", "stream_chain",
    "valid_rewrite",
]
