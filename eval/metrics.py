"""Evaluation metrics: small pure functions over answers, citations and retrieved article ids.

Every string comparison goes through `normalize_answer`: Unicode NFC, lower case and modern tone
placement (`corpus.normalize.match_form`: hoà = hòa, uỷ = ủy), every dash (– — ‑ −) as "-",
every quotation mark as '"', and runs of white space as one space. A gold string typed without
any diacritic (the no-diacritics article, or XQuAD numbers) is compared tone-folded instead
(`corpus.normalize.fold`), since it cannot tell tones apart anyway.

Citations are plain mappings (or objects) with `article_id`, `quote`, `start` and `end`, the
shape of `assistant.records.Citation`.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from corpus.normalize import fold, has_tone_marks, match_form

_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_QUOTES = re.compile(r"[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]")
_APOSTROPHES = re.compile(r"[\u2018\u2019\u201a\u201b\u2032]")
_SPACE = re.compile(r"\s+")
_MARKER = re.compile(r"\s*\[\d+(?:\s*[,;]\s*\d+)*\]")
_BULLET = re.compile(r"^\s*(?:[-*•+]|\d+[.)])\s+", re.MULTILINE)
# Civic abbreviations written either way in the articles and in answers (lower-cased forms).
_ABBREVIATIONS = (
    (re.compile(r"\bubmttq\b"), "ủy ban mặt trận tổ quốc"),
    (re.compile(r"\bmttq\b"), "mặt trận tổ quốc"),
    (re.compile(r"\bubnd\b"), "ủy ban nhân dân"),
    (re.compile(r"\bhđnd\b"), "hội đồng nhân dân"),
    (re.compile(r"\btp\.\s*|\btp\b"), "thành phố "),
)


# --- normalisation ------------------------------------------------------------------------------
def normalize_answer(text: str) -> str:
    """The comparison form: match_form (NFC, lower case, modern tone placement), dashes as "-",
    quotation marks as '"', apostrophes as "'", the civic abbreviations UBND, HĐND, (UB)MTTQ and
    TP. spelled out, white space collapsed, ends stripped."""
    text = match_form(text)
    for pattern, expansion in _ABBREVIATIONS:
        text = pattern.sub(expansion, text)
    text = _DASHES.sub("-", text)
    text = re.sub(r"(?<=\d) ?- ?(?=\d)", "-", text)  # "2017 - 2022" is "2017-2022"
    text = _QUOTES.sub('"', text)
    text = _APOSTROPHES.sub("'", text)
    return _SPACE.sub(" ", text).strip()


def strip_markers(text: str) -> str:
    """The answer text without its citation markers ("… [1]", "[2, 3]")."""
    return _SPACE.sub(" ", _MARKER.sub("", text)).strip()


def contains_answer(text: str, gold: str) -> bool:
    """True when the normalised `gold` occurs in the normalised `text` (tone-folded on both sides
    when `gold` carries no diacritic). An empty gold never matches."""
    needle = normalize_answer(gold)
    if not needle:
        return False
    haystack = normalize_answer(text)
    if needle in haystack:
        return True
    if not has_tone_marks(gold):
        return fold(needle) in fold(haystack)
    return False


def first_segment(answer: str) -> str:
    """The short answer proper: the answer text up to its first citation marker (or its first
    line when there is no marker), markers removed."""
    match = _MARKER.search(answer)
    head = answer[: match.start()] if match else answer.split("\n", 1)[0]
    return strip_markers(head) or strip_markers(answer)


# --- answers ------------------------------------------------------------------------------------
# Accuracy reads only the start of an answer: a gold string found past it is not credited, so
# accuracy cannot be bought by answering at length.
ACCURACY_CHARS = 400


def answer_correct(answer: str, golds: Sequence[str], abstained: bool = False) -> bool:
    """True when the answer did not abstain and any gold answer string occurs in its first
    `ACCURACY_CHARS` characters (after normalisation, markers removed). Unanswerable questions (no
    golds) are never "correct" here: they are scored by the abstention metrics."""
    if abstained or not golds:
        return False
    text = strip_markers(answer)[:ACCURACY_CHARS]
    return any(contains_answer(text, gold) for gold in golds)


def split_items(answer: str) -> list[str]:
    """The items of a list answer: lines / bullets / semicolon-separated parts when the answer has
    several, otherwise comma- and "và"-separated parts. Markers removed, empties dropped."""
    text = _MARKER.sub("", answer)
    text = _BULLET.sub("\n", text)
    parts = [p for p in re.split(r"\n+|;", text) if p.strip()]
    # a lead-in ("… gồm 7 đơn vị:") is not an item: drop a part that ends with ":" and the part of
    # the first item up to its colon
    parts = [p for p in parts if not p.rstrip().endswith(":")]
    if parts and ":" in parts[0]:
        parts[0] = parts[0].rsplit(":", 1)[1]
    if len(parts) <= 1:
        parts = re.split(r",|\bvà\b|\band\b", " ".join(parts))
    items = []
    for part in parts:
        item = part.strip(" \t\n.:;,-–—\"“”'")
        if item:
            items.append(item)
    return items


def list_recall_precision(answer: str, gold_items: Sequence[str],
                          abstained: bool = False) -> tuple[float, float]:
    """(recall, precision) of a list answer.

    Recall: the share of gold items whose normalised form occurs anywhere in the answer.
    Precision: the share of the answer's items (`split_items`) that match a gold item — the item
    contains a gold item, or is part of one (a unit name cut at its own comma still counts).
    An abstention, or an answer with no items, scores (0.0, 0.0).
    """
    if not gold_items:
        raise ValueError("list_recall_precision needs at least one gold item")
    if abstained:
        return 0.0, 0.0
    text = strip_markers(answer)
    found = sum(1 for gold in gold_items if contains_answer(text, gold))
    recall = found / len(gold_items)
    items = split_items(answer)
    if not items:
        return recall, 0.0
    good = sum(1 for item in items if _item_matches(item, gold_items))
    return recall, good / len(items)


def listed_part(answer: str) -> str:
    """The items an answer lists: its bulleted or numbered lines when it has any (not the lead-in
    before them nor the evidence sentence after them), else the whole answer."""
    lines = [line for line in answer.splitlines() if _BULLET.match(line)]
    return "\n".join(lines) if lines else answer


def listed_recall(answer: str, gold_items: Sequence[str], abstained: bool = False) -> float:
    """The share of gold items that the answer's listed items (`listed_part`) hold: how much of a
    list the reader itemised, where `list_recall_precision` also credits the quoted sentence."""
    return list_recall_precision(listed_part(answer), gold_items, abstained)[0]


def _item_matches(item: str, gold_items: Sequence[str]) -> bool:
    norm_item = normalize_answer(item)
    if not norm_item:
        return False
    for gold in gold_items:
        if contains_answer(item, gold):
            return True
        norm_gold = normalize_answer(gold)
        # a piece of a gold item cut at its own comma or "và" ("Sở Văn hoá" | "Thể thao và Du lịch")
        if len(norm_item.split()) >= 2 and (norm_item in norm_gold or fold(norm_item) in fold(norm_gold)):
            return True
    return False


# --- retrieval ----------------------------------------------------------------------------------
def article_ranking(hit_article_ids: Iterable[str]) -> list[str]:
    """Chunk hits → article ranking: each article at the rank of its best chunk, duplicates dropped."""
    seen: dict[str, None] = {}
    for article_id in hit_article_ids:
        seen.setdefault(article_id, None)
    return list(seen)


def retrieval_rank(hit_article_ids: Iterable[str], gold_article_ids: Iterable[str]) -> int | None:
    """1-based article-level rank of the first gold evidence article among the hits (None when
    no gold article was retrieved, or there is no gold)."""
    gold = set(gold_article_ids)
    if not gold:
        return None
    for rank, article_id in enumerate(article_ranking(hit_article_ids), start=1):
        if article_id in gold:
            return rank
    return None


def hit_at(rank: int | None, k: int) -> bool:
    """True when a gold article was retrieved at rank ≤ k."""
    return rank is not None and rank <= k


def reciprocal_rank(rank: int | None) -> float:
    """1/rank, or 0.0 when nothing relevant was retrieved."""
    return 1.0 / rank if rank else 0.0


# --- citations ----------------------------------------------------------------------------------
def _field(obj: Any, key: str) -> Any:
    return obj[key] if isinstance(obj, Mapping) else getattr(obj, key)


def citation_valid(citation: Any, texts: Mapping[str, str]) -> bool:
    """True when the citation's quote is exactly the stored text of its article at [start:end]
    (and is not empty)."""
    text = texts.get(_field(citation, "article_id"))
    if text is None:
        return False
    quote, start, end = _field(citation, "quote"), _field(citation, "start"), _field(citation, "end")
    return bool(quote) and 0 <= start < end <= len(text) and text[start:end] == quote


def citation_validity(citations: Sequence[Any], texts: Mapping[str, str]) -> tuple[int, int]:
    """(valid, total) over `citations`; the product requires valid == total."""
    return sum(1 for c in citations if citation_valid(c, texts)), len(citations)


def locate_evidence(evidence: Sequence[Mapping[str, str]],
                    texts: Mapping[str, str]) -> list[tuple[str, int, int]]:
    """Gold evidence quotes → (article_id, start, end) spans in the stored texts. Every
    occurrence counts; quotes that are not found are left out (the set validator reports them)."""
    spans = []
    for item in evidence:
        article_id, quote = item["article_id"], item["quote"]
        text = texts.get(article_id)
        if not text or not quote:
            continue
        start = text.find(quote)
        while start >= 0:
            spans.append((article_id, start, start + len(quote)))
            start = text.find(quote, start + 1)
    return spans


def citation_relevant(citation: Any, gold_spans: Sequence[tuple[str, int, int]],
                      golds: Sequence[str]) -> bool:
    """True when the citation's span overlaps a gold evidence span of the same article, or its
    quote contains a gold answer (or list item)."""
    article_id, start, end = _field(citation, "article_id"), _field(citation, "start"), _field(citation, "end")
    for gold_article, gold_start, gold_end in gold_spans:
        if gold_article == article_id and start < gold_end and gold_start < end:
            return True
    quote = _field(citation, "quote")
    return any(contains_answer(quote, gold) for gold in golds)


def citation_precision(citations: Sequence[Any], gold_spans: Sequence[tuple[str, int, int]],
                       golds: Sequence[str]) -> float | None:
    """Share of citations that are relevant (`citation_relevant`); None without citations."""
    if not citations:
        return None
    return sum(1 for c in citations if citation_relevant(c, gold_spans, golds)) / len(citations)


# --- abstention ---------------------------------------------------------------------------------
def abstention_rates(records: Iterable[tuple[bool, bool]]) -> dict[str, float | None]:
    """From (answerable, abstained) pairs: `abstention_rate` — share of unanswerable questions the
    assistant declined (higher is better) — and `false_abstention_rate` — share of answerable
    questions it declined (lower is better). None when a side has no questions."""
    unanswerable = answerable = declined = false_declined = 0
    for is_answerable, abstained in records:
        if is_answerable:
            answerable += 1
            false_declined += bool(abstained)
        else:
            unanswerable += 1
            declined += bool(abstained)
    return {
        "abstention_rate": declined / unanswerable if unanswerable else None,
        "false_abstention_rate": false_declined / answerable if answerable else None,
    }


# --- aggregation --------------------------------------------------------------------------------
def percentile(values: Sequence[float], p: float) -> float | None:
    """The p-th percentile (0–100) with linear interpolation between closest ranks (numpy's
    default); None for no values."""
    if not values:
        return None
    if not 0 <= p <= 100:
        raise ValueError("p must be within 0..100")
    ordered = sorted(values)
    position = (len(ordered) - 1) * p / 100
    low, high = math.floor(position), math.ceil(position)
    if low == high:
        return float(ordered[low])
    return float(ordered[low] + (ordered[high] - ordered[low]) * (position - low))


def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the values that are not None; None when there are none."""
    kept = [v for v in values if v is not None]
    return sum(kept) / len(kept) if kept else None


def word_count(answer: str) -> int:
    """Words in the answer text, markers removed."""
    return len(strip_markers(answer).split())


SUMMARY_KEYS = (
    "n", "answerable", "unanswerable",
    "hit@1", "hit@5", "hit@10", "mrr",
    "accuracy", "strict_accuracy", "list_n", "list_recall", "list_precision", "list_listed_recall",
    "citations", "citation_validity", "citation_precision",
    "abstention_rate", "false_abstention_rate",
    "latency_p50", "latency_p95", "retrieve_p50", "retrieve_p95",
    "answer_words", "errors",
)


def summarise(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Aggregate per-question result rows (as written to results.jsonl) into the summary metrics
    (`SUMMARY_KEYS`). Rates are over the questions they apply to; None where none apply.

    - hit@k, mrr: questions with gold evidence (answerable).
    - accuracy / strict_accuracy: answerable questions; an abstention or an error counts as wrong.
    - list_recall / list_precision: mean over answerable `list` questions; list_listed_recall: the
      recall of their itemised lines alone (`listed_recall`).
    - citation_validity: valid citations / all citations (1.0 when there are none).
    - citation_precision: mean over answered answerable questions that have citations.
    - latency: seconds per `ask` call (p50, p95); retrieve: per `retrieve` call.
    """
    answerable = [r for r in rows if r["answerable"]]
    ranked = [r for r in answerable if r.get("evidence_articles")]
    lists = [r for r in answerable if r.get("list")]
    valid = sum(r.get("citations_valid", 0) for r in rows)
    total = sum(r.get("citations_total", 0) for r in rows)
    rates = abstention_rates((r["answerable"], r["abstained"]) for r in rows if not r.get("error"))
    summary: dict[str, Any] = {
        "n": len(rows),
        "answerable": len(answerable),
        "unanswerable": len(rows) - len(answerable),
        "hit@1": mean(float(hit_at(r.get("rank"), 1)) for r in ranked),
        "hit@5": mean(float(hit_at(r.get("rank"), 5)) for r in ranked),
        "hit@10": mean(float(hit_at(r.get("rank"), 10)) for r in ranked),
        "mrr": mean(reciprocal_rank(r.get("rank")) for r in ranked),
        "accuracy": mean(float(bool(r.get("correct"))) for r in answerable),
        "strict_accuracy": mean(float(bool(r.get("strict_correct"))) for r in answerable),
        "list_n": len(lists),
        "list_recall": mean(r.get("item_recall") for r in lists),
        "list_precision": mean(r.get("item_precision") for r in lists),
        "list_listed_recall": mean(r.get("listed_recall") for r in lists),
        "citations": total,
        "citation_validity": valid / total if total else 1.0,
        "citation_precision": mean(r.get("citation_precision") for r in answerable if not r["abstained"]),
        **rates,
        "latency_p50": percentile([r["latency"] for r in rows if r.get("latency") is not None], 50),
        "latency_p95": percentile([r["latency"] for r in rows if r.get("latency") is not None], 95),
        "retrieve_p50": percentile([r["retrieve_latency"] for r in rows if r.get("retrieve_latency") is not None], 50),
        "retrieve_p95": percentile([r["retrieve_latency"] for r in rows if r.get("retrieve_latency") is not None], 95),
        "answer_words": mean(float(r.get("answer_words", 0)) for r in rows if not r["abstained"] and not r.get("error")),
        "errors": sum(1 for r in rows if r.get("error")),
    }
    return summary
