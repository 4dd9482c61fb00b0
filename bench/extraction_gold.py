"""Pact extraction and inferred article dates against the independent gold annotation of civic-news
articles (eval/gold/extraction_civic.jsonl: 54 articles no question set or tuning used, written
before anything was tuned on them), by sealed split of the article (eval/splits.py).

    .venv/bin/python bench/extraction_gold.py [-v]            # train and dev
    .venv/bin/python bench/extraction_gold.py --split test    # the sealed test split, at the end of a change

Test is scored only when asked for by name, as `civic eval` does: a run while working reads train and
dev alone. `-v` lists the misses and false pacts of the splits scored.

Scores, per split:
- pacts: a predicted pact matches a gold one when its signing sentence overlaps the gold quote;
  precision over predicted pacts, recall over gold pacts;
- parties: over matched pacts, a predicted party is right when its key equals or contains a gold
  party's key (or the reverse); precision over predicted parties, recall over gold parties;
- pact date: over matched pacts whose gold pact has a date, the share predicted exactly;
- article date: the date inferred from the lead of an undated article (corpus.article_dates)
  against the gold event date: precision over inferred dates, recall over gold dates.
Skips (exit 0) when ../shared/data/civic_news is absent.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus.article_dates import lead_date  # noqa: E402
from corpus.extraction import extract, org_key  # noqa: E402
from corpus.extraction import organisations as orgs  # noqa: E402
from corpus.extraction.text import Doc  # noqa: E402
from corpus.records import Article  # noqa: E402
from eval.splits import split_of_key  # noqa: E402

GOLD = ROOT / "eval" / "gold" / "extraction_civic.jsonl"
ARTICLES = ROOT.parent / "shared" / "data" / "civic_news" / "articles.jsonl"


def _written_out(name: str) -> str:
    """A gold party's name as the extractor would write it ("Bộ TT&TT" → "Bộ Thông tin và
    Truyền thông"): the same organisation under its abbreviation is the same party."""
    doc = Doc(name)
    found = orgs.scan(doc)
    if len(found) == 1 and found[0].i == 0 and found[0].j == len(doc.toks):
        return orgs.canonical_name(found[0], None)[0]
    return name


def _same_party(a: str, b: str) -> bool:
    ka, kb = org_key(_written_out(a)), org_key(_written_out(b))
    return bool(ka and kb) and (ka == kb or ka in kb or kb in ka)


def score(gold_rows: list[dict], articles: dict[str, Article], verbose: bool = False) -> dict:
    c = dict(pred=0, gold=0, matched_pred=0, matched_gold=0, party_pred=0, party_pred_ok=0, party_gold=0,
             party_gold_found=0, dated=0, dated_ok=0, inferred=0, inferred_ok=0, gold_dates=0)
    for row in gold_rows:
        article = articles[row["article_id"]]
        pacts = extract(article).pacts
        golds = row["pacts"]
        spans = []
        for g in golds:
            at = article.text.find(g["quote"])
            spans.append((at, at + len(g["quote"])) if at >= 0 else (-1, -1))
        c["pred"] += len(pacts)
        c["gold"] += len(golds)
        matched_gold = set()
        for p in pacts:
            hit = next((i for i, (s, e) in enumerate(spans) if s < p.sentence_end and p.sentence_start < e), None)
            if hit is None:
                if verbose:
                    print(f"  FP {article.id}: {p.kind} {p.surface!r} {p.parties}")
                continue
            c["matched_pred"] += 1
            if hit in matched_gold:
                continue
            matched_gold.add(hit)
            g = golds[hit]
            c["party_pred"] += len(p.parties)
            c["party_pred_ok"] += sum(any(_same_party(x, y) for y in g["parties"]) for x in p.parties)
            c["party_gold"] += len(g["parties"])
            c["party_gold_found"] += sum(any(_same_party(y, x) for x in p.parties) for y in g["parties"])
            if g.get("date"):
                c["dated"] += 1
                c["dated_ok"] += p.date == g["date"]
            if verbose and (set(map(org_key, map(_written_out, p.parties)))
                            != set(map(org_key, map(_written_out, g["parties"])))):
                print(f"  parties {article.id}: predicted {p.parties} gold {g['parties']}")
        c["matched_gold"] += len(matched_gold)
        if verbose:
            for i, g in enumerate(golds):
                if i not in matched_gold:
                    print(f"  FN {article.id}: {g['kind']} {g['surface']!r}")
        inferred = lead_date(article) if not article.date else None
        c["gold_dates"] += bool(row.get("event_date"))
        if inferred:
            c["inferred"] += 1
            c["inferred_ok"] += inferred == row.get("event_date")

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 3) if b else None

    return {
        "articles": len(gold_rows), "gold_pacts": c["gold"], "predicted_pacts": c["pred"],
        "pact_precision": ratio(c["matched_pred"], c["pred"]), "pact_recall": ratio(c["matched_gold"], c["gold"]),
        "party_precision": ratio(c["party_pred_ok"], c["party_pred"]),
        "party_recall": ratio(c["party_gold_found"], c["party_gold"]),
        "pact_date_accuracy": ratio(c["dated_ok"], c["dated"]),
        "article_date_precision": ratio(c["inferred_ok"], c["inferred"]),
        "article_date_recall": ratio(c["inferred_ok"], c["gold_dates"]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", action="append", choices=("train", "dev", "test"))
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    if not ARTICLES.exists():
        print(f"skipped: {ARTICLES} is absent")
        return 0
    wanted = {r["article_id"] for r in map(json.loads, GOLD.open(encoding="utf-8"))}
    articles = {}
    for line in ARTICLES.open(encoding="utf-8"):
        d = json.loads(line)
        if d["id"] in wanted:
            articles[d["id"]] = Article(d["id"], d["title"], d["text"], d.get("date"), d.get("source"), d.get("url"))
    rows = [json.loads(line) for line in GOLD.open(encoding="utf-8")]
    for split in args.split or ["train", "dev"]:  # the sealed test split only when named
        part = [r for r in rows if split_of_key(r["article_id"]) == split]
        if args.verbose:
            print(f"--- {split}")
        print(split, json.dumps(score(part, articles, args.verbose), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
