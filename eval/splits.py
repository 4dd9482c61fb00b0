"""Sealed splits of every question set, by article: train, dev and test.

A question belongs to the split of the articles it is about, so no article feeds both fitting and
the final figures:
- a question set's questions by their evidence articles (an unanswerable question, which has none,
  by its `near_article` when the set gives one, else by its own id);
- XQuAD-vi's questions by their passage's Wikipedia title (`title` as stored in passages.jsonl).

The first hex digit of sha1(key as UTF-8) decides: 0–7 test, 8–b train, c–f dev. A question whose
articles fall in several splits goes to the most sealed one (test before dev before train), so a
train or dev question never touches a test article. Features, weights, thresholds and rules are
fit on train and dev only; test is run at the end of a change and reported beside dev.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from .sets import Question

SPLITS = ("train", "dev", "test")
_ORDER = {"test": 0, "dev": 1, "train": 2}


def split_of_key(key: str) -> str:
    """The split of one article id (or XQuAD title)."""
    digit = hashlib.sha1(key.encode("utf-8")).hexdigest()[0]
    if digit in "01234567":
        return "test"
    return "train" if digit in "89ab" else "dev"


def question_keys(q: Question) -> list[str]:
    """What a question is split by: its XQuAD title, its evidence articles, its `near_article`, or
    (nothing else being known) its own id."""
    if q.extra.get("title"):
        return [str(q.extra["title"])]
    if q.evidence:
        return q.evidence_articles
    near = q.extra.get("near_article")
    if isinstance(near, str) and near:
        return [near]
    return [q.id]


def split_of(q: Question) -> str:
    """The split of a question: the most sealed split among its keys."""
    return min((split_of_key(k) for k in question_keys(q)), key=_ORDER.__getitem__)


def select(questions: Iterable[Question], splits: str | Sequence[str] | None) -> list[Question]:
    """The questions of the given split(s) ("train", "dev", "test", or several; None keeps all)."""
    if splits is None:
        return list(questions)
    wanted = {splits} if isinstance(splits, str) else set(splits)
    unknown = wanted - set(SPLITS)
    if unknown:
        raise ValueError(f"unknown split {', '.join(sorted(unknown))!r}; known: {', '.join(SPLITS)}")
    return [q for q in questions if split_of(q) in wanted]
