"""The `civic` command, run as a user would run it."""
import json
import os
import subprocess
import sys

from conftest import DEMO_ARTICLES, ROOT

SEED = DEMO_ARTICLES / "000_08d3a0008194d1c7.txt"


def civic(*args, check=True):
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    result = subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True,
                            cwd=ROOT, env=env, timeout=300)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_ingest_stats_search_ask(tmp_path):
    index = str(tmp_path / "idx")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Sở Tư pháp tổ chức hội nghị."}\nnot json\n', encoding="utf-8")
    result = civic("ingest", str(SEED), str(bad), "--index", index, check=False)
    assert result.returncode == 1, "an error in the input makes ingest exit non-zero"
    assert f"{bad}:2" in result.stdout and "invalid JSON" in result.stdout
    assert "Thêm" in result.stdout  # the summary table
    stats = json.loads(civic("stats", "--index", index, "--json").stdout)
    assert stats["articles"] == 2 and stats["chunks"] >= 2
    assert stats["embedding_model"] == "multilingual-e5-small"
    again = json.loads(civic("ingest", str(SEED), "--index", index, "--json").stdout)
    assert again["articles_added"] == 0 and again["articles_unchanged"] == 1
    hits = json.loads(civic("search", "khoi thi dua noi chinh", "--index", index, "--json").stdout)
    assert hits[0]["article_id"] == SEED.stem and {"chunk_id", "start", "end", "score", "text"} <= set(hits[0])
    answer = json.loads(civic("ask", "Khối thi đua Nội chính gồm những đơn vị nào?", "--index", index, "--json").stdout)
    assert not answer["abstained"] and answer["citations"]
    assert "Công an tỉnh" in answer["answer"]


def test_model_mismatch_exits_with_a_rebuild_message(tmp_path):
    index = str(tmp_path / "idx")
    civic("ingest", str(SEED), "--index", index, "--embedding-model", "all-MiniLM-L6-v2")
    result = civic("stats", "--index", index, check=False)
    assert result.returncode == 2 and "rebuild" in result.stderr


def test_asking_an_empty_index_says_so(tmp_path):
    """Every question of an index without articles is refused; the command says why on stderr (the
    answer itself stays the refusal, so scripts reading stdout see what they always saw)."""
    index = str(tmp_path / "empty")
    result = civic("ask", "Ai ký giao ước thi đua?", "--index", index)
    assert "chưa có bài viết nào" in result.stderr and "civic ingest" in result.stderr
    assert "Không tìm thấy" in result.stdout
    assert "chưa có bài viết nào" in civic("search", "giao ước", "--index", index).stderr
    civic("ingest", str(SEED), "--index", index)
    assert "chưa có bài viết nào" not in civic("ask", "Ai ký giao ước thi đua?", "--index", index).stderr
