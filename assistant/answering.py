"""A first extractive answerer: the retrieved sentences that best cover the question, cited.

Sentences of the top chunks are scored by how much of the question's content they cover (with
and without tone marks) and by their chunk's retrieval score; the best few become the answer,
each with an `[n]` citation quoting the exact sentence. Below a coverage threshold it abstains.
"""
from __future__ import annotations

import re
import time

from corpus.normalize import fold
from corpus.sentences import sentence_spans
from index.retrieval import Hit
from index.tokenize import STOPWORDS

from .records import Answer, Citation

NOT_FOUND = "Không tìm thấy thông tin này trong các bài viết."
MIN_COVERAGE = 0.5
MAX_SENTENCES = 3
_WORD = re.compile(r"\w+")
_FOLDED_STOP = {fold(w) for w in STOPWORDS}


def content_words(text: str) -> set[str]:
    """Tone-folded content syllables of a text."""
    return {w for w in _WORD.findall(fold(text)) if w not in _FOLDED_STOP and len(w) > 1 or w.isdigit()}


def extractive_answer(question: str, hits: list[Hit], article_text: dict[str, str]) -> Answer:
    """Answer from the sentences of `hits`; `article_text` maps article ids to stored text."""
    started = time.perf_counter()
    wanted = content_words(question)
    candidates: list[tuple[float, float, Hit, int, int]] = []
    for rank, hit in enumerate(hits):
        text = article_text[hit.article_id]
        for s, e in sentence_spans(text, hit.start, hit.end):
            words = content_words(text[s:e])
            coverage = len(wanted & words) / len(wanted) if wanted else 0.0
            score = coverage * (0.6 + 0.4 * hit.score) - 0.01 * rank
            candidates.append((score, coverage, hit, s, e))
    candidates.sort(key=lambda c: -c[0])
    chosen: list[tuple[float, float, Hit, int, int]] = []
    seen: set[tuple[str, int]] = set()
    for cand in candidates:
        key = (cand[2].article_id, cand[3])
        if key in seen:
            continue
        seen.add(key)
        chosen.append(cand)
        if len(chosen) == MAX_SENTENCES:
            break
    citations = [
        Citation(n=i + 1, article_id=h.article_id, title=h.title, date=h.date, source=h.source, url=h.url,
                 quote=article_text[h.article_id][s:e], start=s, end=e, score=round(score, 4))
        for i, (score, _, h, s, e) in enumerate(chosen)
    ]
    best_coverage = chosen[0][1] if chosen else 0.0
    if best_coverage < MIN_COVERAGE:
        return Answer(question, NOT_FOUND, True, [], see_also=citations,
                      timings={"answer": time.perf_counter() - started})
    strong = [c for c, cand in zip(citations, chosen) if cand[1] >= MIN_COVERAGE]
    text = " ".join(f"{c.quote} [{c.n}]" for c in strong)
    return Answer(question, text, False, strong, timings={"answer": time.perf_counter() - started})


def verify_citations(answer: Answer, article_text: dict[str, str]) -> None:
    """Raise if any citation's quote is not the exact article span, or a marker has no citation."""
    numbers = {c.n for c in answer.citations}
    for c in answer.citations + answer.see_also:
        text = article_text.get(c.article_id)
        if text is None or text[c.start:c.end] != c.quote:
            raise ValueError(f"citation [{c.n}] does not quote article {c.article_id} exactly")
    for marker in re.findall(r"\[(\d+)\]", answer.answer):
        if int(marker) not in numbers:
            raise ValueError(f"answer marker [{marker}] has no citation")
