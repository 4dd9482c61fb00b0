"""Each evaluation metric on hand-made cases whose right value is known (no model needed)."""
from __future__ import annotations

import numpy as np
import pytest

from eval import metrics as m


# --- normalisation and answer matching ------------------------------------------------------------
def test_normalize_answer_unifies_case_tones_dashes_quotes_and_space():
    assert m.normalize_answer("  Sở Văn hoá,\n Thể thao – “Du lịch”  ") == 'sở văn hóa, thể thao - "du lịch"'
    assert m.normalize_answer("Uỷ ban") == m.normalize_answer("ỦY BAN")


def test_civic_abbreviations_match_their_spelled_out_forms():
    assert m.contains_answer("Ủy ban nhân dân huyện Kỳ Sơn", "UBND huyện Kỳ Sơn")
    assert m.contains_answer("UBND TP. Móng Cái", "Ủy ban nhân dân thành phố Móng Cái")
    assert m.contains_answer("Phó Chủ tịch Thường trực Hội đồng nhân dân tỉnh", "Phó Chủ tịch Thường trực HĐND tỉnh")
    assert m.contains_answer("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "UBMTTQ Việt Nam tỉnh")
    assert not m.contains_answer("tpbank", "thành phố")  # only whole words


def test_contains_answer_tone_placement_case_and_dashes():
    assert m.contains_answer("Đơn vị: SỞ VĂN HÓA, Thể thao và Du lịch", "Sở Văn hoá, Thể thao và Du lịch")
    assert m.contains_answer("giai đoạn 2023-2027.", "2023–2027")
    assert not m.contains_answer("giai đoạn 2023-2028", "2023–2027")
    assert not m.contains_answer("anything", "")


def test_contains_answer_folds_only_for_gold_without_diacritics():
    # gold typed without marks (the no-diacritics article): compared tone-folded
    assert m.contains_answer("Đại tá Chu Minh Sang – Giám đốc", "Chu Minh Sang")
    assert m.contains_answer("Giám đốc Công an tỉnh", "Giam doc Cong an tinh")
    # gold with marks must match with marks: Hòa (peace) is not Hóa
    assert not m.contains_answer("Sở Văn hóa", "Sở Văn hòa")
    assert m.contains_answer("Chu Minh Sáng", "Chu Minh Sang")  # a gold without marks cannot tell tones apart


def test_strip_markers_and_first_segment():
    assert m.strip_markers("Công an tỉnh [1], Sở Tư pháp [2, 3].") == "Công an tỉnh, Sở Tư pháp."
    assert m.first_segment("chiều 17/3/2021 [1]\n\nHội nghị … chiều 17/3/2021. [1]") == "chiều 17/3/2021"
    assert m.first_segment("Không tìm thấy.\nDòng hai") == "Không tìm thấy."
    assert m.first_segment("[1] Câu trích dẫn") == "Câu trích dẫn"  # nothing before the marker


def test_answer_correct():
    assert m.answer_correct("Ngày 17/3/2021 [1]", ["17/3/2021"])
    assert m.answer_correct("Bà Phan Thị Thu Trang [1]", ["Nguyễn Văn A", "Phan Thị Thu Trang"])
    assert not m.answer_correct("Ngày 17/3/2021 [1]", ["17/3/2021"], abstained=True)
    assert not m.answer_correct("Ngày 18/3/2021 [1]", ["17/3/2021"])
    assert not m.answer_correct("Không tìm thấy", [])  # unanswerable: scored by abstention
    # a marker between words does not break the match
    assert m.answer_correct("Công an [1] tỉnh", ["Công an tỉnh"])
    # only the first ACCURACY_CHARS characters count: length cannot buy accuracy
    assert m.answer_correct("x" * 380 + " 17/3/2021", ["17/3/2021"])
    assert not m.answer_correct("x" * 400 + " 17/3/2021", ["17/3/2021"])


# --- lists --------------------------------------------------------------------------------------
def test_split_items():
    assert m.split_items("A; B; C [1]") == ["A", "B", "C"]
    assert m.split_items("- A\n- B [2]\n") == ["A", "B"]
    assert m.split_items("1. A\n2. B") == ["A", "B"]
    assert m.split_items("A, B và C.") == ["A", "B", "C"]
    # lead-ins are not items
    assert m.split_items("Khối gồm 3 đơn vị, theo 1 bài viết [1]:\n- A [2]\n- B\n- C") == ["A", "B", "C"]
    assert m.split_items("Gồm 3 đơn vị: A; B; C [1]") == ["A", "B", "C"]
    assert m.split_items("Khối gồm: A, B và C") == ["A", "B", "C"]


def test_list_recall_precision_known_values():
    gold = ["Sở Tư pháp", "Công an tỉnh", "Thanh tra tỉnh", "Sở Y tế"]
    recall, precision = m.list_recall_precision("Sở Tư pháp, Công an tỉnh, Báo Lâm Đồng [1]", gold)
    assert recall == pytest.approx(2 / 4)
    assert precision == pytest.approx(2 / 3)
    assert m.list_recall_precision("Sở Tư pháp [1]", gold, abstained=True) == (0.0, 0.0)
    with pytest.raises(ValueError):
        m.list_recall_precision("x", [])


def test_list_items_with_commas_inside_names():
    gold = ["Sở Văn hoá, Thể thao và Du lịch", "Sở Y tế"]
    # separated by semicolons: two items, both right
    assert m.list_recall_precision("Sở Văn hóa, Thể thao và Du lịch; Sở Y tế [1]", gold) == (1.0, 1.0)
    # only commas: the name is cut into pieces, each piece is part of a gold item
    recall, precision = m.list_recall_precision("Sở Văn hóa, Thể thao và Du lịch, Sở Y tế", gold)
    assert (recall, precision) == (1.0, 1.0)
    # a one-word fragment of a name is not credited
    recall, precision = m.list_recall_precision("Sở Y tế; tỉnh", gold)
    assert (recall, precision) == (0.5, 0.5)


# --- retrieval ----------------------------------------------------------------------------------
def test_retrieval_rank_is_article_level():
    hits = ["a", "a", "b", "a", "c", "d"]
    assert m.article_ranking(hits) == ["a", "b", "c", "d"]
    assert m.retrieval_rank(hits, ["c"]) == 3
    assert m.retrieval_rank(hits, ["d", "b"]) == 2  # the best-ranked gold article counts
    assert m.retrieval_rank(hits, ["z"]) is None
    assert m.retrieval_rank(hits, []) is None


def test_hit_at_and_reciprocal_rank():
    assert not m.hit_at(3, 1) and m.hit_at(3, 5) and m.hit_at(3, 3)
    assert not m.hit_at(None, 10)
    assert m.reciprocal_rank(4) == 0.25
    assert m.reciprocal_rank(None) == 0.0


# --- citations ----------------------------------------------------------------------------------
TEXTS = {"a": "Hội nghị ký kết giao ước. Khối gồm 07 đơn vị. Chủ đề là “Đoàn kết”.", "b": "Bài khác."}


def _cite(article_id, quote, start=None):
    text = TEXTS.get(article_id, "")
    start = text.find(quote) if start is None else start
    return {"n": 1, "article_id": article_id, "quote": quote, "start": start, "end": start + len(quote)}


def test_citation_validity():
    good = _cite("a", "Khối gồm 07 đơn vị.")
    shifted = {**good, "start": good["start"] + 1, "end": good["end"] + 1}
    unknown = {**good, "article_id": "zzz"}
    empty = {"n": 2, "article_id": "a", "quote": "", "start": 0, "end": 0}
    assert m.citation_valid(good, TEXTS)
    assert not m.citation_valid(shifted, TEXTS)
    assert not m.citation_valid(unknown, TEXTS)
    assert not m.citation_valid(empty, TEXTS)
    assert m.citation_validity([good, shifted, unknown], TEXTS) == (1, 3)
    assert m.citation_validity([], TEXTS) == (0, 0)


def test_citation_validity_accepts_objects():
    class C:
        article_id, quote, start, end = "b", "Bài", 0, 3

    assert m.citation_valid(C(), TEXTS)


def test_locate_evidence_finds_every_occurrence():
    texts = {"x": "ab ab ab"}
    assert m.locate_evidence([{"article_id": "x", "quote": "ab"}], texts) == [("x", 0, 2), ("x", 3, 5), ("x", 6, 8)]
    assert m.locate_evidence([{"article_id": "y", "quote": "ab"}], texts) == []


def test_citation_precision_known_value():
    spans = m.locate_evidence([{"article_id": "a", "quote": "Khối gồm 07 đơn vị"}], TEXTS)
    overlapping = _cite("a", "gồm 07 đơn vị. Chủ đề")      # overlaps the gold span
    with_answer = _cite("a", "Chủ đề là “Đoàn kết”.")      # contains the gold answer
    unrelated = _cite("a", "Hội nghị ký kết giao ước.")    # neither
    other_article = _cite("b", "Bài khác.")
    assert m.citation_precision([overlapping, with_answer, unrelated, other_article], spans, ["Đoàn kết"]) == 0.5
    assert m.citation_precision([unrelated], spans, ["Đoàn kết"]) == 0.0
    assert m.citation_precision([], spans, ["Đoàn kết"]) is None
    # touching but not overlapping spans do not count
    gold_start = spans[0][1]
    before = {"n": 1, "article_id": "a", "quote": TEXTS["a"][:gold_start], "start": 0, "end": gold_start}
    assert not m.citation_relevant(before, spans, [])


# --- abstention and aggregation -------------------------------------------------------------------
def test_abstention_rates():
    records = [(True, False), (True, True), (False, True), (False, False), (False, True)]
    rates = m.abstention_rates(records)
    assert rates["abstention_rate"] == pytest.approx(2 / 3)
    assert rates["false_abstention_rate"] == pytest.approx(1 / 2)
    assert m.abstention_rates([(True, False)]) == {"abstention_rate": None, "false_abstention_rate": 0.0}


@pytest.mark.parametrize("values", [[1.0, 2.0, 3.0, 4.0], [0.3, 0.1, 0.9, 0.2, 0.5, 0.7, 1.3], [5.0]])
@pytest.mark.parametrize("p", [0, 50, 95, 100])
def test_percentile_matches_numpy(values, p):
    assert m.percentile(values, p) == pytest.approx(float(np.percentile(values, p)))


def test_percentile_known_values_and_edges():
    assert m.percentile([1, 2, 3, 4], 50) == 2.5
    assert m.percentile([1, 2, 3, 4], 95) == pytest.approx(3.85)
    assert m.percentile([], 50) is None
    with pytest.raises(ValueError):
        m.percentile([1], 101)


def test_mean_and_word_count():
    assert m.mean([1.0, None, 3.0]) == 2.0
    assert m.mean([None]) is None
    assert m.word_count("Sở Tư pháp [1] và Công an [2]") == 6


def _row(**kw):
    base = {"answerable": True, "abstained": False, "list": False, "evidence_articles": ["a"], "rank": 1,
            "correct": True, "strict_correct": True, "citations_valid": 1, "citations_total": 1,
            "citation_precision": 1.0, "latency": 0.1, "retrieve_latency": 0.01, "answer_words": 4, "error": None}
    base.update(kw)
    return base


def test_summarise_known_values():
    rows = [
        _row(rank=1, latency=0.1),
        _row(rank=3, correct=False, strict_correct=False, citation_precision=0.0, latency=0.2),
        _row(rank=None, abstained=True, correct=False, strict_correct=False, citations_total=0,
             citations_valid=0, citation_precision=None, latency=0.3, answer_words=0),
        _row(list=True, rank=12, correct=False, strict_correct=False, item_recall=0.5, item_precision=1.0,
             citations_valid=1, citations_total=2, latency=0.4),
        _row(answerable=False, evidence_articles=[], rank=None, abstained=True, correct=False,
             citations_total=0, citations_valid=0, citation_precision=None, latency=0.5, answer_words=0),
        _row(answerable=False, evidence_articles=[], rank=None, correct=False, citation_precision=None, latency=0.6),
    ]
    s = m.summarise(rows)
    assert (s["n"], s["answerable"], s["unanswerable"]) == (6, 4, 2)
    assert s["hit@1"] == 0.25 and s["hit@5"] == 0.5 and s["hit@10"] == 0.5
    assert s["mrr"] == pytest.approx((1 + 1 / 3 + 0 + 1 / 12) / 4)
    assert s["accuracy"] == 0.25 and s["strict_accuracy"] == 0.25
    assert (s["list_n"], s["list_recall"], s["list_precision"]) == (1, 0.5, 1.0)
    assert s["citations"] == 5 and s["citation_validity"] == pytest.approx(4 / 5)
    assert s["citation_precision"] == pytest.approx((1.0 + 0.0 + 1.0) / 3)  # answered answerable only
    assert s["abstention_rate"] == 0.5 and s["false_abstention_rate"] == 0.25
    assert s["latency_p50"] == pytest.approx(0.35) and s["latency_p95"] == pytest.approx(0.575)
    assert s["errors"] == 0
    assert set(m.SUMMARY_KEYS) <= set(s)


def test_summarise_counts_errors_and_empty_groups():
    s = m.summarise([_row(answerable=False, evidence_articles=[], rank=None, error="ask: boom",
                          correct=False, latency=None, citations_total=0, citations_valid=0)])
    assert s["errors"] == 1
    assert s["hit@1"] is None and s["accuracy"] is None and s["abstention_rate"] is None
    assert s["citation_validity"] == 1.0 and s["latency_p50"] is None


def test_listed_recall_reads_only_the_itemised_lines():
    gold = ["Sở Tư pháp", "Công an tỉnh", "Sở Y tế"]
    answer = ("Bài viết nêu 2 cơ quan [1]:\n- Sở Tư pháp [1]\n- Công an tỉnh [1]\n\n"
              "Dự họp có Sở Tư pháp, Công an tỉnh và Sở Y tế. [1]")
    assert m.list_recall_precision(answer, gold)[0] == 1.0  # the quoted sentence holds the third
    assert m.listed_recall(answer, gold) == pytest.approx(2 / 3)
    assert m.listed_part(answer) == "- Sở Tư pháp [1]\n- Công an tỉnh [1]"
    # an answer without itemised lines is read whole
    assert m.listed_recall("Sở Tư pháp, Công an tỉnh và Sở Y tế [1]", gold) == 1.0
    assert m.listed_recall(answer, gold, abstained=True) == 0.0
