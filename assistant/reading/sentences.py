"""Candidate evidence sentences: every sentence of the retrieved chunks, whole, with its neighbours."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from corpus.records import Article
from corpus.sentences import is_credit, sentence_spans
from index.retrieval import Hit


@dataclass(frozen=True)
class EvidenceSentence:
    """One sentence of an article (`text[start:end]`), brought by the best-ranked chunk that
    overlaps it; `index` is its number in the article, `spans` all the article's sentences."""

    article_id: str
    start: int
    end: int
    index: int
    hit: Hit
    rank: int  # of `hit` among the retrieved chunks, from 0
    spans: tuple[tuple[int, int], ...]

    @property
    def previous(self) -> tuple[int, int] | None:
        return self.spans[self.index - 1] if self.index > 0 else None

    @property
    def next(self) -> tuple[int, int] | None:
        return self.spans[self.index + 1] if self.index + 1 < len(self.spans) else None


def _says_something(text: str, start: int, end: int) -> bool:
    """Whether a sentence holds a word: a paragraph's number ("33.") or a lone mark is no candidate
    (it stays a neighbour of the sentence it numbers), nor is a photo credit ("Ảnh: TTXVN") or an
    article's credit line ("Tác giả: A/TTXVN", "Nguồn: B")."""
    return any(c.isalpha() for c in text[start:end]) and not is_credit(text[start:end])


@lru_cache(maxsize=512)
def article_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """The sentence spans of a whole article text (cached: the same articles come back often)."""
    return tuple(sentence_spans(text))


def evidence_sentences(hits: list[Hit], articles: dict[str, Article]) -> list[EvidenceSentence]:
    """The whole sentences that overlap the retrieved chunks, each once (with its best chunk), in
    the order the chunks were ranked."""
    out: list[EvidenceSentence] = []
    seen: set[tuple[str, int]] = set()
    for rank, hit in enumerate(hits):
        article = articles.get(hit.article_id)
        if article is None:
            continue
        spans = article_sentences(article.text)
        for index, (s, e) in enumerate(spans):
            if e <= hit.start:
                continue
            if s >= hit.end:
                break
            if (hit.article_id, index) in seen or not _says_something(article.text, s, e):
                continue
            seen.add((hit.article_id, index))
            out.append(EvidenceSentence(hit.article_id, s, e, index, hit, rank, spans))
    return out
