"""Issue [5/5], defects 3, 4 and the CLI side of 5 and 8, run as a user runs `civic`.

3. Titles, sources, quotes and ids are printed with terminal escapes, bidi overrides and other
   control characters made visible (`\\x1b`), by `civic search`, `ask`, `chat`, `stats`, the
   record tables and the JSON outputs; the stored text is unchanged.
4. A question, `--source` or chat line holding bytes that are not UTF-8 is refused with one line
   and exit 2 (chat: the line is refused, the chat goes on) — the same check through the API.
5. A question over the cap: exit 2 with the limit in the message.
8. `--date-from 15/03/2022` works; SQL-looking and other non-dates are refused with exit 2.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import DEMO_ARTICLES, ROOT

from assistant import Assistant
from assistant.terminal import for_terminal, json_for_terminal

SEED = DEMO_ARTICLES / "000_08d3a0008194d1c7.txt"
ESC_TITLE = "\x1b]0;pwned\x07\x1b[2JHội nghị Ban Chấp hành Liên đoàn Bóng chuyền\u202e tỉnh"
ESC_SOURCE = "Báo \x1b[31mĐỏ\x1b[0m\x9b2J"
ESC_TEXT = ("Liên đoàn Bóng chuyền tỉnh Quảng Trị tổ chức giải bóng chuyền hơi năm 2023 với 24 đội tham gia."
            "\r\x1b[2K\x1b[32m✔ verified by the Ministry\x1b[0m\u202e\u2066 Giải đấu diễn ra trong ba ngày.")
QUESTION = "Giải bóng chuyền hơi năm 2023 có bao nhiêu đội tham gia?"
OBEYED = ["\x1b", "\x07", "\x9b", "\r", "\u202e", "\u2066", "\x08"]


@pytest.fixture(scope="module")
def esc_index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("esc")
    src = folder / "thoat.jsonl"
    src.write_text(json.dumps({"id": "esc-\x1b[1m1", "title": ESC_TITLE, "source": ESC_SOURCE, "date": "2023-05-05",
                               "text": ESC_TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    assistant = Assistant(folder / "idx")
    assert assistant.ingest([SEED, src]).ok
    return assistant


def civic(*args, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "COLUMNS": "300", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], input=stdin, capture_output=True,
                          cwd=ROOT, env=env, timeout=300)


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _clean(output: bytes, where: str) -> str:
    text = output.decode("utf-8")
    for ch in OBEYED:
        assert ch not in text, f"{where}: {ch!r} printed raw"
    return text


def test_for_terminal_shows_controls_and_keeps_the_rest():
    assert for_terminal("a\tb\nc\x1b[2J\x07\r\x9b\u202e\u2067đ ✔ \udcff") == "a\tb\nc\\x1b[2J\\x07\\x0d\\x9b\\u202e\\u2067đ ✔ \\udcff"
    value = {"t": ESC_TITLE, "s": "\udcff\u2028"}
    assert json.loads(json_for_terminal(value)) == value  # the JSON still says exactly the stored text
    assert not any(ch in json_for_terminal(value) for ch in OBEYED + ["\u2028"])


def test_search_ask_chat_stats_and_tables_print_escapes_visibly(esc_index):
    index = str(esc_index.index_dir)
    article = esc_index.article("esc-\x1b[1m1")
    assert article.title == ESC_TITLE and article.source == ESC_SOURCE and article.text == ESC_TEXT  # stored as read
    search = civic("search", "giải bóng chuyền hơi", "--index", index)
    shown = _clean(search.stdout, "civic search")
    assert search.returncode == 0 and "\\x1b]0;pwned\\x07\\x1b[2J" in shown and "esc-\\x1b[1m1" in shown
    ask = civic("ask", QUESTION, "--index", index)
    shown = _clean(ask.stdout, "civic ask")
    assert ask.returncode == 0 and "\\x1b]0;pwned" in shown and "Báo \\x1b[31mĐỏ" in shown, shown
    chat = civic("chat", "--index", index, stdin=f"{QUESTION}\nthoát\n".encode())
    shown = _clean(chat.stdout, "civic chat")
    assert chat.returncode == 0 and "\\x1b]0;pwned" in shown
    stats = civic("stats", "--index", index)
    assert stats.returncode == 0 and "Báo \\x1b[31mĐỏ\\x1b[0m\\x9b2J" in _clean(stats.stdout, "civic stats")
    for command in (["stats", "--json"], ["search", "giải bóng chuyền hơi", "--json"], ["ask", QUESTION, "--json"]):
        result = civic(*command, "--index", index)
        assert result.returncode == 0, result.stderr[-500:]
        data = json.loads(_clean(result.stdout, f"civic {command[0]} --json"))
        assert ESC_SOURCE in _strings(data), "JSON output decodes to exactly the stored text"


def test_ingest_summary_and_record_tables_print_escapes_visibly(esc_index, tmp_path):
    bad = tmp_path / "x\x1b[2J\u202e.jsonl"
    bad.write_text('{"id": "\x1b]0;t\x07", "text": ""}\n', encoding="utf-8")
    result = civic("ingest", str(bad), "--index", str(esc_index.index_dir))
    assert result.returncode == 1 and "Kết quả nạp dữ liệu" in _clean(result.stdout, "civic ingest")
    for command in ("pacts", "participants", "themes"):
        result = civic(command, "--index", str(esc_index.index_dir))
        assert result.returncode == 0, result.stderr[-500:]
        _clean(result.stdout, f"civic {command}")


NOT_UTF8 = "Khối thi đua".encode() + b" \xff\xfe n\xe0o?"


def test_bytes_that_are_not_utf8_get_one_line_and_exit_2(esc_index):
    index = str(esc_index.index_dir)
    for args in (["ask", NOT_UTF8], ["ask", NOT_UTF8, "--json"], ["search", NOT_UTF8],
                 ["ask", QUESTION, "--source", b"B\xe1o"], ["search", "giải", "--source", b"\xff"],
                 ["pacts", "--query", b"\xc3"]):
        result = civic(*args, "--index", index)
        error = result.stderr.decode("utf-8", "replace").strip()
        assert result.returncode == 2, (args, result.returncode, error[-1500:])
        assert "Traceback" not in error and len(error.splitlines()) == 1 and "not UTF-8" in error, (args, error)
    chat = civic("chat", "--index", index, stdin=NOT_UTF8 + b"\n" + QUESTION.encode() + b"\nthoat\n")
    shown = _clean(chat.stdout, "civic chat")
    assert chat.returncode == 0 and b"Traceback" not in chat.stderr, chat.stderr[-1500:]
    assert "not UTF-8" in shown and "Nguồn" in shown  # the bad line refused, the next one answered


def test_the_api_refuses_text_that_is_not_valid_unicode(demo_index):
    for call in (lambda: demo_index.ask("Khối thi đua \udcff nào?"), lambda: demo_index.ask_stream("\ud800"),
                 lambda: demo_index.retrieve("thi đua \udcc3"), lambda: demo_index.evidence("Ai \udfff ký?"),
                 lambda: demo_index.ask("Ai ký?", history=["trước \udcff"]),
                 lambda: demo_index.ask("Ai ký?", filters={"source": "B\udce1o"}),
                 lambda: demo_index.retrieve("thi đua", filters={"source": ["ok", "\ud800"]}),
                 lambda: demo_index.themes(query="\udcff")):
        with pytest.raises(ValueError, match="not UTF-8"):
            call()
    assert demo_index.article("\udcff") is None
    for bad in (None, 42, ["câu hỏi"], b"bytes"):
        with pytest.raises(ValueError, match="must be text"):
            demo_index.ask(bad)


def test_cli_dates_and_the_question_cap(esc_index):
    index = str(esc_index.index_dir)
    ok = civic("ask", QUESTION, "--date-from", "15/03/2022", "--date-to", "31/12/2023", "--index", index, "--json")
    assert ok.returncode == 0, ok.stderr[-1500:]
    answer = json.loads(ok.stdout)
    assert answer["citations"] and all("2022-03-15" <= c["date"] <= "2023-12-31" for c in answer["citations"])
    for bad in ("2021-01-01'; DROP TABLE x;--", "20230101", "2023-W01-1", "2023-05-05T99:99"):
        result = civic("ask", QUESTION, "--date-from", bad, "--index", index)
        error = result.stderr.decode().strip()
        assert result.returncode == 2 and len(error.splitlines()) == 1, (bad, error[-1000:])
        assert "date_from" in error and "YYYY-MM-DD or DD/MM/YYYY" in error, error
    long = civic("ask", "a" * 2001, "--index", index)
    error = long.stderr.decode().strip()
    assert long.returncode == 2 and error == "error: the question is too long (2,001 characters; the limit is 2,000)"
