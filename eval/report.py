"""Evaluation outputs: results.jsonl, summary.json, report.md (tables) and PNG plots.

- `results.jsonl`: one line per (configuration, question) with the answer, citations, retrieved
  article ranking and every per-question metric.
- `summary.json`: the metrics of every configuration, overall and per question type.
- `report.md`: the configurations side by side, per-type tables, and the misses to look at.
- `accuracy_by_type.png`, `retrieval_by_type.png`, `latency_hist.png`.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

OVERALL_ROWS = (
    ("hit@1", "retrieval hit@1", "rate"),
    ("hit@5", "retrieval hit@5", "rate"),
    ("hit@10", "retrieval hit@10", "rate"),
    ("mrr", "retrieval MRR", "rate"),
    ("accuracy", "answer accuracy (answerable)", "rate"),
    ("strict_accuracy", "strict accuracy (text before the first [n])", "rate"),
    ("list_recall", "list item recall", "rate"),
    ("list_precision", "list item precision", "rate"),
    ("list_listed_recall", "list item recall of the itemised lines alone", "rate"),
    ("citation_validity", "citation validity (must be 1.000)", "rate"),
    ("citation_precision", "citation precision", "rate"),
    ("abstention_rate", "abstention on unanswerable (↑)", "rate"),
    ("false_abstention_rate", "false abstention on answerable (↓)", "rate"),
    ("latency_p50", "ask latency p50 (ms)", "ms"),
    ("latency_p95", "ask latency p95 (ms)", "ms"),
    ("retrieve_p50", "retrieve latency p50 (ms)", "ms"),
    ("answer_words", "answer length (words, mean)", "num"),
    ("citations", "citations checked", "int"),
    ("errors", "errors", "int"),
)


def write_outputs(out_dir: str | Path, rows: Sequence[dict], summary: dict) -> Path:
    """Write all four outputs (and the plots) to `out_dir`; returns the folder."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "results.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(_rounded(row), ensure_ascii=False) + "\n")
    plots = write_plots(out, rows, summary)
    summary["plots"] = [p.name for p in plots]
    (out / "summary.json").write_text(json.dumps(_rounded(summary), ensure_ascii=False, indent=2) + "\n",
                                      encoding="utf-8")
    (out / "report.md").write_text(markdown_report(rows, summary), encoding="utf-8")
    return out


# --- formatting ---------------------------------------------------------------------------------
def fmt(value: Any, kind: str = "rate") -> str:
    """A metric for a table cell: rates with 3 decimals, latencies in ms, "–" for not applicable."""
    if value is None:
        return "–"
    if kind == "ms":
        return f"{value * 1000:.0f}"
    if kind == "int":
        return str(int(value))
    if kind == "num":
        return f"{value:.1f}"
    return f"{value:.3f}"


def _table(header: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in row) + " |" for row in body]
    return "\n".join(lines)


def _clip(text: str, width: int = 110) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def markdown_report(rows: Sequence[dict], summary: dict) -> str:
    configs = list(summary["configs"])
    meta, index = summary.get("meta", {}), summary.get("index", {})
    types = list(summary.get("types", {}))
    parts = [f"# Evaluation: {summary.get('name', summary['set'])}", ""]
    parts.append(f"- set: `{summary['set']}` — {summary['questions']} questions ("
                 + ", ".join(f"{t} {n}" for t, n in summary.get("types", {}).items()) + ")")
    if meta.get("command"):
        parts.append(f"- command: `{meta['command']}`")
    parts.append(f"- index: `{index.get('index_dir')}` — {index.get('articles')} articles, {index.get('chunks')} "
                 f"chunks, model {index.get('embedding_model')}"
                 + (f" (ingested in {index['ingest_seconds']} s)" if index.get("ingest_seconds") else ""))
    parts.append(f"- run: {meta.get('started')}, {meta.get('seconds')} s in total "
                 + "(" + ", ".join(f"{c} {summary['configs'][c]['seconds']} s" for c in configs) + ")"
                 + f"; {meta.get('machine')}; git {meta.get('git_commit')}")
    parts.append(f"- retrieval: article-level rank of a gold evidence article in `retrieve(question, k={meta.get('k')})`"
                 "; followups are retrieved with their history joined to the question")
    if summary.get("warnings"):
        parts.append(f"- **{len(summary['warnings'])} set warnings** (see summary.json), e.g. {summary['warnings'][0]}")
    parts += ["", "## Overall", ""]
    body = [[label] + [fmt(summary["configs"][c]["overall"].get(key), kind) for c in configs]
            for key, label, kind in OVERALL_ROWS]
    parts.append(_table(["metric"] + configs, body))

    parts += ["", "## By question type", "",
              "Answer accuracy for answerable types; for `unanswerable`, the abstention rate.", ""]
    body = []
    for t in types:
        cells = [f"{t} ({summary['types'][t]})"]
        for c in configs:
            s = summary["configs"][c]["by_type"][t]
            cells.append(fmt(s["abstention_rate"] if t == "unanswerable" else s["accuracy"]))
        body.append(cells)
    parts.append(_table(["type (n)"] + configs, body))

    parts += ["", "Retrieval hit@5 / MRR:", ""]
    body = [[t] + [f"{fmt(summary['configs'][c]['by_type'][t]['hit@5'])} / {fmt(summary['configs'][c]['by_type'][t]['mrr'])}"
                   for c in configs] for t in types if t != "unanswerable"]
    parts.append(_table(["type"] + configs, body))

    parts += ["", "Citation precision / false abstention / list recall:", ""]
    body = []
    for t in types:
        if t == "unanswerable":
            continue
        cells = [t]
        for c in configs:
            s = summary["configs"][c]["by_type"][t]
            cells.append(f"{fmt(s['citation_precision'])} / {fmt(s['false_abstention_rate'])} / {fmt(s['list_recall'])}")
        body.append(cells)
    parts.append(_table(["type"] + configs, body))

    plots = summary.get("plots") or []
    if plots:
        parts += ["", "## Plots", ""] + [f"![{p}]({p})" for p in plots]

    parts += ["", "## Misses", ""]
    for c in configs:
        config_rows = [r for r in rows if r["config"] == c]
        wrong = [r for r in config_rows if r["answerable"] and not r.get("correct")]
        answered = [r for r in config_rows if not r["answerable"] and not r["abstained"] and not r.get("error")]
        errors = [r for r in config_rows if r.get("error")]
        parts.append(f"### {c}: {len(wrong)} answerable missed, {len(answered)} unanswerable answered, "
                     f"{len(errors)} errors")
        parts.append("")
        if wrong or answered:
            body = [[r["id"], r["type"], _clip(r["question"], 70),
                     _clip(" · ".join(r["answers"]) or "(abstain)", 50),
                     "(error) " + _clip(r["error"], 60) if r.get("error") else
                     ("(abstained)" if r["abstained"] else _clip(r["answer"], 110)),
                     str(r.get("rank") or "–")]
                    for r in (wrong + answered)[:40]]
            parts.append(_table(["id", "type", "question", "expected", "got", "rank"], body))
            if len(wrong) + len(answered) > 40:
                parts.append(f"\n… {len(wrong) + len(answered) - 40} more in results.jsonl")
        parts.append("")
    parts += ["## Metric definitions", "", DEFINITIONS]
    return "\n".join(parts) + "\n"


DEFINITIONS = """\
- **hit@k / MRR**: the gold evidence article's rank among the distinct articles of
  `retrieve(question, k=10)` (a chunk ranking collapsed to articles); over answerable questions.
- **answer accuracy**: the answer did not abstain and one gold answer string occurs in it after
  normalisation (NFC, lower case, modern tone placement, dashes and quotes unified; gold strings
  without diacritics compared tone-folded). A `list` question counts as correct only when every
  item is present. **strict accuracy** looks only at the short answer, the text before the first
  `[n]` marker (for a list question, the list itself: same as accuracy).
- **list recall / precision**: share of gold items present in the answer / share of the answer's
  items (lines, `;` or `,`/`và`-separated parts) that match a gold item.
- **citation validity**: share of citations (and "see also" quotes) whose quote is exactly
  `article.text[start:end]`; must be 1.000.
- **citation precision**: share of an answer's citations that overlap a gold evidence span or
  contain a gold answer; mean over answered answerable questions.
- **abstention rate**: unanswerable questions declined; **false abstention**: answerable declined.
- **latency**: wall time per `ask` / `retrieve` call, after one warm-up call."""


def console_table(summary: dict) -> str:
    """A plain-text table of the headline metrics, configurations side by side."""
    configs = list(summary["configs"])
    keys = [row for row in OVERALL_ROWS if row[0] not in ("citations", "retrieve_p50")]
    width = max(len(label) for _, label, _ in keys)
    lines = [f"{'':<{width}}  " + "  ".join(f"{c:>9}" for c in configs)]
    for key, label, kind in keys:
        lines.append(f"{label:<{width}}  " + "  ".join(
            f"{fmt(summary['configs'][c]['overall'].get(key), kind):>9}" for c in configs))
    return "\n".join(lines)


# --- plots --------------------------------------------------------------------------------------
def write_plots(out: Path, rows: Sequence[dict], summary: dict) -> list[Path]:
    """PNG plots (matplotlib, Agg backend): score by type, retrieval by type, latency histogram."""
    import matplotlib
    import numpy as np

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    configs = list(summary["configs"])
    types = list(summary.get("types", {}))
    paths = []

    def grouped(metric_for, title, ylabel, filename):
        fig, ax = plt.subplots(figsize=(max(6, 1.1 * len(types) + 2), 4))
        width = 0.8 / max(1, len(configs))
        for i, c in enumerate(configs):
            values = [metric_for(c, t) for t in types]
            xs = [j + (i - (len(configs) - 1) / 2) * width for j in range(len(types))]
            ax.bar(xs, [v if v is not None else 0 for v in values], width=width, label=c)
        ax.set_xticks(range(len(types)))
        ax.set_xticklabels([f"{t}\n({summary['types'][t]})" for t in types], fontsize=8)
        ax.set_ylim(0, 1.05)
        ax.set_ylabel(ylabel)
        ax.set_title(title)
        ax.grid(axis="y", alpha=0.3)
        ax.legend(fontsize=8)
        fig.tight_layout()
        path = out / filename
        fig.savefig(path, dpi=110)
        plt.close(fig)
        paths.append(path)

    by_type = lambda c, t: summary["configs"][c]["by_type"][t]  # noqa: E731
    grouped(lambda c, t: by_type(c, t)["abstention_rate"] if t == "unanswerable" else by_type(c, t)["accuracy"],
            "Answer accuracy by type (unanswerable: abstention rate)", "rate", "accuracy_by_type.png")
    grouped(lambda c, t: by_type(c, t)["hit@5"], "Retrieval hit@5 by type", "hit@5", "retrieval_by_type.png")

    fig, ax = plt.subplots(figsize=(7, 4))
    every = [r["latency"] * 1000 for r in rows if r.get("latency")]
    low, high = (min(every), max(every)) if every else (1.0, 10.0)
    log_scale = high / max(low, 1e-3) > 20  # fast and slow configurations side by side
    bins = (np.geomspace(max(low, 1e-3), high * 1.01, 40) if log_scale
            else np.linspace(low, high * 1.01 + 1e-9, 40))
    for c in configs:
        values = [r["latency"] * 1000 for r in rows if r["config"] == c and r.get("latency")]
        if values:
            ax.hist(values, bins=bins, alpha=0.5, label=f"{c} (p50 {fmt(summary['configs'][c]['overall']['latency_p50'], 'ms')} ms, "
                                                      f"p95 {fmt(summary['configs'][c]['overall']['latency_p95'], 'ms')} ms)")
    if log_scale:
        ax.set_xscale("log")
    ax.set_xlabel("ask latency (ms)" + (", log scale" if log_scale else ""))
    ax.set_ylabel("questions")
    ax.set_title("Latency per question")
    ax.legend(fontsize=8)
    fig.tight_layout()
    path = out / "latency_hist.png"
    fig.savefig(path, dpi=110)
    plt.close(fig)
    paths.append(path)
    return paths


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 5)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    return value
