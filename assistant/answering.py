"""What every answer shares, whoever wrote it: the abstention text, citations built from exact
article spans, article text made safe to place in an answer, and the final citation check."""
from __future__ import annotations

import re

from corpus.records import Article
from index.retrieval import Hit

from .records import Answer, Citation

NOT_FOUND = "Không tìm thấy thông tin này trong các bài viết."


def citation(n: int, hit: Hit, article: Article, start: int, end: int) -> Citation:
    """Citation `[n]` quoting `article.text[start:end]`."""
    return Citation(n=n, article_id=article.id, title=article.title, date=article.date, source=article.source,
                    url=article.url, quote=article.text[start:end], start=start, end=end, score=round(hit.score, 4),
                    date_inferred=bool(article.metadata.get("date_inferred")))


def as_answer_text(text: str) -> str:
    """Article text placed in an answer, with any "[12]" it contains written "［12］" so that
    every `[n]` of an answer is one of our citation markers (the quote itself is unchanged)."""
    return re.sub(r"\[(\d+)\]", "［\\1］", text)


def verify_citations(answer: Answer, articles: dict[str, Article]) -> None:
    """Raise if a citation's quote is not the exact, non-empty article span at 0 <= start < end <=
    len(text) (Python's forgiving slices must not make a bad span pass), or if a marker is not
    exactly the `[n]` of a citation ("[01]", "[١]" are not)."""
    numbers = {str(c.n) for c in answer.citations}
    for c in answer.citations + answer.see_also:
        article = articles.get(c.article_id)
        if (article is None or not 0 <= c.start < c.end <= len(article.text)
                or article.text[c.start:c.end] != c.quote):
            raise ValueError(f"citation [{c.n}] does not quote article {c.article_id} exactly")
    for marker in re.findall(r"\[(\d+)\]", answer.answer):
        if marker not in numbers:
            raise ValueError(f"answer marker [{marker[:20]}] has no citation")
