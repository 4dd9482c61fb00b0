"""The features of an evidence sentence: general measures of how well it answers a question.

No feature names a word, an article or a kind of question beyond the answer types; their weights
are learned (`model`). Question-level values (English, unseen words…) are features too: they do
not change the order of one question's sentences, but they calibrate its probabilities.
"""
from __future__ import annotations

import math
import re

import numpy as np

from corpus.normalize import fold, has_tone_marks
from corpus.records import Article

from ..answer_types import is_typed
from ..question import QuestionAnalysis
from .frames import contradicted, frames_in
from .sentences import EvidenceSentence
from .spans import (
    asks_exact_form,
    clause,
    closeness,
    counts,
    lacks_asked_form,
    repeats_question,
    typed_candidates,
    word_spots,
)
from .terms import QuestionTerms, article_phrase_text, pairs_of, phrase_text

FEATURES = (
    "cov",             # weighted share of the question's words in the sentence (here and in cov_ctx, cov_prev, cov_next and cov_local the words only an opening setting writes count half: `QuestionTerms.sentence_weights`)
    "cov_ctx",         # ... in the sentence and its two neighbours
    "cov_prev",        # ... in the sentence before it alone
    "cov_next",        # ... in the sentence after it alone
    "bm25",            # BM25 of the sentence for the question's words (IDF, saturated, length-normalised), over its best
    "cov_doc",         # ... in the article's title and the retrieved chunk
    "cov_title",       # ... in the article's title
    "cov_gap",         # cov minus the best cov among the candidates
    "cov_own",         # cov of the question's own words (not the context a follow-up inherited)
    "cov_local",       # cov weighted towards the words few candidates share
    "cov_local_gap",   # cov_local minus the best among the candidates
    "rarest",          # weight of the rarest question word found, over the rarest word's
    "pairs",           # share of the question's word pairs found as pairs in the sentence
    "anchors",         # share of the question's anchors (numbers, names, quoted titles) in the sentence
    "anchors_ctx",     # ... in the sentence and its neighbours
    "anchors_art",     # ... in the article (with those of the context a follow-up inherited)
    "has_anchors",     # the question has anchors
    "numbers_ctx",     # share of the question's numbers, dates and codes in the sentence and its neighbours
    "numbers_art",     # ... in the article (with those of the inherited context)
    "typed",           # the sentence holds a span of the asked type that the question does not
    "typed_question",  # the question asks for a typed span (who, when, how many…)
    "typed_asked",     # typed × typed_question
    "typed_near",      # closeness of that span to the question's words in the sentence
    "typed_cov",       # cov of the span's clause (what is said of it is what the question says)
    "counted",         # a number followed by the noun a "how many" question counts
    "form_missing",    # the question asks for a date or a number and the sentence holds none of the asked form (a day for "ngày nào", a sum for "bao nhiêu tiền")
    "exact_missing",   # form_missing for a question that asks for one exact form: a day, a month, a year, a sum of money or a share
    "list_items",      # for a question that asks for a list: how many items of the asked type the sentence names (/3, ≤ 1)
    "focus",           # share of the words that frame the asked slot ("ký" of "ký vào năm nào") in the sentence
    "focus_span",      # ... in the clause of a typed span
    "novel",           # share of the sentence's words that are not the question's
    "anaphor",         # the sentence opens with a pronoun or a reference to what came before ("Ông", "Đây là")
    "lead",            # 1 / (1 + the sentence's number in its article)
    "log_len",         # log of the sentence's length
    "chunk_score",     # fused retrieval score of the chunk that brought it
    "chunk_rank",      # 1 / (1 + that chunk's rank)
    "dense",           # the chunk's cosine similarity to the question
    "dense_gap",       # dense minus the best chunk's
    "dense_sent",      # the sentence's own cosine similarity to the question (stored at ingest; else dense)
    "dense_sent_gap",  # dense_sent minus the best candidate's
    "bm25_chunk",      # the chunk's scaled BM25 score
    "english",         # the question is English
    "english_dense",   # english × dense
    "english_dense_sent",  # english × dense_sent: an English question's words are not the article's
    "english_cov",     # english × cov
    "plain",           # a Vietnamese question typed without tone marks
    "plain_dense",     # plain × dense
    "unseen",          # weighted share of the question's words that no indexed chunk holds
    "conflict_art",    # share of the question's frames ("kỳ họp thứ mười", "năm 2061") its article writes only with other values
)

# Features that are evidence for an answer: their learned weights are kept ≥ 0.
POSITIVE = frozenset({
    "cov", "cov_ctx", "bm25", "cov_doc", "cov_gap", "cov_own", "cov_local", "cov_local_gap", "rarest", "pairs",
    "anchors", "anchors_ctx", "anchors_art", "numbers_ctx", "numbers_art", "typed", "typed_asked", "typed_near",
    "typed_cov", "counted", "list_items", "focus", "focus_span", "chunk_score", "chunk_rank", "dense", "dense_gap", "dense_sent", "dense_sent_gap", "bm25_chunk",
})


def feature_rows(qa: QuestionAnalysis, terms: QuestionTerms, sentences: list[EvidenceSentence],
                 articles: dict[str, Article], sentence_dense: list[float | None] | None = None) -> np.ndarray:
    """One row of `FEATURES` per candidate sentence; `sentence_dense`: each sentence's cosine
    similarity to the question where its vector is stored (None: its chunk's stands in)."""
    if not sentences:
        return np.zeros((0, len(FEATURES)))
    article_phrases: dict[str, str] = {}
    chunk_words: dict[str, set[str]] = {}
    title_cov: dict[str, float] = {}
    english = float(qa.english)
    plain = float(not qa.english and not has_tone_marks(qa.text))
    typed_question = float(is_typed(qa.answer_type))
    exact = asks_exact_form(qa)
    own = set(qa.content)
    texts = [articles[sent.article_id].text[sent.start:sent.end] for sent in sentences]
    seen_words: dict[tuple[str, int], set[str]] = {}  # each sentence's words, once (neighbours come back)
    seen_phrases: dict[tuple[str, int], str] = {}
    asked_frames = frames_in(qa.text) if not qa.english else []
    conflicts: dict[str, float] = {}  # per article

    def words_at(article_id: str, span: tuple[int, int] | None) -> set[str]:
        if span is None:
            return set()
        key = (article_id, span[0])
        if key not in seen_words:
            seen_words[key] = terms.words_in(articles[article_id].text[span[0]:span[1]])
        return seen_words[key]

    def phrases_at(article_id: str, span: tuple[int, int] | None) -> str:
        if span is None or not terms.anchors:
            return ""
        key = (article_id, span[0])
        if key not in seen_phrases:
            seen_phrases[key] = phrase_text(articles[article_id].text[span[0]:span[1]])
        return seen_phrases[key]

    sentence_words = [words_at(sent.article_id, (sent.start, sent.end)) for sent in sentences]
    bm25 = _bm25(terms, texts)
    local = terms.local_weights(sentence_words)
    sentence_weights = terms.sentence_weights
    asked = set(terms.words)
    raw = []
    own_dense = sentence_dense or [None] * len(sentences)
    for sent, sentence, words, bm25_score, sent_dense in zip(sentences, texts, sentence_words, bm25, own_dense):
        article = articles[sent.article_id]
        text = article.text
        if sent.article_id not in article_phrases:
            article_phrases[sent.article_id] = article_phrase_text(article.title, text) \
                if terms.anchors or terms.context_anchors else ""
            title_cov[sent.article_id] = terms.coverage(terms.words_in(article.title))
        if sent.hit.chunk_id not in chunk_words:
            chunk_words[sent.hit.chunk_id] = terms.words_in(article.title + "\n" + sent.hit.text)
        if sent.article_id not in conflicts:
            conflicts[sent.article_id] = contradicted(asked_frames, article)
        before = words_at(sent.article_id, sent.previous)
        after = words_at(sent.article_id, sent.next)
        sentence_phrases = phrases_at(sent.article_id, (sent.start, sent.end))
        context_phrases = "\n".join((phrases_at(sent.article_id, sent.previous), sentence_phrases,
                                     phrases_at(sent.article_id, sent.next)))
        context_words = words | before | after
        spans = [c for c in typed_candidates(qa, text, sent.start, sent.end) if not repeats_question(c.text, qa)]
        spots = word_spots(qa, sentence) if spans else []
        near = max((closeness(spots, c.start - sent.start) for c in spans), default=0.0)
        clauses = [terms.words_in(clause(text, sent.start, sent.end, c)) for c in spans]
        around_span = max((terms.coverage(w) for w in clauses), default=0.0)
        counted = any(counts(qa, c) for c in spans)
        missing = lacks_asked_form(qa, spans)
        focus_span = max((_share(qa.focus, w) for w in clauses), default=0.0)
        cov = terms.coverage(words, weights=sentence_weights)
        dense = sent.hit.scores.get("dense_raw", 0.0)
        sent_dense = dense if sent_dense is None else sent_dense
        raw.append([
            cov,
            terms.coverage(context_words, weights=sentence_weights),
            terms.coverage(before, weights=sentence_weights),
            terms.coverage(after, weights=sentence_weights),
            bm25_score,
            terms.coverage(chunk_words[sent.hit.chunk_id]),
            title_cov[sent.article_id],
            0.0,  # cov_gap, below
            terms.coverage(words, only=own) if own else cov,
            terms.coverage(words, weights=local),
            0.0,  # cov_local_gap, below
            terms.rarest_found(words),
            terms.pair_share(pairs_of(sentence)),
            terms.anchor_share(sentence_phrases),
            terms.anchor_share(context_phrases),
            terms.anchor_share(article_phrases[sent.article_id], article=True),
            float(bool(terms.anchors)),
            terms.anchor_share(context_phrases, numbers=True),
            terms.anchor_share(article_phrases[sent.article_id], numbers=True, article=True),
            float(bool(spans)),
            typed_question,
            typed_question * bool(spans),
            near,
            around_span,
            float(counted),
            float(missing),
            float(missing and exact),
            min(1.0, len(spans) / 3.0) if qa.wants_list else 0.0,
            _share(qa.focus, words),
            focus_span,
            len(words - asked) / len(words) if words else 0.0,
            float(bool(_ANAPHOR.match(sentence))),
            1.0 / (1.0 + sent.index),
            math.log1p(len(sentence) / 100.0),
            sent.hit.score,
            1.0 / (1.0 + sent.rank),
            dense,
            0.0,  # dense_gap, below
            sent_dense,
            0.0,  # dense_sent_gap, below
            sent.hit.scores.get("bm25", 0.0),  # bm25_chunk
            english,
            english * dense,
            english * sent_dense,
            english * cov,
            plain,
            plain * dense,
            terms.unseen,
            conflicts[sent.article_id],
        ])
    return with_gaps(np.array(raw, dtype=float))


# Features measured against the best candidate of the same question: (gap, the feature it is taken of).
GAPS = (("cov_gap", "cov"), ("cov_local_gap", "cov_local"), ("dense_gap", "dense"),
        ("dense_sent_gap", "dense_sent"))


def with_gaps(rows: np.ndarray) -> np.ndarray:
    """`rows` (one question's candidates) with each `GAPS` feature set to its base feature minus the
    best candidate's; also after candidates are taken out (`eval.fit_reader.without_gold`)."""
    for gap, base in GAPS:
        b = FEATURES.index(base)
        rows[:, FEATURES.index(gap)] = rows[:, b] - rows[:, b].max()
    return rows


def _share(wanted: list[str], words: set[str]) -> float:
    """The share of `wanted` among `words` (1.0 when nothing is wanted)."""
    return sum(w in words for w in wanted) / len(wanted) if wanted else 1.0


# A sentence that opens by pointing back: a pronoun, "this / these …", "both / all three …".
_ANAPHOR = re.compile(r"(?:ông|bà|anh|chị|họ|nó|chúng|đây|đó|điều này|việc này|vì vậy|do đó|cả (?:hai|ba|bốn))"
                      r"(?:\s+(?:ấy|này|đó|ta|tôi))?(?!\w)", re.IGNORECASE)
_BM25_K1, _BM25_B = 1.2, 0.75


def _bm25(terms: QuestionTerms, texts: list[str]) -> list[float]:
    """BM25 of each sentence for the question's content words, with the question's IDF weights,
    divided by the best sentence's (1.0 for the best)."""
    tallies = []
    for t in texts:
        c: dict[str, int] = {}
        for w in _WORD.findall(fold(t)):
            c[w] = c.get(w, 0) + 1
        tallies.append(c)
    lengths = [sum(c.values()) for c in tallies]
    average = (sum(lengths) / len(lengths)) or 1.0
    scores = []
    for c, n in zip(tallies, lengths):
        norm = _BM25_K1 * (1 - _BM25_B + _BM25_B * n / average)
        scores.append(sum(terms.weights[w] * c[w] * (_BM25_K1 + 1) / (c[w] + norm) for w in terms.words if w in c))
    top = max(scores, default=0.0)
    return [x / top if top else 0.0 for x in scores]


_WORD = re.compile(r"\w+")
