"""Fit the list-choice model (`list_choice` in assistant/models/reader.json) on the train and dev list
questions of the civic sets: which of the reader's best sentences holds the asked list.

    .venv/bin/python -m eval.fit_list_choice                  # writes it into assistant/models/reader.json
    .venv/bin/python -m eval.fit_list_choice --out /tmp/reader.json --report

Only train and dev questions are read (`eval.splits`). Each list question with gold items is asked
through `Assistant.list_evidence` (with its history, as a follow-up is asked); a candidate sentence
is labelled as the list's when it holds at least two of the gold items (all of them when there are
fewer). A logistic regression over `LIST_FEATURES` (standardised, C = 1) is fitted on every
candidate of every question; the other models of the reader file are kept as they are. The report
gives, per set and left out in turn, how often the sentence scored first holds the list, against the
reader's own order.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import numpy as np

from . import metrics, splits
from .sets import ROOT, SETS_DIR, index_name, load_questions

CIVIC_SETS = ("demo", "civic_news", "civic_news_b", "civic_news_c", "civic_news_d", "civic_news_e", "civic_news_f",
              "civic_news_g")


def collect(set_name: str, log=print) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """(set, rows, labels) per train/dev list question of `set_name` whose index is built
    (var/eval-index/<set>, or the one its corpus shares: as `civic eval` builds it); [] when the set
    or its index is absent."""
    from assistant import Assistant

    path, index = SETS_DIR / f"{set_name}.jsonl", ROOT / "var" / "eval-index" / index_name(set_name)
    if not path.exists() or not index.exists():
        log(f"skipped {set_name}: no question set or no index (run `civic eval` on it first)")
        return []
    questions = [q for q in splits.select(load_questions(path), ("train", "dev")) if q.list and q.answers]
    assistant = Assistant(index, answerer="extractive")
    out = []
    for q in questions:
        candidates = assistant.list_evidence(q.question, history=list(q.history) or None)
        if not candidates:
            continue
        need = min(2, len(q.answers))
        rows = np.array([list(c.features.values()) for c in candidates], dtype=float)
        labels = np.array([sum(metrics.contains_answer(c.text, g) for g in q.answers) >= need for c in candidates])
        out.append((set_name, rows, labels))
    log(f"{set_name}: {len(out)} train/dev list questions")
    return out


def first_holds(model, groups: list[tuple[str, np.ndarray, np.ndarray]]) -> int:
    """How many questions have their list in the sentence `model` scores first (None: the reader's order)."""
    return sum(bool(labels[0 if model is None else int(np.argmax(model.logit(rows)))]) for _, rows, labels in groups)


def fit(groups: list[tuple[str, np.ndarray, np.ndarray]], c: float = 1.0):
    from assistant.reading.list_choice import LIST_FEATURES

    from .fit_reader import fit_logistic

    rows = np.vstack([r for _, r, _ in groups])
    labels = np.concatenate([y for _, _, y in groups])
    return fit_logistic(rows, labels, LIST_FEATURES, c)


def main(argv: list[str] | None = None) -> int:
    from assistant.reading.model import DEFAULT_PATH, load_reader_model

    parser = argparse.ArgumentParser(prog="python -m eval.fit_list_choice", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", default=list(CIVIC_SETS), help="question sets (default: the civic sets)")
    parser.add_argument("--out", default=str(DEFAULT_PATH), help="reader model file to write the list model into")
    parser.add_argument("--report", action="store_true", help="print the fit report as JSON")
    args = parser.parse_args(argv)
    log = lambda message: print(message, file=sys.stderr)  # noqa: E731
    groups = [g for name in args.sets for g in collect(name, log)]
    if not groups:
        print("error: no train/dev list questions (are the sets' indexes built?)", file=sys.stderr)
        return 2
    report: dict = {"questions": len(groups), "reader_order": first_holds(None, groups), "left_out": {}}
    for name in sorted({s for s, _, _ in groups}):  # each set left out in turn: how the choice generalises
        held = [g for g in groups if g[0] == name]
        rest = [g for g in groups if g[0] != name]
        if rest:
            report["left_out"][name] = {"questions": len(held), "reader_order": first_holds(None, held),
                                        "model": first_holds(fit(rest), held)}
    report["left_out_total"] = sum(v["model"] for v in report["left_out"].values())
    choice = fit(groups)
    report["in_sample"] = first_holds(choice, groups)
    report["weights"] = dict(zip(choice.features, choice.coef))
    log(f"list sentence first: reader order {report['reader_order']}, model left out by set "
        f"{report['left_out_total']}, in sample {report['in_sample']} of {len(groups)}")
    model = load_reader_model(args.out)
    model.list_choice = choice
    model.fitted_on = {**model.fitted_on, "list_choice": {
        "version": date.today().isoformat(), "report": report,
        "command": "python -m eval.fit_list_choice " + " ".join(argv if argv is not None else sys.argv[1:])}}
    model.save(Path(args.out))
    log(f"wrote {args.out}")
    if args.report:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
