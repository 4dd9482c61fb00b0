"""Fit the reader model (`assistant/models/reader.json`) on the train and dev splits of the question sets.

    .venv/bin/python -m eval.fit_reader                 # all sets present; writes assistant/models/reader.json
    .venv/bin/python -m eval.fit_reader --sets demo xquad --out /tmp/reader.json --report
    .venv/bin/python -m eval.fit_reader --refresh --answerable-only   # only step 3, on today's features
    .venv/bin/python -m eval.fit_reader --second-only                 # only step 4
    .venv/bin/python -m eval.fit_reader --added-only                  # only the weights of new answerable features

Only train and dev questions are read (`eval.splits`); test questions never are. For each question,
`Assistant.evidence` gives the candidate sentences with their features; a sentence is labelled as
answering when it contains a gold answer (in one of the question's evidence articles). Every
answerable question is asked a second time with its evidence articles filtered out of the index:
a real question the index cannot answer, which teaches abstention beside the sets' own
unanswerable questions.

1. Sentence model: logistic regression over `FEATURES`, the weights of evidence features kept ≥ 0;
   its regularisation and whether the civic and the other sets weigh the same are chosen by fitting
   on train and measuring on dev (top-1 sentence holds a gold answer; the civic sets' figure decides,
   the product reads civic news, XQuAD-vi's breaks ties), then it is refitted on train + dev. It
   learns from answerable questions and from their perturbed copies.
2. Span model: logistic regression over `SPAN_FEATURES` of the typed candidates in the best
   sentences, labelled by whether the span holds a gold answer; a span (with its sentence) is shown
   from the lowest probability at which, on train + dev, showing spans loses no right answer or
   right short answer and shown spans are right ≥ 85 % of the time.
3. Answerable model: logistic regression over `ANSWERABLE_FEATURES` (the best sentences' scores and
   the question's evidence), labelled answerable / not, classes weighed equally; beside the filtered
   questions, each answerable one is also read without its gold sentences (`without_gold`) and, when
   it asks for a date or number, without every sentence that holds one (`without_form`); the abstention
   threshold is the largest that keeps false abstention at or below 5 % on the train + dev
   answerable questions of every set, as written and without tone marks.
4. Second sentence: shown when its probability reaches a threshold, or when its log-odds are within
   a margin of the best's, both chosen for the most accuracy plus citation precision of top-1 /
   top-2 answers on train + dev.
With --added-only, only the weights of answerable features the model at --out was not fitted with
are learned (on the same rows as step 3, every other weight and model kept) and the threshold is
chosen again: what a new feature adds, without the noise of refitting the rest.
With --answerable-only, step 3 alone is refitted (--second-only: step 4 alone) and the other models
and thresholds of the model at --out are kept (a feature added since they were fitted enters them with weight 0): for a change that moves how sure the reader is (new renderings of
English words, fewer candidates) more than how it ranks, without choosing the ranking model again
(that choice is noisy on sets this small; the model records what it was kept from).
Features are cached per set and split in var/reader-data/ (delete it after changing features).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date

import numpy as np

from .reader_data import Group, load_groups
from .sets import ROOT

DEFAULT_SETS = ("demo", "civic_news", "civic_news_b", "xquad")
TARGET_FALSE_ABSTENTION = 0.05
SPAN_PRECISION = 0.85


# --- fitting ------------------------------------------------------------------------------------
def _unanswerable_copy(g: Group, keep: np.ndarray, how: str, spans: bool) -> Group:
    """The group `g` read with only its `keep` candidates, labelled unanswerable; the features
    relative to the best candidate are recomputed, and the kept candidates' typed spans (renumbered)
    come along when `spans` says so."""
    from assistant.reading.features import with_gaps

    rows = with_gaps(g.rows[keep].copy())
    kept = np.cumsum(keep) - 1  # new index of each kept row
    carried = [(int(kept[j]), r, np.zeros(len(lab), dtype=bool)) for j, r, lab in g.spans if keep[j]] if spans else []
    return Group(g.set, g.qid, g.split, g.qtype, False, True, rows, np.zeros(len(rows), dtype=bool), how, carried)


def without_gold(g: Group) -> Group | None:
    """The question with its gold sentences taken out of the candidates: the article it is about is
    still there, but not the sentence that answers (how an unanswerable detail question looks).
    None when nothing would remain."""
    if not g.answerable or not g.labels.any() or g.labels.all():
        return None
    # read without typed spans (its best span counts as none): carrying the kept sentences' spans
    # over measured worse on train + dev, English questions refused more often (docs/evaluation.md, stop 39)
    return _unanswerable_copy(g, ~g.labels, "hard", spans=False)


def without_form(g: Group) -> Group | None:
    """The question that asks for a date or a number with every candidate holding one of the asked
    form taken out (the gold sentences with them): its article is still there but states no such
    detail, how most questions about a detail an article never gives look. None for a question that
    asks for no date or number, or when nothing would remain."""
    from assistant.reading.features import FEATURES

    formless = g.rows[:, FEATURES.index("form_missing")] > 0 if len(g.rows) else np.zeros(0, dtype=bool)
    keep = formless & ~g.labels
    if not g.answerable or not g.labels.any() or not keep.any():
        return None
    return _unanswerable_copy(g, keep, "formless", spans=True)


def pair_table(sentence, g: Group) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The span rows of the question's best `PAIR_SENTENCES` sentences as the reader scores them
    (the sentence's log-odds and rank filled in), their labels, and each one's sentence rank."""
    from assistant.reading.reader import PAIR_SENTENCES
    from assistant.reading.spans import SPAN_FEATURES

    logits = sentence.logit(g.rows) if len(g.rows) else np.zeros(0)
    rank = np.empty(len(logits), dtype=int)
    rank[np.argsort(-logits, kind="stable")] = np.arange(len(logits))
    rows, labels, ranks = [], [], []
    for j, r, lab in g.spans:
        if rank[j] >= PAIR_SENTENCES:
            continue
        r = r.copy()
        r[:, SPAN_FEATURES.index("sentence_logit")] = logits[j]
        r[:, SPAN_FEATURES.index("sentence_rank")] = 1.0 / (1.0 + rank[j])
        rows.append(r)
        labels.append(lab)
        ranks.append(np.full(len(lab), rank[j]))
    if not rows:
        return np.zeros((0, len(SPAN_FEATURES))), np.zeros(0, dtype=bool), np.zeros(0, dtype=int)
    return np.vstack(rows), np.concatenate(labels).astype(bool), np.concatenate(ranks)


def fit_logistic(rows: np.ndarray, labels: np.ndarray, names: tuple[str, ...], c: float = 1.0,
                 weights: np.ndarray | None = None, positive: frozenset[str] = frozenset(),
                 negative: frozenset[str] = frozenset(), offset: np.ndarray | None = None):
    """An L2-regularised logistic regression over standardised features, as an
    `assistant.reading.model.LogisticModel`. The weights of the features named in `positive` are
    kept ≥ 0 (evidence for an answer never counts against it, whatever correlations a training
    set happens to hold), those in `negative` ≤ 0; `weights` weighs the rows; `offset`, a log-odds
    per row that the fitted ones add to (another model's, whose weights stay as they are)."""
    from scipy.optimize import minimize

    from assistant.reading.model import LogisticModel

    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (rows - mean) / scale
    y = labels.astype(float)
    w_rows = np.ones(len(y)) if weights is None else weights * len(y) / weights.sum()
    d = z.shape[1]
    base = np.zeros(len(y)) if offset is None else offset

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        coef, bias = theta[:d], theta[d]
        logit = base + z @ coef + bias
        p = 1.0 / (1.0 + np.exp(-logit))
        value = float(np.sum(w_rows * (np.logaddexp(0.0, logit) - y * logit)) + 0.5 / c * coef @ coef)
        residual = w_rows * (p - y)
        return value, np.append(z.T @ residual + coef / c, residual.sum())

    bounds = [(0.0, None) if name in positive else (None, 0.0) if name in negative else (None, None)
              for name in names] + [(None, None)]
    theta = minimize(loss, np.zeros(d + 1), jac=True, method="L-BFGS-B", bounds=bounds).x
    return LogisticModel(list(names), mean.round(6).tolist(), scale.round(6).tolist(),
                         theta[:d].round(6).tolist(), round(float(theta[d]), 6))


def fit_listwise(groups: list[Group], names: tuple[str, ...], c: float = 1.0, weights: np.ndarray | None = None,
                 positive: frozenset[str] = frozenset(), calibrate_on: list[Group] | None = None):
    """Weights that put a question's answering sentences first among its candidates (a softmax
    over each question's candidates: the answering ones should take the mass), the weights of
    `positive` features kept ≥ 0 and `weights` weighing the questions; then a log-odds scale and
    offset fitted on the rows of `calibrate_on` (default: the same groups), so that the result is a
    probability like a pointwise model's. Returned as an `assistant.reading.model.LogisticModel`."""
    from scipy.optimize import minimize

    from assistant.reading.model import LogisticModel

    rows = np.vstack([g.rows for g in groups])
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale < 1e-9] = 1.0
    weights = np.ones(len(groups)) if weights is None else weights * len(groups) / weights.sum()
    lists = [((g.rows - mean) / scale, g.labels, w) for g, w in zip(groups, weights)
             if g.labels.any() and not g.labels.all()]
    d = rows.shape[1]

    def loss(coef: np.ndarray) -> tuple[float, np.ndarray]:
        value, grad = 0.5 / c * coef @ coef, coef / c
        for z, y, w in lists:
            score = z @ coef
            top = score.max()
            mass = np.exp(score - top)
            value += w * (np.log(mass.sum()) - np.log(mass[y].sum()))
            grad = grad + w * ((mass / mass.sum()) @ z - (mass[y] / mass[y].sum()) @ z[y])
        return float(value), grad

    bounds = [(0.0, None) if name in positive else (None, None) for name in names]
    coef = minimize(loss, np.zeros(d), jac=True, method="L-BFGS-B", bounds=bounds).x
    calibration = calibrate_on or groups
    score = np.concatenate([((g.rows - mean) / scale) @ coef for g in calibration])[:, None]
    platt = fit_logistic(score, np.concatenate([g.labels for g in calibration]), ("score",), 100.0)
    a = platt.coef[0] / platt.scale[0]
    b = platt.intercept - platt.coef[0] * platt.mean[0] / platt.scale[0]
    return LogisticModel(list(names), mean.round(6).tolist(), scale.round(6).tolist(),
                         (a * coef).round(6).tolist(), round(float(b), 6))


def group_family_weights(groups: list[Group]) -> np.ndarray:
    """`family_weights` per question rather than per row."""
    civic = np.array([g.set != "xquad" for g in groups])
    if civic.all() or not civic.any():
        return np.ones(len(civic))
    return np.where(civic, 0.5 / civic.mean(), 0.5 / (1.0 - civic.mean()))


def balanced(labels: np.ndarray) -> np.ndarray:
    """Row weights that give both classes the same total weight."""
    share = labels.mean()
    return np.where(labels, 0.5 / share, 0.5 / (1.0 - share))


def family_weights(groups: list[Group]) -> np.ndarray:
    """Row weights that give the civic sets' rows and the other sets' (XQuAD's Wikipedia) the same
    total weight: the product reads civic news; a large reading-comprehension set must not decide
    alone what evidence looks like."""
    civic = np.concatenate([np.full(len(g.rows), g.set != "xquad") for g in groups])
    if civic.all() or not civic.any():
        return np.ones(len(civic))
    return np.where(civic, 0.5 / civic.mean(), 0.5 / (1.0 - civic.mean()))


def top1(model, groups: list[Group]) -> float:
    """Share of answerable groups whose best-scored sentence holds a gold answer."""
    scored = [g for g in groups if g.answerable]
    if not scored:
        return float("nan")
    return sum(bool(len(g.rows)) and bool(g.labels[int(np.argmax(model.logit(g.rows)))]) for g in scored) / len(scored)


def reading_rows(sentence, span, groups: list[Group]) -> tuple[np.ndarray, np.ndarray, list[tuple[bool, bool]]]:
    """Answerable-model rows per group, their labels, and (top-1 right, top-2 right) per group."""
    from assistant.reading.reader import ANSWERABLE_FEATURES, answerable_row

    rows, labels, tops = [], [], []
    for g in groups:
        if not len(g.rows):
            continue
        logits = sentence.logit(g.rows)
        order = np.argsort(-logits, kind="stable")
        p_rows, _, _ = pair_table(sentence, g)
        best_span = float(span.probability(p_rows).max()) if len(p_rows) and span is not None else 0.0
        rows.append(answerable_row(g.rows[order], logits[order], best_span)[0])
        labels.append(g.answerable)
        ranked = g.labels[order]
        tops.append((bool(ranked[0]), bool(len(ranked) > 1 and ranked[1])))
    return np.array(rows).reshape(-1, len(ANSWERABLE_FEATURES)), np.array(labels, dtype=bool), tops


def _below(probabilities: np.ndarray, threshold: float) -> float | None:
    """The share of `probabilities` under `threshold` (None when there are none)."""
    return round(float(np.mean(probabilities < threshold)), 4) if len(probabilities) else None


def _largest_threshold(probabilities: np.ndarray) -> float:
    """The largest threshold that refuses at most `TARGET_FALSE_ABSTENTION` of these (answerable)
    probabilities: the k-th smallest, lowered to just below it."""
    ranked = np.sort(probabilities)
    k = int(np.floor(TARGET_FALSE_ABSTENTION * len(ranked)))
    return float(np.nextafter(ranked[k], 0.0))


def _answerable_table(both: list[Group], sentence, span) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list]:
    """The answerable model's rows over the reading of `both` (train + dev) by the `sentence` and
    `span` models, with the gold-less and form-less copies of answerable questions as unanswerable
    examples beside the evidence-filtered ones; their labels, each row's set and how it was asked, and
    each question's (top-1 right, top-2 right)."""
    hard = [h for g in both for h in (without_gold(g), without_form(g)) if h is not None]
    a_rows, a_labels, tops = reading_rows(sentence, span, both)
    h_rows, h_labels, _ = reading_rows(sentence, span, hard)
    a_rows, a_labels = np.vstack([a_rows, h_rows]), np.concatenate([a_labels, h_labels])
    sets = np.array([g.set for g in both if len(g.rows)] + [h.set for h in hard if len(h.rows)])
    hows = np.array([g.how for g in both if len(g.rows)] + [h.how for h in hard if len(h.rows)])
    return a_rows, a_labels, sets, hows, tops


def _abstention_threshold(p: np.ndarray, a_labels: np.ndarray, sets: np.ndarray, hows: np.ndarray,
                          report: dict, log) -> float:
    """The abstention threshold for the answerable probabilities `p`; fills report["abstention"]."""
    real = np.isin(hows, ("asked", "plain"))
    # the threshold keeps false abstention at or below the target on every set's answerable
    # questions, as written and without tone marks: a pooled figure would let the largest set, or
    # the commonest way of typing, hide the others' refusals
    threshold = min(_largest_threshold(p[a_labels & (sets == name) & (hows == how)])
                    for name in sorted(set(sets)) for how in ("asked", "plain")
                    if (a_labels & (sets == name) & (hows == how)).sum() >= 20)
    report["abstention"] = {
        "threshold": round(threshold, 6),
        "false_abstention_train_dev": {name: _below(p[a_labels & (sets == name)], threshold)
                                       for name in sorted(set(map(str, sets)))},
        "abstention_on_unanswerable_train_dev": {
            name: _below(p[~a_labels & real & (sets == name)], threshold)
            for name in sorted(set(map(str, sets))) if (~a_labels & real & (sets == name)).any()},
        "abstention_on_off_topic_train_dev": _below(p[~a_labels & (hows == "foreign")], threshold),
        "abstention_on_generated_train_dev": _below(p[~a_labels & ~real], threshold),
    }
    log(f"answerable model: threshold {threshold:.4f}; {report['abstention']}")
    return threshold


def fit_answerable(both: list[Group], sentence, span, report: dict, log) -> tuple[object, float, list]:
    """The answerable model and the abstention threshold over the reading of `both` (train + dev)
    by the `sentence` and `span` models (`_answerable_table`); also each question's (top-1, top-2
    right) for the second-sentence threshold. Fills report["abstention"]."""
    from assistant.reading.reader import ANSWERABLE_FEATURES, ANSWERABLE_NEGATIVE, ANSWERABLE_POSITIVE

    a_rows, a_labels, sets, hows, tops = _answerable_table(both, sentence, span)
    answerable = fit_logistic(a_rows, a_labels, ANSWERABLE_FEATURES, 1.0, balanced(a_labels), ANSWERABLE_POSITIVE,
                              ANSWERABLE_NEGATIVE)
    threshold = _abstention_threshold(answerable.probability(a_rows), a_labels, sets, hows, report, log)
    return answerable, threshold, tops


def fit_added(base, rows: np.ndarray, labels: np.ndarray, added: list[str], c: float = 1.0,
              weights: np.ndarray | None = None, positive: frozenset[str] = frozenset(),
              negative: frozenset[str] = frozenset()):
    """`base` (a `LogisticModel` over all the features of `rows`, the `added` ones at weight 0) with
    only the weights of `added` and its intercept fitted, every other weight kept: what a new
    feature adds to a model, without the noise of refitting the rest. Signs as in `fit_logistic`."""
    from assistant.reading.model import LogisticModel

    at = [base.features.index(name) for name in added]
    fitted = fit_logistic(rows[:, at], labels, tuple(added), c, weights, positive, negative, offset=base.logit(rows))
    means, scales, coefs = list(base.mean), list(base.scale), list(base.coef)
    for j, i in enumerate(at):
        means[i], scales[i], coefs[i] = fitted.mean[j], fitted.scale[j], fitted.coef[j]
    return LogisticModel(list(base.features), means, scales, coefs, round(base.intercept + fitted.intercept, 6))


def extend_answerable(groups: list[Group], base, log, command: str = "") -> tuple[object, dict]:
    """`base` with the weights of the answerable features it was not fitted with learned on
    `groups` (train + dev), its other weights and its sentence, span and second-sentence models
    kept, and the abstention threshold chosen again."""
    from assistant.reading.features import FEATURES
    from assistant.reading.model import ReaderModel
    from assistant.reading.reader import ANSWERABLE_FEATURES, ANSWERABLE_NEGATIVE, ANSWERABLE_POSITIVE
    from assistant.reading.spans import SPAN_FEATURES

    both = [g for g in groups if g.split in ("train", "dev")]
    report = _kept_from(base)
    model = base.over(FEATURES, ANSWERABLE_FEATURES, SPAN_FEATURES)
    added = [name for name in ANSWERABLE_FEATURES if name not in base.answerable.features]
    a_rows, a_labels, sets, hows, _ = _answerable_table(both, model.sentence, model.span)
    answerable = fit_added(model.answerable, a_rows, a_labels, added, 1.0, balanced(a_labels), ANSWERABLE_POSITIVE,
                           ANSWERABLE_NEGATIVE)
    report["added"] = {name: answerable.coef[answerable.features.index(name)] for name in added}
    log(f"added answerable features: {report['added']}")
    threshold = _abstention_threshold(answerable.probability(a_rows), a_labels, sets, hows, report, log)
    model = ReaderModel(model.sentence, answerable, model.span, {**base.thresholds, "answerable": round(threshold, 6)},
                        **_refitted_on(base, both, report, command))
    return model, report


SECOND_MARGINS = (-1.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0)  # -1: the margin shows nothing


def fit_second(both: list[Group], sentence, tops: list, report: dict, log) -> tuple[float, float]:
    """When the second-best sentence follows the best in an answer: its probability reaches
    `second`, or its log-odds are within `margin` of the best's (the reader cannot tell the two
    apart). Both chosen on the train + dev answerable questions for the most answers right (either
    sentence holds a gold answer) plus citation precision (the share of the shown sentences that
    do); `tops` holds each question's (top-1 right, top-2 right) from `fit_answerable`. Ties go to
    showing fewer second sentences. Fills report["second"]."""
    answered = []
    for g, (y1, y2) in zip([g for g in both if len(g.rows)], tops):
        if g.answerable:
            logits = np.sort(sentence.logit(g.rows))[::-1]
            p2 = 1 / (1 + np.exp(-logits[1])) if len(logits) > 1 else 0.0
            gap = logits[0] - logits[1] if len(logits) > 1 else np.inf
            answered.append((p2, gap, y1, y2))

    def value(t: float, margin: float) -> float:
        return sum((float(y1 or y2) + (y1 + y2) / 2) if (p2 >= t or gap <= margin) else 2.0 * y1
                   for p2, gap, y1, y2 in answered)

    grid = [(float(t), m) for t in np.linspace(0.05, 1.0, 20) for m in SECOND_MARGINS]
    best = max(grid, key=lambda tm: (round(value(*tm), 6), -tm[1], tm[0]))
    second, margin = round(best[0], 4), best[1]
    shown = sum(1 for p2, gap, *_ in answered if p2 >= second or gap <= margin)
    report["second"] = {"threshold": second, "margin": margin, "questions": len(answered),
                        "shown": round(shown / max(1, len(answered)), 4),
                        "value": round(value(*best), 2), "value_without_margin": round(value(second, -1.0), 2)}
    log(f"second sentence: {report['second']}")
    return second, margin


def refit_answerable(groups: list[Group], base, log, command: str = "") -> tuple[object, dict]:
    """`base` (a fitted `ReaderModel`) with its answerable model and abstention threshold refitted
    on `groups` (train + dev), its sentence, span and second-sentence models kept: for a change
    that moves how sure the reader is (new renderings, fewer candidates) more than how it ranks,
    without the noise of choosing the ranking model again."""
    from assistant.reading.features import FEATURES
    from assistant.reading.model import ReaderModel
    from assistant.reading.spans import SPAN_FEATURES

    both = [g for g in groups if g.split in ("train", "dev")]
    report = _kept_from(base)
    # features added since the kept models were fitted enter them with weight 0: the ranking is kept
    sentence, span = base.sentence.over(FEATURES), base.span.over(SPAN_FEATURES)
    answerable, threshold, _ = fit_answerable(both, sentence, span, report, log)
    model = ReaderModel(sentence, answerable, span, {**base.thresholds, "answerable": round(threshold, 6)},
                        **_refitted_on(base, both, report, command))
    return model, report


def _kept_from(base) -> dict:
    """The start of a partial refit's report: the model whose other parts it keeps."""
    return {"kept_from": {"version": base.version, "command": (base.fitted_on or {}).get("command")}}


def _refitted_on(base, both: list[Group], report: dict, command: str) -> dict:
    """The version and `fitted_on` of a model refitted in part from `base`: its report over `base`'s."""
    return {"version": f"{date.today().isoformat()}",
            "fitted_on": {"questions": _question_counts(both),
                          "report": {**(base.fitted_on or {}).get("report", {}), **report},
                          "command": command or _command(sys.argv[1:])},
            "list_choice": base.list_choice}  # fitted on its own (`eval.fit_list_choice`): kept


def refit_second(groups: list[Group], base, log, command: str = "") -> tuple[object, dict]:
    """`base` with only when a second sentence is shown refitted on `groups` (train + dev)
    (`fit_second`), its sentence, span and answerable models and abstention threshold kept."""
    from assistant.reading.features import FEATURES
    from assistant.reading.model import ReaderModel
    from assistant.reading.reader import ANSWERABLE_FEATURES
    from assistant.reading.spans import SPAN_FEATURES

    both = [g for g in groups if g.split in ("train", "dev")]
    report = _kept_from(base)
    model = base.over(FEATURES, ANSWERABLE_FEATURES, SPAN_FEATURES)
    _, _, tops = reading_rows(model.sentence, model.span, both)
    second, margin = fit_second(both, model.sentence, tops, report, log)
    model = ReaderModel(model.sentence, model.answerable, model.span,
                        {**base.thresholds, "second": second, "second_margin": margin},
                        **_refitted_on(base, both, report, command))
    return model, report


def fit(groups: list[Group], log, command: str = "") -> tuple[object, dict]:
    from assistant.reading.features import FEATURES, POSITIVE
    from assistant.reading.model import ReaderModel
    from assistant.reading.spans import SPAN_FEATURES, SPAN_POSITIVE

    train = [g for g in groups if g.split == "train"]
    dev = [g for g in groups if g.split == "dev"]
    both = train + dev
    report: dict = {}

    def ranked(gs):
        # the sentence model learns from the candidates of questions the index can answer, and from
        # those of the same questions with a year, number or province changed: there, sentences
        # that say everything but the changed detail are no answer
        return [g for g in gs if len(g.rows) and (g.answerable or g.how == "perturbed")]

    def stack(gs):
        gs = ranked(gs)
        return np.vstack([g.rows for g in gs]), np.concatenate([g.labels for g in gs])

    # 1. sentence model: the objective (each sentence on its own, or a question's candidates
    # against each other), regularisation and family weighting chosen on dev, then refitted on
    # train + dev

    def sentence_model(gs, objective, c, weighed):
        if objective == "pointwise":
            return fit_logistic(*stack(gs), FEATURES, c, family_weights(ranked(gs)) if weighed else None, POSITIVE)
        answerable = [g for g in ranked(gs) if g.answerable]
        return fit_listwise(answerable, FEATURES, c, group_family_weights(answerable) if weighed else None,
                            POSITIVE, calibrate_on=ranked(gs))

    choices = {}
    for objective in ("pointwise", "listwise"):
        for c in (0.1, 1.0):
            for weighed in (False, True):
                model = sentence_model(train, objective, c, weighed)
                civic = top1(model, [g for g in dev if g.set != "xquad"])
                other = top1(model, [g for g in dev if g.set == "xquad"])
                choices[(objective, c, weighed)] = (civic, other)
    # the product reads civic news: the civic sets' dev top-1 chooses, the other sets' breaks ties
    best = max(choices, key=lambda k: (*np.nan_to_num(np.round(choices[k], 3)), -abs(np.log10(k[1]))))
    report["sentence_choice_on_dev"] = {f"{o},C={c},family_weights={w}": {"civic": round(v[0], 4), "other": round(v[1], 4)}
                                        for (o, c, w), v in choices.items()}
    report["sentence_objective"], report["sentence_c"], report["family_weights"] = best
    sentence = sentence_model(both, *best)
    report["top1_train_dev"] = round(top1(sentence, both), 4)
    log(f"sentence model: {best[0]}, C={best[1]}, family weights {best[2]}, "
        f"dev top-1 civic {choices[best][0]:.3f}, other {choices[best][1]:.3f} "
        f"(train-only fit); train+dev {report['top1_train_dev']:.3f}")

    # 2. span model over the typed spans of the best sentences, and the probability from which a
    # span (and its sentence) is shown: the one that answers the most typed questions right
    tables = [(g, *pair_table(sentence, g)) for g in both if g.answerable]
    s_rows = np.vstack([t[1] for t in tables if len(t[1])])
    s_labels = np.concatenate([t[2] for t in tables if len(t[1])])
    span = fit_logistic(s_rows, s_labels, SPAN_FEATURES, 1.0, positive=SPAN_POSITIVE)
    # per typed question: (best span's probability, its sentence is right, it is right, the best sentence is right)
    outcomes = []
    for g, rows, labels, ranks in tables:
        if not len(rows):
            continue
        probs = span.probability(rows)
        i = int(np.argmax(probs))
        order = np.argsort(-sentence.logit(g.rows), kind="stable")
        outcomes.append((float(probs[i]), bool(g.labels[order[ranks[i]]]), bool(labels[i]), bool(g.labels[order[0]])))

    def value(t: float) -> int:
        """Answers right plus short answers right: a shown span is the short answer in front of its
        sentence (a point for each that is right); below `t` the best sentence alone answers."""
        return sum((sent_ok + ok) if p >= t else top for p, sent_ok, ok, top in outcomes)

    def precision(t: float) -> float:
        shown = [ok for p, _, ok, _ in outcomes if p >= t]
        return float(np.mean(shown)) if shown else 1.0

    # the probability from which showing spans answers the most training questions right (the
    # answer and its short answer), among those where shown spans are right at least
    # SPAN_PRECISION of the time
    base = value(1.01)
    allowed = [t for t in sorted({round(p, 4) for p, *_ in outcomes}) if value(t) >= base and precision(t) >= SPAN_PRECISION]
    span_threshold = max(allowed, key=lambda t: (value(t), -t)) if allowed else 1.01
    shown = [ok for p, _, ok, _ in outcomes if p >= span_threshold]
    report["span"] = {"threshold": span_threshold, "typed_questions": len(outcomes),
                      "shown": round(len(shown) / max(1, len(outcomes)), 4),
                      "precision": round(float(np.mean(shown)) if shown else 0.0, 4),
                      "answers_right": sum((s_ok if p >= span_threshold else top) for p, s_ok, _, top in outcomes),
                      "answers_right_top_sentence": sum(top for *_, top in outcomes)}
    log(f"span model: {report['span']}")

    # 3. answerable model and the abstention threshold
    answerable, threshold, tops = fit_answerable(both, sentence, span, report, log)

    # 4. second sentence
    second, margin = fit_second(both, sentence, tops, report, log)

    counts = _question_counts(both)
    model = ReaderModel(sentence, answerable, span,
                        {"answerable": round(threshold, 6), "span": span_threshold, "second": second,
                         "second_margin": margin},
                        version=f"{date.today().isoformat()}",
                        fitted_on={"questions": counts, "report": report,
                                   "command": command or _command(sys.argv[1:])})
    return model, report


def _question_counts(groups: list[Group]) -> dict[str, int]:
    """{"set/split": questions as written} of the groups a model is fitted on (generated copies not counted)."""
    counts: dict[str, int] = {}
    for g in groups:
        key = f"{g.set}/{g.split}"
        counts[key] = counts.get(key, 0) + (not g.generated)
    return counts


def _command(argv: list[str]) -> str:
    """The command line that fits a model, recorded in it."""
    return " ".join(["python -m eval.fit_reader", *argv])


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    parser = argparse.ArgumentParser(prog="python -m eval.fit_reader", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", nargs="+", default=list(DEFAULT_SETS),
                        help=f"question sets to fit on (default: {' '.join(DEFAULT_SETS)}; absent ones are skipped)")
    parser.add_argument("--out", default=str(ROOT / "assistant" / "models" / "reader.json"))
    parser.add_argument("--refresh", action="store_true", help="recompute the cached features")
    parser.add_argument("--report", action="store_true", help="print the fit report as JSON")
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--answerable-only", action="store_true",
                      help="refit only the answerable model and its threshold, keeping the sentence, span and "
                           "second-sentence choices of the model at --out")
    only.add_argument("--added-only", action="store_true",
                      help="learn only the weights of answerable features added since the model at --out was "
                           "fitted (its other weights and models kept) and choose the abstention threshold again")
    only.add_argument("--second-only", action="store_true",
                      help="refit only when a second sentence is shown, keeping the rest of the model at --out")
    args = parser.parse_args(argv)
    command = _command(sys.argv[1:] if argv is None else argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr)

    groups: list[Group] = []
    for name in args.sets:
        groups += load_groups(name, ("train", "dev"), log, refresh=args.refresh)
    if not groups:
        print("error: no training questions (are the sets' corpora present?)", file=sys.stderr)
        return 2
    if args.answerable_only:
        from assistant.reading.model import load_reader_model

        model, report = refit_answerable(groups, load_reader_model(args.out), log, command)
    elif args.added_only:
        from assistant.reading.model import load_reader_model

        model, report = extend_answerable(groups, load_reader_model(args.out), log, command)
    elif args.second_only:
        from assistant.reading.model import load_reader_model

        model, report = refit_second(groups, load_reader_model(args.out), log, command)
    else:
        model, report = fit(groups, log, command)
        if os.path.exists(args.out):  # the list-choice model is fitted on its own (`eval.fit_list_choice`): kept
            from assistant.reading.model import ReaderModelError, load_reader_model

            try:
                model.list_choice = load_reader_model(args.out).list_choice
            except ReaderModelError:
                pass
    model.save(args.out)
    log(f"wrote {args.out}")
    if args.report:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
