"""Question sets: loading, format validation (errors name the file and line) and evidence checks.

Format (JSON Lines, one question per line; DESIGN.md):
`{"id", "question", "type", "answers": [...], "list": bool, "history": [...],
  "evidence": [{"article_id", "quote"}]}`. `type` is one of `TYPES`; unanswerable questions have
empty `answers` and `evidence`; a `list` question has one answer string per item; a followup has
the earlier questions of the conversation in `history`. Extra keys (e.g. "note") are kept.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .metrics import contains_answer

TYPES = ("factoid", "list", "theme", "pact", "unanswerable", "no_diacritics", "followup", "english")

ROOT = Path(__file__).resolve().parents[1]
SETS_DIR = Path(__file__).resolve().parent / "sets"
SHARED_DATA = Path(os.environ.get("CIVIC_SHARED_DIR", ROOT.parent / "shared")) / "data"

# The corpus each shipped set was written over (used when --corpus is not given).
DEFAULT_CORPORA = {
    "demo": ROOT / "corpus" / "articles",
    "civic_news": SHARED_DATA / "civic_news" / "articles.jsonl",
    "civic_news_b": SHARED_DATA / "civic_news" / "articles.jsonl",
    "civic_news_c": SHARED_DATA / "civic_news" / "articles.jsonl",
    "civic_news_d": SHARED_DATA / "civic_news" / "articles.jsonl",
    "civic_news_e": SHARED_DATA / "civic_news" / "articles.jsonl",
    "civic_news_f": SHARED_DATA / "civic_news" / "articles.jsonl",
    "civic_news_g": SHARED_DATA / "civic_news" / "articles.jsonl",
    "civic_news_h": SHARED_DATA / "civic_news" / "articles.jsonl",
    "civic_news_i": SHARED_DATA / "civic_news" / "articles.jsonl",
    "civic_news_j": SHARED_DATA / "civic_news" / "articles.jsonl",
    "civic_news_k": SHARED_DATA / "civic_news" / "articles.jsonl",
}


# Sets written only over train / dev articles (eval/splits.py) to add development material of one
# kind: they have no test part by construction and no article of theirs is a test article.
TRAIN_DEV_ONLY = frozenset({"civic_news_g",  # list questions (stop 37)
                            "civic_news_h",  # follow-up conversations (stop 46)
                            "civic_news_i"})  # list questions over articles no other set uses (stop 46)


class SetFormatError(ValueError):
    """A question set that does not follow the format; the message lists every problem with
    `file:line`."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        more = f"\n… and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__("invalid question set:\n" + "\n".join(problems[:20]) + more)


@dataclass(frozen=True)
class Evidence:
    article_id: str
    quote: str


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    type: str
    answers: tuple[str, ...] = ()
    list: bool = False
    history: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    extra: Mapping = field(default_factory=dict)

    @property
    def answerable(self) -> bool:
        return self.type != "unanswerable"

    @property
    def evidence_articles(self) -> list[str]:
        return list(dict.fromkeys(e.article_id for e in self.evidence))

    def to_dict(self) -> dict:
        data = asdict(self)
        data.pop("extra")
        data.update({"answers": list(self.answers), "history": list(self.history),
                     "evidence": [asdict(e) for e in self.evidence]})
        return {**data, **dict(self.extra)}


def load_questions(path: str | os.PathLike[str]) -> list[Question]:
    """Read and validate a question set; raises `SetFormatError` listing every bad line."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"question set not found: {path}")
    questions: list[Question] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            errors = validate_question(data)
            if isinstance(data, dict) and isinstance(data.get("id"), str):
                if data["id"] in seen:
                    errors.append(f"duplicate id {data['id']!r} (first on line {seen[data['id']]})")
                seen.setdefault(data["id"], number)
            if errors:
                problems.extend(f"{where}: {e}" for e in errors)
                continue
            questions.append(question_from_dict(data))
    if problems:
        raise SetFormatError(problems)
    if not questions:
        raise SetFormatError([f"{path}: no questions"])
    return questions


def validate_question(data: object) -> list[str]:
    """Format problems of one question object (empty list when it is valid)."""
    if not isinstance(data, dict):
        return ["each line must be a JSON object"]
    errors = []
    for key in ("id", "question"):
        if not isinstance(data.get(key), str) or not data.get(key, "").strip():
            errors.append(f"{key!r} must be a non-empty string")
    qtype = data.get("type")
    if qtype not in TYPES:
        errors.append(f"'type' must be one of {', '.join(TYPES)} (got {qtype!r})")
    answers = data.get("answers", [])
    if not isinstance(answers, list) or not all(isinstance(a, str) and a.strip() for a in answers):
        errors.append("'answers' must be a list of non-empty strings")
        answers = []
    if not isinstance(data.get("list", False), bool):
        errors.append("'list' must be true or false")
    history = data.get("history", [])
    if not isinstance(history, list) or not all(isinstance(h, str) and h.strip() for h in history):
        errors.append("'history' must be a list of non-empty strings")
    evidence = data.get("evidence", [])
    if not isinstance(evidence, list) or not all(
        isinstance(e, dict) and isinstance(e.get("article_id"), str) and e["article_id"]
        and isinstance(e.get("quote"), str) and e["quote"] for e in evidence
    ):
        errors.append("'evidence' must be a list of {\"article_id\", \"quote\"} with non-empty strings")
        evidence = []
    if qtype == "unanswerable":
        if answers or evidence:
            errors.append("an unanswerable question has empty 'answers' and 'evidence'")
    elif qtype in TYPES and not answers:
        errors.append("an answerable question needs at least one answer in 'answers'")
    if qtype == "followup" and not history:
        errors.append("a followup question needs the earlier questions in 'history'")
    return errors


def question_from_dict(data: Mapping) -> Question:
    known = {"id", "question", "type", "answers", "list", "history", "evidence"}
    return Question(
        id=data["id"], question=data["question"], type=data["type"],
        answers=tuple(data.get("answers", [])), list=bool(data.get("list", False)),
        history=tuple(data.get("history", [])),
        evidence=tuple(Evidence(e["article_id"], e["quote"]) for e in data.get("evidence", [])),
        extra={k: v for k, v in data.items() if k not in known},
    )


def check_evidence(questions: Iterable[Question], texts: Mapping[str, str]) -> list[str]:
    """Problems of a set against the stored article texts: an evidence article that is missing,
    a quote that is not an exact substring of its article, an answer (or list item) that occurs in
    none of the question's evidence quotes (compared with `metrics.contains_answer`)."""
    problems = []
    for q in questions:
        for e in q.evidence:
            text = texts.get(e.article_id)
            if text is None:
                problems.append(f"{q.id}: evidence article {e.article_id!r} is not in the corpus")
            elif e.quote not in text:
                problems.append(f"{q.id}: quote is not an exact substring of {e.article_id}: {e.quote[:80]!r}")
        if q.evidence:
            for answer in q.answers:
                if not any(contains_answer(e.quote, answer) for e in q.evidence):
                    problems.append(f"{q.id}: answer {answer!r} occurs in no evidence quote")
    return problems


def default_corpus(set_path: str | os.PathLike[str]) -> Path | None:
    """The corpus a shipped set was written over (by file stem), or None for other sets."""
    return DEFAULT_CORPORA.get(Path(set_path).stem)


def index_name(set_name: str) -> str:
    """The name of the runner's own cached index for a set (var/eval-index/<name>): shipped sets
    written over the same corpus share one, named after the first of them ("civic_news_d" →
    "civic_news": the 400 articles are ingested once, not once per set); any other set its own."""
    corpus = DEFAULT_CORPORA.get(set_name)
    return next((name for name, path in DEFAULT_CORPORA.items() if path == corpus), set_name) if corpus else set_name
