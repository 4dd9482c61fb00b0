"""Training data of the reader model: each train/dev question asked of its set's index, its candidate
sentences' features labelled by whether they hold a gold answer (`Group`), cached per set in
var/reader-data/. `eval.fit_reader` fits the model on them."""
from __future__ import annotations

import pickle
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import metrics, splits, xquad
from .sets import ROOT, SETS_DIR, Question, index_name, load_questions

CACHE = ROOT / "var" / "reader-data"
K = 8  # chunks retrieved, as the answer chain does


@dataclass
class Group:
    """One question as asked (or asked with its evidence filtered out): candidate rows and labels."""

    set: str
    qid: str
    split: str
    qtype: str
    answerable: bool  # the index still holds its answer
    generated: bool  # asked with its evidence articles filtered out
    rows: np.ndarray
    labels: np.ndarray
    how: str = "asked"  # asked | plain (without tone marks) | filtered | perturbed | foreign
    # per candidate sentence with typed spans: (its row index, span feature rows, span labels)
    spans: list[tuple[int, np.ndarray, np.ndarray]] = field(default_factory=list)


def _label(q: Question, article_id: str, text: str) -> bool:
    if q.evidence and article_id not in q.evidence_articles:
        return False
    return any(metrics.contains_answer(text, g) for g in q.answers)


_YEAR = re.compile(r"\b(19|20)(\d\d)\b")
_NUMBER = re.compile(r"(?<![\d/.,])\b(\d{1,3})\b(?![/.,]\d)")


def perturb(question: str) -> str | None:
    """The question about something the articles do not report: its first year moved three years
    on, else its first number one on, else its province (or city) replaced by the next in the list
    ("Vĩnh Phúc" → "Vĩnh Long"), written as the question writes it (with or without tone marks).
    None when it names none of these."""
    from corpus.extraction.provinces import CITIES, PROVINCES
    from corpus.normalize import fold

    if _YEAR.search(question):
        return _YEAR.sub(lambda m: str(int(m.group(0)) + 3), question, count=1)
    if _NUMBER.search(question):
        return _NUMBER.sub(lambda m: str(int(m.group(1)) + 1), question, count=1)
    names = CITIES + PROVINCES
    folded = fold(question)
    for i, name in enumerate(names):
        other = names[(i + 7) % len(names)]
        if name in question:
            return question.replace(name, other, 1)
        key = fold(name)
        at = folded.find(key)
        if at >= 0 and len(key) > 4:
            return question[:at] + fold(other).title() + question[at + len(key):]
    return None


def collect(name: str, questions: list[Question], assistant, log) -> list[Group]:
    """Groups for a set's questions: each as asked; an answerable one also with its evidence
    articles filtered out, and with its year, number or province changed (`perturb`)."""
    from assistant.reading.features import FEATURES
    from assistant.reading.spans import SPAN_FEATURES
    from corpus.normalize import fold, has_tone_marks

    groups = []
    started = time.time()
    for i, q in enumerate(questions):
        history = list(q.history)
        foreign = q.id.startswith("foreign-")
        asks = [("foreign" if foreign else "asked", q.question, None)]
        if has_tone_marks(q.question):  # users type without tone marks too
            asks.append(("foreign" if foreign else "plain", fold(q.question), None))
        if q.answerable and q.evidence:
            asks.append(("filtered", q.question, {"exclude_article_ids": q.evidence_articles}))
            changed = perturb(q.question)
            if changed:
                asks.append(("perturbed", changed, None))
        for how, asked, filters in asks:
            generated = how in ("filtered", "perturbed")
            evidence = assistant.evidence(asked, history=history, filters=filters, k=K)
            rows = np.array([[e.features[f] for f in FEATURES] for e in evidence], dtype=float).reshape(-1, len(FEATURES))
            answerable = q.answerable and not generated
            labels = np.array([answerable and _label(q, e.article_id, e.text) for e in evidence], dtype=bool)
            group = Group(name, q.id, str(q.extra.get("split") or splits.split_of(q)), q.type, answerable, generated, rows,
                          labels, how)
            for j, e in enumerate(evidence):
                if e.spans:
                    group.spans.append((j, np.array([[sp.features[f] for f in SPAN_FEATURES] for sp in e.spans]),
                                        np.array([answerable and _label(q, e.article_id, sp.text) for sp in e.spans])))
            groups.append(group)
        if (i + 1) % 100 == 0:
            log(f"  {name}: {i + 1}/{len(questions)} questions, {time.time() - started:.0f} s")
    return groups


FOREIGN = 60  # questions of the other family asked of each set's index


def foreign_questions(name: str, wanted: tuple[str, ...]) -> list[Question]:
    """Train/dev questions of the other family (XQuAD's Wikipedia for a civic set, the civic sets
    for XQuAD), asked of this set's index as questions it cannot answer: what an off-topic
    question looks like. Taken evenly through the sets; absent sets give none."""
    from dataclasses import replace

    if name == "xquad":
        pool = [q for n in ("civic_news_b", "demo") if (SETS_DIR / f"{n}.jsonl").exists()
                for q in splits.select(load_questions(SETS_DIR / f"{n}.jsonl"), wanted) if q.answerable and not q.history]
    else:
        try:
            pool = splits.select(xquad.load_xquad()[0], wanted)
        except FileNotFoundError:
            return []
    picked = pool[:: max(1, len(pool) // FOREIGN)][:FOREIGN]
    # each keeps the split of the question it was (its new id would hash to another, test among them)
    return [replace(q, id=f"foreign-{q.id}", type="unanswerable", answers=(), evidence=(), extra={"split": splits.split_of(q)})
            for q in picked]


def load_groups(name: str, wanted: tuple[str, ...], log, refresh: bool = False) -> list[Group]:
    """The train/dev groups of one set (from the cache when present)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    cache = CACHE / f"{name}.pkl"
    if cache.exists() and not refresh:
        return [Group(**fields) for fields in pickle.loads(cache.read_bytes())]
    from assistant import Assistant

    from .runner import SetUnavailable, _ensure_indexed, _prepare_set

    with tempfile.TemporaryDirectory(prefix="civic-fit-") as scratch:
        spec = "xquad" if name == "xquad" else str(SETS_DIR / f"{name}.jsonl")
        try:
            set_name, questions, corpus = _prepare_set(spec, None, Path(scratch))
        except SetUnavailable as exc:
            log(f"skipped {name}: {exc}")
            return []
        questions = splits.select(questions, wanted)
        index = ROOT / "var" / "eval-index" / index_name(set_name)
        assistant = Assistant(index, answerer="extractive")
        _ensure_indexed(assistant, questions, corpus, True, log)
        log(f"{name}: {len(questions)} train/dev questions")
        groups = collect(name, questions, assistant, log)
        groups += collect(name, foreign_questions(name, wanted), assistant, log)
    cache.write_bytes(pickle.dumps([vars(g) for g in groups]))  # plain fields: loadable from any module
    return groups
