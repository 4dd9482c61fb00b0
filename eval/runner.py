"""The evaluation runner: a question set × one or more configurations → results, summary, report.

`civic eval SET --index DIR --out DIR [--config NAME ...]` and `run_eval(...)` do the same thing:

1. Load the set: a JSON Lines file (DESIGN.md format; `eval/sets/*.jsonl`) or XQuAD-vi (`xquad`, or
   a folder holding `passages.jsonl` + `questions.jsonl`).
2. Open the index; when it is empty (or it is the runner's own cached index, or `--corpus` was
   given, and it lacks the set's evidence articles) ingest the corpus: `--corpus PATH`, else the
   set's own corpus (demo.jsonl → corpus/articles, civic_news.jsonl →
   ../shared/data/civic_news/articles.jsonl, XQuAD → its passages as a temporary JSONL). A set
   whose corpus is absent is skipped cleanly.
3. For each configuration — a named set of `Assistant` keyword arguments (`CONFIGS`) — and each
   question: `retrieve(question, k=10)` for retrieval metrics (article level; a followup's query
   is its history and question joined) and `ask(question, history=...)` for the answer metrics,
   each timed.
4. Write `results.jsonl`, `summary.json`, `report.md` and PNG plots to the output folder.

Only the public `assistant` API is used, like any user would.
"""
from __future__ import annotations

import gc
import inspect
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, is_dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from . import metrics, splits, xquad
from .sets import ROOT, Question, check_evidence, default_corpus, index_name, load_questions

# A configuration is a named set of Assistant keyword arguments. The retrieval configurations
# pin the extractive answerer, so a configured LLM (CIVIC_LLM_*) does not leak into them; `llm`
# answers with the configured chat model over hybrid retrieval (docs/llm.md).
CONFIGS: dict[str, dict[str, Any]] = {
    "hybrid": {"retrieval_mode": "hybrid", "answerer": "extractive"},
    "bm25": {"retrieval_mode": "bm25", "answerer": "extractive"},
    "dense": {"retrieval_mode": "dense", "answerer": "extractive"},
    "llm": {"retrieval_mode": "hybrid", "answerer": "llm"},
}
PLANNED: dict[str, str] = {}  # name → why it cannot run yet
DEFAULT_K = 10


class SetUnavailable(RuntimeError):
    """The set's corpus (or data) is not on this machine; the run is skipped, not failed."""


# --- configurations -----------------------------------------------------------------------------
def parse_config(spec: str) -> tuple[str, dict[str, Any]]:
    """`NAME` from `CONFIGS`, or `NAME:key=value,key=value` for Assistant keyword arguments
    (values parsed as JSON when they can be: `k=5`, `flag=true`); checked against the Assistant's
    signature so a typo is a clear error rather than a crash mid-run."""
    name, _, rest = spec.partition(":")
    name = name.strip()
    if not name:
        raise ValueError(f"config {spec!r} has no name")
    if not rest:
        if name in CONFIGS:
            kwargs = dict(CONFIGS[name])
            if kwargs.get("answerer") == "extractive" and "answerer" not in _accepted_kwargs():
                kwargs.pop("answerer")  # an Assistant without a choice of answerer is extractive
            _check_kwargs(name, kwargs)
            return name, kwargs
        if name in PLANNED:
            raise ValueError(f"config {name!r} is not available: {PLANNED[name]}")
        raise ValueError(f"unknown config {name!r}; known: {', '.join(CONFIGS)} "
                         "(or NAME:key=value,... with Assistant keyword arguments)")
    kwargs: dict[str, Any] = dict(CONFIGS.get(name, {}))
    for pair in rest.split(","):
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"config {spec!r}: expected key=value, got {pair!r}")
        try:
            kwargs[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            kwargs[key.strip()] = value.strip()
    _check_kwargs(name, kwargs)
    return name, kwargs


def _accepted_kwargs() -> list[str]:
    from assistant import Assistant

    params = inspect.signature(Assistant.__init__).parameters
    return [p for p in params if p not in ("self", "index_dir")]


def _check_kwargs(name: str, kwargs: dict[str, Any]) -> None:
    accepted = _accepted_kwargs()
    unknown = [k for k in kwargs if k not in accepted]
    if unknown:
        raise ValueError(f"config {name!r}: Assistant does not accept {', '.join(unknown)} "
                         f"(accepted: {', '.join(accepted)})")


# --- the run ------------------------------------------------------------------------------------
def run_eval(
    set_path: str | os.PathLike[str],
    index_dir: str | os.PathLike[str] | None = None,
    out_dir: str | os.PathLike[str] | None = None,
    configs: Sequence[str] = ("hybrid",),
    corpus: Sequence[str | os.PathLike[str]] | str | os.PathLike[str] | None = None,
    limit: int | None = None,
    progress: bool = True,
    *,
    types: Sequence[str] | None = None,
    split: str | Sequence[str] | None = None,
    embedding_model: str | None = None,
    device: str | None = None,
    chroma_url: str | None = None,
    k: int = DEFAULT_K,
    command: str | None = None,
    log: Callable[[str], None] | None = None,
) -> dict:
    """Evaluate `configs` on a question set and write results.jsonl, summary.json, report.md and
    PNG plots to `out_dir`; returns the summary (also what summary.json holds).

    `index_dir` defaults to var/eval-index/<set> (shipped sets over one corpus share one:
    `eval.sets.index_name`); `out_dir` to var/eval/<set>-<timestamp>.
    `limit` keeps N questions spread evenly over the set (every type stays represented in a
    small run); `types` keeps only those question types; `split` only the questions of that
    sealed split ("train", "dev", "test", or several; `eval.splits`). A set whose corpus is absent returns
    `{"skipped": reason}` without writing anything.
    """
    from .report import write_outputs

    say = log or (lambda message: print(message, file=sys.stderr))
    parsed = [parse_config(spec) for spec in configs] or [parse_config("hybrid")]
    if len({name for name, _ in parsed}) != len(parsed):
        raise ValueError("config names must be distinct")
    started = time.time()
    common = {key: value for key, value in
              {"embedding_model": embedding_model, "device": device, "chroma_url": chroma_url}.items() if value}

    with tempfile.TemporaryDirectory(prefix="civic-eval-") as scratch:
        try:
            name, questions, corpus_paths = _prepare_set(set_path, corpus, Path(scratch))
        except SetUnavailable as exc:
            say(f"skipped {set_path}: {exc}")
            return {"set": str(set_path), "skipped": str(exc)}
        if types:
            questions = [q for q in questions if q.type in set(types)]
        questions = splits.select(questions, split)
        questions = _spread(questions, limit)
        if not questions:
            raise ValueError("no questions to run (check --type / --split / --limit)")
        # our own cached index per set (may be filled freely) unless the caller names one
        own_index = index_dir is None
        index = Path(index_dir) if index_dir else ROOT / "var" / "eval-index" / (
            index_name(name) + (f"-{_slug(embedding_model)}" if embedding_model else ""))
        out = Path(out_dir) if out_dir else ROOT / "var" / "eval" / f"{name}-{datetime.now():%Y%m%d-%H%M%S}"

        from assistant import Assistant

        # open every configuration once before any work, so a configuration that cannot run
        # (e.g. `llm` without a chat model) fails in seconds, not after the others have run
        for config_name, kwargs in parsed[1:]:
            try:
                Assistant(index, **common, **kwargs)
            except (ValueError, TypeError) as exc:
                raise ValueError(f"config {config_name!r}: {exc}") from exc
        gc.collect()

        rows: list[dict] = []
        per_config: dict[str, dict] = {}
        warnings: list[str] = []
        index_info: dict = {}
        texts = _TextCache()
        for position, (config_name, kwargs) in enumerate(parsed):
            try:
                assistant = Assistant(index, **common, **kwargs)
            except (ValueError, TypeError) as exc:
                raise ValueError(f"config {config_name!r}: {exc}") from exc
            texts.assistant = assistant
            if position == 0:
                ingest_seconds = _ensure_indexed(assistant, questions, corpus_paths, bool(corpus) or own_index, say)
                index_info = {key: value for key, value in assistant.stats().items()
                              if key in ("articles", "chunks", "vectors", "embedding_model", "dimension", "index_dir")}
                index_info["ingest_seconds"] = ingest_seconds
                warnings = check_evidence(questions, texts.for_ids(
                    {e.article_id for q in questions for e in q.evidence}))
                for problem in warnings[:10]:
                    say(f"warning: {problem}")
            _warm_up(assistant)
            config_started = time.time()
            config_rows = []
            bar = _progress(len(questions), config_name, progress)
            for q in questions:
                row = evaluate_question(assistant, q, texts, k=k)
                row["config"] = config_name
                config_rows.append(row)
                bar.update(1)
            bar.close()
            rows.extend(config_rows)
            per_config[config_name] = {
                "assistant_kwargs": {**common, **kwargs},
                "seconds": round(time.time() - config_started, 2),
                "overall": metrics.summarise(config_rows),
                "by_type": {t: metrics.summarise([r for r in config_rows if r["type"] == t])
                            for t in _types_in(questions)},
            }
            del assistant
            texts.assistant = None
            gc.collect()

    summary = {
        "set": str(set_path),
        "name": name,
        "questions": len(questions),
        "split": split if isinstance(split, str) or split is None else list(split),
        "types": {t: sum(1 for q in questions if q.type == t) for t in _types_in(questions)},
        "configs": per_config,
        "index": index_info,
        "warnings": warnings,
        "meta": {
            "command": command,
            "started": datetime.fromtimestamp(started).isoformat(timespec="seconds"),
            "seconds": round(time.time() - started, 1),
            "k": k,
            "limit": limit,
            "git_commit": _git_commit(),
            "python": platform.python_version(),
            "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        },
        "out_dir": str(out),
    }
    write_outputs(out, rows, summary)
    return summary


def evaluate_question(assistant: Any, q: Question, texts: _TextCache, k: int = DEFAULT_K) -> dict:
    """Retrieve and ask one question; the result row with every per-question metric."""
    row: dict[str, Any] = {
        "id": q.id, "type": q.type, "list": q.list, "question": q.question,
        "history": list(q.history), "answers": list(q.answers), "answerable": q.answerable,
        "evidence_articles": q.evidence_articles,
    }
    query = " ".join([*q.history, q.question]) if q.history else q.question
    errors = []
    started = time.perf_counter()
    try:
        hits = assistant.retrieve(query, k=k)
    except Exception as exc:  # noqa: BLE001 - a failing question must not stop the run
        hits = []
        errors.append(f"retrieve: {type(exc).__name__}: {exc}")
    row["retrieve_latency"] = time.perf_counter() - started
    ranking = metrics.article_ranking(h.article_id for h in hits)
    row["retrieved"] = ranking
    row["rank"] = metrics.retrieval_rank(ranking, q.evidence_articles)

    started = time.perf_counter()
    answer = None
    try:
        answer = assistant.ask(q.question, history=list(q.history) or None)
    except Exception as exc:  # noqa: BLE001
        errors.append(f"ask: {type(exc).__name__}: {exc}")
    row["latency"] = time.perf_counter() - started if answer is not None else None

    citations = [_as_dict(c) for c in getattr(answer, "citations", [])] if answer else []
    see_also = [_as_dict(c) for c in getattr(answer, "see_also", []) or []] if answer else []
    text = answer.answer if answer else ""
    abstained = bool(answer.abstained) if answer else False
    row.update({
        "answer": text, "abstained": abstained, "mode": getattr(answer, "mode", None),
        "confidence": getattr(answer, "confidence", None),  # the reader's answerable probability
        "citations": [_short_citation(c) for c in citations],
        "see_also": [_short_citation(c) for c in see_also],
        "timings": dict(getattr(answer, "timings", {}) or {}),
        "error": "; ".join(errors) or None,
    })
    cited_texts = texts.for_ids({c["article_id"] for c in citations + see_also}
                                | {e.article_id for e in q.evidence})
    valid, total = metrics.citation_validity(citations + see_also, cited_texts)
    row["citations_valid"], row["citations_total"] = valid, total
    row["invalid_citations"] = [c["n"] for c in citations + see_also if not metrics.citation_valid(c, cited_texts)]
    row["answer_words"] = metrics.word_count(text) if answer and not abstained else 0

    golds = list(q.answers)
    if q.answerable and answer is not None:
        # a list answer is correct only when complete
        row["correct"] = (metrics.list_recall_precision(text, golds, abstained)[0] == 1.0 if q.list
                          else metrics.answer_correct(text, golds, abstained))
        # the short answer of a list is the list itself (each item carries its own marker)
        row["strict_correct"] = row["correct"] if q.list else (not abstained) and any(
            metrics.contains_answer(metrics.first_segment(text), g) for g in golds)
        if q.list:
            row["item_recall"], row["item_precision"] = metrics.list_recall_precision(text, golds, abstained)
            row["listed_recall"] = metrics.listed_recall(text, golds, abstained)
        spans = metrics.locate_evidence([asdict(e) for e in q.evidence], cited_texts)
        row["citation_precision"] = None if abstained else metrics.citation_precision(citations, spans, golds)
    else:
        row["correct"] = row["strict_correct"] = False
        row["citation_precision"] = None
        if q.list:
            row["item_recall"], row["item_precision"], row["listed_recall"] = (0.0, 0.0, 0.0)
    return row


# --- helpers ------------------------------------------------------------------------------------
class _TextCache:
    """Stored article texts, read through the public `Assistant.article`."""

    def __init__(self):
        self.assistant = None
        self.texts: dict[str, str | None] = {}

    def for_ids(self, ids) -> dict[str, str]:
        for article_id in ids:
            if article_id not in self.texts and self.assistant is not None:
                article = self.assistant.article(article_id)
                self.texts[article_id] = article.text if article is not None else None
        return {i: self.texts[i] for i in ids if self.texts.get(i) is not None}


def _prepare_set(set_path, corpus, scratch: Path) -> tuple[str, list[Question], list[str]]:
    """(name, questions, corpus paths to ingest if needed)."""
    explicit = [str(p) for p in ([corpus] if isinstance(corpus, (str, os.PathLike)) else corpus or [])]
    if xquad.is_xquad(set_path):
        folder = xquad.resolve(set_path)
        try:
            questions, passages = xquad.load_xquad(folder)
        except FileNotFoundError as exc:
            raise SetUnavailable(str(exc)) from exc
        articles = xquad.write_articles(passages, scratch / "xquad-vi-passages.jsonl")
        return "xquad-vi", questions, explicit or [str(articles)]
    path = Path(set_path)
    if not path.is_file():
        raise FileNotFoundError(f"question set not found: {path}")
    questions = load_questions(path)
    if explicit:
        return path.stem, questions, explicit
    default = default_corpus(path)
    if default is not None and not default.exists():
        raise SetUnavailable(f"its corpus {default} is not present")
    return path.stem, questions, [str(default)] if default else []


def _ensure_indexed(assistant, questions, corpus_paths, may_fill: bool, say) -> float | None:
    """Ingest the corpus when the index is empty, or when it lacks evidence articles and we may
    fill it (a corpus was given, or it is the runner's own cached index). Ingesting is idempotent.
    A user's index that lacks evidence articles is left alone, with a warning."""
    needed = {e.article_id for q in questions for e in q.evidence}
    empty = assistant.stats().get("articles", 0) == 0
    missing = [a for a in sorted(needed) if assistant.article(a) is None] if not empty else sorted(needed)
    if not empty and not missing:
        return None
    if not corpus_paths or not (empty or may_fill):
        if empty:
            raise ValueError(f"the index {assistant.index_dir} is empty; give --corpus PATH to ingest")
        say(f"warning: {len(missing)} evidence articles are not in the index {assistant.index_dir} "
            f"(e.g. {missing[0]}); give --corpus PATH to ingest them")
        return None
    say(f"ingesting {', '.join(corpus_paths)} into {assistant.index_dir} …")
    started = time.time()
    stats = assistant.ingest(corpus_paths)
    if not stats.ok:
        raise ValueError("ingest failed: " + "; ".join(str(e) for e in stats.errors[:5]))
    return round(time.time() - started, 1)


def _warm_up(assistant) -> None:
    """Load models and indexes before timing (first-call costs are not per-question latency)."""
    for call in (lambda: assistant.retrieve("giao ước thi đua", k=3),
                 lambda: assistant.ask("giao ước thi đua")):
        try:
            call()
        except Exception:  # noqa: BLE001 - the real calls will record the error
            pass


def _spread(questions: list[Question], limit: int | None) -> list[Question]:
    if not limit or limit >= len(questions):
        return questions
    if limit <= 0:
        raise ValueError("--limit must be positive")
    step = len(questions) / limit
    return [questions[int(i * step)] for i in range(limit)]


def _types_in(questions: Sequence[Question]) -> list[str]:
    from .sets import TYPES

    present = {q.type for q in questions}
    return [t for t in TYPES if t in present]


def _as_dict(obj: Any) -> dict:
    if isinstance(obj, dict):
        return obj
    if is_dataclass(obj):
        return asdict(obj)
    return dict(vars(obj))


def _short_citation(c: dict) -> dict:
    keys = ("n", "article_id", "title", "date", "source", "url", "quote", "start", "end", "score")
    return {key: c.get(key) for key in keys}


def _progress(total: int, name: str, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc=f"{name:>8}", unit="q", disable=not enabled, file=sys.stderr,
                dynamic_ncols=True, leave=True)


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in Path(text).name)


def _git_commit() -> str | None:
    """The short HEAD commit, with "+changes" when tracked files differ from it (read-only git)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, timeout=5).stdout.strip()
        changed = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                                 capture_output=True, text=True, timeout=5).stdout.strip()
        return (head + ("+changes" if changed else "")) or None
    except Exception:  # noqa: BLE001
        return None
