"""Guards of generalisation: no question-set phrase in product code, sealed splits by article, and the
evaluation's length-bounded accuracy (issue [1/5])."""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata

import pytest
from conftest import CIVIC_NEWS, ROOT

from eval import splits
from eval.sets import Evidence, Question, load_questions


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    return " ".join(re.findall(r"\w+", "".join(c for c in text if unicodedata.category(c) != "Mn")))


def _phrases(words: list[str], n: int = 4) -> set[str]:
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def _article_texts() -> list[str]:
    from corpus.readers import read_inputs

    paths = [ROOT / "corpus" / "articles"] + ([CIVIC_NEWS] if CIVIC_NEWS.exists() else [])
    return [_fold(r.title + " " + r.text) for r in read_inputs([str(p) for p in paths]) if hasattr(r, "text")]


# Phrases reviewed as vocabulary, not rules for one question (each with where it stands and why).
VOCABULARY = {
    "chu de thi dua": "corpus/extraction/themes.py: words that introduce a slogan",
    "chu de la gi": "assistant/question.py: the docstring's example of a question frame (\"what is the theme\"), "
                    "written before civic_news_d, whose one question asks it",
    "ministry of home affairs": "index/glossary.py: a ministry's name in the English glossary, there before "
                                "civic_news_e was written",
}


def test_no_phrase_of_one_question_stands_in_product_code():
    """A run of four words from a question or gold answer that only that question uses, and that is
    not article vocabulary (it occurs in fewer than two articles: "Ủy ban nhân dân" is vocabulary,
    a figure or a name from one article is not), must not stand in a string of assistant/, index/
    or corpus/ (regex alternatives "a|b" are separate strings): a rule written for one question
    does not generalise."""
    uses: dict[str, set[str]] = {}
    for path in sorted((ROOT / "eval" / "sets").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            q = json.loads(line)
            for text in [q["question"], *q.get("answers", [])]:
                for phrase in _phrases(_fold(text).split()):
                    uses.setdefault(phrase, set()).add(f"{path.stem}:{q['id']}")
    single = {p: next(iter(ids)) for p, ids in uses.items() if len(ids) == 1}
    articles = _article_texts()
    hits = []
    for path in sorted(p for d in ("assistant", "index", "corpus") for p in (ROOT / d).rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith("#"):
                continue
            for literal in (part for lit in re.findall(r"[\"']([^\"']{12,})[\"']", line) for part in lit.split("|")):
                for phrase in _phrases(_fold(literal).split()) & single.keys():
                    if phrase not in VOCABULARY and sum(f" {phrase} " in f" {a} " for a in articles) < 2:
                        hits.append(f"{path.relative_to(ROOT)}:{number}: {phrase!r} (only in {single[phrase]})")
    assert not hits, "\n".join(hits)


# --- splits ---------------------------------------------------------------------------------------
def _q(qid: str, articles: list[str], **extra) -> Question:
    return Question(qid, "?", "factoid" if articles else "unanswerable", ("x",) if articles else (),
                    evidence=tuple(Evidence(a, "x") for a in articles), extra=extra)


def test_a_question_goes_to_the_split_of_its_articles_most_sealed_first():
    by_digit = {}
    for i in range(400):
        key = f"article-{i}"
        by_digit.setdefault(hashlib.sha1(key.encode()).hexdigest()[0], key)
    test_key, train_key, dev_key = by_digit["3"], by_digit["9"], by_digit["d"]
    assert splits.split_of(_q("a", [test_key])) == "test"
    assert splits.split_of(_q("b", [train_key])) == "train"
    assert splits.split_of(_q("c", [dev_key])) == "dev"
    assert splits.split_of(_q("d", [train_key, test_key])) == "test"  # never trained on a test article
    assert splits.split_of(_q("e", [train_key, dev_key])) == "dev"
    assert splits.split_of(_q("f", [], near_article=test_key)) == "test"  # an unanswerable one, by its article
    assert splits.split_of(_q("g", [train_key], title=test_key)) == "test"  # XQuAD: by the passage's title
    with pytest.raises(ValueError, match="unknown split"):
        splits.select([], "validation")


def test_every_shipped_set_has_a_sealed_test_part_with_whole_articles():
    from eval.sets import TRAIN_DEV_ONLY

    for path in sorted((ROOT / "eval" / "sets").glob("*.jsonl")):
        questions = load_questions(path)
        parts = {s: splits.select(questions, s) for s in splits.SPLITS}
        assert sum(len(p) for p in parts.values()) == len(questions)
        # a train / dev-only set holds no test article at all; every other set has a sealed test part
        assert (not parts["test"]) if path.stem in TRAIN_DEV_ONLY else parts["test"], path.name
        assert parts["train"] + parts["dev"], path.name
        for q in parts["train"] + parts["dev"]:  # no train or dev question touches a test article
            assert all(splits.split_of_key(a) != "test" for a in splits.question_keys(q)), (path.name, q.id)


@pytest.mark.skipif(not (ROOT.parent / "shared" / "data" / "vi_qa").exists(), reason="needs ../shared/data/vi_qa")
def test_xquad_test_split_is_the_twenty_titles_the_issue_names():
    from eval.xquad import load_xquad

    questions, passages = load_xquad()
    test = splits.select(questions, "test")
    assert len(test) == 493 and len({q.extra["title"] for q in test}) == 20
    assert len({p["title"] for p in passages}) == 48


def test_the_new_civic_set_covers_every_type_in_its_test_split():
    questions = load_questions(ROOT / "eval" / "sets" / "civic_news_b.jsonl")
    assert len(questions) >= 150
    counts = {t: sum(q.type == t for q in questions) for t in {q.type for q in questions}}
    assert counts["unanswerable"] >= 15 and counts["followup"] >= 10 and counts["no_diacritics"] >= 10
    assert counts["english"] >= 10 and sum(q.list for q in questions) >= 15
    assert {q.type for q in splits.select(questions, "test")} == set(counts)
