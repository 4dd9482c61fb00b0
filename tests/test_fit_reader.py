"""`python -m eval.fit_reader` refits the reader model: on small hand-made training groups (no index
needed), the three models and thresholds are fitted, saved and load into a working reader."""
from __future__ import annotations

import numpy as np

from assistant.reading import Reader, load_reader_model
from assistant.reading.features import FEATURES, POSITIVE
from assistant.reading.spans import SPAN_FEATURES
from eval.fit_reader import fit, fit_logistic
from eval.reader_data import Group, perturb


def _group(rng, qid, split, answerable, how="asked", set_name="civic_news_b"):
    rows = rng.normal(size=(8, len(FEATURES)))
    labels = np.zeros(8, dtype=bool)
    if answerable:
        labels[0] = True
        rows[0, FEATURES.index("cov")] += 2.0  # the answer covers the question
    spans = [(0, rng.normal(size=(2, len(SPAN_FEATURES))), np.array([answerable, False]))]
    return Group(set_name, qid, split, "factoid", answerable, how != "asked", rows, labels, how, spans)


def _training_groups(rng) -> list[Group]:
    """80 answerable questions (a quarter XQuAD's), each also with its evidence filtered out, and 80
    unanswerable ones, alternately train and dev."""
    groups = []
    for i in range(80):
        split = "train" if i % 2 else "dev"
        groups.append(_group(rng, f"q{i}", split, True, set_name="xquad" if i % 4 == 0 else "civic_news_b"))
        groups.append(_group(rng, f"q{i}", split, False, "filtered"))
        groups.append(_group(rng, f"u{i}", split, False))
    return groups


def test_fit_writes_a_model_the_reader_loads(tmp_path):
    groups = _training_groups(np.random.default_rng(7))
    model, report = fit(groups, log=lambda message: None)
    model.save(tmp_path / "reader.json")
    loaded = load_reader_model(tmp_path / "reader.json")
    Reader(loaded)  # fits the reader's features
    assert loaded.sentence.coef[FEATURES.index("cov")] > 0
    assert 0.0 < loaded.thresholds["answerable"] < 1.0
    assert report["top1_train_dev"] > 0.5
    assert set(report["abstention"]["false_abstention_train_dev"]) == {"civic_news_b", "xquad"}
    for name, value in report["abstention"]["false_abstention_train_dev"].items():
        assert value <= 0.05, name


def test_evidence_weights_stay_non_negative_even_when_the_data_says_otherwise():
    rng = np.random.default_rng(3)
    rows = rng.normal(size=(400, 2))
    labels = rows[:, 0] < 0  # the feature counts against the label here
    free = fit_logistic(rows, labels, ("a", "b"))
    held = fit_logistic(rows, labels, ("a", "b"), positive=frozenset({"a"}))
    assert free.coef[0] < 0 and held.coef[0] == 0.0
    assert "cov" in POSITIVE


def test_perturbed_questions_ask_about_something_else():
    assert perturb("Hội nghị năm 2021 diễn ra ở đâu?") == "Hội nghị năm 2024 diễn ra ở đâu?"
    assert perturb("Kỳ họp lần thứ 9 bế mạc khi nào?") == "Kỳ họp lần thứ 10 bế mạc khi nào?"
    changed = perturb("Ai là Chủ tịch UBND tỉnh Lào Cai?")
    assert changed and "Lào Cai" not in changed and changed.startswith("Ai là Chủ tịch UBND tỉnh ")
    assert perturb("Ai chủ trì hội nghị?") is None


def test_refitting_the_answerable_model_alone_keeps_the_ranking(tmp_path):
    from eval.fit_reader import main

    groups = _training_groups(np.random.default_rng(11))
    base, _ = fit(groups, log=lambda message: None)
    path = tmp_path / "reader.json"
    base.save(path)
    # the same questions, their evidence now weaker: only the answerable model and its threshold move
    for g in groups[::2]:
        g.rows[:, FEATURES.index("cov")] -= 1.0
    from eval.fit_reader import refit_answerable

    model, report = refit_answerable(groups, load_reader_model(path), log=lambda message: None)
    assert model.sentence.coef == base.sentence.coef and model.span.coef == base.span.coef
    assert model.thresholds["second"] == base.thresholds["second"]
    assert model.thresholds["second_margin"] == base.thresholds["second_margin"]
    assert model.answerable.coef != base.answerable.coef
    assert report["kept_from"]["version"] == base.version and "abstention" in report
    # the command line: reads the model at --out and writes it back
    import eval.fit_reader as fit_reader

    loaded = []
    original = fit_reader.load_groups
    fit_reader.load_groups = lambda name, splits, log, refresh=False: (loaded.append(name), groups)[1] if name == "demo" else []
    try:
        assert main(["--sets", "demo", "--answerable-only", "--out", str(path)]) == 0
    finally:
        fit_reader.load_groups = original
    written = load_reader_model(path)
    assert loaded == ["demo"] and written.sentence.coef == base.sentence.coef
    assert written.fitted_on["command"].endswith("--answerable-only --out " + str(path))


def test_off_topic_questions_keep_the_split_of_the_question_they_were():
    from eval import splits
    from eval.reader_data import foreign_questions
    from eval.sets import SETS_DIR, load_questions

    foreign = foreign_questions("xquad", ("train", "dev"))  # civic questions asked of XQuAD's index
    assert foreign and all(q.id.startswith("foreign-") and not q.evidence for q in foreign)
    originals = {q.id: q for n in ("civic_news_b", "demo") for q in load_questions(SETS_DIR / f"{n}.jsonl")}
    for q in foreign:
        assert q.extra["split"] == splits.split_of(originals[q.id.removeprefix("foreign-")]) in ("train", "dev")
    # without it the renamed question, which has no evidence left, would hash to a split of its own
    assert any(splits.split_of(q) == "test" for q in foreign)


def _ranked_group(qid: str, logits: list[float], right: int) -> Group:
    """An answerable question whose candidates a one-feature sentence model scores `logits`, the
    one at `right` holding the answer."""
    rows = np.zeros((len(logits), len(FEATURES)))
    rows[:, FEATURES.index("cov")] = logits
    labels = np.zeros(len(logits), dtype=bool)
    labels[right] = True
    return Group("civic_news_b", qid, "train", "factoid", True, False, rows, labels, "asked", [])


def test_the_second_sentence_is_shown_when_the_reader_cannot_tell_the_two_best_apart():
    from eval.fit_reader import fit_second

    class OneFeature:  # log-odds = cov
        def logit(self, rows):
            return rows[:, FEATURES.index("cov")]

    def fitted(groups):
        tops = [(bool(g.labels[0]), bool(g.labels[1])) for g in groups]  # candidates are given best first
        report: dict = {}
        return fit_second(groups, OneFeature(), tops, report, log=lambda message: None), report

    # close pairs hold the answer in either sentence; a clear best always holds it itself, though its
    # second sentence is more likely than theirs: only the margin tells them apart
    close = [_ranked_group(f"c{i}", [-3.0, -3.1, -5.0], right=i % 2) for i in range(20)]
    clear = [_ranked_group(f"k{i}", [-1.0, -2.5, -3.0], right=0) for i in range(20)]
    (second, margin), report = fitted(close + clear)
    assert 0.1 <= margin < 1.5 and report["second"]["value"] > report["second"]["value_without_margin"]
    # when the best is right whatever the gap, no margin shows a second sentence
    (second, margin), _ = fitted([_ranked_group(f"r{i}", [-1.0, -1.1, -3.0], right=0) for i in range(20)])
    assert margin == -1.0


def test_refitting_when_a_second_sentence_is_shown_keeps_the_rest(tmp_path):
    from eval.fit_reader import refit_second

    groups = _training_groups(np.random.default_rng(5))
    base, _ = fit(groups, log=lambda message: None)
    base.thresholds.update(second=1.01, second_margin=-1.0)  # never, before the refit
    from assistant.reading.model import LogisticModel

    base.list_choice = LogisticModel(["a"], [0.0], [1.0], [0.5], 0.0)  # fitted on its own: kept by refits
    model, report = refit_second(groups, base, log=lambda message: None, command="--second-only")
    assert model.list_choice is base.list_choice
    assert model.sentence.coef == base.sentence.coef and model.answerable.coef == base.answerable.coef
    assert model.thresholds["answerable"] == base.thresholds["answerable"]
    assert report["second"]["threshold"] == model.thresholds["second"] and report["kept_from"]["version"] == base.version
    assert model.fitted_on["command"] == "--second-only"


def test_a_question_without_its_gold_sentences_measures_every_gap_against_the_best_left():
    from assistant.reading.features import GAPS
    from eval.fit_reader import without_gold

    g = _group(np.random.default_rng(2), "q", "train", True)
    copy = without_gold(g)
    for gap, base in GAPS:
        values = copy.rows[:, FEATURES.index(base)]
        assert np.allclose(copy.rows[:, FEATURES.index(gap)], values - values.max()), gap
    assert not copy.answerable and len(copy.rows) == len(g.rows) - 1
    assert copy.how == "hard" and copy.spans == []  # read without typed spans


def test_a_question_without_the_asked_form_keeps_only_sentences_that_lack_it():
    from eval.fit_reader import without_form

    rng = np.random.default_rng(4)
    g = _group(rng, "q", "train", True)
    form = FEATURES.index("form_missing")
    g.rows[:, form] = [0, 0, 1, 0, 1, 1, 0, 0]  # the gold sentence and four others hold a date
    g.spans = [(0, rng.normal(size=(1, len(SPAN_FEATURES))), np.array([True])),
               (2, rng.normal(size=(2, len(SPAN_FEATURES))), np.array([False, False])),
               (3, rng.normal(size=(1, len(SPAN_FEATURES))), np.array([False]))]
    copy = without_form(g)
    assert not copy.answerable and copy.generated and copy.how == "formless" and len(copy.rows) == 3
    assert (copy.rows[:, form] == 1).all() and not copy.labels.any()
    assert [j for j, *_ in copy.spans] == [0] and not copy.spans[0][2].any()  # the second sentence's spans, renumbered
    g.rows[:, form] = 0  # a question that asks for no date or number (or every sentence has one)
    assert without_form(g) is None
    assert without_form(_group(rng, "u", "train", False)) is None


def test_the_share_of_candidates_without_the_asked_form_counts_against_an_answer():
    from assistant.reading.reader import ANSWERABLE_FEATURES, ANSWERABLE_NEGATIVE, answerable_row

    rows = np.zeros((4, len(FEATURES)))
    rows[1:, FEATURES.index("form_missing")] = 1.0
    row = answerable_row(rows, np.array([2.0, 1.0, 0.0, -1.0]))[0]
    assert row[ANSWERABLE_FEATURES.index("form_missing_share")] == 0.75
    assert "form_missing_share" in ANSWERABLE_NEGATIVE


def test_a_feature_added_since_the_fit_is_learned_alone_and_every_other_weight_kept(tmp_path):
    from assistant.reading.model import LogisticModel, ReaderModel
    from eval.fit_reader import extend_answerable, main

    rng = np.random.default_rng(13)
    groups = _training_groups(rng)
    for g in groups:  # the unanswerable ones' articles contradict what the question pins down
        g.rows[:, FEATURES.index("conflict_art")] = 0.0 if g.answerable else float(rng.random() < 0.7)
    fitted, _ = fit(groups, log=lambda message: None)
    # the model as it was before "conflict1" existed
    keep = [i for i, name in enumerate(fitted.answerable.features) if name != "conflict1"]
    old = LogisticModel([fitted.answerable.features[i] for i in keep], [fitted.answerable.mean[i] for i in keep],
                        [fitted.answerable.scale[i] for i in keep], [fitted.answerable.coef[i] for i in keep],
                        fitted.answerable.intercept)
    base = ReaderModel(fitted.sentence, old, fitted.span, dict(fitted.thresholds), fitted.version, fitted.fitted_on)
    path = tmp_path / "reader.json"
    base.save(path)

    model, report = extend_answerable(groups, load_reader_model(path), log=lambda message: None)
    weights = dict(zip(model.answerable.features, model.answerable.coef))
    assert weights["conflict1"] < 0 and report["added"] == {"conflict1": weights["conflict1"]}
    assert [weights[name] for name in old.features] == old.coef  # every other weight kept
    assert model.sentence.coef == base.sentence.coef and model.span.coef == base.span.coef
    assert "abstention" in report and 0.0 < model.thresholds["answerable"] < 1.0
    # the command line: reads the model at --out and writes it back with the added weight
    import eval.fit_reader as fit_reader

    original = fit_reader.load_groups
    fit_reader.load_groups = lambda name, splits, log, refresh=False: groups if name == "demo" else []
    try:
        assert main(["--sets", "demo", "--added-only", "--out", str(path)]) == 0
    finally:
        fit_reader.load_groups = original
    written = load_reader_model(path)
    Reader(written)  # fits the reader's features
    assert written.answerable.coef[written.answerable.features.index("conflict1")] < 0
    assert written.fitted_on["command"].endswith("--added-only --out " + str(path))


def test_the_list_choice_fit_learns_what_marks_the_list_sentence():
    from eval.fit_list_choice import first_holds
    from eval.fit_list_choice import fit as fit_list_choice

    rng = np.random.default_rng(3)
    groups = []
    for n in range(60):  # six candidates; the list sentence is introduced, at a random rank
        rows = rng.normal(size=(6, 9)) * 0.1
        at = int(rng.integers(1, 6)) if n % 3 else 0
        rows[at, 3] = 1.0  # "introduced"
        rows[:, 1] = 1.0 / (1.0 + np.arange(6))  # the reader's rank
        groups.append(("set", rows, np.arange(6) == at))
    model = fit_list_choice(groups)
    assert first_holds(None, groups) == 20  # the reader's order: only where it ranks first
    assert first_holds(model, groups) == 60
    assert model.coef[3] > 0
