"""Issue [5/5]: a hostile-input sweep against a real `civic serve` on 127.0.0.1, through
`gradio_client` — repeated and oversized ids, terminal escapes, text that is not valid Unicode,
over-long and pathological questions, hostile dates, private URLs and empty texts. Every input
gets a clear answer or error, nothing raises a traceback in the server, nothing hangs (every call
has a deadline), and nothing already in the index is lost or replaced."""
from __future__ import annotations

import json
import subprocess
import time
import unicodedata
from pathlib import Path

import pytest
from conftest import DEMO_ARTICLES
from http_fixtures import free_port, start_civic_serve, stop, wait_for_port

SEED = DEMO_ARTICLES / "000_08d3a0008194d1c7.txt"
SEED_ID = SEED.stem
SEED_QUESTION = "Khối thi đua Nội chính gồm những đơn vị nào?"
ESC_TITLE = "\x1b]0;pwned\x07\x1b[2JLiên đoàn Bóng chuyền\u202e tỉnh tổ chức giải"
ESC_TEXT = ("Liên đoàn Bóng chuyền tỉnh Quảng Trị tổ chức giải bóng chuyền hơi năm 2023 với 24 đội tham gia."
            "\r\x1b[2K\x1b[32m✔ verified\x1b[0m Giải đấu diễn ra trong ba ngày.")
ESC_QUESTION = "Giải bóng chuyền hơi năm 2023 có bao nhiêu đội tham gia?"
NFC_ID = unicodedata.normalize("NFC", "bài-Vĩnh-Phúc")
CALL_SECONDS = 120  # no call may take longer: a hang fails the test


def _jsonl(path: Path, lines: list[object]) -> Path:
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n"
                            for line in lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-server")
    port = free_port()
    log = open(folder / "server.log", "w+", encoding="utf-8", errors="backslashreplace")
    proc = start_civic_serve(folder / "index", port, folder / "uploads", env={"PYTHONUNBUFFERED": "1"},
                             stdout=log, stderr=subprocess.STDOUT)

    def log_tail() -> str:
        log.seek(0)
        return log.read()[-3000:]

    wait_for_port(proc, port, 240, log_tail)
    from gradio_client import Client

    client = Client(f"http://127.0.0.1:{port}", verbose=False, analytics_enabled=False, download_files=False)
    yield client, folder, proc, log
    stop(proc)
    log.close()


def _call(client, *args, api_name: str, **kwargs):
    """The call's result, or the AppError it raised (as the error's message)."""
    from gradio_client.exceptions import AppError

    job = client.submit(*args, api_name=api_name, **kwargs)
    try:
        return job.result(timeout=CALL_SECONDS)
    except AppError as exc:
        return exc
    except TimeoutError:
        pytest.fail(f"{api_name} {str(args)[:200]} did not answer within {CALL_SECONDS} s")


def _raw_call(base: str, api: str, data: list) -> tuple[str, str]:
    """POST /gradio_api/call/API with `data` as ASCII JSON (lone surrogates as \\uXXXX escapes), then
    read the result's server-sent events: (last event name, its data)."""
    import httpx

    body = json.dumps({"data": data}).encode("ascii")
    started = httpx.post(f"{base.rstrip('/')}/gradio_api/call/{api}", content=body,
                         headers={"Content-Type": "application/json"}, timeout=CALL_SECONDS)
    assert started.status_code == 200, started.text[:500]
    event_id = started.json()["event_id"]
    result = httpx.get(f"{base.rstrip('/')}/gradio_api/call/{api}/{event_id}", timeout=CALL_SECONDS)
    events = [line.split(":", 1)[1].strip() for line in result.text.splitlines() if line.startswith("event:")]
    payloads = [line.split(":", 1)[1].strip() for line in result.text.splitlines() if line.startswith("data:")]
    return (events or ["?"])[-1], (payloads or [""])[-1]


def _rows(result) -> dict[str, dict]:
    assert isinstance(result, dict), result
    return {Path(row["input"]).name: row for row in result["rows"]}


@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_a_hostile_sweep_through_the_ui_api_loses_nothing(server, tmp_path):
    from gradio_client import handle_file

    client, folder, proc, log = server
    # what the index holds before the sweep
    before = _rows(_call(client, [handle_file(str(SEED))], "", api_name="/ingest"))
    assert before[SEED.name]["added"] == 1, before
    baseline = _call(client, SEED_QUESTION, api_name="/ask")
    assert not baseline["abstained"] and baseline["citations"][0]["article_id"] == SEED_ID

    # ids: repeated, clashing with the seed, oversized; NFC/NFD; a "file" field; escapes; empty texts
    ids = _jsonl(tmp_path / "ids.jsonl", [
        {"id": SEED_ID, "title": "Ghi đè", "text": "Bài ghi đè bài gốc của tệp văn bản."},
        {"id": "dup", "title": "Một", "text": "Bài thứ nhất mang mã dup."},
        {"id": "dup", "title": "Hai", "text": "Bài thứ hai mang cùng mã dup."},
        '{"id": ' + "9" * 1000 + ', "text": "Mã số nghìn chữ số."}',
        {"id": unicodedata.normalize("NFD", NFC_ID), "title": "NFC", "text": "Bài có mã viết dạng NFD."},
        {"id": NFC_ID, "title": "NFC", "text": "Bài có mã viết dạng NFD."},
        {"id": "esc", "title": ESC_TITLE, "source": "Báo \x1b[31mĐỏ", "date": "2023-05-05", "text": ESC_TEXT},
        {"id": "rong-1", "text": "\u200b\u200c\u200d\ufeff"},
        {"id": "rong-2", "text": "… — !!! ??? «» “”"},
        {"id": "rong-3", "text": "\u0301\u0300\u0303\u0309\u0323"},
        {"id": "file-field", "text": "Bài khai nguồn là tệp hệ thống.", "file": "/etc/passwd"},
    ])
    for attempt in range(2):  # uploaded again unchanged: nothing changes
        row = _rows(_call(client, [handle_file(str(ids))], "", api_name="/ingest"))["ids.jsonl"]
        expected = (4, 0, 1, 6) if attempt == 0 else (0, 0, 5, 6)
        assert (row["added"], row["updated"], row["unchanged"], row["errors"]) == expected, row
        note = row["note"]
        assert f"upload:{SEED.name}" in note and "upload:ids.jsonl:2" in note and "upload:ids.jsonl:3" in note, note
    # private URLs
    urls = ["http://127.0.0.1:9/", f"http://localhost:{free_port()}/", "http://[::1]/", "http://169.254.169.254/latest/",
            "http://0.0.0.0/", "http://2130706433/", "http://10.0.0.1/", "file:///etc/passwd", "javascript:alert(1)"]
    rows = _call(client, None, "\n".join(urls), api_name="/ingest")["rows"]
    assert [r["input"] for r in rows] == [u for u in urls if u.startswith("http")] + urls[-2:]
    for r in rows:
        assert r["added"] == 0 and r["errors"] == 1, r
        if r["input"].startswith("http"):
            assert "refused" in r["note"] and "not a public address" in r["note"], r

    # questions: escapes answered (stored text exact), bad text, too long, pathological, hostile filters
    answer = _call(client, ESC_QUESTION, api_name="/ask")
    assert answer["citations"] and answer["citations"][0]["title"] == ESC_TITLE
    # text that is not valid Unicode: gradio_client cannot even send it, a raw HTTP client can
    for data in (["Khối thi đua \udcff nào?", None, None, None, None], ["Ai ký?", ["trước \ud800"], None, None, None],
                 [SEED_QUESTION, None, ["B\udce1o"], None, None], [SEED_QUESTION, None, None, "2021\udcff", None]):
        for api in ("chat", "ask"):
            event, payload = _raw_call(client.src, api, data)
            assert event == "error" and "Traceback" not in payload and len(payload) < 400, (api, data, event, payload)
    errors = {
        "too long": (("a" * 2001,), {}),
        "too long history": (("Ai ký?",), {"history": ["b" * 2001]}),
        "SQL date": ((SEED_QUESTION,), {"date_from": "2021-01-01'; DROP TABLE x;--"}),
        "basic ISO date": ((SEED_QUESTION,), {"date_from": "20230101"}),
        "week date": ((SEED_QUESTION,), {"date_to": "2023-W01-1"}),
        "bad time": ((SEED_QUESTION,), {"date_to": "2023-05-05T99:99"}),
        "empty": (("   ",), {}),
        "not text": ((12345,), {}),
    }
    for name, (args, kwargs) in errors.items():
        for api in ("/chat", "/ask"):
            result = _call(client, *args, api_name=api, **kwargs)
            assert isinstance(result, Exception), (name, api, str(result)[:200])
            message = str(result)
            assert message and "Traceback" not in message and len(message) < 300, (name, message)
    assert "quá dài" in str(_call(client, "a" * 2001, api_name="/chat"))
    assert "Ngày không hợp lệ" in str(_call(client, SEED_QUESTION, date_from="20230101", api_name="/chat"))
    for question in (("còn a" + " " * 2000)[:1999] + "x", "1" * 2000, ("gồm " * 500)[:2000], "A" * 2000):
        started = time.time()
        result = _call(client, question, history=[question], api_name="/ask")
        assert isinstance(result, dict) and time.time() - started < 60, (question[:20], str(result)[:200])
    ok = _call(client, SEED_QUESTION, date_from="15/03/2021", date_to="2021", api_name="/ask")
    assert isinstance(ok, dict)

    # nothing lost: the same cited answer; no traceback in the server's output; still serving
    after = _call(client, SEED_QUESTION, api_name="/ask")
    assert after["answer"] == baseline["answer"] and after["citations"] == baseline["citations"]
    assert proc.poll() is None
    log.flush()
    log.seek(0)
    output = log.read()
    assert "Traceback" not in output, output[-4000:]
    proc.terminate()
    proc.wait(timeout=60)

    from assistant import Assistant

    index = Assistant(folder / "index")
    stored = {a.id: a for a in index.catalog.articles()}
    assert set(stored) == {SEED_ID, "dup", NFC_ID, "esc", "file-field"}
    assert stored[SEED_ID].text == SEED_TEXT_AFTER_READ() and stored["dup"].title == "Một"
    assert stored["esc"].title == ESC_TITLE and stored["esc"].text == ESC_TEXT
    assert stored["file-field"].metadata["file"] == "upload:ids.jsonl"
    assert stored["file-field"].metadata["record_file"] == "/etc/passwd"
    assert index.stats()["vectors"] == index.stats()["chunks"]


def SEED_TEXT_AFTER_READ() -> str:  # noqa: N802 - the seed's text as the reader stores it
    from corpus.readers import read_inputs

    return next(iter(read_inputs([SEED]))).text
