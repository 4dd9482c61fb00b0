"""The answer records returned by `Assistant.ask`: `Citation` and `Answer`."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Citation:
    """One `[n]` of an answer: the article and the exact quoted span (`quote == text[start:end]`)."""

    n: int
    article_id: str
    title: str
    date: str | None
    source: str | None
    url: str | None
    quote: str
    start: int
    end: int
    score: float = 0.0
    date_inferred: bool = False  # the date was read from the article's lead (it had none)


@dataclass
class Answer:
    """An answer whose `[n]` markers all resolve to `citations`."""

    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    short_answer: str = ""
    see_also: list[Citation] = field(default_factory=list)
    mode: str = "extractive"
    timings: dict[str, float] = field(default_factory=dict)
    condensed_question: str | None = None
    confidence: float | None = None  # the extractive reader's probability that the question is answered

    def to_dict(self) -> dict:
        return asdict(self)
