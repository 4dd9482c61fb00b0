"""The shipped question sets: format, coverage of every type, and ground truth that is exactly in
the articles (every evidence quote is a substring of the stored text; every answer occurs in an
evidence quote). Needs no model: articles are read with the corpus readers."""
from __future__ import annotations

import json
from collections import Counter

import pytest
from conftest import CIVIC_NEWS, DEMO_ARTICLES, ROOT, needs_shared

from corpus.readers import read_inputs
from eval.sets import TYPES, SetFormatError, check_evidence, load_questions

DEMO_SET = ROOT / "eval" / "sets" / "demo.jsonl"


def _texts(path) -> dict[str, str]:
    texts = {}
    for result in read_inputs([path]):
        assert hasattr(result, "text"), f"unreadable input: {result}"
        texts[result.id] = result.text
    return texts


@pytest.fixture(scope="module")
def demo_texts():
    return _texts(DEMO_ARTICLES)


def test_demo_set_loads_and_covers_every_type():
    questions = load_questions(DEMO_SET)
    assert len(questions) >= 90
    counts = Counter(q.type for q in questions)
    for qtype in TYPES:
        assert counts[qtype] >= 8, f"only {counts[qtype]} {qtype} questions"
    assert len({q.id for q in questions}) == len(questions)


def test_demo_set_shape_per_type():
    for q in load_questions(DEMO_SET):
        if q.type == "unanswerable":
            assert not q.answers and not q.evidence, q.id
        else:
            assert q.answers and q.evidence, q.id
        if q.type == "followup":
            assert q.history, q.id
        if q.list:
            assert len(q.answers) >= 2, q.id


def test_demo_evidence_quotes_are_exact_and_contain_the_answers(demo_texts):
    problems = check_evidence(load_questions(DEMO_SET), demo_texts)
    assert not problems, "\n".join(problems)


def test_no_diacritics_questions_have_no_diacritics():
    from corpus.normalize import has_tone_marks

    for q in load_questions(DEMO_SET):
        if q.type == "no_diacritics":
            assert not has_tone_marks(q.question), q.id


def test_check_evidence_reports_bad_quotes_and_answers():
    from eval.sets import question_from_dict

    q = question_from_dict({"id": "x", "question": "?", "type": "factoid", "answers": ["Hà Nội"],
                            "evidence": [{"article_id": "a", "quote": "ở Huế"},
                                         {"article_id": "b", "quote": "z"}]})
    problems = check_evidence([q], {"a": "Hội nghị tổ chức ở Huế."})
    assert any("'b' is not in the corpus" in p for p in problems)
    assert any("'Hà Nội' occurs in no evidence quote" in p for p in problems)
    assert check_evidence([q], {"a": "ở Hue", "b": "z"})[0].startswith("x: quote is not an exact substring")


def test_loader_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    good = {"id": "a", "question": "Ai?", "type": "factoid", "answers": ["X"], "list": False,
            "history": [], "evidence": [{"article_id": "d", "quote": "X"}]}
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps({**good, "id": "b", "type": "riddle"}),
        json.dumps({**good, "id": "c", "type": "unanswerable"}),
        json.dumps({**good, "id": "a"}),
        json.dumps({**good, "id": "e", "type": "followup"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SetFormatError) as info:
        load_questions(path)
    message = str(info.value)
    assert f"{path}:2: not valid JSON" in message
    assert f"{path}:3: 'type' must be one of" in message
    assert f"{path}:4: an unanswerable question has empty" in message
    assert f"{path}:5: duplicate id 'a' (first on line 1)" in message
    assert f"{path}:6: a followup question needs" in message


@pytest.fixture(scope="module")
def civic_texts():
    return _texts(CIVIC_NEWS)


@needs_shared
@pytest.mark.shared
@pytest.mark.parametrize("name", ["civic_news", "civic_news_b", "civic_news_c", "civic_news_d", "civic_news_e",
                                  "civic_news_f", "civic_news_g", "civic_news_h",
                                  "civic_news_i", "civic_news_j", "civic_news_k"])
def test_civic_news_set_quotes_are_exact(name, civic_texts):
    path = ROOT / "eval" / "sets" / f"{name}.jsonl"
    if not path.exists():
        pytest.skip(f"no {name} set")
    questions = load_questions(path)
    assert len(questions) >= 20
    problems = check_evidence(questions, civic_texts)
    assert not problems, "\n".join(problems)


def test_sets_over_one_corpus_share_the_runners_index():
    from eval.sets import DEFAULT_CORPORA, index_name

    # every civic_news set reads the same 400 articles: one index, ingested once
    assert {index_name(name) for name in DEFAULT_CORPORA if name.startswith("civic_news")} == {"civic_news"}
    assert index_name("demo") == "demo"  # its own corpus
    assert index_name("my_questions") == "my_questions" and index_name("xquad-vi") == "xquad-vi"
