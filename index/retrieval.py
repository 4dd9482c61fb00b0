"""Hybrid retrieval: BM25 and dense legs, metadata filters (`index.filters`), and weighted min-max
score fusion. The dense leg is any `VectorStore` (`index.store_protocol`).

Each leg's scores are scaled to [0, 1] over its own candidate list (the best hit scores 1), then
combined as `w_dense * dense + w_bm25 * bm25`. Weights are per embedding model and were chosen by
measurement on XQuAD-vi (see docs/retrieval.md); queries detected as English lean on the dense leg.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from corpus.normalize import fold

from .bm25 import BM25Index
from .catalog import Catalog
from .embeddings import Embedder
from .filters import Filters
from .glossary import month_dates, vietnamese_terms
from .language import is_english
from .store_protocol import VectorStore
from .tone_marks import ToneForms, article_texts, restorable

NAMED_ARTICLES = 5  # a name written in more articles than this is found by the legs alone

__all__ = ["DEFAULT_WEIGHTS", "MODEL_WEIGHTS", "Filters", "FusionWeights", "Hit", "HybridRetriever",
           "lexical_query", "weights_for"]


@dataclass(frozen=True)
class FusionWeights:
    dense: float
    bm25: float


# (Vietnamese query weights, English query weights) per model, measured by bench/retrieval.py.
MODEL_WEIGHTS: dict[str, tuple[FusionWeights, FusionWeights]] = {
    "multilingual-e5-small": (FusionWeights(0.5, 0.5), FusionWeights(0.8, 0.2)),
    "all-MiniLM-L6-v2": (FusionWeights(0.1, 0.9), FusionWeights(0.7, 0.3)),
}
DEFAULT_WEIGHTS = (FusionWeights(0.5, 0.5), FusionWeights(0.7, 0.3))
# (Vietnamese, English) queries: how many more chunks of the article that holds the lexical leg's
# best chunk the reader reads (`HybridRetriever.retrieve` with `each_leg`). An English question is
# found by its Vietnamese rendering, which names the event (a conference, its date, who chaired it)
# in every chunk of the article that reports it, while the detail asked for sits in one of them; the
# dense leg, reading English against Vietnamese, cannot tell those chunks apart either. Measured on
# the train + dev English questions of the civic sets (docs/retrieval.md).
LEXICAL_ARTICLE_CHUNKS = (0, 8)
# ... for a follow-up (`retrieve(..., follow_up=True)`): the conversation is about one article, and
# the condensed question carries the words that name its event, so the lexical leg's best article is
# that one; the detail a follow-up asks sits in any of its chunks (measured on the follow-ups of the
# civic sets' train + dev questions, docs/evaluation.md "Stop 50": 4 and 8 chunks alike, 2 fewer).
FOLLOW_UP_ARTICLE_CHUNKS = 4


def lexical_query(query: str) -> str:
    """What BM25 looks up for `query`: an English query by its Vietnamese rendering (glossary
    terms, Vietnamese names, numbers, dates written with a month's name) when that has two words
    or more, anything else as typed."""
    rendered = vietnamese_terms(query, alternatives=True) + month_dates(query) if is_english(query) else []
    return " ".join(rendered) if len(rendered) >= 2 else query


def weights_for(model_name: str, query: str) -> FusionWeights:
    vietnamese, english = MODEL_WEIGHTS.get(model_name, DEFAULT_WEIGHTS)
    return english if is_english(query) else vietnamese


@dataclass
class Hit:
    """One retrieved chunk with its article's metadata and the scores that ranked it."""

    article_id: str
    chunk_id: str
    text: str
    start: int
    end: int
    score: float
    title: str = ""
    date: str | None = None
    source: str | None = None
    url: str | None = None
    scores: dict[str, float] = field(default_factory=dict)


class HybridRetriever:
    """Ranks chunks for a query with both legs; loaded once per process and reused."""

    def __init__(self, catalog: Catalog, bm25: BM25Index, store: VectorStore, embedder: Embedder,
                 tone_forms: Path | None = None) -> None:
        """`tone_forms`: where the index keeps its `ToneForms` (`index.tone_marks`); a query typed
        without tone marks is embedded with them restored. None: embedded as typed."""
        self.catalog = catalog
        self.bm25 = bm25
        self.store = store
        self.embedder = embedder
        self._tone_forms_path = tone_forms
        self._tone_forms: ToneForms | None = None
        self._people: dict[str, list[str]] | None = None  # person name key → chunks naming them
        # Filter masks are aligned with the BM25 index's own chunk order.
        article_of = catalog.chunk_articles() if len(bm25) else {}
        meta = catalog.article_metadata() if len(bm25) else {}
        articles = [article_of.get(cid, "") for cid in bm25.chunk_ids]
        self._article_of = np.array(articles, dtype=object)
        self._source_of = np.array([(meta.get(a) or (None, None))[0] or "" for a in articles], dtype=object)
        self._date_of = np.array([(meta.get(a) or (None, None))[1] or "" for a in articles], dtype=object)
        self._position = {cid: i for i, cid in enumerate(bm25.chunk_ids)}
        self._article_by_chunk = article_of

    def retrieve(self, query: str, k: int = 10, filters: dict | Filters | None = None,
                 mode: str = "hybrid", weights: FusionWeights | None = None, each_leg: int = 0,
                 follow_up: bool = False) -> list[Hit]:
        """The top-k chunks for `query`. `mode` is "hybrid", "bm25" or "dense". In hybrid mode,
        `each_leg` > 0 also keeps the best `each_leg` chunks of each leg that the fusion ranked
        below k (after the top k, in fused order): a chunk one leg is sure of — an unaccented name
        BM25 finds and the dense model cannot read — still reaches the reader; then the chunks that
        name a person the query names, and for an English query more chunks of the lexical leg's
        best article (`LEXICAL_ARTICLE_CHUNKS`; for a `follow_up`, at least `FOLLOW_UP_ARTICLE_CHUNKS`)."""
        if mode not in ("hybrid", "bm25", "dense"):
            raise ValueError(f"unknown retrieval mode {mode!r}")
        flt = Filters.parse(filters)
        depth = max(4 * k, 50)
        lexical = self.bm25.search(lexical_query(query), depth, self._mask(flt)) if mode != "dense" else []
        dense = []
        if mode != "bm25":
            dense = self.store.query(self.embedder.embed_query(self.dense_query(query)), depth, flt)
        w = weights or weights_for(self.embedder.name, query)
        if mode == "bm25":
            w = FusionWeights(0.0, 1.0)
        elif mode == "dense":
            w = FusionWeights(1.0, 0.0)
        fused: dict[str, dict[str, float]] = {}
        for leg, ranked in (("bm25", lexical), ("dense", dense)):
            for cid, norm, raw in _scaled(ranked):
                fused.setdefault(cid, {})[leg] = norm
                fused[cid][leg + "_raw"] = raw
        scored = sorted(
            ((w.dense * s.get("dense", 0.0) + w.bm25 * s.get("bm25", 0.0), cid, s) for cid, s in fused.items()),
            key=lambda item: (-item[0], item[1]),
        )
        kept = scored[:k]
        if each_leg > 0 and mode == "hybrid":
            sure = {cid for ranked in (lexical, dense) for cid, _ in ranked[:each_leg]}
            kept += [item for item in scored[k:] if item[1] in sure]
            by_id = {cid: (score, cid, legs) for score, cid, legs in scored}
            kept += self._naming(query, flt, by_id, {cid for _, cid, _ in kept}, each_leg)
            more = LEXICAL_ARTICLE_CHUNKS[is_english(query)]
            kept += self._lexical_article(lexical, by_id, {cid for _, cid, _ in kept},
                                          max(more, FOLLOW_UP_ARTICLE_CHUNKS) if follow_up else more)
        return self._hits(kept)

    def _lexical_article(self, lexical: list[tuple[str, float]], by_id: dict[str, tuple[float, str, dict[str, float]]],
                         taken: set[str], n: int) -> list[tuple[float, str, dict[str, float]]]:
        """Up to `n` more chunks of the article that holds the lexical leg's best chunk, in the
        lexical leg's order (`LEXICAL_ARTICLE_CHUNKS`)."""
        if not lexical or n <= 0:
            return []
        article = self._article_by_chunk.get(lexical[0][0])
        more = [cid for cid, _ in lexical if cid not in taken and self._article_by_chunk.get(cid) == article]
        return [by_id[cid] for cid in more[:n]]

    def _naming(self, query: str, flt: Filters, by_id: dict[str, tuple[float, str, dict[str, float]]],
                taken: set[str], n: int) -> list[tuple[float, str, dict[str, float]]]:
        """Up to `n` chunks that write the name of a person the query names (the person records of
        the index, the name matched in the folded query) and that the legs ranked lower or not at all:
        BM25 has no phrases, so "Ông Đoàn Văn An giữ chức vụ nào?" ranks chunks full of "giữ chức vụ"
        above the one chunk with the name, and the dense leg reads a name as any other words. Chunks
        the fusion scored come first, best first; of a name written in more than `NAMED_ARTICLES`
        articles, only those."""
        chunks = [c for c in self.named_chunks(query, flt) if c not in taken]
        if not chunks:
            return []
        rank = {cid: i for i, cid in enumerate(by_id)}  # `by_id` keeps the fused order
        few = len({self._article_by_chunk.get(c) for c in chunks}) <= NAMED_ARTICLES
        chunks = sorted((c for c in chunks if c in rank or few), key=lambda c: rank.get(c, len(rank)))
        return [by_id.get(c, (0.0, c, {"named": 1.0})) for c in chunks[:n]]

    def named_chunks(self, query: str, filters: dict | Filters | None = None) -> list[str]:
        """The chunks, within `filters`, that write the name of a person the query names: a run of
        two to four of its words (tone-folded) that is the name of a person record of the index;
        each the chunk that holds the record's mention, in article order."""
        if self._people is None:
            people: dict[str, list[str]] = {}
            for key, cid in self.catalog.person_chunks():
                people.setdefault(key, []).append(cid)
            self._people = people
        if not self._people:
            return []
        words = re.findall(r"\w+", fold(query).lower())
        chunks: list[str] = []
        for size in (4, 3, 2):
            for i in range(len(words) - size + 1):
                chunks += self._people.get(" ".join(words[i:i + size]), [])
        allowed = self._allowed(Filters.parse(filters))
        return [c for c in dict.fromkeys(chunks) if allowed(c)]

    def _allowed(self, flt: Filters):
        """Whether a chunk passes the filters (the BM25 mask, by the chunk's place in its index)."""
        mask = self._mask(flt)
        if mask is None:
            return lambda cid: cid in self._position
        return lambda cid: cid in self._position and bool(mask[self._position[cid]])

    def dense_query(self, query: str) -> str:
        """What the embedding model reads for `query`: a Vietnamese query typed without tone marks
        with them restored from the index's own text (`index.tone_marks`), anything else as typed."""
        if self._tone_forms_path is None or not restorable(query) or is_english(query):
            return query
        if self._tone_forms is None:
            self._tone_forms = ToneForms.for_index(self._tone_forms_path, self.bm25.digest,
                                                   lambda: article_texts(self.catalog))
        return self._tone_forms.restore(query)

    def _mask(self, flt: Filters) -> np.ndarray | None:
        if flt.empty or len(self._article_of) == 0:
            return None
        mask = np.ones(len(self._article_of), dtype=bool)
        if flt.sources:
            mask &= np.isin(self._source_of, list(flt.sources))
        if flt.article_ids:
            mask &= np.isin(self._article_of, list(flt.article_ids))
        if flt.exclude_article_ids:
            mask &= ~np.isin(self._article_of, list(flt.exclude_article_ids))
        if flt.date_from:
            mask &= (self._date_of != "") & (self._date_of >= flt.date_from)
        if flt.date_to:
            mask &= (self._date_of != "") & (self._date_of <= flt.date_to)
        return mask

    def _hits(self, scored: list[tuple[float, str, dict[str, float]]]) -> list[Hit]:
        chunks = self.catalog.chunks([cid for _, cid, _ in scored])
        articles: dict[str, object] = {}
        hits: list[Hit] = []
        for score, cid, legs in scored:
            chunk = chunks.get(cid)
            if chunk is None:  # in Chroma but no longer in the catalog: skip
                continue
            if chunk.article_id not in articles:
                articles[chunk.article_id] = self.catalog.article(chunk.article_id)
            art = articles[chunk.article_id]
            hits.append(Hit(
                article_id=chunk.article_id, chunk_id=cid, text=chunk.text, start=chunk.start, end=chunk.end,
                score=round(float(score), 6), title=art.title, date=art.date, source=art.source, url=art.url,
                scores={k: round(v, 6) for k, v in legs.items()},
            ))
        return hits


def _scaled(ranked: list[tuple[str, float]]) -> list[tuple[str, float, float]]:
    """(id, score scaled to [0, 1] by min-max over the list, raw score)."""
    if not ranked:
        return []
    values = [s for _, s in ranked]
    top, low = max(values), min(values)
    span = top - low
    if span <= 1e-12:
        return [(cid, 1.0, s) for cid, s in ranked]
    return [(cid, (s - low) / span, s) for cid, s in ranked]
