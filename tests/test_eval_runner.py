"""The evaluation runner end to end on a few demo questions, plus its configuration, skipping and
XQuAD loading (the last ones need no model)."""
from __future__ import annotations

import json

import pytest
from conftest import ROOT

from eval import metrics
from eval.cli import main
from eval.runner import parse_config, run_eval
from eval.xquad import is_xquad, load_xquad, write_articles

DEMO_SET = ROOT / "eval" / "sets" / "demo.jsonl"


def test_small_run_writes_all_outputs(demo_index, tmp_path):
    out = tmp_path / "out"
    summary = run_eval(DEMO_SET, demo_index.index_dir, out, configs=["hybrid", "bm25"], limit=6, progress=False)

    for name in ("results.jsonl", "summary.json", "report.md", "accuracy_by_type.png", "latency_hist.png"):
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    assert (out / "accuracy_by_type.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    rows = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 12 and {r["config"] for r in rows} == {"hybrid", "bm25"}
    for row in rows:
        assert {"id", "question", "answer", "abstained", "citations", "rank", "latency", "correct"} <= set(row)
        assert row["error"] is None, row["error"]

    on_disk = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert on_disk["questions"] == summary["questions"] == 6
    for name in ("hybrid", "bm25"):
        overall = on_disk["configs"][name]["overall"]
        assert set(metrics.SUMMARY_KEYS) <= set(overall)
        assert overall["citation_validity"] == 1.0
        assert overall["citations"] > 0
        assert 0.0 <= overall["mrr"] <= 1.0 and overall["latency_p50"] > 0
        assert set(on_disk["configs"][name]["by_type"]) == set(on_disk["types"])
    assert not on_disk["warnings"]

    report = (out / "report.md").read_text(encoding="utf-8")
    assert "| metric | hybrid | bm25 |" in report and "citation validity" in report


def test_parse_config():
    name, kwargs = parse_config("bm25")
    assert name == "bm25" and kwargs["retrieval_mode"] == "bm25"
    assert kwargs.get("answerer", "extractive") == "extractive"  # retrieval configs stay extractive
    assert parse_config("mine:retrieval_mode=dense") == ("mine", {"retrieval_mode": "dense"})
    assert parse_config("hybrid:answerer=extractive")[1]["retrieval_mode"] == "hybrid"  # overrides on a known config
    with pytest.raises(ValueError, match="unknown config 'bm52'"):
        parse_config("bm52")
    with pytest.raises(ValueError, match="does not accept temperature"):
        parse_config("x:temperature=0.2")


def test_main_rejects_bad_config(capsys):
    assert main([str(DEMO_SET), "--config", "nope"]) == 2
    assert "unknown config" in capsys.readouterr().err


def test_a_config_that_cannot_open_fails_before_any_work(demo_index, tmp_path, monkeypatch, capsys):
    for var in ("CIVIC_LLM_PROVIDER", "CIVIC_LLM_MODEL", "CIVIC_LLM_BASE_URL"):
        monkeypatch.delenv(var, raising=False)
    name, kwargs = parse_config("llm")
    if kwargs.get("answerer") != "llm":
        pytest.skip("this Assistant has no LLM answerer")
    out = tmp_path / "out"
    code = main([str(DEMO_SET), "--index", str(demo_index.index_dir), "--out", str(out),
                 "--config", "bm25", "--config", "llm", "--limit", "2", "--no-progress"])
    assert code == 2
    assert "config 'llm'" in capsys.readouterr().err
    assert not out.exists()


def test_set_with_absent_corpus_is_skipped(tmp_path, monkeypatch, capsys):
    import eval.sets

    set_file = tmp_path / "civic_news.jsonl"
    set_file.write_text(DEMO_SET.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    monkeypatch.setitem(eval.sets.DEFAULT_CORPORA, "civic_news", tmp_path / "absent" / "articles.jsonl")
    assert main([str(set_file), "--out", str(tmp_path / "out")]) == 0
    assert "skipped" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_bad_set_is_an_error_naming_the_line(tmp_path, capsys):
    set_file = tmp_path / "mine.jsonl"
    set_file.write_text('{"id": "a", "question": "?", "type": "factoid", "answers": []}\n', encoding="utf-8")
    assert main([str(set_file), "--index", str(tmp_path / "idx")]) == 2
    assert f"{set_file}:1: an answerable question needs" in capsys.readouterr().err


def test_xquad_loader(tmp_path):
    folder = tmp_path / "vi_qa"
    folder.mkdir()
    (folder / "passages.jsonl").write_text(json.dumps(
        {"id": "xquad-vi-00-00", "title": "Super_Bowl_50", "text": "Đội thủ chỉ thua 308 điểm."},
        ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / "questions.jsonl").write_text(json.dumps(
        {"id": "q1", "question": "Thua bao nhiêu điểm?", "answers": ["308"], "answer_starts": [17],
         "passage_id": "xquad-vi-00-00"}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert is_xquad(folder) and is_xquad("xquad") and not is_xquad(DEMO_SET)
    questions, passages = load_xquad(folder)
    assert questions[0].type == "factoid" and questions[0].answers == ("308",)
    assert questions[0].evidence[0].article_id == "xquad-vi-00-00"
    article = json.loads(write_articles(passages, tmp_path / "a.jsonl").read_text(encoding="utf-8"))
    assert article == {"id": "xquad-vi-00-00", "title": "Super Bowl 50", "text": "Đội thủ chỉ thua 308 điểm."}
    with pytest.raises(FileNotFoundError, match="XQuAD-vi data not found"):
        load_xquad(tmp_path / "nothing")


def test_a_run_of_one_split_holds_only_its_questions(demo_index, tmp_path):
    from eval import splits
    from eval.sets import load_questions

    summary = run_eval(DEMO_SET, demo_index.index_dir, tmp_path / "dev", split="dev", limit=4, progress=False)
    dev_ids = {q.id for q in splits.select(load_questions(DEMO_SET), "dev")}
    rows = [json.loads(line) for line in (tmp_path / "dev" / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert summary["split"] == "dev" and rows and {r["id"] for r in rows} <= dev_ids
    with pytest.raises(SystemExit):
        main([str(DEMO_SET), "--split", "sealed"])  # argparse names the choices
