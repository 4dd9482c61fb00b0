"""Answer types: what a question asks for, one module per type, found through one registry.

Each module of this package defines ``ANSWER_TYPE``, an `AnswerType` holding everything the product
knows about that type: the pattern of the (tone-folded) questions that ask for it, its place in the
order patterns are tried, the candidate kinds that answer it (read by `assistant.candidates`), whether
a typed span answers it, and how its span is shown. Adding a type is adding one module here.

The question word decides first — "khi nào" asks for a date, "bao nhiêu" for a number, "ở đâu" for
a place, "ai" for a person — whatever document or campaign the question also names; only a "what /
which" question ("… nào", "… gì", "là gì") is typed by its noun. `order` encodes that.
"""
from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Protocol


class Span(Protocol):
    kind: str
    text: str
    extra: str


def plain_text(span: Span) -> str:
    return span.text


@dataclass(frozen=True)
class AnswerType:
    """One kind of answer a question can ask for."""

    name: str
    order: int  # patterns are tried in this order; the first that matches types the question
    pattern: str  # over the tone-folded, lower-cased question
    kinds: tuple[str, ...] = ()  # candidate kinds that answer it, the most typical first
    typed: bool = True  # a typed span answers it (a "list" question is answered by sentences)
    display: Callable[[Span], str] = plain_text  # a span of its first kind, shown as a short answer

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.pattern)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# English auxiliary verbs: an English noun phrase ends before one ("which law will officials face":
# the phrase "which law" ended at "will"), and none is a plural noun ("which was signed").
ENGLISH_AUXILIARIES = r"(?:is|are|was|were|has|have|had|do|does|did|will|would|can|could|shall|should|may|might|must)\b"


def later_on_line(head: str, tail: str) -> str:
    """The pattern `head.*tail` (`tail` later on the line of `head`), in linear time: only the
    first `head` of each line is tried — when a later one has `tail` after it, so has the first —
    instead of scanning to the end of the line again from every `head`."""
    return rf"(?:^|(?<=\n))(?:(?!{head}).)*{head}.*{tail}"


@lru_cache(maxsize=1)
def answer_types() -> tuple[AnswerType, ...]:
    """Every registered answer type, in the order their patterns are tried."""
    found = []
    for module in pkgutil.iter_modules(__path__):
        answer_type = getattr(importlib.import_module(f"{__name__}.{module.name}"), "ANSWER_TYPE", None)
        if answer_type is not None:
            found.append(answer_type)
    orders = [t.order for t in found]
    if len(set(orders)) != len(orders) or len({t.name for t in found}) != len(found):
        raise RuntimeError("answer types need distinct names and orders")
    return tuple(sorted(found, key=lambda t: t.order))


def get(name: str) -> AnswerType | None:
    """The answer type called `name` ("other" and unknown names: None)."""
    return next((t for t in answer_types() if t.name == name), None)


def type_of(folded_question: str) -> str:
    """The name of the first type whose pattern the folded question matches, else "other"."""
    return next((t.name for t in answer_types() if t.regex.search(folded_question)), "other")


def kinds_for(name: str) -> tuple[str, ...]:
    """The candidate kinds that answer type `name` (none for "other")."""
    answer_type = get(name)
    return answer_type.kinds if answer_type else ()


def is_typed(name: str) -> bool:
    """Whether a typed span answers type `name`."""
    answer_type = get(name)
    return bool(answer_type and answer_type.typed)


def display_span(span: Span) -> str:
    """A candidate as a short answer, shown the way the type whose first kind it is shows it."""
    owner = next((t for t in answer_types() if t.kinds[:1] == (span.kind,)), None)
    return owner.display(span) if owner else span.text
