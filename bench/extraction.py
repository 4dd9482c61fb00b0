"""Precision and recall of corpus.extraction on the hand-labelled demo subset.

    .venv/bin/python bench/extraction.py [--labels tests/data/extraction_labels.json] [-v]
        [--speed ../shared/data/civic_news/articles.jsonl]

Scores, per record kind (see the guidelines inside the labels file):
- organisations, people: entity level per article (canonical organisation names compared with
  `org_key`, people by folded name); people also report whether the position and the
  organisation of the position are right;
- pacts: matched on (kind, year); date, bloc, province, chair/vice-chair accuracy and party
  precision/recall over matched pacts;
- themes: slogans, campaigns (campaign + model), documents (by number when the label has one);
- counts: recall of the labelled unit counts.
-v prints every miss and every false positive. --speed times extraction on a JSON Lines file.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus.extraction import extract, org_key  # noqa: E402
from corpus.extraction.text import key  # noqa: E402
from corpus.readers import read_inputs  # noqa: E402
from corpus.records import Article  # noqa: E402

LABELS = ROOT / "tests" / "data" / "extraction_labels.json"
DOC_KINDS = {"directive", "resolution", "decision", "decree", "circular", "conclusion", "plan", "guideline",
             "law", "regulation", "official_letter", "notice", "dispatch", "congress", "programme"}


class Tally:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


class Ratio:
    def __init__(self) -> None:
        self.ok = self.n = 0

    def add(self, ok: bool) -> None:
        self.n += 1
        self.ok += bool(ok)

    @property
    def value(self) -> float:
        return self.ok / self.n if self.n else 1.0

    def as_dict(self) -> dict:
        return {"correct": self.ok, "of": self.n, "accuracy": round(self.value, 3)}


def _alts(name: str | None) -> set[str]:
    return {org_key(a) for a in name.split("|")} if name else set()


def _match_sets(gold: list[set[str]], pred: list[str]) -> tuple[int, list[int], list[str]]:
    """(true positives, indices of missed gold items, unmatched predictions)."""
    left = list(pred)
    missed = []
    tp = 0
    for gi, alts in enumerate(gold):
        hit = next((p for p in left if p in alts), None)
        if hit is None:
            missed.append(gi)
        else:
            tp += 1
            left.remove(hit)
    return tp, missed, left


def load_articles(labels: dict) -> dict[str, Article]:
    wanted = set(labels["articles"])
    sources = {ROOT / v.get("source", "corpus/articles/demo.jsonl") for v in labels["articles"].values()}
    out = {}
    for item in read_inputs(sorted(sources)):
        if isinstance(item, Article) and item.id in wanted:
            out[item.id] = item
    missing = wanted - set(out)
    if missing:
        raise SystemExit(f"labelled articles not found: {sorted(missing)}")
    return out


def evaluate(labels: dict, articles: dict[str, Article], verbose: bool = False) -> dict:
    t = defaultdict(Tally)
    r = defaultdict(Ratio)
    log = []
    for aid, gold in labels["articles"].items():
        ex = extract(articles[aid])
        # organisations
        g_orgs = [_alts(o) for o in gold["organisations"]]
        p_orgs = list(dict.fromkeys(org_key(p.canonical) for p in ex.organisations))
        tp, missed, extra = _match_sets(g_orgs, p_orgs)
        t["organisations"].add(tp, len(extra), len(missed))
        log += [f"{aid}: missed organisation {gold['organisations'][i]}" for i in missed]
        log += [f"{aid}: extra organisation {x}" for x in extra]
        # people
        pred_people = {p.key: p for p in ex.people}
        found = 0
        for person in gold["people"]:
            p = pred_people.pop(key(person["name"]), None)
            if p is None:
                log.append(f"{aid}: missed person {person['name']}")
                continue
            found += 1
            title_ok = key(p.position or "") == key(person["position"])
            org_ok = org_key(p.organisation_canonical or "") in _alts(person["organisation"])
            r["people: position"].add(title_ok)
            r["people: organisation of position"].add(org_ok)
            if not title_ok:
                log.append(f"{aid}: {person['name']}: position {p.position!r} != {person['position']!r}")
            if not org_ok:
                log.append(f"{aid}: {person['name']}: organisation {p.organisation_canonical!r} != {person['organisation']!r}")
        t["people"].add(found, len(pred_people), len(gold["people"]) - found)
        log += [f"{aid}: extra person {p.name} ({p.position})" for p in pred_people.values()]
        # pacts
        pred_pacts = {(p.kind, p.year): p for p in ex.pacts}
        hits = 0
        for gp in gold["pacts"]:
            p = pred_pacts.pop((gp["kind"], gp["year"]), None)
            if p is None:
                log.append(f"{aid}: missed pact {gp['kind']} {gp['year']}")
                continue
            hits += 1
            r["pacts: date"].add(p.date == gp["date"])
            r["pacts: bloc"].add(key(p.bloc or "") == key(gp["bloc"] or ""))
            r["pacts: province"].add(p.province == gp["province"])
            for role in ("chair", "vice_chair"):
                if role in gp:
                    ok = org_key(getattr(p, role) or "") in _alts(gp[role])
                    r[f"pacts: {role}"].add(ok)
                    if not ok:
                        log.append(f"{aid}: pact {gp['year']} {role} {getattr(p, role)!r} != {gp[role]!r}")
            ptp, pmiss, pextra = _match_sets([_alts(x) for x in gp["parties"]], [org_key(x) for x in p.parties])
            t["pacts: parties"].add(ptp, len(pextra), len(pmiss))
            log += [f"{aid}: pact {gp['year']} missed party {gp['parties'][i]}" for i in pmiss]
            log += [f"{aid}: pact {gp['year']} extra party {x}" for x in pextra]
            for field in ("date", "province"):
                if getattr(p, field) != gp[field]:
                    log.append(f"{aid}: pact {gp['year']} {field} {getattr(p, field)!r} != {gp[field]!r}")
            if key(p.bloc or "") != key(gp["bloc"] or ""):
                log.append(f"{aid}: pact {gp['year']} bloc {p.bloc!r} != {gp['bloc']!r}")
        t["pacts"].add(hits, len(pred_pacts), len(gold["pacts"]) - hits)
        log += [f"{aid}: extra pact {k}" for k in pred_pacts]
        # themes
        th = gold["themes"]
        for fam, kinds in (("slogan", {"slogan"}), ("campaign", {"campaign", "model"})):
            g = [{key(x)} for x in th[fam]]
            pr = [x.key for x in ex.themes if x.kind in kinds]
            tp, missed, extra = _match_sets(g, pr)
            t[f"themes: {fam}"].add(tp, len(extra), len(missed))
            log += [f"{aid}: missed {fam} {th[fam][i]!r}" for i in missed]
            log += [f"{aid}: extra {fam} {x!r}" for x in extra]
        docs = [x for x in ex.themes if x.kind in DOC_KINDS]
        left = list(docs)
        tp = 0
        for d in th["document"]:
            if d.get("number"):
                hit = next((x for x in left if x.number and key(x.number) == key(d["number"])), None)
            else:
                hit = next((x for x in left if x.key == key(d["text"])), None)
            if hit is None:
                log.append(f"{aid}: missed document {d['text']!r}")
            else:
                tp += 1
                left.remove(hit)
        t["themes: document"].add(tp, len(left), len(th["document"]) - tp)
        log += [f"{aid}: extra document {x.text!r}" for x in left]
        # counts
        surfaces = {key(c.surface) for c in ex.counts}
        for c in gold.get("counts", []):
            ok = key(c) in surfaces
            r["counts: recall"].add(ok)
            if not ok:
                log.append(f"{aid}: missed count {c!r}")
    participants = Tally()
    for k in ("organisations", "people"):
        participants.add(t[k].tp, t[k].fp, t[k].fn)
    result = {"articles": len(labels["articles"]),
              "scores": {k: v.as_dict() for k, v in t.items()},
              "participants (organisations + people)": participants.as_dict(),
              "accuracy": {k: v.as_dict() for k, v in r.items()},
              "errors": log}
    return result


def speed(path: Path) -> tuple[int, int, float]:
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    arts = [Article(id=str(x.get("id", i)), title=x.get("title") or "", text=x["text"], date=x.get("date"))
            for i, x in enumerate(rows)]
    t0 = time.perf_counter()
    for a in arts:
        extract(a)
    return len(arts), sum(len(a.text) for a in arts), time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("-v", "--verbose", action="store_true", help="print every error")
    ap.add_argument("--speed", type=Path, help="also time extraction over this JSON Lines file")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args(argv)
    labels = json.loads(args.labels.read_text(encoding="utf-8"))
    articles = load_articles(labels)
    t0 = time.perf_counter()
    result = evaluate(labels, articles)
    result["seconds"] = round(time.perf_counter() - t0, 3)
    demo = [a for a in read_inputs([ROOT / "corpus" / "articles"]) if isinstance(a, Article)]
    t0 = time.perf_counter()
    for a in demo:
        extract(a)
    result["demo corpus"] = {"articles": len(demo), "chars": sum(len(a.text) for a in demo),
                             "seconds": round(time.perf_counter() - t0, 3)}
    if args.speed:
        n, chars, sec = speed(args.speed)
        result["speed"] = {"articles": n, "chars": chars, "seconds": round(sec, 2),
                           "chars_per_second": int(chars / sec) if sec else None}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(f"{result['articles']} labelled articles ({', '.join(labels['articles'])})\n")
    print(f"{'record kind':38} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
    rows = list(result["scores"].items()) + [("participants (organisations + people)", result["participants (organisations + people)"])]
    for name, s in rows:
        print(f"{name:38} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} {s['tp']:4} {s['fp']:3} {s['fn']:3}")
    print()
    for name, s in result["accuracy"].items():
        print(f"{name:38} {s['accuracy']:6.3f}  ({s['correct']}/{s['of']})")
    d = result["demo corpus"]
    print(f"\nwhole demo corpus: {d['articles']} articles, {d['chars']} chars in {d['seconds']} s")
    if "speed" in result:
        s = result["speed"]
        print(f"{args.speed}: {s['articles']} articles, {s['chars']} chars in {s['seconds']} s ({s['chars_per_second']} chars/s)")
    if args.verbose or result["errors"]:
        print(f"\n{len(result['errors'])} errors" + (":" if args.verbose else " (-v lists them)"))
        if args.verbose:
            for line in result["errors"]:
                print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
